"""People who sign in to the studio: accounts, sign-in with throttling, sessions, profile."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from bot.auth import hash_password, verify_password
from bot.errors import Conflict, InvalidInput, NotFound, ParleyError
from models import Person, SignInFailure, StudioSession

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
SESSION_LIFETIME = timedelta(days=14)
# Verified against when the email is unknown, so a miss costs as long as a wrong password.
_DUMMY_HASH = hash_password("parley-dummy-password")


class SignInFailed(ParleyError):
    """Wrong email or password (deliberately not saying which)."""


@dataclass
class SignInThrottled(ParleyError):
    """Too many failed attempts for this account or address; try again in `retry_after` s."""

    retry_after: int

    def __str__(self) -> str:
        minutes = max(1, round(self.retry_after / 60))
        return f"too many failed sign-ins; try again in about {minutes} minute(s)"


def normalize_email(email: str) -> str:
    email = email.strip().lower()
    if not EMAIL.match(email):
        raise InvalidInput(f"not an email address: {email!r}")
    return email


def check_time_zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(
            f"unknown time zone {name!r}: use an IANA name such as Europe/Paris"
        ) from None
    return name


async def create_person(
    email: str, password: str, *, display_name: str = "", time_zone: str = "UTC"
) -> Person:
    email = normalize_email(email)
    if await Person.exists(email=email):
        raise Conflict(f"someone already signs in as {email}; sign in instead")
    try:
        return await Person.create(
            email=email,
            password_hash=hash_password(password),
            display_name=display_name.strip()[:100],
            time_zone=check_time_zone(time_zone),
        )
    except IntegrityError:
        raise Conflict(f"someone already signs in as {email}; sign in instead") from None


def bootstrap_token(secret_key: str) -> str:
    """The first-run token `parley serve` prints; stable per key, void once a login exists."""
    digest = hmac.new(secret_key.encode(), b"parley-studio-bootstrap", hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:18]).decode()


async def first_run(*, now: datetime) -> bool:
    """True while nobody can sign in to the studio yet."""
    return not await Person.exists()


async def get_person(email: str) -> Person:
    person = await Person.get_or_none(email=normalize_email(email))
    if person is None:
        raise NotFound(f"no studio login with email {email}")
    return person


def throttle_keys(email: str, address: str) -> list[str]:
    """Opaque keys (no email or address stored in clear) for the two throttling buckets."""
    raw = [f"account:{email.strip().lower()}", f"address:{address}"]
    return [hashlib.sha256(k.encode()).hexdigest() for k in raw]


async def seconds_blocked(keys: list[str], now: datetime) -> int:
    """0 when sign-in is allowed, else seconds until the oldest counted failure ages out."""
    waits = [0]
    for key in keys:
        fifth = (
            await SignInFailure.filter(key=key, created_at__gt=now - FAILURE_WINDOW)
            .order_by("-created_at")
            .offset(MAX_FAILURES - 1)
            .first()
        )
        if fifth is not None:
            waits.append(int((fifth.created_at + FAILURE_WINDOW - now).total_seconds()) + 1)
    return max(waits)


async def record_failure(keys: list[str], now: datetime) -> None:
    await SignInFailure.bulk_create([SignInFailure(key=k, created_at=now) for k in keys])
    await SignInFailure.filter(key__in=keys, created_at__lte=now - FAILURE_WINDOW).delete()


async def authenticate(email: str, password: str, *, address: str, now: datetime) -> Person:
    """The person these credentials name, or SignInFailed / SignInThrottled."""
    keys = throttle_keys(email, address)
    wait = await seconds_blocked(keys, now)
    if wait:
        raise SignInThrottled(wait)
    person = await Person.get_or_none(email=email.strip().lower())
    valid = verify_password(person.password_hash if person else _DUMMY_HASH, password)
    if person is None or not valid:
        await record_failure(keys, now)
        raise SignInFailed("wrong email or password")
    await SignInFailure.filter(key=keys[0]).delete()
    person.last_login_at = now
    await person.save(update_fields=["last_login_at"])
    return person


async def start_session(person: Person, *, now: datetime) -> StudioSession:
    return await StudioSession.create(person=person, expires_at=now + SESSION_LIFETIME)


async def live_session(session_id: str, *, now: datetime) -> StudioSession | None:
    """The open session with its person, or None (unknown, ended, expired, malformed)."""
    try:
        sid = UUID(session_id)
    except (ValueError, TypeError):
        return None
    return (
        await StudioSession.filter(id=sid, ended_at=None, expires_at__gt=now)
        .select_related("person")
        .first()
    )


async def end_session(session_id: str, *, now: datetime) -> None:
    try:
        sid = UUID(session_id)
    except (ValueError, TypeError):
        return
    await StudioSession.filter(id=sid, ended_at=None).update(ended_at=now)


async def end_other_sessions(person: Person, *, keep: UUID | None, now: datetime) -> int:
    query = StudioSession.filter(person=person, ended_at=None)
    if keep is not None:
        query = query.exclude(id=keep)
    return await query.update(ended_at=now)


async def change_password(
    person: Person, current: str, new: str, *, keep_session: UUID | None, now: datetime
) -> None:
    """Needs the current password; every other session of this person ends."""
    if not verify_password(person.password_hash, current):
        raise InvalidInput("the current password is wrong")
    await _set_password(person, new, keep_session=keep_session, now=now)


async def set_password(email: str, new: str, *, now: datetime) -> Person:
    """The operator's reset for a locked-out person: new password, sessions and throttle cleared."""
    person = await get_person(email)
    await _set_password(person, new, keep_session=None, now=now)
    await SignInFailure.filter(key=throttle_keys(person.email, "")[0]).delete()
    return person


async def _set_password(
    person: Person, new: str, *, keep_session: UUID | None, now: datetime
) -> None:
    async with in_transaction():
        person.password_hash = hash_password(new)
        await person.save(update_fields=["password_hash", "updated_at"])
        await end_other_sessions(person, keep=keep_session, now=now)


async def update_profile(person: Person, *, display_name: str, time_zone: str) -> Person:
    name = display_name.strip()
    if len(name) > 100:
        raise InvalidInput("the display name is longer than 100 characters")
    person.display_name = name
    person.time_zone = check_time_zone(time_zone.strip() or "UTC")
    await person.save(update_fields=["display_name", "time_zone", "updated_at"])
    return person


def tokens_match(expected: str, given: str) -> bool:
    return hmac.compare_digest(expected.encode(), given.strip().encode())
