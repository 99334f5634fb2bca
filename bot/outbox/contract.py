"""The sender contract: what a channel's sender receives, returns and raises; retry backoff."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol
from uuid import UUID

from bot.errors import ParleyError
from bot.messages import OutboundMessage
from models import Lane


@dataclass(frozen=True)
class Delivery:
    """One outbox row as a sender sees it: who, what, and how far an earlier attempt got."""

    outbox_id: UUID
    bot_id: UUID
    channel: str
    to: str  # ChannelAccount.external_id
    outbound: OutboundMessage
    use_template: bool = False
    parts_done: int = 0
    attempt: int = 1
    lane: Lane = Lane.INTERACTIVE  # a sender pacing its vendor's rate serves replies first


@dataclass(frozen=True)
class SendResult:
    """What the vendor accepted: its id for the (last) message sent."""

    external_message_id: str
    parts_sent: int = 1


class SendFailed(ParleyError):
    """A send did not go through; `retryable` says whether trying again can help."""

    def __init__(
        self,
        reason: str,
        *,
        retryable: bool,
        retry_after: float | None = None,
        code: str | None = None,
        blocked: bool = False,
        parts_sent: int = 0,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable
        self.retry_after = retry_after
        self.code = code
        self.blocked = blocked
        self.parts_sent = parts_sent


class Sender(Protocol):
    """Sends one delivery on one channel; vendor errors come out as `SendFailed`."""

    @property
    def window(self) -> timedelta | None:
        """The customer-care window free-form messages need (None: the channel has none)."""
        ...

    async def send(self, delivery: Delivery) -> SendResult: ...


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff with equal jitter; a vendor's retry_after is always honoured."""

    base_s: float = 2.0
    cap_s: float = 900.0

    def delay(self, attempt: int, rng: random.Random, retry_after: float | None = None) -> float:
        if retry_after is not None:
            return retry_after + rng.uniform(0, min(1.0, retry_after / 10 + 0.1))
        ceiling = min(self.cap_s, self.base_s * 2 ** max(attempt - 1, 0))
        return ceiling / 2 + rng.uniform(0, ceiling / 2)
