"""Widget pushes with several processes: delivered only when a socket got it, in any process;
otherwise "not connected" and kept in the history. Plus /metrics and /readyz of the same app."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from pydantic import SecretStr

from bot.broadcast import PostgresBroadcast
from bot.clock import FakeClock
from bot.outbox import OutboxWorker
from bot.programs import service
from bot.programs.loader import load_file
from bot.scheduler import Scheduler
from channels.app import create_app
from channels.web.hub import WidgetHub
from channels.web.live import WidgetLive
from channels.web.sender import WidgetSender
from models import DeliveryStatus, Message, OutboxMessage, OutboxStatus, ScheduledSend
from models.db import dialect
from tests.channels.conftest import Running, app_settings
from tests.channels.test_widget import HABIT, SESSION, ask, post

DAY2 = "Attach your habit"


async def day_two_due(running: Running) -> FakeClock:
    """Join the habit program over the widget and finish day 1; returns a clock at day 2."""
    await service.import_program(running.bot, load_file(HABIT))
    await service.publish_program(running.bot, "habit-7")
    joined = await ask(running, "join habit-7", "p-1")
    lesson = next(r for r in joined["replies"] if r["buttons"])
    payload = lesson["buttons"][0]["payload"]
    await post(running, {"session": SESSION, "id": "p-2", "text": "", "payload": payload})
    await ask(running, "Stretch for two minutes", "p-3")
    day2 = await ScheduledSend.get(step_id="day-2", kind="step")
    clock = FakeClock(day2.due_at + timedelta(minutes=1))
    assert (await Scheduler(clock=clock).sweep_once()).queued == 1
    return clock


async def history_texts(running: Running) -> list[str]:
    slug, key = running.bot.slug, running.bot.public_key
    response = await running.client.get(
        f"/widget/{slug}/history", params={"session": SESSION}, headers={"X-Parley-Key": key}
    )
    return [m["text"] for m in (await response.json())["messages"]]


async def test_a_step_for_a_closed_widget_is_not_connected_never_sent(running: Running) -> None:
    clock = await day_two_due(running)
    worker = OutboxWorker({"web": WidgetSender(running.services.cluster.live)}, clock=clock)
    assert await worker.run_once() == 1
    row = await OutboxMessage.get(message_id__isnull=False, status__not=OutboxStatus.SENT)
    assert row.status == OutboxStatus.FAILED
    assert (row.last_error or "").startswith("not connected")
    message = await Message.get(id=row.message_id)
    assert message.delivery_status == DeliveryStatus.FAILED
    assert message.error_code == "not_connected"
    assert any(DAY2 in text for text in await history_texts(running))  # shown on reconnect


async def test_a_step_reaches_a_socket_held_by_another_process(running: Running, db: str) -> None:
    if dialect(db) != "postgres":
        pytest.skip("SQLite serves one process")
    clock = await day_two_due(running)
    slug, key = running.bot.slug, running.bot.public_key
    stop = asyncio.Event()
    other = PostgresBroadcast(db, node="process-b", keepalive_s=1)
    b_live = WidgetLive(WidgetHub(), other, node="process-b", ack_timeout_s=5)
    b_task = asyncio.create_task(other.run(stop))
    await asyncio.wait_for(other.listening.wait(), 10)
    try:
        async with running.client.ws_connect(
            f"/widget/{slug}/ws?session={SESSION}&key={key}"
        ) as ws:
            while not await b_live.holders(running.bot.id, SESSION):
                await ws.ping()
            worker_b = OutboxWorker({"web": WidgetSender(b_live)}, clock=clock)
            assert await worker_b.run_once() == 1
            pushed = (await ws.receive(timeout=5)).json()
    finally:
        stop.set()
        await asyncio.wait_for(b_task, 10)
    assert DAY2 in pushed["message"]["text"]
    row = await OutboxMessage.get(message_id__isnull=False, external_message_id__startswith="web:")
    assert row.status == OutboxStatus.SENT
    assert (row.claimed_by or "").startswith(worker_b.worker_id)


async def test_metrics_count_turns_and_queues_and_readyz_checks_dependencies(
    running: Running,
) -> None:
    await ask(running, "When are the quiet hours?")
    await ask(running, "When are the quiet hours?")  # the widget's retry of the same id
    text = await (await running.client.get("/metrics")).text()
    assert 'parley_turns_total{channel="web",outcome="ok"} 1.0' in text
    assert 'parley_turns_total{channel="web",outcome="duplicate"} 1.0' in text
    assert 'parley_turn_duration_seconds_count{channel="web"} 2.0' in text
    assert "parley_scheduler_lag_seconds 0.0" in text
    assert "parley_inbox_pending 0.0" in text
    ready = await running.client.get("/readyz")
    assert ready.status == 200
    assert (await ready.json())["chroma"] == "ok"


async def test_metrics_token_is_required_when_set(db: str, tmp_path: Path) -> None:
    settings = app_settings(db, tmp_path)
    settings.metrics_token = SecretStr("s3cret-token")
    app = create_app(settings, manage_db=False, run_background=False)
    async with TestClient(TestServer(app)) as client:
        refused = await client.get("/metrics")
        allowed = await client.get("/metrics", headers={"Authorization": "Bearer s3cret-token"})
        assert refused.status == 401
        assert allowed.status == 200 and "parley_outbox_depth" in await allowed.text()
