"""Channel harnesses: the real webhook app, engine, outbox worker and a fake vendor API per channel.

The contract suite runs over every builder in `BUILDERS`; a new channel (the web widget) joins
by adding one.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from twilio.request_validator import RequestValidator

from bot.clock import FakeClock
from bot.engine import Engine
from bot.gamification import GamificationStep
from bot.inbox import DurableInbox
from bot.llm import LLMChooser
from bot.outbox import Backoff, OutboxWorker
from bot.programs.runner import ProgramsStep
from bot.rag import RetrievedChunk
from bot.settings import LLMSettings, TelegramSettings, TwilioSettings
from channels.base import Inbox
from channels.telegram import TelegramClients, TelegramSender, TelegramUpdates
from channels.telegram import add_routes as telegram_routes
from channels.telegram.setup import add_channel as add_telegram
from channels.whatsapp import TwilioClients, WhatsAppSender, WhatsAppWebhooks
from channels.whatsapp import add_routes as whatsapp_routes
from channels.whatsapp.setup import add_channel as add_whatsapp
from models import Bot, BotStatus, Document, KnowledgeBase, OutboxMessage, OutboxStatus
from tests import factories
from tests.fakes.retriever import FakeRetriever
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.twilio_api import FakeTwilioAPI

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TOKEN = "123456:TEST-token-abc"
ACCOUNT_SID = "AC" + "0" * 31 + "1"
AUTH_TOKEN = "twilio-test-auth-token"
SENDER = "whatsapp:+14155238886"
WARMUP = "Always warm up for ten minutes before a run. Leg swings help."
_ids = itertools.count(1000)


@dataclass
class Harness:
    """One channel wired end to end; tests speak in users, texts and payloads."""

    name: str
    bot: Bot
    client: TestClient[Any, Any]
    inbox: Inbox
    worker: OutboxWorker
    clock: FakeClock
    post_text: Callable[[str, str, str], Awaitable[int]]
    post_button: Callable[[str, str, str], Awaitable[int]]
    post_forged: Callable[[str, str, str], Awaitable[int]]
    replies: Callable[[str], list[str]]
    fail_next_send: Callable[[str], None]
    vendor: Any
    users: tuple[str, str]
    retriever: FakeRetriever = field(default_factory=FakeRetriever)
    closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)

    async def settle(self, rounds: int = 60) -> None:
        """Finish every turn and send everything due, moving time on for retries."""
        for _ in range(rounds):
            await self.inbox.drain()
            while await self.worker.run_once():
                pass
            if hasattr(self.vendor, "settle"):
                await self.vendor.settle()
            if not await OutboxMessage.filter(status=OutboxStatus.PENDING).exists():
                return
            self.clock.advance(timedelta(minutes=2))

    def new_id(self) -> str:
        return str(next(_ids))


async def coach_bot(slug: str) -> tuple[Bot, FakeRetriever]:
    owner = await factories.creator()
    bot = await factories.bot(owner, slug, status=BotStatus.PUBLISHED, greeting="Welcome aboard!")
    kb = await KnowledgeBase.create(creator=owner, name="notes")
    await bot.knowledge_bases.add(kb)
    doc = await Document.create(
        knowledge_base=kb, title="Warm-up", content=WARMUP, content_hash="w"
    )
    retriever = FakeRetriever()
    retriever.add(kb.id, RetrievedChunk(f"{doc.id}:0", str(doc.id), "Warm-up", WARMUP, 0.0))
    return bot, retriever


def engine(retriever: FakeRetriever, clock: FakeClock) -> Engine:
    """The production step list (programs and gamification included) over a fake retriever."""
    return Engine(
        retriever=retriever,
        llm_for=LLMChooser(LLMSettings()),
        clock=clock,
        before_answer=[GamificationStep(clock), ProgramsStep(clock)],
    )


def worker(sender: Any, channel: str, clock: FakeClock) -> OutboxWorker:
    return OutboxWorker(
        {channel: sender},
        clock=clock,
        backoff=Backoff(base_s=1, cap_s=60),
        rng=random.Random(3),
        batch_size=100,
    )


async def serve(app: web.Application) -> TestClient[Any, Any]:
    client: TestClient[Any, Any] = TestClient(TestServer(app, host="127.0.0.1"))
    await client.start_server()
    return client


def tg_message(user: str, text: str, update_id: str) -> dict[str, Any]:
    person = {"id": int(user), "is_bot": False, "first_name": "Ann"}
    chat = {"id": int(user), "type": "private", "first_name": "Ann"}
    body = {"message_id": 1, "from": person, "chat": chat, "date": 1, "text": text}
    return {"update_id": int(update_id), "message": body}


def tg_callback(user: str, payload: str, update_id: str) -> dict[str, Any]:
    person = {"id": int(user), "is_bot": False, "first_name": "Ann"}
    chat = {"id": int(user), "type": "private", "first_name": "Ann"}
    shown = {"message_id": 9, "from": person, "chat": chat, "date": 1, "text": "Pick"}
    query = {"id": f"cb{update_id}", "from": person, "chat_instance": "1", "data": payload}
    return {"update_id": int(update_id), "callback_query": {**query, "message": shown}}


async def telegram_harness() -> Harness:
    fake = FakeTelegramAPI()
    fake.tokens.add(TOKEN)
    await fake.start()
    clock = FakeClock(T0)
    settings = TelegramSettings(
        api_base=fake.base_url, send_per_second=1000, send_per_chat_per_second=1000
    )
    clients = TelegramClients(settings, timeout_s=5.0)  # a starved CI worker can stall 1 s
    bot, retriever = await coach_bot("tg-coach")
    channel = await add_telegram(bot.slug, TOKEN, clients)
    inbox = Inbox(DurableInbox(engine(retriever, clock).handle, clock=clock))
    app = web.Application()
    telegram_routes(app, TelegramUpdates(inbox=inbox, clients=clients, clock=clock))
    client = await serve(app)
    path = f"/telegram/{bot.slug}/webhook"

    async def post(update: dict[str, Any], secret: str | None) -> int:
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
        response = await client.post(path, json=update, headers=headers)
        return response.status

    harness = Harness(
        name="telegram",
        bot=bot,
        client=client,
        inbox=inbox,
        worker=worker(TelegramSender(clients), "telegram", clock),
        clock=clock,
        post_text=lambda u, t, i: post(tg_message(u, t, i), channel.webhook_secret),
        post_button=lambda u, p, i: post(tg_callback(u, p, i), channel.webhook_secret),
        post_forged=lambda u, t, i: post(tg_message(u, t, i), "not-the-secret"),
        replies=fake.texts_to,
        fail_next_send=fake.fail_next,
        vendor=fake,
        users=("5550001", "5550002"),
        retriever=retriever,
    )
    harness.closers += [client.close, clients.close, fake.close]
    return harness


def wa_form(user: str, text: str, sid: str, **extra: str) -> dict[str, str]:
    return {
        "AccountSid": ACCOUNT_SID,
        "ApiVersion": "2010-04-01",
        "Body": text,
        "From": f"whatsapp:{user}",
        "To": SENDER,
        "MessageSid": f"SM{sid}",
        "NumMedia": "0",
        "ProfileName": "Ann",
        "WaId": user.lstrip("+"),
        **extra,
    }


async def whatsapp_harness() -> Harness:
    fake = FakeTwilioAPI(accounts={ACCOUNT_SID: AUTH_TOKEN})
    await fake.start()
    clock = FakeClock(T0)
    clients = TwilioClients(
        TwilioSettings(api_base=fake.base_url), public_url="", timeout_s=5.0
    )  # as Telegram: a starved CI worker can stall 1 s
    bot, retriever = await coach_bot("wa-coach")
    await add_whatsapp(bot.slug, account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN, sender=SENDER)
    inbox = Inbox(DurableInbox(engine(retriever, clock).handle, clock=clock))
    webhooks = WhatsAppWebhooks(inbox=inbox, clock=clock, public_url="")
    app = web.Application()
    whatsapp_routes(app, webhooks)
    client = await serve(app)
    public = str(client.make_url("")).rstrip("/")
    webhooks.public_url = clients.public_url = public

    async def post(form: dict[str, str], token: str, path: str = "webhook") -> int:
        url = f"/whatsapp/{bot.slug}/{path}"
        signature = RequestValidator(token).compute_signature(public + url, form)
        response = await client.post(url, data=form, headers={"X-Twilio-Signature": signature})
        return response.status

    harness = Harness(
        name="whatsapp",
        bot=bot,
        client=client,
        inbox=inbox,
        worker=worker(WhatsAppSender(clients), "whatsapp", clock),
        clock=clock,
        post_text=lambda u, t, i: post(wa_form(u, t, i), AUTH_TOKEN),
        post_button=lambda u, p, i: post(
            wa_form(u, "Yes", i, ButtonPayload=p, ButtonText="Yes"), AUTH_TOKEN
        ),
        post_forged=lambda u, t, i: post(wa_form(u, t, i), "wrong-token"),
        replies=lambda user: fake.bodies_to(f"whatsapp:{user}"),
        fail_next_send=fake.fail_next,
        vendor=fake,
        users=("+15550001", "+15550002"),
        retriever=retriever,
    )
    harness.closers += [client.close, fake.close, clients.close]
    return harness


BUILDERS: dict[str, Callable[[], Awaitable[Harness]]] = {
    "telegram": telegram_harness,
    "whatsapp": whatsapp_harness,
}


@asynccontextmanager
async def running(name: str) -> AsyncIterator[Harness]:
    """A harness for one channel, torn down (turns drained, servers closed) afterwards."""
    built = await BUILDERS[name]()
    try:
        yield built
    finally:
        await built.inbox.drain()
        for close in built.closers:
            await close()
