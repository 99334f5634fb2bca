"""API-key authentication for `/api/v1`: Bearer keys, scopes by method, the caller's creator."""

from __future__ import annotations

from uuid import UUID

from aiohttp import web
from aiohttp.typedefs import Handler
from tortoise import connections

from bot.auth import verify_api_key
from channels.api.contract import declaration_of
from channels.http_errors import HttpError
from models import rls
from models.db import dialect as dialect_of
from models.rls import tenant_scope

CREATOR = web.RequestKey("creator_id", UUID)
SCOPES = web.RequestKey("api_scopes", frozenset)
ROW_LEVEL_SECURITY = web.AppKey("row_level_security_dialect", str)
READ_METHODS = frozenset({"GET", "HEAD"})


def needed_scope(method: str) -> str:
    return "read" if method in READ_METHODS else "write"


def bearer_token(request: web.Request) -> str:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HttpError(
            401, "missing API key: send 'Authorization: Bearer <key>'", code="missing_api_key"
        )
    return token.strip()


@web.middleware
async def api_key_auth(request: web.Request, handler: Handler) -> web.StreamResponse:
    if not request.path.startswith("/api/") or is_public(request):
        return await handler(request)
    key = await verify_api_key(bearer_token(request))
    if key is None:
        raise HttpError(401, "invalid, revoked or expired API key", code="invalid_api_key")
    scope = needed_scope(request.method)
    if scope not in key.scopes and "admin" not in key.scopes:
        raise HttpError(403, f"this API key lacks the '{scope}' scope", code="insufficient_scope")
    request[CREATOR] = key.creator_id
    request[SCOPES] = frozenset(key.scopes)
    dialect = request.app.get(ROW_LEVEL_SECURITY, "")
    if not dialect:
        return await handler(request)
    async with tenant_scope(key.creator_id, dialect=dialect):
        return await handler(request)


def use_row_level_security(app: web.Application, *, enabled: bool, database_url: str) -> None:
    """When enabled (PostgreSQL), install the policies at start-up and run each API request in
    a transaction the database limits to the key's creator (`models/rls.py`)."""
    if not enabled:
        return
    app[ROW_LEVEL_SECURITY] = dialect_of(database_url)

    async def install_policies(app: web.Application) -> None:
        await rls.install(connections.get("default"), app[ROW_LEVEL_SECURITY])

    app.on_startup.append(install_policies)


def is_public(request: web.Request) -> bool:
    declared = declaration_of(request.match_info.handler)
    return declared is not None and declared.public


def creator_of(request: web.Request) -> UUID:
    creator_id: UUID = request[CREATOR]
    return creator_id


def require_admin(request: web.Request) -> UUID:
    """The caller's creator, for owner-level operations (members, keys, audit): 'admin' scope."""
    if "admin" not in request[SCOPES]:
        raise HttpError(403, "this API key lacks the 'admin' scope")
    return creator_of(request)
