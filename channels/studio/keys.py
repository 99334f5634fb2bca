"""API keys of the workspace: create with scopes (the secret shown once), list, revoke."""

from __future__ import annotations

from datetime import timedelta

from aiohttp import web

from bot import auth
from bot.errors import InvalidInput
from channels.studio.forms import object_id
from channels.studio.render import flash, render
from channels.studio.security import CLOCK, current, requires
from models import Creator, Role

SCOPE_HELP = {
    "read": "read bots, knowledge, programs and metrics",
    "write": "change them",
    "admin": "everything, including members",
}


async def _context(request: web.Request, **extra: object) -> dict[str, object]:
    who = current(request)
    return {
        "keys": await auth.api_keys(who.creator_id),
        "scopes": SCOPE_HELP,
        "can_manage": who.role == Role.OWNER,
        "now": request.app[CLOCK].now(),
        "issued": None,
        "error": None,
        "form": {"name": "", "scopes": ["read"], "expires_days": ""},
    } | extra


async def keys_page(request: web.Request) -> web.StreamResponse:
    return await render(request, "api_keys.html", await _context(request))


def expiry_days(raw: str) -> int | None:
    if not raw:
        return None
    if not raw.isdigit() or not 1 <= int(raw) <= 3650:
        raise InvalidInput("expiry must be a whole number of days between 1 and 3650")
    return int(raw)


@requires(Role.OWNER)
async def create_key(request: web.Request) -> web.StreamResponse:
    posted = await request.post()
    scopes = [str(s) for s in posted.getall("scopes", [])]
    form = {
        "name": str(posted.get("name", "")).strip(),
        "scopes": scopes,
        "expires_days": str(posted.get("expires_days", "")).strip(),
    }
    who = current(request)
    now = request.app[CLOCK].now()
    try:
        days = expiry_days(str(form["expires_days"]))
        issued = await auth.issue_api_key(
            await Creator.get(id=who.creator_id),
            auth.parse_scopes(scopes),
            name=str(form["name"]),
            expires_at=now + timedelta(days=days) if days else None,
            actor=who.person,
        )
    except InvalidInput as exc:
        ctx = await _context(request, error=str(exc), form=form)
        return await render(request, "api_keys.html", ctx, status=400)
    return await render(
        request, "api_keys.html", await _context(request, issued=issued), status=201
    )


@requires(Role.OWNER)
async def revoke_key(request: web.Request) -> web.StreamResponse:
    who = current(request)
    row = await auth.revoke_api_key(
        who.creator_id,
        object_id(request, "key_id"),
        now=request.app[CLOCK].now(),
        actor=who.person,
    )
    await flash(request, f"Key {row.prefix} revoked: it no longer works.")
    raise web.HTTPSeeOther("/studio/api-keys")


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api-keys", keys_page, name="api_keys")
    app.router.add_post("/api-keys", create_key)
    app.router.add_post("/api-keys/{key_id}/revoke", revoke_key)
