"""Event webhooks: creators register endpoints, `emit` persists signed deliveries in the caller's
transaction, `WebhookWorker` sends them with retries (claimed like the outbox, never lost)."""

from bot.webhooks.events import EVENTS, emit, emit_interactions
from bot.webhooks.signing import sign, verify
from bot.webhooks.worker import WebhookWorker

__all__ = ["EVENTS", "WebhookWorker", "emit", "emit_interactions", "sign", "verify"]
