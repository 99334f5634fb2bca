"""The channel contract, run over every channel: the same promises whatever the vendor."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from models import Message, OutboxMessage, OutboxStatus
from tests.channels.harness import BUILDERS, Harness, running

pytestmark = pytest.mark.filterwarnings("ignore:BasicAuth is deprecated:DeprecationWarning")


@pytest.fixture(params=sorted(BUILDERS))
async def harness(request: pytest.FixtureRequest, db: str) -> AsyncIterator[Harness]:
    async with running(request.param) as built:
        yield built


@pytest.fixture
def users(harness: Harness) -> tuple[str, str]:
    return harness.users


async def test_reply_arrives_at_the_vendor(harness: Harness, users: tuple[str, str]) -> None:
    ann, _ = users
    assert await harness.post_text(ann, "How long should I warm up?", harness.new_id()) == 200
    await harness.settle()
    replies = harness.replies(ann)
    assert len(replies) == 1
    assert "ten minutes" in replies[0]


async def test_button_payload_reaches_the_engine(harness: Harness, users: tuple[str, str]) -> None:
    ann, _ = users
    assert await harness.post_button(ann, "/start ref_spring", harness.new_id()) == 200
    await harness.settle()
    assert any("Welcome aboard!" in r for r in harness.replies(ann))
    inbound = await Message.get(direction="in")
    assert inbound.metadata["payload"] == "/start ref_spring"


async def test_duplicate_delivery_is_answered_once(
    harness: Harness, users: tuple[str, str]
) -> None:
    ann, _ = users
    same = harness.new_id()
    for _ in range(3):
        assert await harness.post_text(ann, "How long should I warm up?", same) == 200
        await harness.settle()
    assert len(harness.replies(ann)) == 1
    assert await Message.filter(direction="in").count() == 1


async def test_failed_send_is_retried_and_delivered_once(
    harness: Harness, users: tuple[str, str]
) -> None:
    ann, _ = users
    harness.fail_next_send("500")
    harness.fail_next_send("429")
    assert await harness.post_text(ann, "How long should I warm up?", harness.new_id()) == 200
    await harness.settle()
    assert len(harness.replies(ann)) == 1
    row = await OutboxMessage.get()
    assert (row.status, row.attempts) == (OutboxStatus.SENT, 3)


async def test_bad_signature_is_rejected_and_nothing_stored(
    harness: Harness, users: tuple[str, str]
) -> None:
    ann, _ = users
    status = await harness.post_forged(ann, "How long should I warm up?", harness.new_id())
    await harness.settle()
    assert status in (401, 403)
    assert await Message.all().count() == 0
    assert harness.replies(ann) == []
