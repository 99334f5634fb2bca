"""The widget's HTTP API end to end: real server, real engine, real Chroma, both databases."""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

from aiohttp import WSMsgType

from bot import configuration
from bot.clock import FakeClock
from bot.outbox import OutboxWorker
from bot.programs import service
from bot.programs.loader import load_file
from bot.scheduler import Scheduler
from channels.web.sender import WidgetSender
from models import Message, OutboxMessage, OutboxStatus, ScheduledSend
from tests import factories
from tests.channels.conftest import Running, start

SESSION = "session-0001"
HABIT = Path(__file__).resolve().parents[2] / "examples" / "programs" / "habit-7.yaml"


def post(running: Running, body: Any, **headers: str) -> Any:
    sent = {"X-Parley-Key": running.bot.public_key} | headers
    return running.client.post(f"/widget/{running.bot.slug}/messages", json=body, headers=sent)


async def ask(running: Running, text: str, msg_id: str = "m-1") -> dict[str, Any]:
    response = await post(running, {"session": SESSION, "id": msg_id, "text": text})
    assert response.status == 200, await response.text()
    body: dict[str, Any] = await response.json()
    return body


async def test_question_gets_a_grounded_cited_reply(running: Running) -> None:
    body = await ask(running, "When are the quiet hours?")
    (reply,) = body["replies"]
    assert "21:00 to 08:00" in reply["text"]
    (citation,) = reply["citations"]
    assert citation["title"] == "Parley guide"
    assert "21:00" in citation["snippet"]
    uuid.UUID(citation["document"])
    rows = await Message.filter(bot=running.bot).order_by("created_at")
    assert [r.direction.value for r in rows] == ["in", "out"]
    assert rows[1].response_time_ms is not None


async def test_same_id_twice_returns_the_same_replies_without_a_second_answer(
    running: Running,
) -> None:
    first = await ask(running, "When are the quiet hours?", "m-7")
    second = await ask(running, "When are the quiet hours?", "m-7")
    assert first == second
    assert await Message.filter(bot=running.bot, direction="out").count() == 1
    outbox = await OutboxMessage.filter(bot=running.bot)
    assert [o.status for o in outbox] == [OutboxStatus.SENT]  # delivered inline, never resent


async def test_key_and_bot_are_checked_before_anything_is_stored(running: Running) -> None:
    body = {"session": SESSION, "id": "x", "text": "hello"}
    missing = await running.client.post(f"/widget/{running.bot.slug}/messages", json=body)
    assert missing.status == 401 and "X-Parley-Key" in (await missing.json())["error"]["message"]
    wrong = await post(running, body, **{"X-Parley-Key": "pk_wrong"})
    assert (
        wrong.status == 403
        and (await wrong.json())["error"]["message"] == "wrong widget key for this bot"
    )
    unknown = await running.client.post("/widget/nope/messages", json=body)
    assert unknown.status == 404
    assert await Message.all().count() == 0


async def test_origins_are_checked_and_cors_answered(running: Running) -> None:
    body = {"session": SESSION, "id": "o-1", "text": "hello"}
    evil = await post(running, body, Origin="https://evil.example")
    assert evil.status == 403 and "allowed origins" in (await evil.json())["error"]["message"]
    await configuration.edit(running.bot, {"allowed_origins": ["https://coach.example"]})
    await configuration.publish(running.bot)
    ok = await post(running, body, Origin="https://coach.example")
    assert ok.status == 200
    assert ok.headers["Access-Control-Allow-Origin"] == "https://coach.example"
    preflight = await running.client.options(
        f"/widget/{running.bot.slug}/messages",
        headers={"Origin": "https://coach.example", "Access-Control-Request-Method": "POST"},
    )
    assert preflight.status == 204
    assert "X-Parley-Key" in preflight.headers["Access-Control-Allow-Headers"]
    own = await post(running, {**body, "id": "o-2"}, Origin="http://parley.test")
    assert own.status == 200


async def test_bad_bodies_get_clear_4xx_reasons(running: Running) -> None:
    url = f"/widget/{running.bot.slug}/messages"
    headers = {"X-Parley-Key": running.bot.public_key, "Content-Type": "application/json"}
    broken = await running.client.post(url, data="{not json", headers=headers)
    assert broken.status == 400 and "invalid request" in (await broken.json())["error"]["message"]
    no_session = await post(running, {"id": "a", "text": "hi"})
    assert (await no_session.json())["error"][
        "message"
    ] == "invalid request: session: Field required"
    empty = await post(running, {"session": SESSION, "id": "a", "text": "   "})
    assert empty.status == 400 and "must not be empty" in (await empty.json())["error"]["message"]
    huge = await post(running, {"session": SESSION, "id": "b", "text": "x" * 4001})
    assert huge.status == 413 and "4000" in (await huge.json())["error"]["message"]
    enormous = await running.client.post(url, data="x" * 200_000, headers=headers)
    assert enormous.status == 413
    assert await Message.all().count() == 0


