"""CLI commands for channels (Telegram, WhatsApp)."""

from __future__ import annotations

import click

from bot.settings import Settings
from channels.cli.runtime import run
from channels.telegram import TelegramClients
from channels.telegram import setup as telegram_setup
from channels.whatsapp import setup as whatsapp_setup


@click.group("channel")
def channel_group() -> None:
    """Connect bots to Telegram and WhatsApp."""


@channel_group.group("add")
def channel_add() -> None:
    """Add (or replace) a bot's channel; secrets are stored encrypted."""


@channel_add.command("telegram")
@click.option("--bot", "slug", required=True, help="The bot's slug.")
@click.option("--token", required=True, help="The bot token from @BotFather.")
def add_telegram(slug: str, token: str) -> None:
    """Check the token with getMe and store it with a fresh webhook secret."""

    async def go(settings: Settings) -> str:
        clients = TelegramClients(settings.telegram)
        try:
            channel = await telegram_setup.add_channel(slug, token, clients)
        finally:
            await clients.close()
        return (
            f"telegram channel {channel.channel_name} added to {slug}; next: "
            f"`parley telegram set-webhook --bot {slug}` (or serve with --telegram-polling)"
        )

    click.echo(run(go))


@channel_add.command("whatsapp")
@click.option("--bot", "slug", required=True, help="The bot's slug.")
@click.option("--account-sid", required=True, help="Twilio Account SID (AC...).")
@click.option("--auth-token", required=True, help="Twilio auth token.")
@click.option("--from", "sender", required=True, help="Sender, e.g. whatsapp:+14155238886.")
def add_whatsapp(slug: str, account_sid: str, auth_token: str, sender: str) -> None:
    """Store the Twilio account and WhatsApp sender; point Twilio's webhook at the URL printed."""

    async def go(settings: Settings) -> str:
        await whatsapp_setup.add_channel(
            slug, account_sid=account_sid, auth_token=auth_token, sender=sender
        )
        return (
            f"whatsapp channel {sender} added to {slug}; set Twilio's incoming-message webhook "
            f"to {settings.public_url}/whatsapp/{slug}/webhook"
        )

    click.echo(run(go))


@click.group("telegram")
def telegram_group() -> None:
    """Telegram-specific operations."""


@telegram_group.command("set-webhook")
@click.option("--bot", "slug", required=True, help="The bot's slug.")
def set_webhook(slug: str) -> None:
    """Register {public_url}/telegram/SLUG/webhook with Telegram, with the secret token."""

    async def go(settings: Settings) -> str:
        clients = TelegramClients(settings.telegram)
        try:
            url = await telegram_setup.set_webhook(
                slug, public_url=settings.public_url, clients=clients
            )
        finally:
            await clients.close()
        return f"webhook set: {url}"

    click.echo(run(go))


COMMANDS: list[click.Command] = [channel_group, telegram_group]
