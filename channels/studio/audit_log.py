"""The audit log page: who did what in the workspace, filterable by actor, action and date."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from aiohttp import web

from bot import audit, workspaces
from bot.errors import InvalidInput
from channels.studio.render import render
from channels.studio.security import current
from models import AuditLog

PAGE_SIZE = 50


def local_day(raw: str, tz: ZoneInfo, *, label: str) -> datetime | None:
    """Midnight of a YYYY-MM-DD day in the person's time zone, or None when empty."""
    if not raw:
        return None
    try:
        return datetime.combine(date.fromisoformat(raw), time(), tzinfo=tz)
    except ValueError:
        raise InvalidInput(f"{label}: use a date like 2026-03-31") from None


def parse_query(params: dict[str, str], tz: ZoneInfo) -> audit.AuditQuery:
    until = local_day(params.get("to", ""), tz, label="To")
    before = params.get("before", "")
    try:
        cursor = datetime.fromisoformat(before) if before else None
    except ValueError:
        raise InvalidInput("the page link is broken; start again from the first page") from None
    return audit.AuditQuery(
        actor=params.get("actor", ""),
        action=params.get("action", ""),
        since=local_day(params.get("from", ""), tz, label="From"),
        until=until + timedelta(days=1) if until else None,
        before=cursor,
    )


def actor_name(row: AuditLog, names: dict[str, str]) -> str:
    if not row.actor_id:
        return "creator (CLI or API)"
    return names.get(row.actor_id, "former member")


async def audit_page(request: web.Request) -> web.StreamResponse:
    who = current(request)
    tz = ZoneInfo(who.person.time_zone)
    params = {
        k: request.query.get(k, "").strip() for k in ("actor", "action", "from", "to", "before")
    }
    members = await workspaces.members(who.creator_id)
    ctx: dict[str, object] = {
        "params": params,
        "members": members,
        "actions": await audit.actions(who.creator_id),
        "tz": who.person.time_zone,
        "rows": [],
        "error": None,
        "older": None,
    }
    try:
        query = parse_query(params, tz)
    except InvalidInput as exc:
        return await render(request, "audit.html", ctx | {"error": str(exc)}, status=400)
    rows = await audit.entries(who.creator_id, query, limit=PAGE_SIZE)
    names = {str(m.person_id): m.person.display_name or m.person.email for m in members}
    shown = [(r, actor_name(r, names), r.created_at.astimezone(tz)) for r in rows]
    older = None
    if len(rows) == PAGE_SIZE:
        older = {**params, "before": rows[-1].created_at.isoformat()}
    return await render(request, "audit.html", ctx | {"rows": shown, "older": older})


def add_routes(app: web.Application) -> None:
    app.router.add_get("/audit", audit_page, name="audit")
