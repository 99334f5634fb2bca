"""The composition root: `create_app(settings)` builds every service and owns start-up/clean-up."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any, TypeVar

from aiohttp import web

from bot.clock import Clock, SystemClock
from bot.engine import Engine
from bot.gamification import GamificationStep
from bot.inbox import DurableInbox
from bot.llm import LLMChooser
from bot.outbox import OutboxWorker
from bot.programs.runner import ProgramsStep
from bot.rag.service import KnowledgeService
from bot.scheduler import Scheduler
from bot.settings import Settings
from channels.api import bots as bots_api
from channels.api import channels as channels_api
from channels.api import knowledge as knowledge_api
from channels.api import metrics as metrics_api
from channels.api import programs as programs_api
from channels.api.auth import api_key_auth
from channels.base import Inbox
from channels.health import healthz
from channels.http_errors import json_errors
from channels.registry import Channel, ChannelDeps, ChannelFactory
from channels.telegram import TelegramClients, TelegramUpdates, run_polling
from channels.telegram.channel import TelegramChannel
from channels.web.channel import WebChannel
from channels.web.demo import demo_page
from channels.web.hub import WidgetHub
from channels.whatsapp import TwilioClients
from channels.whatsapp.channel import WhatsAppChannel
from models import Channel as ChannelRow
from models import ChannelType
from models.db import close_db, init_db

log = logging.getLogger(__name__)
CleanupCtx = Callable[[web.Application], AsyncIterator[None]]
C = TypeVar("C", WebChannel, TelegramChannel, WhatsAppChannel)
RECOVERY_INTERVAL_S = 30.0
CHANNELS: tuple[ChannelFactory, ...] = (WebChannel, TelegramChannel, WhatsAppChannel)
"""Every channel this app serves: a new channel is its own package and one entry here."""


@dataclass
class Services:
    """Everything a running Parley process holds, built once from settings."""

    settings: Settings
    clock: Clock
    knowledge: KnowledgeService
    llm: LLMChooser
    engine: Engine
    inbox: Inbox
    channels: dict[str, Channel]
    outbox: OutboxWorker
    scheduler: Scheduler
    stop: asyncio.Event = field(default_factory=asyncio.Event)

    @classmethod
    def build(
        cls,
        settings: Settings,
        *,
        clock: Clock | None = None,
        knowledge: KnowledgeService | None = None,
        channels: tuple[ChannelFactory, ...] = CHANNELS,
    ) -> Services:
        clock = clock or SystemClock()
        knowledge = knowledge or KnowledgeService(settings, clock=clock)
        llm = LLMChooser(settings.llm)
        engine = Engine(
            retriever=knowledge.retriever,
            llm_for=llm,
            clock=clock,
            top_k=settings.rag.top_k,
            before_answer=[GamificationStep(clock), ProgramsStep(clock)],
        )
        wake: list[Callable[[], None]] = []  # the outbox, once the channels gave their senders
        inbox = Inbox(DurableInbox(engine.handle, clock=clock), on_done=lambda: wake[0]())
        deps = ChannelDeps(settings=settings, clock=clock, inbox=inbox, engine=engine)
        built = {channel.name: channel for channel in (build(deps) for build in channels)}
        outbox = OutboxWorker({n: c.sender for n, c in built.items()}, clock=clock)
        wake.append(outbox.wake)
        scheduler = Scheduler(clock=clock, on_queued=outbox.wake)
        return cls(settings, clock, knowledge, llm, engine, inbox, built, outbox, scheduler)

    # the built-in channels' clients, for the CLI, the creator API and tests
    @property
    def hub(self) -> WidgetHub:
        return self._channel(WebChannel).hub

    @property
    def updates(self) -> TelegramUpdates:
        return self._channel(TelegramChannel).updates

    @property
    def telegram_clients(self) -> TelegramClients:
        return self._channel(TelegramChannel).clients

    @property
    def twilio_clients(self) -> TwilioClients:
        return self._channel(WhatsAppChannel).clients

    def _channel(self, kind: type[C]) -> C:
        found = self.channels.get(str(kind.name))
        if not isinstance(found, kind):
            raise LookupError(f"this app serves no {kind.name} channel")
        return found

    def background(
        self, *, telegram_polling: bool = False
    ) -> list[Callable[[], Coroutine[Any, Any, None]]]:
        """The loops this process runs until `stop` is set."""
        loops = [lambda: self.outbox.run(self.stop), self.recover_inbox]
        return [*loops, self.poll_telegram] if telegram_polling else loops

    async def poll_telegram(self) -> None:
        """Long polling for every bot with a Telegram channel (no public URL needed)."""
        slugs = await ChannelRow.filter(
            channel_type=ChannelType.TELEGRAM, status="active"
        ).values_list("bot__slug", flat=True)
        log.info("telegram long polling for %d bot(s)", len(slugs))
        await asyncio.gather(
            *(run_polling(self.updates, slug=str(s), stop=self.stop) for s in slugs)
        )

    async def recover_inbox(self) -> None:
        while not self.stop.is_set():
            await self.inbox.durable.recover()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.stop.wait(), RECOVERY_INTERVAL_S)

    async def aclose(self) -> None:
        await self.inbox.drain()
        await self.llm.aclose()
        for channel in self.channels.values():
            await channel.close()


SERVICES = web.AppKey("services", Services)


def create_app(
    settings: Settings,
    *,
    manage_db: bool = True,
    services: Services | None = None,
    run_background: bool = True,
    telegram_polling: bool = False,
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
    app[channels_api.TELEGRAM_CLIENTS] = services.telegram_clients
    loops = services.background(telegram_polling=telegram_polling) if run_background else []
    app.cleanup_ctx.append(_services(services, loops))
    _routes(app, services)
    return app


def _routes(app: web.Application, services: Services) -> None:
    settings = services.settings
    app.router.add_get("/healthz", healthz(settings.db_url))
    app.router.add_get("/", demo_page(settings.public_url))
    for channel in services.channels.values():
        channel.routes(app)
    bots_api.add_routes(app)
    knowledge_api.add_routes(app)
    metrics_api.add_routes(app)
    programs_api.add_routes(app)
    channels_api.add_routes(app)


def _database(settings: Settings) -> CleanupCtx:
    async def ctx(app: web.Application) -> AsyncIterator[None]:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        await init_db(settings.db_url, secret_keys=settings.secret_keys())
        log.info("database open (%s)", settings.db_url.split(":", 1)[0])
        yield
        await close_db()

    return ctx


def _services(
    services: Services, loops: list[Callable[[], Coroutine[Any, Any, None]]]
) -> CleanupCtx:
    async def ctx(app: web.Application) -> AsyncIterator[None]:
        tasks = [asyncio.create_task(loop()) for loop in loops]
        if loops:
            services.scheduler.start()
        yield
        services.scheduler.shutdown()
        services.stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        await services.aclose()

    return ctx
