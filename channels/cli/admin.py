"""CLI commands for creators, bots, API keys, the demo and the server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import click
from aiohttp import web

from bot import accounts, people
from bot.auth import issue_api_key, parse_scopes
from bot.errors import InvalidInput
from bot.settings import Settings
from channels.cli.runtime import configure_logging, run, settings_or_exit


@click.group("creator")
def creator_group() -> None:
    """Manage creator accounts."""


@creator_group.command("create")
@click.option("--email", required=True)
@click.option("--password", required=True, help="At least 8 characters.")
@click.option("--first-name", default="")
@click.option("--last-name", default="")
def creator_create(email: str, password: str, first_name: str, last_name: str) -> None:
    """Create a creator account."""

    async def go(_: Settings) -> str:
        creator = await accounts.create_creator(
            email, password, first_name=first_name, last_name=last_name
        )
        return f"created creator {creator.email} ({creator.id})"

    click.echo(run(go))


@creator_group.command("set-password")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the new password from standard input.")
def creator_set_password(email: str, password_stdin: bool) -> None:
    """Set a studio login's password (for someone locked out; no mail server needed).

    Ends every session of that login and clears its failed sign-in count.
    """
    if password_stdin:
        password = click.get_text_stream("stdin").readline().rstrip("\r\n")
    else:
        password = click.prompt("New password", hide_input=True, confirmation_prompt=True)

    async def go(_: Settings) -> str:
        person = await people.set_password(email, password, now=datetime.now(UTC))
        return f"password changed for {person.email}; their sessions were signed out"

    click.echo(run(go))


@click.group("bot")
def bot_group() -> None:
    """Manage bots."""


@bot_group.command("create")
@click.option("--creator", "creator_email", required=True, help="The owner's email.")
@click.option("--slug", required=True, help="Public name in URLs, e.g. my-coach.")
@click.option("--name", required=True)
@click.option("--publish", is_flag=True, help="Publish right away.")
def bot_create(creator_email: str, slug: str, name: str, publish: bool) -> None:
    """Create a bot for a creator."""

    async def go(_: Settings) -> str:
        creator = await accounts.get_creator(creator_email)
        bot = await accounts.create_bot(creator, slug, name)
        if publish:
            await accounts.publish_bot(bot)
        return f"created bot {bot.slug} ({bot.id}); widget key {bot.public_key}"

    click.echo(run(go))


@bot_group.command("publish")
@click.option("--creator", "creator_email", required=True)
@click.option("--slug", required=True)
def bot_publish(creator_email: str, slug: str) -> None:
    """Publish a bot: freeze its persona as a new version."""

    async def go(_: Settings) -> str:
        creator = await accounts.get_creator(creator_email)
        version = await accounts.publish_bot(await accounts.get_bot(creator.id, slug))
        return f"published {slug} version {version.version}"

    click.echo(run(go))


@click.group("apikey")
def apikey_group() -> None:
    """Manage creator API keys."""


@apikey_group.command("create")
@click.option("--creator", "creator_email", required=True)
@click.option("--scopes", default="read,write", show_default=True, help="read, write, admin.")
@click.option("--name", default="")
@click.option("--expires-days", type=click.IntRange(min=1), default=None)
def apikey_create(creator_email: str, scopes: str, name: str, expires_days: int | None) -> None:
    """Create an API key; it is printed once and only its hash is kept."""
    try:
        scope_list = parse_scopes(scopes)
    except InvalidInput as exc:
        raise click.ClickException(str(exc)) from None
    expires = datetime.now(UTC) + timedelta(days=expires_days) if expires_days else None

    async def go(_: Settings) -> str:
        creator = await accounts.get_creator(creator_email)
        issued = await issue_api_key(creator, scope_list, name=name, expires_at=expires)
        return issued.token

    token = run(go)
    click.echo(token)
    click.echo("Store this key now: it cannot be shown again.", err=True)


@click.command("demo")
def demo() -> None:
    """Seed the demo creator and published demo bot (safe to run again)."""

    from bot.demo import load_demo_knowledge, seed_demo  # heavy (Chroma): only when used
    from bot.rag.service import KnowledgeService

    async def go(settings: Settings) -> list[str]:
        seed = await seed_demo()
        indexed = await load_demo_knowledge(KnowledgeService(settings), seed)
        lines = [
            f"demo bot '{seed.bot.slug}' is published; widget key {seed.bot.public_key}",
            f"demo knowledge: {indexed} guide page(s) indexed",
        ]
        if seed.password:
            lines.append(f"demo creator {seed.creator.email} password: {seed.password}")
        return lines

    for line in run(go):
        click.echo(line)


@click.command("serve")
@click.option("--host", default=None, help="Overrides PARLEY_HOST.")
@click.option("--port", type=int, default=None, help="Overrides PARLEY_PORT.")
@click.option(
    "--telegram-polling", is_flag=True, help="Fetch Telegram updates by long polling (no webhook)."
)
def serve(host: str | None, port: int | None, telegram_polling: bool) -> None:
    """Run the HTTP server (widget, webhooks, creator API)."""
    from channels.access_log import ACCESS_LOG
    from channels.app import served_app  # heavy (Chroma, aiogram): only when serving

    settings = settings_or_exit()
    configure_logging(settings)
    host, port = host or settings.host, port or settings.port
    click.echo(f"Parley serving on http://{host}:{port}")
    app = served_app(settings, telegram_polling=telegram_polling)
    web.run_app(app, host=host, port=port, print=None, **ACCESS_LOG)


COMMANDS: list[click.Command] = [creator_group, bot_group, apikey_group, demo, serve]
