"""Twilio WhatsApp webhooks -> our types: pure functions over the posted form fields."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.messages import Attachment, ChannelName, InboundMessage
from models import DeliveryStatus

PREFIX = "whatsapp:"
WINDOW_CLOSED_CODES = frozenset({"63016"})  # freeform message outside the 24-hour window
STATUSES = {
    "accepted": DeliveryStatus.QUEUED,
    "queued": DeliveryStatus.QUEUED,
    "sending": DeliveryStatus.QUEUED,
    "sent": DeliveryStatus.SENT,
    "delivered": DeliveryStatus.DELIVERED,
    "read": DeliveryStatus.READ,
    "failed": DeliveryStatus.FAILED,
    "undelivered": DeliveryStatus.FAILED,
}
Form = Mapping[str, str]


@dataclass(frozen=True)
class StatusReport:
    """One status callback: which message, what happened, and Twilio's error if any."""

    external_message_id: str
    status: DeliveryStatus
    error_code: str | None = None
    error_message: str | None = None

    @property
    def window_closed(self) -> bool:
        return self.error_code in WINDOW_CLOSED_CODES


def address(value: str) -> str:
    """`whatsapp:+4915...` -> `+4915...` (the ChannelAccount external id)."""
    return value[len(PREFIX) :] if value.startswith(PREFIX) else value


def parse_inbound(form: Form, *, bot: str) -> InboundMessage | None:
    """A user's message, or None for forms that are not one (no sender or no MessageSid)."""
    sid, sender = form.get("MessageSid", ""), form.get("From", "")
    if not sid or not sender:
        return None
    button = form.get("ButtonPayload") or None
    return InboundMessage(
        channel=ChannelName.WHATSAPP,
        bot=bot,
        external_user_id=address(sender),
        external_message_id=sid,
        text="" if button else form.get("Body", "").strip(),
        payload=button,
        attachments=_media(form) + _location(form),
        display_name=form.get("ProfileName", ""),
        metadata={"wa_id": form.get("WaId", ""), "button_text": form.get("ButtonText", "")},
    )


def parse_status(form: Form) -> StatusReport | None:
    sid = form.get("MessageSid") or form.get("SmsSid") or ""
    status = STATUSES.get((form.get("MessageStatus") or form.get("SmsStatus") or "").lower())
    if not sid or status is None:
        return None
    return StatusReport(
        external_message_id=sid,
        status=status,
        error_code=form.get("ErrorCode") or None,
        error_message=form.get("ErrorMessage") or None,
    )


def _media(form: Form) -> tuple[Attachment, ...]:
    try:
        count = int(form.get("NumMedia", "0") or 0)
    except ValueError:
        return ()
    found = []
    for index in range(min(count, 10)):
        url = form.get(f"MediaUrl{index}")
        if url:
            mime = form.get(f"MediaContentType{index}", "")
            found.append(Attachment(kind=mime.split("/")[0] or "file", ref=url, mime_type=mime))
    return tuple(found)


def _location(form: Form) -> tuple[Attachment, ...]:
    lat, lon = form.get("Latitude"), form.get("Longitude")
    if not lat or not lon:
        return ()
    return (Attachment(kind="location", ref=f"{lat},{lon}", name=form.get("Address", "")),)
