"""`/api/v1/settings/retention`: how long a creator's data is kept (changes are audited)."""

from __future__ import annotations

from aiohttp import web

from bot import audit
from bot.retention import RetentionPolicy
from channels.api.auth import creator_of
from channels.api.bodies import read_json
from models import Creator


async def get_retention(request: web.Request) -> web.Response:
    creator = await Creator.get(id=creator_of(request))
    return web.json_response(RetentionPolicy.of(creator).model_dump())


async def put_retention(request: web.Request) -> web.Response:
    policy = await read_json(request, RetentionPolicy)
    creator = await Creator.get(id=creator_of(request))
    before = RetentionPolicy.of(creator).model_dump()
    creator.settings = {**(creator.settings or {}), "retention": policy.model_dump()}
    await creator.save(update_fields=["settings", "updated_at"])
    await audit.record_change(
        creator.id,
        table="creator_settings",
        record_id=creator.id,
        old=before,
        new=policy.model_dump(),
    )
    return web.json_response(policy.model_dump())


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api/v1/settings/retention", get_retention)
    app.router.add_put("/api/v1/settings/retention", put_retention)
