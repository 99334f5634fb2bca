"""`WebhookWorker`: claims due deliveries, posts each signed body, records the outcome.

Outcomes: delivered (2xx); retried later with the outbox's exponential backoff and jitter;
failed for good after `max_attempts` or when the URL now points to a refused address. A
delivery row is the event's one log entry: attempts update it, never add another.
"""

from __future__ import annotations

import asyncio
import logging
import random
from datetime import timedelta

import aiohttp

from bot.claims import worker_name
from bot.clock import Clock, wait_or_stop
from bot.outbox.contract import Backoff
from bot.rag.errors import IngestFailed
from bot.rag.fetch import FetchLimits, UrlRefused
from bot.webhooks.claim import claim_due, reclaim_stale
from bot.webhooks.post import post
from bot.webhooks.signing import HEADER, sign
from models import WebhookDelivery, WebhookDeliveryStatus

log = logging.getLogger(__name__)


class Attempt(Exception):
    """One attempt failed; `final` when trying again cannot help."""

    def __init__(self, reason: str, *, status: int | None = None, final: bool = False) -> None:
        super().__init__(reason)
        self.reason, self.status, self.final = reason, status, final


class WebhookWorker:
    """Sends due deliveries in batches; several workers may run side by side.

    Unlike the outbox worker it renews no leases (`claims.Leases`): a batch is posted all at
    once, nothing waits for a shared rate, and it lands within a name lookup and one post's
    timeout (`FetchLimits.timeout_s`, seconds), far inside the lease (minutes)."""

    def __init__(
        self,
        *,
        clock: Clock,
        limits: FetchLimits,
        worker_id: str | None = None,
        batch_size: int = 20,
        lease: timedelta = timedelta(minutes=5),
        backoff: Backoff | None = None,
        rng: random.Random | None = None,
        poll_interval_s: float = 1.0,
    ) -> None:
        self.clock = clock
        self.limits = limits
        self.worker_id = worker_name(worker_id, "hooks")
        self.batch_size = batch_size
        self.lease = lease
        self.backoff = backoff or Backoff(base_s=5.0, cap_s=3600.0)
        self.rng = rng or random.Random()
        self.poll_interval_s = poll_interval_s

    async def run(self, stop: asyncio.Event) -> None:
        """Send until `stop` is set; what is left stays due in the database."""
        while not stop.is_set():
            if not await self.run_once():
                await wait_or_stop(stop, self.poll_interval_s)

    async def run_once(self) -> int:
        """Reclaim expired leases, claim one batch, send it; how many deliveries were tried."""
        now = self.clock.now()
        await reclaim_stale(now, self.lease)
        token, rows = await claim_due(self.worker_id, now=now, limit=self.batch_size)
        await asyncio.gather(*(self.deliver(row, token) for row in rows))
        return len(rows)

    async def deliver(self, row: WebhookDelivery, token: str) -> None:
        try:
            status = await self.attempt(row)
        except Attempt as failed:
            await self._failed(row, token, failed)
            return
        await WebhookDelivery.filter(id=row.id, claimed_by=token).update(
            status=WebhookDeliveryStatus.DELIVERED,
            attempts=row.attempts + 1,
            delivered_at=self.clock.now(),
            last_status_code=status,
            last_error=None,
        )

    async def attempt(self, row: WebhookDelivery) -> int:
        body = row.body.encode()
        headers = {
            HEADER: sign(row.webhook.secret, body, int(self.clock.now().timestamp())),
            "Parley-Event": row.event,
            "Parley-Event-Id": str(row.event_id),
        }
        try:
            status = await post(row.webhook.url, body, headers, self.limits)
        except UrlRefused as exc:
            raise Attempt(str(exc), final=True) from None
        except (IngestFailed, aiohttp.ClientError, OSError) as exc:
            raise Attempt(f"{type(exc).__name__}: {exc}") from None
        except TimeoutError:
            raise Attempt(f"no answer within {self.limits.timeout_s:g} s") from None
        if not 200 <= status < 300:
            raise Attempt(f"the endpoint answered HTTP {status}", status=status)
        return status

    async def _failed(self, row: WebhookDelivery, token: str, failed: Attempt) -> None:
        attempts = row.attempts + 1
        log.info("webhook delivery %s attempt %d failed", row.id, attempts)
        changes: dict[str, object] = {
            "attempts": attempts,
            "last_error": failed.reason[:2000],
            "last_status_code": failed.status,
            "claimed_by": None,
        }
        if failed.final or attempts >= row.max_attempts:
            changes["status"] = WebhookDeliveryStatus.FAILED
        else:
            delay = self.backoff.delay(attempts, self.rng)
            changes["status"] = WebhookDeliveryStatus.PENDING
            changes["next_attempt_at"] = self.clock.now() + timedelta(seconds=delay)
        await WebhookDelivery.filter(id=row.id, claimed_by=token).update(**changes)
