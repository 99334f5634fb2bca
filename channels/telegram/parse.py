"""Telegram updates -> our types: pure functions over the raw JSON, tolerant of odd shapes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.messages import Attachment, ChannelName, InboundMessage

Raw = dict[str, Any]


@dataclass(frozen=True)
class MemberChange:
    """The user blocked (or unblocked) the bot in a private chat."""

    chat_id: str
    blocked: bool


def parse_update(raw: Raw, *, bot: str, bot_username: str = "") -> InboundMessage | None:
    """An update the engine should answer, or None when it is deliberately ignored.

    Ignored: edited messages (the first version was answered), channel posts, reactions,
    inline queries, service messages, and group messages not addressed to the bot.
    """
    update_id = raw.get("update_id")
    if not isinstance(update_id, int):
        return None
    callback = raw.get("callback_query")
    if isinstance(callback, dict):
        return _callback(callback, update_id, bot)
    message = raw.get("message")
    if not isinstance(message, dict) or not _valid_chat(message.get("chat")):
        return None
    return _message(message, update_id, bot, bot_username)


def parse_member_status(raw: Raw) -> MemberChange | None:
    """A `my_chat_member` update in a private chat: kicked = blocked, member = unblocked."""
    change = raw.get("my_chat_member")
    if not isinstance(change, dict) or not _valid_chat(change.get("chat")):
        return None
    if chat_type(change["chat"]) != "private":
        return None
    status = (change.get("new_chat_member") or {}).get("status")
    if status not in ("kicked", "member"):
        return None
    return MemberChange(chat_id=str(change["chat"]["id"]), blocked=status == "kicked")


def chat_type(chat: Raw) -> str:
    """The chat's type; old payloads omit it, and only groups and channels have negative ids."""
    kind = chat.get("type")
    if isinstance(kind, str):
        return kind
    return "private" if int(chat["id"]) > 0 else "group"


def _valid_chat(chat: object) -> bool:
    return isinstance(chat, dict) and isinstance(chat.get("id"), int)


def _message(message: Raw, update_id: int, bot: str, bot_username: str) -> InboundMessage | None:
    chat = message["chat"]
    private = chat_type(chat) == "private"
    if not private and not _addressed(message, bot_username):
        return None
    text = message.get("text") or message.get("caption") or ""
    text = text if private else _strip_mention(text, bot_username)
    attachments = _attachments(message)
    if not text and not attachments:
        return None
    sender = message.get("from") if isinstance(message.get("from"), dict) else {}
    return InboundMessage(
        channel=ChannelName.TELEGRAM,
        bot=bot,
        external_user_id=str(chat["id"]),
        external_message_id=str(update_id),
        text=_normalize_command(text, bot_username),
        attachments=attachments,
        display_name=_name(sender or chat),
        metadata=_metadata(message, sender or {}),
    )


def _callback(callback: Raw, update_id: int, bot: str) -> InboundMessage | None:
    sender = callback.get("from")
    message = callback.get("message")
    if isinstance(message, dict) and _valid_chat(message.get("chat")):
        chat_id = message["chat"]["id"]
    elif isinstance(sender, dict) and isinstance(sender.get("id"), int):
        chat_id = sender["id"]
    else:
        return None
    data = callback.get("data")
    return InboundMessage(
        channel=ChannelName.TELEGRAM,
        bot=bot,
        external_user_id=str(chat_id),
        external_message_id=str(update_id),
        payload=data if isinstance(data, str) else None,
        display_name=_name(sender if isinstance(sender, dict) else {}),
        metadata={"callback_query_id": str(callback.get("id", ""))},
    )


def _addressed(message: Raw, bot_username: str) -> bool:
    """In a group the bot answers only a mention, its own command, or a reply to itself."""
    if not bot_username:
        return False
    text = (message.get("text") or message.get("caption") or "").lower()
    if f"@{bot_username.lower()}" in text:
        return True
    replied = (message.get("reply_to_message") or {}).get("from") or {}
    return str(replied.get("username", "")).lower() == bot_username.lower()


def _strip_mention(text: str, bot_username: str) -> str:
    if not bot_username:
        return text
    return re.sub(rf"(?i)@{re.escape(bot_username)}\b", "", text).strip()


def _normalize_command(text: str, bot_username: str) -> str:
    """`/start@MyBot ref` -> `/start ref`, so commands look the same in private and in groups."""
    if bot_username and text.startswith("/"):
        return re.sub(rf"^(/\w+)@{re.escape(bot_username)}\b", r"\1", text, flags=re.IGNORECASE)
    return text


def _attachments(message: Raw) -> tuple[Attachment, ...]:
    found: list[Attachment] = []
    photos = message.get("photo")
    if isinstance(photos, list) and photos:
        largest = max(photos, key=lambda p: p.get("width", 0) * p.get("height", 0))
        found.append(
            Attachment(kind="photo", ref=str(largest.get("file_id", "")), mime_type="image/jpeg")
        )
    for kind in ("document", "voice", "audio", "video", "video_note"):
        item = message.get(kind)
        if isinstance(item, dict) and item.get("file_id"):
            found.append(
                Attachment(
                    kind=kind,
                    ref=str(item["file_id"]),
                    mime_type=str(item.get("mime_type", "")),
                    name=str(item.get("file_name", "")),
                )
            )
    return tuple(found)


def _name(who: Raw) -> str:
    parts = [who.get("first_name"), who.get("last_name")]
    name = " ".join(str(p) for p in parts if p)
    return name or str(who.get("username") or who.get("title") or "")


def _metadata(message: Raw, sender: Raw) -> dict[str, Any]:
    return {
        "chat_type": chat_type(message["chat"]),
        "message_id": message.get("message_id"),
        "from_id": sender.get("id"),
        "language_code": sender.get("language_code", ""),
    }
