"""Two `parley serve` processes on one PostgreSQL database and a real `chroma run` server.

- a widget learner connected to process A receives a scheduled step swept (and sent) by B;
- a Telegram burst sent by both processes stays within 30 messages/s per bot (Redis limits);
- A stopped with SIGTERM hands everything back; a web node killed with SIGKILL mid-load loses
  no message and duplicates none: B's inbox recovery answers what it had accepted.
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.programs import service
from bot.programs.loader import load_file
from bot.settings import TelegramSettings
from channels.telegram import TelegramClients
from channels.telegram.setup import add_channel as add_telegram
from models import (
    Bot,
    BotStatus,
    Channel,
    InboxMessage,
    InboxStatus,
    OutboxMessage,
    OutboxStatus,
    ScheduledSend,
    WidgetPresence,
)
from models.db import dialect
from tests import factories
from tests.channels.harness import tg_message
from tests.channels.processes import Serve, chroma_server, serving, start_serve
from tests.conftest import TEST_SECRET
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.localhost import REDIS_URL

pytestmark = pytest.mark.slow
HABIT = Path(__file__).resolve().parents[2] / "examples" / "programs" / "habit-7.yaml"
TOKEN = "123456:TEST-token-abc"
SESSION = "learner-0001"
SETTLE_S = 90.0


@dataclass
class World:
    db: str
    data: Path
    bot: Bot
    channel: Channel
    fake: FakeTelegramAPI
    env: dict[str, str]


@pytest.fixture
async def world(db: str, tmp_path: Path) -> AsyncIterator[World]:
    if dialect(db) != "postgres":
        pytest.skip("several processes share PostgreSQL; SQLite serves one process")
    fake = FakeTelegramAPI()
    fake.tokens.add(TOKEN)
    await fake.start()
    owner = await factories.creator()
    # quiet hours off: the sweep would otherwise hold day 2 until 08:00 when the suite runs
    # between 21:00 and 08:00 UTC (the learner's zone), and the push would never come
    bot = await factories.bot(
        owner,
        "guide",
        status=BotStatus.PUBLISHED,
        greeting="Hi!",
        settings={"quiet_hours": "00:00-00:00"},
    )
    clients = TelegramClients(TelegramSettings(api_base=fake.base_url))
    channel = await add_telegram(bot.slug, TOKEN, clients)
    await clients.close()
    await service.import_program(bot, load_file(HABIT))
    await service.publish_program(bot, "habit-7")
    try:
        async with chroma_server(tmp_path) as chroma_port:
            env = {
                "PARLEY_DATABASE_URL": db,
                "PARLEY_SECRET_KEY": TEST_SECRET,
                "PARLEY_RAG__EMBEDDER": "hashing",
                "PARLEY_CHROMA__MODE": "http",
                "PARLEY_CHROMA__PORT": str(chroma_port),
                "PARLEY_TELEGRAM__API_BASE": fake.base_url,
                "PARLEY_REDIS_URL": REDIS_URL,
                "PARLEY_LOG_FORMAT": "json",
                "PARLEY_CLUSTER__HEARTBEAT_S": "1",
                "PARLEY_WORKERS__SCHEDULER_INTERVAL_S": "1",
                "PARLEY_WORKERS__INBOX_RECOVERY_INTERVAL_S": "1",
                "PARLEY_WORKERS__INBOX_RECOVERY_GRACE_S": "1",
                "PARLEY_WORKERS__INBOX_LEASE_S": "15",  # > the slowest turn under this load
                "PARLEY_WORKERS__OUTBOX_LEASE_S": "30",
            }
            yield World(db, tmp_path, bot, channel, fake, env)
    finally:
        await fake.close()


def node_a(world: World, **extra: str) -> dict[str, str]:
    """A: no scheduler; its outbox worker sends Telegram only (web rows are B's)."""
    return world.env | {
        "PARLEY_WORKERS__SCHEDULER": "false",
        "PARLEY_WORKERS__OUTBOX_CHANNELS": '["telegram"]',
    } | extra  # fmt: skip


async def widget_post(http: aiohttp.ClientSession, server: Serve, bot: Bot, **body: str) -> Any:
    async with http.post(
        f"{server.url}/widget/{bot.slug}/messages",
        json={"session": SESSION, **body},
        headers={"X-Parley-Key": bot.public_key},
    ) as response:
        assert response.status == 200, await response.text()
        return await response.json()


async def join_program(http: aiohttp.ClientSession, a: Serve, bot: Bot) -> None:
    joined = await widget_post(http, a, bot, id="p-1", text="join habit-7")
    lesson = next(r for r in joined["replies"] if r["buttons"])
    payload = lesson["buttons"][0]["payload"]
    await widget_post(http, a, bot, id="p-2", text="", payload=payload)
    await widget_post(http, a, bot, id="p-3", text="Stretch for two minutes")


async def until(check: Any, *, within: float = SETTLE_S, what: str) -> None:
    """Poll state that lives in other processes, a bounded number of times."""
    for _ in range(int(within / 0.2)):
        if await check():
            return
        await asyncio.sleep(0.2)
    raise AssertionError(f"timed out after {within:.0f}s waiting until {what}")


async def webhook(http: aiohttp.ClientSession, server: Serve, world: World, n: int) -> int:
    """Deliver update n (chat 7000+n) like Telegram does; the HTTP status, or 0 if none came."""
    update = tg_message(str(7000 + n), f"hello number {n}", str(10_000 + n))
    headers = {"X-Telegram-Bot-Api-Secret-Token": world.channel.webhook_secret or ""}
    try:
        async with http.post(
            f"{server.url}/telegram/{world.bot.slug}/webhook", json=update, headers=headers
        ) as response:
            return response.status
    except (aiohttp.ClientError, TimeoutError):
        return 0


async def settled() -> bool:
    """Every accepted message processed and every Telegram reply sent."""
    open_inbox = await InboxMessage.filter(status=InboxStatus.PENDING).count()
    waiting = await OutboxMessage.filter(
        channel="telegram", status__in=[OutboxStatus.PENDING, OutboxStatus.SENDING]
    ).count()
    return open_inbox == 0 and waiting == 0


def busiest_second(stamps: list[float]) -> int:
    stamps = sorted(stamps)
    return max((sum(1 for t in stamps if s <= t < s + 1.0) for s in stamps), default=0)


async def assert_each_reply_once(world: World, chats: range) -> None:
    """Every chat answered; the fake got exactly the rows marked sent, none twice."""
    sent_rows = await OutboxMessage.filter(channel="telegram", status=OutboxStatus.SENT).count()
    assert len(world.fake.sent) == sent_rows
    pairs = Counter((m.chat_id, m.text) for m in world.fake.sent)
    assert [pair for pair, n in pairs.items() if n > 1] == []
    assert {str(7000 + n) for n in chats} <= {m.chat_id for m in world.fake.sent}


def json_logs(server: Serve) -> list[dict[str, Any]]:
    lines = [line for line in server.log_text().splitlines() if line.startswith("{")]
    return [json.loads(line) for line in lines]


async def test_two_processes_share_pushes_limits_and_recover_a_killed_one(world: World) -> None:
    async with (
        aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as http,
        serving("proc-b", world.env, world.data, "--telegram-polling") as b,
    ):
        a = await start_serve("proc-a", node_a(world), world.data, "--telegram-polling")
        try:
            await widget_step_from_b_reaches_a(http, world, a)
            polling_runs_in_exactly_one(a, b)
            await telegram_burst_stays_under_the_limit(http, world, a, b)
            assert await a.terminate() == 0  # SIGTERM: graceful, hands back its claims
            assert (
                await OutboxMessage.filter(claimed_by__startswith="proc-a/")
                .filter(status=OutboxStatus.SENDING)
                .count()
                == 0
            )
            assert await WidgetPresence.filter(node="proc-a").count() == 0
        finally:
            await a.terminate()
        await killed_web_node_loses_nothing(http, world, b)
        logs = json_logs(b)
        assert logs and all({"time", "level", "logger", "message"} <= set(e) for e in logs)
        assert not [e for e in logs if e["level"] == "ERROR"], "B logged errors"


def polling_runs_in_exactly_one(a: Serve, b: Serve) -> None:
    said = {s.name: [e["message"] for e in json_logs(s)] for s in (a, b)}
    leaders = [
        n for n, lines in said.items() if any("telegram-polling: this process" in m for m in lines)
    ]
    skippers = [
        n for n, lines in said.items() if any("another process holds the lock" in m for m in lines)
    ]
    assert len(leaders) == 1 and len(skippers) == 1 and leaders != skippers, said


async def widget_step_from_b_reaches_a(http: aiohttp.ClientSession, world: World, a: Serve) -> None:
    bot = world.bot
    await join_program(http, a, bot)
    url = (
        f"{a.url.replace('http', 'ws')}/widget/{bot.slug}/ws?session={SESSION}&key={bot.public_key}"
    )
    async with http.ws_connect(url) as ws:
        await until(
            lambda: WidgetPresence.filter(session=SESSION, node="proc-a").exists(),
            what="A announces the socket",
        )
        day2 = await ScheduledSend.get(step_id="day-2", kind="step")
        day2.due_at = datetime.now(UTC) - timedelta(minutes=1)  # a day passes
        await day2.save(update_fields=["due_at"])
        # wait_for, not receive_json(timeout=...): that timeout restarts on every heartbeat
        pushed = await asyncio.wait_for(ws.receive_json(), SETTLE_S)
    assert pushed["type"] == "message" and "Attach your habit" in pushed["message"]["text"]
    await day2.refresh_from_db()
    await until(  # A's ack reaches B, then B marks the row sent
        lambda: OutboxMessage.filter(id=day2.outbox_id, status=OutboxStatus.SENT).exists(),
        what="B records the push as sent",
    )
    row = await OutboxMessage.get(id=day2.outbox_id)
    assert (row.claimed_by or "").startswith("proc-b/")  # B swept it, B sent it, A pushed it


async def telegram_burst_stays_under_the_limit(
    http: aiohttp.ClientSession, world: World, a: Serve, b: Serve
) -> None:
    chats = range(0, 120)
    statuses = await asyncio.gather(*(webhook(http, (a, b)[n % 2], world, n) for n in chats))
    assert set(statuses) == {200}
    await until(settled, what="the burst is answered")
    assert busiest_second([m.at for m in world.fake.sent]) <= 30
    senders = {
        (row.claimed_by or "").split("/")[0]
        for row in await OutboxMessage.filter(channel="telegram", status=OutboxStatus.SENT)
    }
    assert senders == {"proc-a", "proc-b"}  # both processes sent, one shared budget
    await assert_each_reply_once(world, chats)


async def killed_web_node_loses_nothing(
    http: aiohttp.ClientSession, world: World, b: Serve
) -> None:
    """A web node (no outbox worker) takes a burst and dies; B finishes its accepted turns."""
    web_only = node_a(world, PARLEY_WORKERS__OUTBOX="false")
    chats = range(200, 260)
    victim = await start_serve("proc-web", web_only, world.data)
    try:
        pending = [asyncio.ensure_future(webhook(http, victim, world, n)) for n in chats]
        accepted_so_far = 0
        for answered in asyncio.as_completed(pending):
            accepted_so_far += await answered == 200
            if accepted_so_far >= 20:  # mid-load: 20 acknowledged, the rest in flight
                break
        await victim.kill()
        statuses = await asyncio.gather(*pending)
    finally:
        await victim.terminate()
    accepted = await InboxMessage.filter(external_message_id__in=[str(10_000 + n) for n in chats])
    unfinished = [m for m in accepted if m.status == InboxStatus.PENDING]
    assert unfinished, "the kill came after every accepted turn had finished: not mid-load"
    for n, status in zip(chats, statuses, strict=True):  # Telegram redelivers what got no 200
        if status != 200:
            assert await webhook(http, b, world, n) == 200
    assert await webhook(http, b, world, chats[0]) == 200  # a redelivery of an accepted one
    await until(settled, what="B recovers the killed node's turns")
    await assert_each_reply_once(world, chats)
    recovered = await InboxMessage.filter(id__in=[m.id for m in unfinished])
    assert {m.status for m in recovered} == {InboxStatus.DONE}
