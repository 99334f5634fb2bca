"""`/api/v1` members, invitations, API keys and audit log: the studio's admin pages as JSON.

Same service functions as the studio (bot/workspaces.py, bot/auth.py, bot/audit.py); every
route here needs a key with the 'admin' scope, as the studio needs the owner role.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from bot import audit, auth, workspaces
from channels.api.auth import require_admin
from channels.api.bodies import read_json
from channels.api.contract import Out, operation, read_query
from channels.http_errors import HttpError
from models import ApiKey, AuditLog, Creator, Invitation, Membership, Role


class InvitationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Role
    email: str = Field(default="", max_length=255)


class RoleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Role


class ApiKeyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    scopes: list[str] = Field(min_length=1)
    name: str = Field(default="", max_length=100)
    expires_at: datetime | None = None


class MemberOut(Out):
    id: str
    email: str
    display_name: str | None
    role: Role


class InvitationOut(Out):
    id: str
    role: Role
    email: str
    expires_at: str


class IssuedInvitationOut(InvitationOut):
    """`path`: the studio link the invitee opens (shown once)."""

    path: str


class MembersOut(Out):
    members: list[MemberOut]
    invitations: list[InvitationOut]


class ApiKeyOut(Out):
    id: str
    name: str
    prefix: str
    scopes: list[str]
    last_used_at: str | None
    expires_at: str | None
    revoked: bool


class IssuedKeyOut(ApiKeyOut):
    """`token`: the key itself, shown once."""

    token: str


class ApiKeysOut(Out):
    api_keys: list[ApiKeyOut]


class AuditEntryOut(Out):
    at: str
    action: str
    actor_type: str
    actor_id: str | None
    record_id: str
    new: Any
    old: Any


class AuditOut(Out):
    entries: list[AuditEntryOut]


class AuditQueryIn(BaseModel):
    """Filters: an actor id and an action (`table.operation`), both optional."""

    actor: str = Field(default="", max_length=255)
    action: str = Field(default="", max_length=255)


def path_id(request: web.Request, name: str) -> UUID:
    try:
        return UUID(request.match_info[name])
    except ValueError:
        raise HttpError(404, f"no such {name.removesuffix('_id')}") from None


def member_json(m: Membership) -> dict[str, Any]:
    person = m.person
    return {
        "id": str(m.id),
        "email": person.email,
        "display_name": person.display_name,
        "role": m.role,
    }


def invitation_json(i: Invitation) -> dict[str, Any]:
    return {
        "id": str(i.id),
        "role": i.role,
        "email": i.email,
        "expires_at": i.expires_at.isoformat(),
    }


def key_json(k: ApiKey) -> dict[str, Any]:
    used = k.last_used_at.isoformat() if k.last_used_at else None
    expires = k.expires_at.isoformat() if k.expires_at else None
    return {
        "id": str(k.id),
        "name": k.name,
        "prefix": k.prefix,
        "scopes": k.scopes,
        "last_used_at": used,
        "expires_at": expires,
        "revoked": k.revoked,
    }


def audit_json(row: AuditLog) -> dict[str, Any]:
    return {
        "at": row.created_at.isoformat(),
        "action": f"{row.table_name}.{row.operation}",
        "actor_type": row.actor_type,
        "actor_id": row.actor_id,
        "record_id": row.record_id,
        "new": row.new_values,
        "old": row.old_values,
    }


@operation("List members and pending invitations", ok=MembersOut)
async def list_members(request: web.Request) -> web.Response:
    creator_id = require_admin(request)
    members = await workspaces.members(creator_id)
    pending = await workspaces.pending_invitations(creator_id, now=datetime.now(UTC))
    return MembersOut.respond(
        {
            "members": [member_json(m) for m in members],
            "invitations": [invitation_json(i) for i in pending],
        }
    )


@operation("Invite a member", ok=IssuedInvitationOut, status=201, body=InvitationIn)
async def create_invitation(request: web.Request) -> web.Response:
    creator_id = require_admin(request)
    body = await read_json(request, InvitationIn)
    issued = await workspaces.invite(creator_id, body.role, now=datetime.now(UTC), email=body.email)
    path = f"/studio/invitations/{issued.token}"
    return IssuedInvitationOut.respond(invitation_json(issued.row) | {"path": path}, status=201)


@operation("Revoke an invitation", ok=None, status=204, errors=(404,))
async def revoke_invitation(request: web.Request) -> web.Response:
    creator_id = require_admin(request)
    await workspaces.revoke_invitation(
        creator_id, path_id(request, "invitation_id"), now=datetime.now(UTC)
    )
    return web.Response(status=204)


@operation("Change a member's role", ok=MemberOut, body=RoleIn, errors=(404, 409))
async def change_role(request: web.Request) -> web.Response:
    creator_id = require_admin(request)
    member_id = (await workspaces.get_member(creator_id, path_id(request, "member_id"))).id
    body = await read_json(request, RoleIn)
    return MemberOut.respond(
        member_json(await workspaces.change_role(creator_id, member_id, body.role))
    )


@operation("Remove a member", ok=None, status=204, errors=(404, 409))
async def remove_member(request: web.Request) -> web.Response:
    creator_id = require_admin(request)
    await workspaces.remove_member(creator_id, path_id(request, "member_id"))
    return web.Response(status=204)


@operation("List API keys", ok=ApiKeysOut)
async def list_keys(request: web.Request) -> web.Response:
    keys = await auth.api_keys(require_admin(request))
    return ApiKeysOut.respond({"api_keys": [key_json(k) for k in keys]})


@operation("Issue an API key", ok=IssuedKeyOut, status=201, body=ApiKeyIn)
async def create_key(request: web.Request) -> web.Response:
    creator = await Creator.get(id=require_admin(request))
    body = await read_json(request, ApiKeyIn)
    issued = await auth.issue_api_key(
        creator, auth.parse_scopes(body.scopes), name=body.name, expires_at=body.expires_at
    )
    return IssuedKeyOut.respond(key_json(issued.row) | {"token": issued.token}, status=201)


@operation("Revoke an API key", ok=None, status=204, errors=(404,))
async def revoke_key(request: web.Request) -> web.Response:
    creator_id = require_admin(request)
    await auth.revoke_api_key(creator_id, path_id(request, "key_id"), now=datetime.now(UTC))
    return web.Response(status=204)


@operation("The audit log (latest 100)", ok=AuditOut, query=AuditQueryIn)
async def audit_log(request: web.Request) -> web.Response:
    creator_id = require_admin(request)
    asked = read_query(request, AuditQueryIn)
    query = audit.AuditQuery(actor=asked.actor, action=asked.action)
    rows = await audit.entries(creator_id, query, limit=100)
    return AuditOut.respond({"entries": [audit_json(r) for r in rows]})


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api/v1/members", list_members)
    app.router.add_patch("/api/v1/members/{member_id}", change_role)
    app.router.add_delete("/api/v1/members/{member_id}", remove_member)
    app.router.add_post("/api/v1/invitations", create_invitation)
    app.router.add_delete("/api/v1/invitations/{invitation_id}", revoke_invitation)
    app.router.add_get("/api/v1/api-keys", list_keys)
    app.router.add_post("/api/v1/api-keys", create_key)
    app.router.add_delete("/api/v1/api-keys/{key_id}", revoke_key)
    app.router.add_get("/api/v1/audit", audit_log)
