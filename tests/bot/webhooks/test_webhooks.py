"""Webhooks end to end on a real database: emitted events reach a flaky signature-checking
receiver on 127.0.0.1 exactly once, with retries logged on one row per event (both dialects)."""

from __future__ import annotations

import asyncio
import json
import random
from datetime import UTC, datetime, timedelta

import pytest
from tortoise.transactions import in_transaction

from bot.clock import FakeClock
from bot.errors import InvalidInput
from bot.rag.addresses import AddressPolicy
from bot.rag.fetch import FetchLimits
from bot.webhooks import WebhookWorker, emit
from bot.webhooks import service as hooks
from models import Creator, WebhookDelivery, WebhookDeliveryStatus
from tests import factories
from tests.bot.test_engine import COACH_DOCS, FixedClock, World, make_bot, message
from tests.bot.webhooks.receiver import Receiver, receiving
from tests.fakes.retriever import FakeRetriever

LOCAL = FetchLimits(max_bytes=1 << 20, timeout_s=5, policy=AddressPolicy(allow_private=True))
PUBLIC_ONLY = FetchLimits(max_bytes=1 << 20, timeout_s=5)
START = datetime(2026, 11, 29, 12, tzinfo=UTC)


def worker(clock: FakeClock, limits: FetchLimits = LOCAL) -> WebhookWorker:
    return WebhookWorker(clock=clock, limits=limits, rng=random.Random(3), batch_size=7)


async def drain(work: WebhookWorker, clock: FakeClock, rounds: int = 60) -> None:
    """Run the worker, moving the clock past every backoff, until nothing is due or pending."""
    for _ in range(rounds):
        await work.run_once()
        if not await WebhookDelivery.filter(status=WebhookDeliveryStatus.PENDING).exists():
            return
        clock.advance(timedelta(hours=2))


async def test_every_event_is_accepted_exactly_once_by_a_flaky_receiver(db: str) -> None:
    creator = await factories.creator()
    async with receiving(Receiver()) as receiver:
        made = await hooks.register(
            creator.id, receiver.url, ["enrolled", "badge_awarded"], limits=LOCAL
        )
        receiver.secret = made.secret
        async with in_transaction():
            for n in range(40):
                await emit(creator.id, "enrolled", {"n": n}, now=START)
        await emit(creator.id, "step_completed", {"n": 99}, now=START)  # not subscribed
        with pytest.raises(RuntimeError):
            async with in_transaction():
                await emit(creator.id, "badge_awarded", {"rolled": "back"}, now=START)
                raise RuntimeError("the caller's transaction fails")
        clock = FakeClock(START)
        await drain(worker(clock), clock)

    rows = await WebhookDelivery.for_creator(creator.id)
    assert len(rows) == 40
    assert {r.status for r in rows} == {WebhookDeliveryStatus.DELIVERED}
    assert sorted(receiver.accepted) == sorted(str(r.event_id) for r in rows)
    assert set(receiver.accepted.values()) == {1}
    assert sorted(b["data"]["n"] for b in receiver.bodies.values()) == list(range(40))  # type: ignore[index]
    assert 0 < receiver.failed < 40 and receiver.bad_signatures == 0
    retried = [r for r in rows if r.attempts > 1]
    assert len(retried) > 0 and sum(r.attempts for r in rows) == 40 + receiver.failed


async def test_a_wrong_secret_fails_and_the_log_says_why(db: str) -> None:
    creator = await factories.creator()
    async with receiving(Receiver(failure_rate=0.0, secret="not-the-secret")) as receiver:
        await hooks.register(creator.id, receiver.url, ["enrolled"], limits=LOCAL)
        await emit(creator.id, "enrolled", {}, now=START)
        clock = FakeClock(START)
        work = worker(clock)
        await work.run_once()
    (row,) = await WebhookDelivery.for_creator(creator.id)
    assert receiver.bad_signatures == 1 and not receiver.accepted
    assert (row.status, row.attempts, row.last_status_code) == ("pending", 1, 401)
    assert row.last_error == "the endpoint answered HTTP 401"
    assert row.next_attempt_at > START


async def test_private_addresses_are_refused_unless_the_setting_allows_them(db: str) -> None:
    creator = await factories.creator()
    with pytest.raises(InvalidInput, match="private, loopback"):
        await hooks.register(creator.id, "http://127.0.0.1:9/x", ["enrolled"], limits=PUBLIC_ONLY)
    with pytest.raises(InvalidInput, match="unknown nudged"):
        await hooks.register(creator.id, "http://127.0.0.1:9/x", ["nudged"], limits=LOCAL)
    with pytest.raises(InvalidInput, match="http:// or https://"):
        await hooks.register(creator.id, "file:///etc/passwd", ["enrolled"], limits=LOCAL)
    # registered while allowed, sent under a policy that refuses it: failed for good, not sent
    await hooks.register(creator.id, "http://127.0.0.1:9/x", ["enrolled"], limits=LOCAL)
    await emit(creator.id, "enrolled", {}, now=START)
    await worker(FakeClock(START), PUBLIC_ONLY).run_once()
    (row,) = await WebhookDelivery.for_creator(creator.id)
    assert (row.status, row.attempts) == (WebhookDeliveryStatus.FAILED, 1)
    assert "refused" in (row.last_error or "")


async def test_a_turn_emits_message_received_to_its_creators_webhook_only(db: str) -> None:
    retriever = FakeRetriever()
    creator, bot, kb, docs = await make_bot("ada", COACH_DOCS, retriever)
    other = await Creator.create(email="other@example.com", password_hash="x")
    await hooks.register(creator.id, "http://127.0.0.1:9/a", ["message_received"], limits=LOCAL)
    await hooks.register(other.id, "http://127.0.0.1:9/b", ["message_received"], limits=LOCAL)
    engine = World(creator, bot, kb, docs, retriever, FixedClock()).engine()
    await engine.handle(message("How long should I warm up?", msg_id="w1"))
    await engine.handle(message("How long should I warm up?", msg_id="w1"))  # redelivery
    (row,) = await WebhookDelivery.for_creator(creator.id)
    assert row.event == "message_received"
    data = json.loads(row.body)["data"]
    assert data["channel"] == "telegram" and data["message_type"] == "text"
    assert not await WebhookDelivery.for_creator(other.id).exists()


async def test_two_workers_side_by_side_deliver_each_event_once(db: str) -> None:
    creator = await factories.creator()
    async with receiving(Receiver(failure_rate=0.3)) as receiver:
        made = await hooks.register(creator.id, receiver.url, ["step_completed"], limits=LOCAL)
        receiver.secret = made.secret
        async with in_transaction():
            for n in range(30):
                await emit(creator.id, "step_completed", {"n": n}, now=START)
        clock = FakeClock(START)
        one, two = worker(clock), worker(clock)
        for _ in range(60):
            await asyncio.gather(one.run_once(), two.run_once())
            if not await WebhookDelivery.filter(status=WebhookDeliveryStatus.PENDING).exists():
                break
            clock.advance(timedelta(hours=2))
    assert len(receiver.accepted) == 30 and set(receiver.accepted.values()) == {1}
    assert await WebhookDelivery.filter(status=WebhookDeliveryStatus.DELIVERED).count() == 30
