"""The composition root: `create_app(settings)` builds every service and owns start-up/clean-up."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

from aiohttp import web

from bot.settings import Settings
from channels.health import healthz
from models.db import close_db, init_db

log = logging.getLogger(__name__)
SETTINGS = web.AppKey("settings", Settings)


def create_app(settings: Settings, *, manage_db: bool = True) -> web.Application:
    """The aiohttp application; `manage_db=False` when the caller already opened the ORM."""
    app = web.Application(client_max_size=20 * 1024 * 1024)
    app[SETTINGS] = settings
    if manage_db:
        app.cleanup_ctx.append(_database(settings))
    app.router.add_get("/healthz", healthz(settings.db_url))
    return app


def _database(settings: Settings):  # type: ignore[no-untyped-def]
    async def ctx(app: web.Application) -> AsyncIterator[None]:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        await init_db(settings.db_url, secret_keys=settings.secret_keys())
        log.info("database open (%s)", settings.db_url.split(":", 1)[0])
        yield
        await close_db()

    return ctx
