"""Completion certificates: issued when a program that declares one is completed, verified by
anyone at `/c/{code}`, revoked by the creator.

A certificate copies in what it shows (learner name, program title, creator name, date) when it
is issued. Two secrets differ on purpose: the verification `code` is printed on the PDF and is
public; the PDF itself is served only for a random token (192 bits) that the learner receives
as a link, of which only a hash is stored.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from bot import audit
from bot.errors import NotFound
from bot.leaderboard import public_name
from bot.linking.codes import ALPHABET
from models import Bot, Certificate, Creator, EndUser, Program

CODE_LENGTH = 10


@dataclass(frozen=True)
class Issued:
    certificate: Certificate
    token: str  # the PDF link's secret: known only to this caller, never stored

    def pdf_path(self) -> str:
        return pdf_path(self.token)


def pdf_path(token: str) -> str:
    return f"/certificates/{token}.pdf"


def verify_path(code: str) -> str:
    return f"/c/{code}"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def learner_name(user: EndUser) -> str:
    return public_name(user) or user.display_name or "Learner"


async def creator_name(bot: Bot) -> str:
    creator = await Creator.get(id=bot.creator_id)
    person = f"{creator.first_name} {creator.last_name}".strip()
    return creator.company_name or person or bot.name


async def issue(user: EndUser, program: Program, bot: Bot, now: datetime) -> Issued | None:
    """A new certificate for the learner's completion of `program`; None if they have one."""
    if await Certificate.filter(program_id=program.id, user_id=user.id).exists():
        return None
    token = secrets.token_urlsafe(24)
    row = await Certificate.create(
        creator_id=program.creator_id,
        program_id=program.id,
        user_id=user.id,
        code=new_code(),
        token_hash=token_hash(token),
        learner_name=learner_name(user)[:255],
        program_title=program.name[:255],
        creator_name=(await creator_name(bot))[:255],
        issued_at=now,
    )
    return Issued(row, token)


async def by_code(code: str) -> Certificate | None:
    """Public lookup for the verification page (the code is what the certificate shows)."""
    return await Certificate.get_or_none(code=code.strip().upper())


async def by_token(token: str) -> Certificate | None:
    return await Certificate.get_or_none(token_hash=token_hash(token))


async def of_creator(creator_id: object, code: str) -> Certificate:
    found = await Certificate.for_creator(str(creator_id)).get_or_none(code=code.strip().upper())
    if found is None:
        raise NotFound(f"no certificate {code!r} for this creator")
    return found


async def revoke(certificate: Certificate, *, reason: str, now: datetime) -> Certificate:
    if certificate.revoked_at is None:
        certificate.revoked_at, certificate.revoked_reason = now, reason.strip()[:255]
        await certificate.save(update_fields=["revoked_at", "revoked_reason"])
        await audit.record(
            certificate.creator_id,
            table="certificate",
            operation="revoke",
            record_id=certificate.id,
            new={"code": certificate.code, "reason": certificate.revoked_reason},
        )
    return certificate
