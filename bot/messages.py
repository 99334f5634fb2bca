"""The message types every channel speaks: `InboundMessage` in, `OutboundMessage` out. No I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any


class ChannelName(StrEnum):
    """The built-in channels; a channel added later uses its own name (`InboundMessage.channel`
    is any channel's name)."""

    WEB = "web"
    TELEGRAM = "telegram"
    WHATSAPP = "whatsapp"


def without_nul(value: Any) -> Any:
    """The same JSON-like value with NUL characters removed from every string in it."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {without_nul(k): without_nul(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(without_nul(v) for v in value)
    return value


@dataclass(frozen=True)
class Attachment:
    """A file a user sent or a bot sends; `ref` is the vendor's file id or a URL."""

    kind: str  # photo | document | voice | audio | video | image | file
    ref: str
    mime_type: str = ""
    name: str = ""


@dataclass(frozen=True)
class Button:
    """A choice offered to the user; `payload` comes back as `InboundMessage.payload`."""

    title: str
    payload: str
    url: str = ""


@dataclass(frozen=True)
class Citation:
    """Where an answer came from: a document of the bot's knowledge."""

    document: str
    title: str
    snippet: str
    url: str = ""


@dataclass(frozen=True)
class Template:
    """A pre-approved WhatsApp template for sends outside the 24-hour window."""

    content_sid: str
    variables: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class InboundMessage:
    """One message from an end user, normalized by an adapter.

    `external_message_id` (Telegram update_id, Twilio MessageSid, widget uuid) is the
    idempotency key: the same id twice is the same message.
    """

    channel: str  # a `ChannelName`, or the name of a channel added later
    bot: str
    external_user_id: str
    external_message_id: str
    text: str = ""
    payload: str | None = None
    attachments: tuple[Attachment, ...] = ()
    received_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    display_name: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # NUL can arrive in any vendor string; PostgreSQL text and JSONB refuse it.
        for name in ("bot", "external_user_id", "external_message_id", "text", "display_name"):
            object.__setattr__(self, name, getattr(self, name).replace("\x00", ""))
        if self.payload is not None:
            object.__setattr__(self, "payload", self.payload.replace("\x00", ""))
        object.__setattr__(self, "metadata", without_nul(self.metadata))

    def to_json(self) -> dict[str, Any]:
        data = {k: getattr(self, k) for k in self.__dataclass_fields__}
        data["attachments"] = [vars(a) for a in self.attachments]
        data["received_at"] = self.received_at.isoformat()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> InboundMessage:
        return cls(
            **data
            | {
                "channel": str(data["channel"]),
                "attachments": tuple(Attachment(**a) for a in data.get("attachments", [])),
                "received_at": datetime.fromisoformat(data["received_at"]),
            }
        )


@dataclass(frozen=True)
class OutboundMessage:
    """One reply or nudge; adapters render buttons as best their channel can."""

    text: str
    buttons: tuple[Button, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    citations: tuple[Citation, ...] = ()
    template: Template | None = None
    kind: str = "reply"  # reply | step | nudge | badge | system
    language: str = ""  # the learner's: channels label sources and options in it

    def to_json(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "text": self.text,
            "buttons": [vars(b) for b in self.buttons],
            "attachments": [vars(a) for a in self.attachments],
            "citations": [vars(c) for c in self.citations],
            "template": vars(self.template) if self.template else None,
            "kind": self.kind,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> OutboundMessage:
        template = data.get("template")
        return cls(
            text=data["text"],
            buttons=tuple(Button(**b) for b in data.get("buttons", [])),
            attachments=tuple(Attachment(**a) for a in data.get("attachments", [])),
            citations=tuple(Citation(**c) for c in data.get("citations", [])),
            template=Template(**template) if template else None,
            kind=data.get("kind", "reply"),
            language=data.get("language", ""),
        )
