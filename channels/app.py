"""The composition root: `create_app(settings)` builds every service and owns start-up/clean-up."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import AsyncIterator, Callable, Coroutine
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from aiohttp import web

from bot.abuse import LearnerRateLimit
from bot.answer import AnswerStep
from bot.budget import BudgetedLLMs
from bot.clock import Clock, SystemClock, wait_or_stop
from bot.engine import Engine
from bot.gamification import GamificationStep
from bot.handover import release_outbox_claims
from bot.inbox import DurableInbox
from bot.leader import run_led
from bot.llm import LLMChooser
from bot.outbox import OutboxWorker, Sender
from bot.programs.runner import ProgramsStep
from bot.rag.queue import IngestQueue
from bot.rag.service import KnowledgeService
from bot.retention import Retention
from bot.scheduler import Scheduler
from bot.settings import Settings
from bot.telemetry import CountedSender, Telemetry, TimedEngine
from channels import observability
from channels.api import bots as bots_api
from channels.api import channels as channels_api
from channels.api import knowledge as knowledge_api
from channels.api import learners as learners_api
from channels.api import members as members_api
from channels.api import metrics as metrics_api
from channels.api import programs as programs_api
from channels.api import settings as settings_api
from channels.api.auth import api_key_auth
from channels.api.clock import CLOCK as API_CLOCK
from channels.base import Inbox
from channels.cluster import Cluster
from channels.health import healthz
from channels.http_errors import json_errors
from channels.studio import create_studio
from channels.telegram import TelegramClients, TelegramSender, TelegramUpdates, run_polling
from channels.telegram import add_routes as telegram_routes
from channels.web import widget
from channels.web.demo import demo_page
from channels.web.hub import WidgetHub
from channels.web.ratelimit import WidgetLimits
from channels.web.sender import WidgetSender
from channels.whatsapp import TwilioClients, WhatsAppSender, WhatsAppWebhooks
from channels.whatsapp import add_routes as whatsapp_routes
from models import Channel, ChannelType
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
    inbox: Inbox
    telegram_clients: TelegramClients
    twilio_clients: TwilioClients
    outbox: OutboxWorker
    updates: TelegramUpdates
    scheduler: Scheduler
    ingest: IngestQueue
    answers: AnswerStep
    cluster: Cluster
    telemetry: Telemetry
    turns: TimedEngine
    stop: asyncio.Event = field(default_factory=asyncio.Event)

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
        budgeted = BudgetedLLMs(llm, clock)  # the studio's retrieval test spends the same budget
        rate = LearnerRateLimit(clock, per_minute=settings.limits.learner_messages_per_minute)
        engine = Engine(
            retriever=knowledge.retriever,
            llm_for=budgeted,
            clock=clock,
            top_k=settings.rag.top_k,
            before_answer=[rate, GamificationStep(clock), ProgramsStep(clock)],
            deadline_s=settings.turn_deadline_s,
        )
        cluster, telemetry = Cluster.build(settings), Telemetry()
        turns = TimedEngine(engine.handle, telemetry)
        tg = TelegramClients(settings.telegram)
        tw = TwilioClients(settings.twilio, public_url=settings.public_url)
        senders: dict[str, Sender] = {
            "web": WidgetSender(cluster.live),
            "telegram": TelegramSender(tg, limiter=cluster.limiter),
            "whatsapp": WhatsAppSender(tw, limiter=cluster.limiter),
        }
        only = settings.workers.outbox_channels or list(senders)
        senders = {
            name: CountedSender(name, s, telemetry) for name, s in senders.items() if name in only
        }
        lease = timedelta(seconds=settings.workers.outbox_lease_s)
        outbox = OutboxWorker(senders, clock=clock, worker_id=cluster.node, lease=lease)
        inbox_lease = timedelta(seconds=settings.workers.inbox_lease_s)
        durable = DurableInbox(turns.handle, clock=clock, lease=inbox_lease)
        inbox = Inbox(durable, on_done=outbox.wake)
        updates = TelegramUpdates(inbox=inbox, clients=tg, clock=clock)
        retention = Retention(knowledge.store)
        interval = settings.workers.scheduler_interval_s
        scheduler = Scheduler(
            clock=clock, on_queued=outbox.wake, interval_s=interval, cleanup=retention.cleanup
        )
        ingest = IngestQueue(knowledge, upload_dir=settings.data_dir / "uploads", clock=clock)
        answers = AnswerStep(
            retriever=knowledge.retriever,
            llm_for=budgeted,
            top_k=settings.rag.top_k,
            deadline_s=settings.turn_deadline_s,
        )
        return cls(
            settings, clock, knowledge, llm, engine, cluster.hub, inbox, tg, tw, outbox, updates,
            scheduler, ingest, answers, cluster, telemetry, turns,
        )  # fmt: skip

    def background(
        self, *, telegram_polling: bool = False
    ) -> list[Callable[[], Coroutine[Any, Any, None]]]:
        """The loops this process runs until `stop` is set (web-only nodes skip the outbox)."""
        stop = self.stop
        loops: list[Callable[[], Coroutine[Any, Any, None]]] = [
            self.recover_inbox,
            functools.partial(self.ingest.run, stop),
            self.knowledge.reindexer.reconcile_all,
            *(functools.partial(loop, stop) for loop in self.cluster.loops()),
        ]
        if self.settings.workers.outbox:
            loops.append(functools.partial(self.outbox.run, stop))
        return [*loops, self.poll_telegram] if telegram_polling else loops

    async def poll_telegram(self) -> None:
        """Long polling in exactly one process (a lock elects it; the others log why they skip)."""
        leadership = self.cluster.leadership("telegram-polling")
        await run_led(self.poll_telegram_until, self.stop, leadership=leadership)

    async def poll_telegram_until(self, stop: asyncio.Event) -> None:
        """Long polling for every bot with a Telegram channel (no public URL needed)."""
        slugs = await Channel.filter(
            channel_type=ChannelType.TELEGRAM, status="active"
        ).values_list("bot__slug", flat=True)
        log.info("telegram long polling for %d bot(s)", len(slugs))
        await asyncio.gather(*(run_polling(self.updates, slug=str(s), stop=stop) for s in slugs))

    async def recover_inbox(self) -> None:
        workers = self.settings.workers
        grace = timedelta(seconds=workers.inbox_recovery_grace_s)
        while not self.stop.is_set():
            recovered = await self.inbox.durable.recover(grace=grace)
            self.telemetry.inbox_recoveries.inc(recovered)
            await wait_or_stop(self.stop, workers.inbox_recovery_interval_s)

    async def aclose(self) -> None:
        """Finish in-flight turns (within the grace period), then hand back what is left."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.inbox.drain(), self.settings.workers.shutdown_grace_s)
        await release_outbox_claims(self.outbox.worker_id)
        await self.hub.close_all()
        await self.cluster.aclose()
        await self.llm.aclose()
        await self.telegram_clients.close()
        await self.twilio_clients.close()
        await self.knowledge.aclose()


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
    app[knowledge_api.INGEST] = services.ingest
    app[knowledge_api.ANSWERS] = services.answers
    app[channels_api.TELEGRAM_CLIENTS] = services.telegram_clients
    app[channels_api.PUBLIC_URL] = settings.public_url
    loops = services.background(telegram_polling=telegram_polling) if run_background else []
    app.cleanup_ctx.append(_services(services, loops))
    app.on_shutdown.append(_close_sockets(services.hub))
    _routes(app, services)
    return app


