"""Workspaces: a creator's team. Memberships with roles, one-time invitations, role checks."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from tortoise.transactions import in_transaction

from bot import audit
from bot.errors import Conflict, InvalidInput, NotFound
from bot.people import create_person
from models import Creator, Invitation, Membership, Person, Role

INVITATION_LIFETIME = timedelta(days=7)
RANK = {Role.VIEWER: 0, Role.EDITOR: 1, Role.OWNER: 2}


@dataclass(frozen=True)
class Workspace:
    """A workspace as one person sees it: which creator, shown how, with which role."""

    creator_id: UUID
    name: str
    role: Role


@dataclass(frozen=True)
class IssuedInvitation:
    """A fresh invitation: `token` goes in the link once and is never stored."""

    row: Invitation
    token: str


def parse_role(raw: str) -> Role:
    try:
        return Role(raw.strip().lower())
    except ValueError:
        raise InvalidInput("role must be owner, editor or viewer") from None


def allows(role: Role | str, needed: Role | str) -> bool:
    """Whether `role` may do what needs `needed` (owner ⊃ editor ⊃ viewer)."""
    return RANK[Role(role)] >= RANK[Role(needed)]


def workspace_name(creator: Creator) -> str:
    full = f"{creator.first_name} {creator.last_name}".strip()
    return creator.company_name or full or creator.email


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def workspaces_of(person_id: UUID) -> list[Workspace]:
    rows = await Membership.filter(person_id=person_id).select_related("creator")
    spaces = [Workspace(m.creator_id, workspace_name(m.creator), m.role) for m in rows]
    return sorted(spaces, key=lambda w: w.name.lower())


async def add_owner(creator: Creator, person: Person) -> Membership:
    return await Membership.create(creator=creator, person=person, role=Role.OWNER)


async def members(creator_id: UUID) -> list[Membership]:
    rows = await Membership.for_creator(creator_id).select_related("person")
    return sorted(rows, key=lambda m: (-RANK[m.role], m.person.email))


async def get_member(creator_id: UUID, membership_id: UUID | str) -> Membership:
    row = await Membership.for_creator(creator_id).filter(id=membership_id).select_related("person")
    if not row:
        raise NotFound("no such member in this workspace")
    return row[0]


async def _other_owners(member: Membership) -> int:
    return (
        await Membership.for_creator(member.creator_id)
        .filter(role=Role.OWNER)
        .exclude(id=member.id)
        .count()
    )


async def change_role(
    creator_id: UUID, membership_id: UUID | str, role: Role, *, actor: Person | None = None
) -> Membership:
    async with in_transaction():
        member = await get_member(creator_id, membership_id)
        if member.role == Role.OWNER and role != Role.OWNER and not await _other_owners(member):
            raise Conflict("a workspace needs at least one owner; make someone else owner first")
        old = member.role
        member.role = role
        await member.save(update_fields=["role"])
        await _audit(member, "role", actor, old={"role": old}, new={"role": role})
    return member


async def remove_member(
    creator_id: UUID, membership_id: UUID | str, *, actor: Person | None = None
) -> None:
    async with in_transaction():
        member = await get_member(creator_id, membership_id)
        if member.role == Role.OWNER and not await _other_owners(member):
            raise Conflict("the last owner cannot leave; make someone else owner first")
        await member.delete()
        await _audit(member, "delete", actor, old={"email": member.person.email})


async def invite(
    creator_id: UUID,
    role: Role,
    *,
    now: datetime,
    email: str = "",
    actor: Person | None = None,
) -> IssuedInvitation:
    token = secrets.token_urlsafe(32)
    row = await Invitation.create(
        creator_id=creator_id,
        token_hash=hash_token(token),
        role=role,
        email=email.strip().lower()[:255],
        invited_by=actor,
        expires_at=now + INVITATION_LIFETIME,
    )
    await audit.record(
        creator_id,
        table="invitation",
        operation="create",
        record_id=row.id,
        new={"role": role, "email": row.email},
        actor=actor,
    )
    return IssuedInvitation(row=row, token=token)


async def pending_invitations(creator_id: UUID, *, now: datetime) -> list[Invitation]:
    return (
        await Invitation.for_creator(creator_id)
        .filter(accepted_at=None, revoked_at=None, expires_at__gt=now)
        .order_by("-created_at")
    )


async def revoke_invitation(
    creator_id: UUID, invitation_id: UUID | str, *, now: datetime, actor: Person | None = None
) -> None:
    row = await Invitation.for_creator(creator_id).get_or_none(id=invitation_id)
    if row is None:
        raise NotFound("no such invitation in this workspace")
    if row.accepted_at is None and row.revoked_at is None:
        row.revoked_at = now
        await row.save(update_fields=["revoked_at"])
        await audit.record(
            creator_id, table="invitation", operation="revoke", record_id=row.id, actor=actor
        )


async def open_invitation(token: str, *, now: datetime) -> Invitation:
    """The usable invitation behind a link, with its workspace; NotFound explains why not."""
    row = await Invitation.get_or_none(token_hash=hash_token(token)).select_related("creator")
    if row is None or row.revoked_at is not None:
        raise NotFound("this invitation link is not valid; ask for a new one")
    if row.accepted_at is not None:
        raise NotFound("this invitation link was already used; ask for a new one")
    if row.expires_at <= now:
        raise NotFound("this invitation link has expired; ask for a new one")
    return row


async def accept(token: str, person: Person, *, now: datetime) -> Membership:
    """Make `person` a member; a person already in the workspace keeps the higher role."""
    async with in_transaction():
        row = await open_invitation(token, now=now)
        updated = await Invitation.filter(id=row.id, accepted_at=None).update(accepted_at=now)
        if not updated:
            raise NotFound("this invitation link was already used; ask for a new one")
        member = await Membership.get_or_none(creator_id=row.creator_id, person=person)
        if member is None:
            member = await Membership.create(
                creator_id=row.creator_id, person=person, role=row.role
            )
        elif not allows(member.role, row.role):
            member.role = row.role
            await member.save(update_fields=["role"])
        await _audit(member, "join", person, new={"email": person.email, "role": member.role})
    return member


async def accept_as_new(
    token: str, *, email: str, password: str, display_name: str, now: datetime
) -> tuple[Person, Membership]:
    """Create the login the invitation is for, then accept it."""
    await open_invitation(token, now=now)
    person = await create_person(email, password, display_name=display_name)
    return person, await accept(token, person, now=now)


async def _audit(
    member: Membership,
    operation: str,
    actor: Person | None,
    *,
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
) -> None:
    await audit.record(
        member.creator_id,
        table="membership",
        operation=operation,
        record_id=member.id,
        old=old,
        new=new,
        actor=actor,
    )
