"""Link codes: six upper-case letters and digits, valid ten minutes, single use, rate limited.

Only a hash of each code is stored. A learner may ask for `MAX_CODES_PER_HOUR` codes an hour;
a channel account may send `MAX_FAILURES` wrong codes per `FAILURE_WINDOW` (counted in the
account's metadata, so every process sees the same count), after which even a right code is
refused until the window passes.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from bot.errors import ParleyError
from models import ChannelAccount, EndUser, LinkCode

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read aloud, typed on a phone
CODE_LENGTH = 6
CODE_LIFETIME = timedelta(minutes=10)
MAX_CODES_PER_HOUR = 5
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
CODE_SHAPE = re.compile(r"^[A-Z0-9]{6}$")


class CodeRejected(ParleyError):
    """The code is malformed, unknown, expired, already used, or the learner's own."""


class LinkThrottled(ParleyError):
    """Too many codes asked for, or too many wrong codes sent: try again later."""


def code_hash(bot_id: UUID, code: str) -> str:
    return hashlib.sha256(f"{bot_id}:{code}".encode()).hexdigest()


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


async def issue_code(user: EndUser, now: datetime) -> str:
    """A fresh code for `user` (its hash stored); LinkThrottled past the hourly allowance."""
    recent = LinkCode.filter(end_user_id=user.id, created_at__gte=now - timedelta(hours=1))
    if await recent.count() >= MAX_CODES_PER_HOUR:
        raise LinkThrottled("too many link codes asked for this hour")
    code = new_code()
    await LinkCode.create(
        bot_id=user.bot_id,
        end_user_id=user.id,
        code_hash=code_hash(user.bot_id, code),
        created_at=now,
        expires_at=now + CODE_LIFETIME,
    )
    return code


async def redeem_code(
    account: ChannelAccount, creator_id: UUID, text: str, now: datetime
) -> EndUser:
    """The learner a valid code belongs to; the code is spent. Wrong codes are counted."""
    if throttled(account, now):
        raise LinkThrottled("too many wrong link codes")
    code = text.strip().upper()
    row = None
    if CODE_SHAPE.match(code):
        row = await LinkCode.for_creator(creator_id).get_or_none(
            bot_id=account.bot_id, code_hash=code_hash(account.bot_id, code)
        )
    if row is None or row.used_at is not None or row.expires_at <= now:
        await count_failure(account, now)
        raise CodeRejected("wrong, expired or used link code")
    spent = await LinkCode.filter(id=row.id, used_at=None).update(used_at=now)
    if not spent:  # a concurrent redemption spent it first
        raise CodeRejected("link code already used")
    return await EndUser.get(id=row.end_user_id)


def _failures(account: ChannelAccount, now: datetime) -> list[str]:
    since = (now - FAILURE_WINDOW).isoformat()
    meta: dict[str, Any] = account.metadata or {}
    return [t for t in meta.get("link_failures", []) if t >= since]


def throttled(account: ChannelAccount, now: datetime) -> bool:
    return len(_failures(account, now)) >= MAX_FAILURES


async def count_failure(account: ChannelAccount, now: datetime) -> None:
    meta = dict(account.metadata or {})
    meta["link_failures"] = [*_failures(account, now), now.isoformat()]
    account.metadata = meta
    await ChannelAccount.filter(id=account.id).update(metadata=meta)
