"""The composition root: `create_app(settings)` builds every service and owns start-up/clean-up."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gc
import logging
from collections.abc import AsyncIterator, Callable, Coroutine
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, TypeVar

from aiohttp import web

from bot.abuse import LearnerRateLimit
from bot.answer import AnswerStep
from bot.budget import BudgetedLLMs
from bot.certificates.step import CertificatesStep
from bot.clock import Clock, SystemClock, wait_or_stop
from bot.engine import Engine
from bot.gamification import GamificationStep
from bot.handover import release_outbox_claims
from bot.i18n.language import identifier as language_identifier
from bot.inbox import DurableInbox
from bot.inbox_feed import InboxFeed, InboxWatchers
from bot.insight import rollup as insight_rollup
from bot.leader import run_led
from bot.llm import LLMChooser
from bot.media import MediaLinks, media_links, media_secret
from bot.metrics import DailyRollup
from bot.outbox import OutboxWorker
from bot.programs.runner import ProgramsStep
from bot.rag.queue import IngestQueue
from bot.rag.service import KnowledgeService, fetch_limits
from bot.retention import Retention
from bot.scheduler import Scheduler
from bot.settings import Settings
from bot.telemetry import CountedSender, Telemetry, TimedEngine
from bot.webhooks import WebhookWorker
from channels import certificates as certificate_pages
from channels import media as media_routes
from channels import observability
from channels.api import bots as bots_api
from channels.api import channels as channels_api
from channels.api import conversations as conversations_api
from channels.api import gaps as gaps_api
from channels.api import insight as insight_api
from channels.api import knowledge as knowledge_api
from channels.api import learners as learners_api
from channels.api import media as media_api
from channels.api import members as members_api
from channels.api import metrics as metrics_api
from channels.api import openapi as openapi_api
from channels.api import programs as programs_api
from channels.api import rewards as rewards_api
from channels.api import settings as settings_api
from channels.api import webhooks as webhooks_api
from channels.api.auth import api_key_auth, use_row_level_security
from channels.api.clock import CLOCK as API_CLOCK
from channels.base import Inbox
from channels.cluster import Cluster
from channels.health import healthz
from channels.http_errors import json_errors
from channels.registry import Channel, ChannelDeps, ChannelFactory
from channels.studio import create_studio
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
    ingest: IngestQueue
    answers: AnswerStep
    cluster: Cluster
    telemetry: Telemetry
    turns: TimedEngine
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    inbox_feed: InboxFeed | None = None  # the live inbox's event streams (always set by build)

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
        media_links.configure(
            MediaLinks(secret=media_secret(settings.secret_keys()), public_url=settings.public_url)
        )
        knowledge = knowledge or KnowledgeService(settings, clock=clock)
        llm = LLMChooser(settings.llm)
        budgeted = BudgetedLLMs(llm, clock)  # the studio's retrieval test spends the same budget
        rate = LearnerRateLimit(clock, per_minute=settings.limits.learner_messages_per_minute)
        cluster, telemetry = Cluster.build(settings), Telemetry()
        watchers = InboxWatchers(cluster.broadcast)
        engine = Engine(
            retriever=knowledge.retriever,
            llm_for=budgeted,
            clock=clock,
            top_k=settings.rag.top_k,
            before_answer=[
                rate,
                GamificationStep(clock),
                CertificatesStep(clock, settings.public_url),
                ProgramsStep(clock),
            ],
            deadline_s=settings.turn_deadline_s,
            inbox_watchers=watchers,
        )
        turns = TimedEngine(engine.handle, telemetry)
        wake: list[Callable[[], None]] = []  # the outbox, once the channels gave their senders
        inbox_lease = timedelta(seconds=settings.workers.inbox_lease_s)
        durable = DurableInbox(turns.handle, clock=clock, lease=inbox_lease)
        inbox = Inbox(durable, on_done=lambda: wake[0]())
        deps = ChannelDeps(
            settings=settings, clock=clock, inbox=inbox, engine=turns, cluster=cluster
        )
        built = {channel.name: channel for channel in (build(deps) for build in channels)}
        only = settings.workers.outbox_channels or list(built)
        senders = {
            name: CountedSender(name, c.sender, telemetry)
            for name, c in built.items()
            if name in only
        }
        lease = timedelta(seconds=settings.workers.outbox_lease_s)
        outbox = OutboxWorker(senders, clock=clock, worker_id=cluster.node, lease=lease)
        wake.append(outbox.wake)
        retention = Retention(knowledge.store)
        interval = settings.workers.scheduler_interval_s
        scheduler = Scheduler(
            clock=clock,
            on_queued=outbox.wake,
            interval_s=interval,
            cleanup=retention.cleanup,
            rollup=DailyRollup(also=insight_rollup.roll_creator),
        )
        ingest = IngestQueue(knowledge, upload_dir=settings.data_dir / "uploads", clock=clock)
        answers = AnswerStep(
            retriever=knowledge.retriever,
            llm_for=budgeted,
            top_k=settings.rag.top_k,
            deadline_s=settings.turn_deadline_s,
        )
        return cls(
            settings, clock, knowledge, llm, engine, inbox, built, outbox, scheduler,
            ingest, answers, cluster, telemetry, turns,
            inbox_feed=InboxFeed(cluster.broadcast, watchers),
        )  # fmt: skip

    # the built-in channels' clients, for the CLI, the creator API and tests
    @property
    def hub(self) -> WidgetHub:
        return self.cluster.hub

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
        if self.settings.workers.outbox:
            loops.append(functools.partial(self.webhook_worker().run, stop))
        return [*loops, self.poll_telegram] if telegram_polling else loops

    def webhook_worker(self) -> WebhookWorker:
        limits = fetch_limits(self.settings.rag)
        return WebhookWorker(clock=self.clock, limits=limits, worker_id=self.cluster.node)

    async def poll_telegram(self) -> None:
        """Long polling in exactly one process (a lock elects it; the others log why they skip)."""
        leadership = self.cluster.leadership("telegram-polling")
        await run_led(self.poll_telegram_until, self.stop, leadership=leadership)

    async def poll_telegram_until(self, stop: asyncio.Event) -> None:
        """Long polling for every bot with a Telegram channel (no public URL needed)."""
        slugs = await ChannelRow.filter(
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

    async def warm_up(self) -> None:
        """Before serving: load what every turn uses in a worker thread, so the first turns
        do not load it on the event loop (the language detector's model: ~0.6 s, seconds under
        load, during which nothing else in the process would run)."""
        await asyncio.to_thread(language_identifier)

    async def aclose(self) -> None:
        """Finish in-flight turns (within the grace period), then hand back what is left."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.inbox.drain(), self.settings.workers.shutdown_grace_s)
        await release_outbox_claims(self.outbox.worker_id)
        for channel in self.channels.values():
            await channel.close()
        await self.cluster.aclose()
        await self.llm.aclose()
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
    _routes(app, services)
    use_row_level_security(app, enabled=settings.row_level_security, database_url=settings.db_url)
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
    for channel in services.channels.values():
        channel.routes(app)
    bots_api.add_routes(app)
    knowledge_api.add_routes(app)
    metrics_api.add_routes(app)
    programs_api.add_routes(app)
    channels_api.add_routes(app)
    members_api.add_routes(app)
    app[API_CLOCK] = services.clock
    learners_api.add_routes(app)
    settings_api.add_routes(app)
    rewards_api.add_routes(app)
    certificate_pages.add_routes(app, settings.public_url)
    webhooks_api.add_routes(app)
    gaps_api.add_routes(app)
    media_api.add_routes(app)
    media_routes.add_routes(app)
    app[webhooks_api.LIMITS] = fetch_limits(settings.rag)
    if services.inbox_feed is not None:
        app[conversations_api.INBOX] = conversations_api.InboxDeps(
            services.inbox_feed, services.outbox.wake, services.stop
        )
    conversations_api.add_routes(app)
    insight_api.add_routes(app)
    openapi_api.add_routes(app)
    app.router.add_get("/studio", _to_studio)
    app.add_subapp("/studio", create_studio(services))


async def _to_studio(request: web.Request) -> web.StreamResponse:
    raise web.HTTPFound("/studio/")


def served_app(settings: Settings, *, telegram_polling: bool = False) -> web.Application:
    """The application as `parley serve` runs it: `create_app`, then the heap settled once
    everything has started."""
    app = create_app(settings, telegram_polling=telegram_polling)
    app.on_startup.append(settle_heap)  # after the cleanup contexts' start (warm-up included)
    return app


async def settle_heap(app: web.Application) -> None:
    """Collect once, then freeze what is left (modules, models, templates, the detector's
    model: ~170k objects that live as long as the process) out of the collector's reach.
    Otherwise every full collection walks them all, ~90 ms of a stalled event loop here, paid
    by whichever request triggers it: the studio's drill-down lists went from p95 ~120 ms to
    30-45 ms of CPU with it (bench/insight.py)."""
    gc.collect()
    gc.freeze()


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
        await services.warm_up()
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
