"""Our OutboundMessage -> Telegram: HTML-escaped chunks within 4096 characters, inline keyboards."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from bot.i18n.catalogue import Texts
from bot.messages import Button, Citation, OutboundMessage
from bot.outbox import SendFailed
from channels.base import split_text

if TYPE_CHECKING:  # aiogram is imported when a keyboard is built (see channels/telegram/client.py)
    from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

TEXT_LIMIT = 4096  # counted on the text after entity parsing, i.e. the visible characters
CALLBACK_DATA_LIMIT = 64  # bytes


def to_html_chunks(outbound: OutboundMessage, limit: int = TEXT_LIMIT) -> list[str]:
    """The message as `parse_mode=HTML` texts; the user's text is escaped, never interpreted."""
    chunks = [html.escape(piece, quote=False) for piece in split_text(outbound.text, limit)]
    if not outbound.citations:
        return chunks
    label = Texts.for_language(outbound.language).get("sources")
    visible, markup = _sources(outbound.citations, label)
    last_visible = len(html.unescape(chunks[-1]))
    if last_visible + 2 + len(visible) <= limit:
        chunks[-1] = f"{chunks[-1]}\n\n{markup}" if chunks[-1] else markup
    else:
        chunks.append(markup)
    return chunks


def _sources(citations: tuple[Citation, ...], label: str) -> tuple[str, str]:
    """The 'Sources' block as (visible text, HTML)."""
    lines = [f"{label}:"]
    markup = [f"<b>{html.escape(label, quote=False)}:</b>"]
    for citation in citations:
        title = citation.title or citation.document
        lines.append(f"• {title}")
        shown = html.escape(title, quote=False)
        if citation.url:
            shown = f'<a href="{html.escape(citation.url, quote=True)}">{shown}</a>'
        markup.append(f"• {shown}")
    return "\n".join(lines), "\n".join(markup)


def to_inline_keyboard(buttons: tuple[Button, ...]) -> InlineKeyboardMarkup | None:
    """One button per row; a payload must fit Telegram's 64-byte callback_data."""
    if not buttons:
        return None
    from aiogram.types import InlineKeyboardMarkup

    return InlineKeyboardMarkup(inline_keyboard=[[_button(b)] for b in buttons])


def _button(button: Button) -> InlineKeyboardButton:
    from aiogram.types import InlineKeyboardButton

    if button.url:
        return InlineKeyboardButton(text=button.title, url=button.url)
    if not 1 <= len(button.payload.encode()) <= CALLBACK_DATA_LIMIT:
        raise SendFailed(
            f"button {button.title!r}: payload must be 1-{CALLBACK_DATA_LIMIT} bytes for Telegram",
            retryable=False,
            code="button_payload",
        )
    return InlineKeyboardButton(text=button.title, callback_data=button.payload)
