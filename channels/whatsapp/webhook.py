"""`POST /whatsapp/{bot_slug}/webhook` and `/status`: verify Twilio's signature, parse, ack."""

from __future__ import annotations

import logging
from dataclasses import replace

from aiohttp import web
from twilio.request_validator import RequestValidator

from bot.clock import Clock
from bot.messages import InboundMessage, OutboundMessage
from bot.outbox import outbox_for_external_id, record_delivery, release_held
from channels.base import AfterTurn, Endpoint, Inbox, account_for, webhook_endpoint
from channels.http_errors import error_response
from channels.whatsapp.parse import StatusReport, parse_inbound, parse_status
from channels.whatsapp.render import choice_payload
from models import ChannelAccount, ChannelType, OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)
SIGNATURE_HEADER = "X-Twilio-Signature"
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>'
INBOUND_PATH = "/whatsapp/{bot_slug}/webhook"
STATUS_PATH = "/whatsapp/{bot_slug}/status"
Verified = tuple[Endpoint, dict[str, str]]


def twiml() -> web.Response:
    """Replies go out through the REST API, so Twilio never waits on (or retries for) an answer."""
    return web.Response(text=EMPTY_TWIML, content_type="text/xml")


class WhatsAppWebhooks:
    """Both Twilio webhooks of every WhatsApp bot."""

    def __init__(self, *, inbox: Inbox, clock: Clock, public_url: str) -> None:
        self.inbox = inbox
        self.clock = clock
        self.public_url = public_url.rstrip("/")

    async def inbound(self, request: web.Request) -> web.Response:
        verified = await self._verified(request)
        if isinstance(verified, web.Response):
            return verified
        endpoint, form = verified
        inbound = parse_inbound(form, bot=endpoint.bot.slug)
        if inbound is None:
            message = "not a WhatsApp message (MessageSid and From are required)"
            return error_response(400, message, code="invalid_message")
        inbound = await self._resolve_choice(endpoint, inbound)
        after = self._reopen_window(endpoint, inbound)
        await self.inbox.dispatch(inbound, bot_id=endpoint.bot.id, after=after)
        return twiml()

    async def status(self, request: web.Request) -> web.Response:
        verified = await self._verified(request)
        if isinstance(verified, web.Response):
            return verified
        endpoint, form = verified
        report = parse_status(form)
        if report is None:
            message = "not a status callback (MessageSid and MessageStatus needed)"
            return error_response(400, message, code="invalid_status_report")
        await self._apply(endpoint, report)
        return twiml()

    async def _verified(self, request: web.Request) -> Verified | web.Response:
        endpoint = await webhook_endpoint(request.match_info["bot_slug"], ChannelType.WHATSAPP)
        if isinstance(endpoint, web.Response):
            return endpoint
        secret = endpoint.channel.secret or ""  # webhook_endpoint checked it is set
        form = {k: v for k, v in (await request.post()).items() if isinstance(v, str)}
        url = self.public_url + str(request.rel_url)  # the URL Twilio signed, not our bind address
        signature = request.headers.get(SIGNATURE_HEADER, "")
        if not RequestValidator(secret).validate(url, form, signature):
            return error_response(403, f"invalid {SIGNATURE_HEADER}", code="bad_signature")
        return endpoint, form

    async def _resolve_choice(self, endpoint: Endpoint, inbound: InboundMessage) -> InboundMessage:
        """A typed '2' answering numbered options becomes that option's payload."""
        if inbound.payload or not inbound.text.strip().rstrip(".)").isdigit():
            return inbound
        account = await account_for(endpoint.bot, ChannelType.WHATSAPP, inbound.external_user_id)
        if account is None:
            return inbound
        last = await (
            OutboxMessage.filter(channel_account_id=account.id, status=OutboxStatus.SENT)
            .order_by("-sent_at", "-created_at")
            .first()
        )
        buttons = OutboundMessage.from_json(last.payload).buttons if last else ()
        payload = choice_payload(inbound.text, buttons)
        if payload is None:
            return inbound
        return replace(
            inbound, text="", payload=payload, metadata={**inbound.metadata, "typed": inbound.text}
        )

    def _reopen_window(self, endpoint: Endpoint, inbound: InboundMessage) -> AfterTurn:
        """After the engine stored the message (window reopened), release held messages."""

        async def reopen() -> None:
            account = await account_for(
                endpoint.bot, ChannelType.WHATSAPP, inbound.external_user_id
            )
            if account is not None:
                await release_held(account, now=self.clock.now())

        return reopen

    async def _apply(self, endpoint: Endpoint, report: StatusReport) -> None:
        now = self.clock.now()
        await record_delivery(
            bot_id=endpoint.bot.id,
            external_message_id=report.external_message_id,
            status=report.status,
            at=now,
            error_code=report.error_code,
            error_message=report.error_message,
        )
        if report.window_closed:
            row = await outbox_for_external_id(endpoint.bot.id, report.external_message_id)
            if row is not None:
                await ChannelAccount.filter(id=row.channel_account_id).update(window_closed_at=now)


def add_routes(app: web.Application, webhooks: WhatsAppWebhooks) -> None:
    app.router.add_post(INBOUND_PATH, webhooks.inbound)
    app.router.add_post(STATUS_PATH, webhooks.status)
