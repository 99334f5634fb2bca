"""The persisted inbox: store each webhook message before acking it, process it, recover it.

Adapters call `accept()` (one INSERT; a vendor's redelivery is refused by the unique key) and only
then answer 200; the turn runs afterwards. A process that dies mid-turn leaves the row PENDING
with an expired lease, and `recover()` finishes the turn in the next process.

The handler gets the row's id (`inbox_id`): the engine marks the row done in the turn's own
transaction (`mark_done`), so a turn commits once; a result without `inbox_done` (a replayed
redelivery, a handler that does not know the row) is marked done here afterwards.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from tortoise import connections
from tortoise.exceptions import IntegrityError
from tortoise.expressions import F, Q

from bot.clock import Clock
from bot.delivery.bulk import Batch, Insert, Statement, db_value
from bot.errors import NotFound
from bot.messages import InboundMessage
from models import InboxMessage, InboxStatus

log = logging.getLogger(__name__)

Handler = Callable[..., Awaitable[object]]  # Engine.handle(inbound, *, resume, inbox_id)

# The two statements every message costs, written once (no query builder per message).
ACCEPT = Insert(
    InboxMessage,
    ("id", "bot_id", "channel", "external_message_id", "payload", "received_at",
     "locked_until", "attempts"),
)  # fmt: skip
DONE = Statement(
    'UPDATE "inbox_message" SET status = {}, processed_at = {}, locked_until = NULL WHERE id = {}'
)


async def mark_done(row_id: UUID | str, now: datetime) -> None:
    """The turn of this inbox row is answered (inside the turn's transaction when it has one)."""
    batch = Batch(connections.get("default"))
    queue_done(batch, row_id, now)
    await batch.run()


def queue_done(batch: Batch, row_id: UUID | str, now: datetime) -> None:
    """`mark_done`, queued in `batch` with the turn's other writes."""
    DONE.queue(batch, InboxStatus.DONE.value, now, str(row_id))


class DurableInbox:
    """Accepts, processes and recovers inbound messages; each turn runs at most once at a time."""

    def __init__(
        self,
        handle: Handler,
        *,
        clock: Clock,
        lease: timedelta = timedelta(minutes=5),
        max_attempts: int = 5,
    ) -> None:
        self._handle = handle
        self._clock = clock
        self._lease = lease
        self._max_attempts = max_attempts

    async def accept(
        self, inbound: InboundMessage, *, bot_id: UUID, claim: bool = False
    ) -> UUID | None:
        """Store the message; None when it was accepted before (a vendor redelivery).

        `claim`: the caller runs the turn right away (`run`), so the row is stored already
        leased to it: no claim statement, and recovery leaves it alone for the lease.
        """
        now, row_id = self._clock.now(), uuid4()
        row = (
            str(row_id),
            str(bot_id),
            str(inbound.channel),
            inbound.external_message_id,
            db_value(InboxMessage, "payload", inbound.to_json()),
            now,
            now + self._lease if claim else None,
            1 if claim else 0,
        )
        try:
            await ACCEPT.run(connections.get("default"), [row])
        except IntegrityError:
            return None
        return row_id

    async def run(self, row_id: UUID, inbound: InboundMessage, **handle: Any) -> Any:
        """Run the turn of a row this process accepted with `claim=True`; its result."""
        try:
            result = await self._handle(inbound, inbox_id=row_id, **handle)
        except Exception as exc:  # infrastructure failure (the engine has its own boundary)
            await self._release(row_id, 1, exc)
            raise
        await self._done_unless(result, row_id)
        return result

    async def process(self, row_id: UUID, *, resume: bool = False) -> bool:
        """Run the turn if nobody else holds it; False when it was done or is leased elsewhere."""
        if not await self._claim(row_id):
            return False
        row = await InboxMessage.get(id=row_id)
        renewing = asyncio.create_task(self._keep_lease(row_id))
        try:
            inbound = InboundMessage.from_json(row.payload)
            result = await self._handle(inbound, resume=resume, inbox_id=row_id)
        except NotFound as exc:  # the bot was archived or deleted since: retrying cannot help
            log.info("inbox %s: not answered: %s", row_id, exc)
            await self._give_up(row, exc)
            return False
        except Exception as exc:  # infrastructure failure (the engine has its own boundary)
            await self._release(row.id, row.attempts, exc)
            raise
        except asyncio.CancelledError:  # a stopping process: hand the turn back at once
            await self.hand_back(row_id)
            raise
        finally:
            renewing.cancel()
        await self._done_unless(result, row_id)
        return True

    async def _done_unless(self, result: object, row_id: UUID) -> None:
        """Mark the row done, unless the turn did so in its own transaction."""
        if not getattr(result, "inbox_done", False):
            await mark_done(row_id, self._clock.now())

    async def _claim(self, row_id: UUID) -> bool:
        now = self._clock.now()
        claimed = (
            await InboxMessage.filter(id=row_id, status=InboxStatus.PENDING)
            .filter(Q(locked_until=None) | Q(locked_until__lt=now))
            .update(locked_until=now + self._lease, attempts=F("attempts") + 1)
        )
        return claimed == 1

    async def _keep_lease(self, row_id: UUID) -> None:
        """A slow turn keeps its lease: recovery elsewhere must never run a live turn twice."""
        while True:
            await asyncio.sleep(self._lease.total_seconds() / 3)
            await InboxMessage.filter(id=row_id, status=InboxStatus.PENDING).update(
                locked_until=self._clock.now() + self._lease
            )

    async def hand_back(self, row_id: UUID) -> None:
        """Drop our lease so the next recovery (in any process) finishes the turn."""
        await InboxMessage.filter(id=row_id, status=InboxStatus.PENDING).update(locked_until=None)

    async def _release(self, row_id: UUID, attempts: int, exc: Exception) -> None:
        failed = attempts >= self._max_attempts
        await InboxMessage.filter(id=row_id).update(
            status=InboxStatus.FAILED if failed else InboxStatus.PENDING,
            locked_until=None if failed else self._clock.now() + timedelta(seconds=30),
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
        )

    async def _give_up(self, row: InboxMessage, exc: Exception) -> None:
        await InboxMessage.filter(id=row.id).update(
            status=InboxStatus.FAILED, locked_until=None, last_error=f"{type(exc).__name__}: {exc}"
        )

    async def recover(self, *, grace: timedelta = timedelta(seconds=30), limit: int = 100) -> int:
        """Finish turns a dead process left behind; returns how many were processed."""
        now = self._clock.now()
        rows = (
            await InboxMessage.filter(status=InboxStatus.PENDING, received_at__lt=now - grace)
            .filter(Q(locked_until=None) | Q(locked_until__lt=now))
            .order_by("received_at")
            .limit(limit)
            .only("id")
        )
        done = 0
        for row in rows:
            try:
                done += await self.process(row.id, resume=True)
            except Exception:  # one poisoned row must not stop the others from recovering
                log.exception("inbox %s: recovery attempt failed", row.id)
        if done:
            log.info("inbox: recovered %d unfinished turn(s)", done)
        return done
