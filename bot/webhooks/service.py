"""Creating, listing and removing a creator's webhooks, and reading their delivery log."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit
from uuid import UUID

from bot.errors import InvalidInput, NotFound
from bot.rag.errors import IngestFailed
from bot.rag.fetch import FetchLimits, vet
from bot.webhooks.events import EVENTS, SUBSCRIBERS
from models import Webhook, WebhookDelivery

MAX_WEBHOOKS = 20
DELIVERY_PAGE = 100


@dataclass(frozen=True)
class Registered:
    """A new webhook and its signing secret, shown this once."""

    webhook: Webhook
    secret: str


def check_events(events: list[str]) -> list[str]:
    unknown = sorted(set(events) - set(EVENTS))
    if not events or unknown:
        raise InvalidInput(
            f"events: {'unknown ' + ', '.join(unknown) if unknown else 'none given'}; "
            f"choose from {', '.join(EVENTS)}"
        )
    return [e for e in EVENTS if e in events]  # one order, no repeats


async def check_url(url: str, limits: FetchLimits) -> str:
    """An http(s) URL whose addresses the SSRF policy allows now (checked again on every send)."""
    if urlsplit(url).scheme not in {"http", "https"} or len(url) > 2000:
        raise InvalidInput("url: give an http:// or https:// URL of at most 2000 characters")
    try:
        await vet(url, limits)
    except IngestFailed as exc:
        raise InvalidInput(f"url: {exc}") from None
    return url


async def register(
    creator_id: UUID, url: str, events: list[str], *, limits: FetchLimits
) -> Registered:
    chosen = check_events(events)
    await check_url(url, limits)
    if await Webhook.for_creator(creator_id).count() >= MAX_WEBHOOKS:
        raise InvalidInput(f"at most {MAX_WEBHOOKS} webhooks; remove one first")
    secret = "whsec_" + secrets.token_urlsafe(32)
    hook = await Webhook.create(creator_id=creator_id, url=url, events=chosen, secret=secret)
    SUBSCRIBERS.forget()
    return Registered(hook, secret)


async def webhooks(creator_id: UUID) -> list[Webhook]:
    return list(await Webhook.for_creator(creator_id).order_by("created_at"))


async def webhook(creator_id: UUID, webhook_id: str | UUID) -> Webhook:
    try:
        found = await Webhook.for_creator(creator_id).get_or_none(id=UUID(str(webhook_id)))
    except ValueError:
        found = None
    if found is None:
        raise NotFound(f"no webhook {webhook_id}")
    return found


async def remove(creator_id: UUID, webhook_id: str | UUID) -> None:
    """Delete the webhook and its delivery log (pending deliveries are dropped with it)."""
    await (await webhook(creator_id, webhook_id)).delete()
    SUBSCRIBERS.forget()


async def deliveries(
    creator_id: UUID, webhook_id: str | UUID, *, limit: int = DELIVERY_PAGE
) -> list[WebhookDelivery]:
    hook = await webhook(creator_id, webhook_id)
    rows = WebhookDelivery.for_creator(creator_id).filter(webhook_id=hook.id)
    return list(await rows.order_by("-created_at").limit(limit))
