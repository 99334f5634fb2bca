"""The Telegram channel (aiogram 3): parse updates, verify webhooks, send through the outbox."""

from channels.telegram.client import TelegramClients, TelegramSender, to_send_failed
from channels.telegram.parse import MemberChange, parse_member_status, parse_update
from channels.telegram.render import to_html_chunks, to_inline_keyboard
from channels.telegram.webhook import (
    ALLOWED_UPDATES,
    SECRET_HEADER,
    TelegramUpdates,
    add_routes,
    run_polling,
    webhook_path,
)

__all__ = [
    "ALLOWED_UPDATES",
    "SECRET_HEADER",
    "MemberChange",
    "TelegramClients",
    "TelegramSender",
    "TelegramUpdates",
    "add_routes",
    "parse_member_status",
    "parse_update",
    "run_polling",
    "to_html_chunks",
    "to_inline_keyboard",
    "to_send_failed",
    "webhook_path",
]
