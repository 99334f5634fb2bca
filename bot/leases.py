"""Leases: which process may run a named background job now, through a database row (both
dialects). A holder renews its lease while it works; a lease that is not renewed expires, so
another process takes over when the holder dies. Two holders never overlap: taking a lease is
one conditional UPDATE (or the INSERT of its row), which the database serialises."""

from __future__ import annotations

from datetime import datetime, timedelta

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q

from models import RollupLease


async def take(name: str, holder: str, *, now: datetime, ttl: timedelta) -> bool:
    """Take or renew the lease `name` until now + ttl; False while another holder has it."""
    free = Q(expires_at__lt=now) | Q(holder=holder)
    taken = await RollupLease.filter(free, name=name).update(holder=holder, expires_at=now + ttl)
    if taken:
        return True
    try:
        await RollupLease.create(name=name, holder=holder, expires_at=now + ttl)
    except IntegrityError:
        return False
    return True


async def release(name: str, holder: str) -> None:
    """Give the lease up early (only if still ours)."""
    await RollupLease.filter(name=name, holder=holder).delete()
