"""The composition root: `create_app(settings)` builds every service and owns start-up/clean-up."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from aiohttp import web

from bot.clock import Clock, SystemClock
from bot.engine import Engine
from bot.llm import LLMChooser
from bot.rag.service import KnowledgeService
from bot.settings import Settings
from channels.api import bots as bots_api
from channels.api import knowledge as knowledge_api
from channels.api.auth import api_key_auth
from channels.health import healthz
from channels.http_errors import json_errors
from channels.web import widget
from channels.web.demo import demo_page
from channels.web.hub import WidgetHub
from models.db import close_db, init_db

log = logging.getLogger(__name__)
CleanupCtx = Callable[[web.Application], AsyncIterator[None]]


@dataclass
class Services:
    """Everything a running Parley process holds, built once from settings."""

    settings: Settings
    clock: Clock
    knowledge: KnowledgeService
    llm: LLMChooser
    engine: Engine
    hub: WidgetHub

    @classmethod
    def build(
        cls,
        settings: Settings,
        *,
        clock: Clock | None = None,
        knowledge: KnowledgeService | None = None,
    ) -> Services:
        clock = clock or SystemClock()
        knowledge = knowledge or KnowledgeService(settings, clock=clock)
        llm = LLMChooser(settings.llm)
        engine = Engine(
            retriever=knowledge.retriever, llm_for=llm, clock=clock, top_k=settings.rag.top_k
        )
        return cls(settings, clock, knowledge, llm, engine, WidgetHub())

    async def aclose(self) -> None:
        await self.hub.close_all()
        await self.llm.aclose()


SERVICES = web.AppKey("services", Services)


def create_app(
    settings: Settings, *, manage_db: bool = True, services: Services | None = None
) -> web.Application:
    """The aiohttp application; `manage_db=False` when the caller already opened the ORM."""
    app = web.Application(
        client_max_size=knowledge_api.MAX_UPLOAD_BYTES + 1024 * 1024,
        middlewares=[json_errors, api_key_auth],
    )
    if manage_db:
        app.cleanup_ctx.append(_database(settings))
    services = services or Services.build(settings)
    app[SERVICES] = services
    app[knowledge_api.KNOWLEDGE] = services.knowledge
    app.cleanup_ctx.append(_services(services))
    _routes(app, services)
    return app


def _routes(app: web.Application, services: Services) -> None:
    settings = services.settings
    app.router.add_get("/healthz", healthz(settings.db_url))
    app.router.add_get("/", demo_page(settings.public_url))
    endpoints = widget.WidgetEndpoints(
        engine=services.engine,
        hub=services.hub,
        limits=settings.widget,
        public_url=settings.public_url,
    )
    widget.add_routes(app, endpoints)
    bots_api.add_routes(app)
    knowledge_api.add_routes(app)


def _database(settings: Settings) -> CleanupCtx:
    async def ctx(app: web.Application) -> AsyncIterator[None]:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        await init_db(settings.db_url, secret_keys=settings.secret_keys())
        log.info("database open (%s)", settings.db_url.split(":", 1)[0])
        yield
        await close_db()

    return ctx


def _services(services: Services) -> CleanupCtx:
    async def ctx(app: web.Application) -> AsyncIterator[None]:
        yield
        await services.aclose()

    return ctx
