"""The persisted outbox: outbound messages are written first, then sent, retried, never twice.

Rows are written by `bot.delivery.write_outbound` (or `enqueue` for a row without a Message);
an `OutboxWorker` claims due rows atomically (`claim`), lane by lane, hands each to the
`Sender` of its channel (`contract`) and records the outcome; vendor status reports, blocks
and WhatsApp's window change rows from outside (`rows`); `Pacer` keeps a vendor's send rate
with replies first (`pacing`).
"""

from bot.outbox.contract import Backoff, Delivery, Sender, SendFailed, SendResult
from bot.outbox.pacing import Pacer
from bot.outbox.rows import (
    enqueue,
    mark_blocked,
    mark_unblocked,
    outbox_for_external_id,
    record_delivery,
    release_held,
)
from bot.outbox.worker import OutboxWorker

__all__ = [
    "Backoff",
    "Delivery",
    "OutboxWorker",
    "Pacer",
    "SendFailed",
    "SendResult",
    "Sender",
    "enqueue",
    "mark_blocked",
    "mark_unblocked",
    "outbox_for_external_id",
    "record_delivery",
    "release_held",
]