async def test_rate_limit_answers_429_with_retry_after(db: str, tmp_path: Path) -> None:
    async for running in start(db, tmp_path, session_per_minute=2):
        for i in range(2):
            await ask(running, f"hello {i}", f"r-{i}")
        limited = await post(running, {"session": SESSION, "id": "r-3", "text": "again"})
        assert limited.status == 429
        assert 1 <= int(limited.headers["Retry-After"]) <= 60
        assert await Message.filter(direction="in").count() == 2


async def test_history_replays_the_session_for_a_reloaded_page(running: Running) -> None:
    await ask(running, "When are the quiet hours?", "h-1")
    await ask(running, "/help", "h-2")
    response = await running.client.get(
        f"/widget/{running.bot.slug}/history",
        params={"session": SESSION},
        headers={"X-Parley-Key": running.bot.public_key},
    )
    messages = (await response.json())["messages"]
    assert [m["direction"] for m in messages] == ["in", "out", "in", "out"]
    assert messages[0]["text"] == "When are the quiet hours?"
    assert messages[1]["citations"][0]["title"] == "Parley guide"
    other = await running.client.get(
        f"/widget/{running.bot.slug}/history",
        params={"session": "someone-else"},
        headers={"X-Parley-Key": running.bot.public_key},
    )
    assert (await other.json())["messages"] == []


async def test_citation_links_open_only_this_bots_documents(running: Running) -> None:
    reply = (await ask(running, "When are the quiet hours?"))["replies"][0]
    doc_id = reply["citations"][0]["document"]
    key = running.bot.public_key
    page = await running.client.get(f"/widget/{running.bot.slug}/documents/{doc_id}?key={key}")
    assert page.status == 200 and "21:00 to 08:00" in await page.text()
    other_bot = await factories.bot(running.creator, "other")
    stranger = await running.client.get(
        f"/widget/other/documents/{doc_id}?key={other_bot.public_key}"
    )
    assert stranger.status == 404


async def test_websocket_receives_messages_pushed_later(running: Running) -> None:
    slug, key = running.bot.slug, running.bot.public_key
    async with running.client.ws_connect(f"/widget/{slug}/ws?session={SESSION}&key={key}") as ws:
        for _ in range(50):
            if running.services.hub.connected(slug, SESSION):
                break
            await ws.ping()
        delivered = await running.services.hub.push(slug, SESSION, {"text": "Day 2 is ready!"})
        msg = await ws.receive(timeout=5)
    assert delivered == 1
    assert msg.type == WSMsgType.TEXT
    assert msg.json() == {"type": "message", "message": {"text": "Day 2 is ready!"}}
    refused = await running.client.get(f"/widget/{slug}/ws?session={SESSION}&key=wrong")
    assert refused.status == 403


async def test_example_program_runs_in_the_widget(running: Running) -> None:
    await service.import_program(running.bot, load_file(HABIT))
    await service.publish_program(running.bot, "habit-7")
    joined = await ask(running, "join habit-7", "p-1")
    assert any("For the next seven days" in r["text"] for r in joined["replies"])
    lesson = next(r for r in joined["replies"] if r["buttons"])
    pressed = await post(
        running,
        {"session": SESSION, "id": "p-2", "text": "", "payload": lesson["buttons"][0]["payload"]},
    )
    assert any("Which two-minute action" in r["text"] for r in (await pressed.json())["replies"])
    await ask(running, "Stretch for two minutes", "p-3")
    day2 = await ScheduledSend.get(step_id="day-2", kind="step")
    later = FakeClock(day2.due_at + timedelta(minutes=1))
    slug, key = running.bot.slug, running.bot.public_key
    async with running.client.ws_connect(f"/widget/{slug}/ws?session={SESSION}&key={key}") as ws:
        while not running.services.hub.connected(slug, SESSION):
            await ws.ping()
        assert (await Scheduler(clock=later).sweep_once()).queued == 1
        sender = OutboxWorker({"web": WidgetSender(running.services.cluster.live)}, clock=later)
        assert await sender.run_once() == 1
        pushed = (await ws.receive(timeout=5)).json()
    assert "Attach your habit" in pushed["message"]["text"]
    history = await running.client.get(
        f"/widget/{slug}/history", params={"session": SESSION}, headers={"X-Parley-Key": key}
    )
    assert "Attach your habit" in (await history.json())["messages"][-1]["text"]
