"""What a stopping process hands back: outbox rows it claimed but did not finish.

`OutboxWorker` claims rows with a token `<worker id>/<batch>`; rows still SENDING under this
worker's id after its loop stopped would otherwise wait for their lease to expire (minutes)
before another process sends them.
"""

from __future__ import annotations

import logging

from models import OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)


async def release_outbox_claims(worker_id: str) -> int:
    released = await OutboxMessage.filter(
        status=OutboxStatus.SENDING, claimed_by__startswith=f"{worker_id}/"
    ).update(status=OutboxStatus.PENDING, claimed_by=None, claimed_at=None)
    if released:
        log.info("outbox: handed back %d claimed row(s)", released)
    return released
