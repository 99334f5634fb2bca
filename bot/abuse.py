"""Per-learner message rate, counted across every channel of the learner in the database.

A pipeline step placed before the answer: past the limit the learner gets a polite reply and
nothing reaches the programs step or the LLM. The count is of stored inbound messages, so it
holds across processes and channels; the identity step reads it with the sender's account (no
statement of its own).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.clock import Clock
from bot.pipeline import Next, Turn
from models import Direction, Message

log = logging.getLogger(__name__)
WINDOW = timedelta(minutes=1)
RATE_REPLY = (
    "You're sending messages faster than I can keep up with. "
    "Please wait a minute, then send your question again."
)


class LearnerRateLimit:
    """Pipeline step: at most `per_minute` inbound messages per learner in any minute."""

    def __init__(self, clock: Clock, *, per_minute: int) -> None:
        self._clock = clock
        self._per_minute = per_minute

    async def __call__(self, turn: Turn, call_next: Next) -> None:
        if self._per_minute > 0 and await self._exceeded(turn):
            log.info("learner %s over %d messages/minute", turn.end_user.id, self._per_minute)
            turn.reply(RATE_REPLY)
            return
        await call_next(turn)

    async def _exceeded(self, turn: Turn) -> bool:
        if turn.recent_inbound is not None:  # read with the sender's account, before this one
            return turn.recent_inbound + (0 if turn.inbound_saved else 1) > self._per_minute
        since = self._clock.now() - WINDOW
        recent = await Message.filter(
            conversation__user_id=turn.end_user.id,
            direction=Direction.INBOUND,
            created_at__gt=since,
        ).count()
        return recent > self._per_minute