def _routes(app: web.Application, services: Services) -> None:
    settings = services.settings
    app.router.add_get("/healthz", healthz(settings.db_url))
    observability.add_routes(
        app,
        telemetry=services.telemetry,
        clock=services.clock,
        database_url=settings.db_url,
        chroma_client=lambda: services.knowledge.store.client,
        token=settings.metrics_token.get_secret_value() if settings.metrics_token else None,
    )
    app.router.add_get("/", demo_page(settings.public_url))
    endpoints = widget.WidgetEndpoints(
        engine=services.turns,
        inbox=services.inbox.durable,
        live=services.cluster.live,
        limits=settings.widget,
        public_url=settings.public_url,
        rate_limits=WidgetLimits(services.cluster.limiter, settings.widget),
    )
    widget.add_routes(app, endpoints)
    telegram_routes(app, services.updates)
    webhooks = WhatsAppWebhooks(
        inbox=services.inbox, clock=services.clock, public_url=settings.public_url
    )
    whatsapp_routes(app, webhooks)
    bots_api.add_routes(app)
    knowledge_api.add_routes(app)
    metrics_api.add_routes(app)
    programs_api.add_routes(app)
    channels_api.add_routes(app)
    members_api.add_routes(app)
    app[API_CLOCK] = services.clock
    learners_api.add_routes(app)
    settings_api.add_routes(app)
    app.router.add_get("/studio", _to_studio)
    app.add_subapp("/studio", create_studio(services))


async def _to_studio(request: web.Request) -> web.StreamResponse:
    raise web.HTTPFound("/studio/")


def _close_sockets(hub: WidgetHub) -> Callable[[web.Application], Coroutine[Any, Any, None]]:
    """Open widgets are told to go before the server waits for in-flight requests to finish."""

    async def close(app: web.Application) -> None:
        await hub.close_all()

    return close


def _database(settings: Settings) -> CleanupCtx:
    async def ctx(app: web.Application) -> AsyncIterator[None]:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        await init_db(
            settings.db_url,
            secret_keys=settings.secret_keys(),
            replica_url=settings.database_replica_url,
        )
        log.info("database open (%s)", settings.db_url.split(":", 1)[0])
        yield
        await close_db()

    return ctx


def _services(
    services: Services, loops: list[Callable[[], Coroutine[Any, Any, None]]]
) -> CleanupCtx:
    async def ctx(app: web.Application) -> AsyncIterator[None]:
        tasks = [asyncio.create_task(loop()) for loop in loops]
        if loops and services.settings.workers.scheduler:
            services.scheduler.start()
        yield
        services.scheduler.shutdown()
        services.stop.set()
        if tasks:
            await asyncio.wait(tasks, timeout=services.settings.workers.shutdown_grace_s)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await services.aclose()

    return ctx
