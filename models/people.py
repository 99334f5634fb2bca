"""People who sign in to the studio, their workspace memberships, invitations and sessions.

A workspace is a `Creator` (the tenant). A `Person` is a login; `Membership` gives a person a
role in one workspace, so one person may work in several creators' workspaces.
"""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import TYPE_CHECKING
from uuid import UUID

from tortoise import fields
from tortoise.models import Model

from models.base import TenantModel, created_at, updated_at

if TYPE_CHECKING:
    from models.creators import Creator


class Role(StrEnum):
    """What a member may do in a workspace; later members of the list may do more."""

    VIEWER = "viewer"
    EDITOR = "editor"
    OWNER = "owner"


class Person(Model):
    """A login: email, argon2id password hash, how the person is shown and their time zone."""

    id = fields.UUIDField(primary_key=True, default=uuid.uuid4)
    email = fields.CharField(max_length=255, unique=True)
    password_hash = fields.CharField(max_length=255)
    display_name = fields.CharField(max_length=100, default="")
    time_zone = fields.CharField(max_length=64, default="UTC")
    created_at = created_at()
    updated_at = updated_at()
    last_login_at = fields.DatetimeField(null=True)

    class Meta:
        table = "person"


class Membership(TenantModel):
    """A person's role in one creator's workspace."""

    creator_id: UUID
    creator: fields.ForeignKeyRelation[Creator] = fields.ForeignKeyField(
        "models.Creator", related_name="memberships", on_delete=fields.CASCADE
    )
    person_id: UUID
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="memberships", on_delete=fields.CASCADE
    )
    role = fields.CharEnumField(Role, max_length=16)
    created_at = created_at()

    class Meta:
        table = "membership"
        unique_together = (("creator_id", "person_id"),)


class Invitation(TenantModel):
    """A one-time link that makes whoever opens it a member; only a hash of its token is kept."""

    creator_id: UUID
    creator: fields.ForeignKeyRelation[Creator] = fields.ForeignKeyField(
        "models.Creator", related_name="invitations", on_delete=fields.CASCADE
    )
    token_hash = fields.CharField(max_length=64, unique=True)
    role = fields.CharEnumField(Role, max_length=16)
    email = fields.CharField(max_length=255, default="")
    invited_by_id: UUID | None
    invited_by: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="invitations_sent", null=True, on_delete=fields.SET_NULL
    )
    created_at = created_at()
    expires_at = fields.DatetimeField()
    accepted_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "invitation"
        indexes = (("creator_id", "created_at"),)


class StudioSession(Model):
    """One signed-in browser session; the cookie names it, sign-out ends it for good."""

    id = fields.UUIDField(primary_key=True, default=uuid.uuid4)
    person_id: UUID
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="sessions", on_delete=fields.CASCADE
    )
    created_at = created_at()
    expires_at = fields.DatetimeField()
    ended_at = fields.DatetimeField(null=True)

    class Meta:
        table = "studio_session"
        indexes = (("person_id", "ended_at"),)


class SignInFailure(Model):
    """A failed sign-in, keyed by account and by client address, for throttling across processes."""

    id = fields.BigIntField(primary_key=True)
    key = fields.CharField(max_length=64)
    created_at = fields.DatetimeField()

    class Meta:
        table = "sign_in_failure"
        indexes = (("key", "created_at"),)
