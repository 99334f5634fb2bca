"""Grouping weak answers by meaning (pure): paraphrases together, counts, examples, reasons."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from bot.gaps import Weak, group
from bot.rag.embedding import HashingEmbedder, load_embedder

T0 = datetime(2026, 11, 1, tzinfo=UTC)


def weak(question: str, n: int, *, refused: bool = True, down: bool = False) -> Weak:
    at = T0 + timedelta(minutes=n)
    return Weak(question, uuid4(), at, refused=refused, low_score=False, rated_down=down)


def test_paraphrases_share_a_group_and_the_largest_group_comes_first() -> None:
    asked = [
        weak("how do I reset my password", 0),
        weak("what is the refund policy", 1),
        weak("how do I reset my password", 2),
        weak("how do I reset my password please", 3, refused=False, down=True),
    ]
    vectors = HashingEmbedder().embed([w.question for w in asked])
    password, refund = group(asked, vectors, threshold=0.7)
    assert (password.question, password.count) == ("how do I reset my password", 3)
    assert password.examples == ["how do I reset my password", "how do I reset my password please"]
    assert password.reasons == {"refused": 2, "rated_down": 1}
    assert password.last_asked_at == T0 + timedelta(minutes=3)
    assert (refund.question, refund.count, refund.examples) == (
        "what is the refund policy", 1, ["what is the refund policy"]
    )  # fmt: skip


def test_a_strict_threshold_keeps_every_question_apart() -> None:
    asked = [weak("reset password", 0), weak("reset my password now", 1)]
    vectors = HashingEmbedder().embed([w.question for w in asked])
    assert [g.count for g in group(asked, vectors, threshold=0.999)] == [1, 1]
    assert [g.count for g in group(asked, vectors, threshold=0.5)] == [2]


@pytest.mark.slow
def test_the_production_embedder_groups_rewordings_and_keeps_topics_apart() -> None:
    asked = [
        weak("How do I reset my password?", 0),
        weak("I forgot my password, how can I change it?", 1),
        weak("password reset not working", 2),
        weak("What is the refund policy?", 3),
        weak("How do I cancel my subscription?", 4),
        weak("When does the course start?", 5),
    ]
    vectors = load_embedder("minilm").embed([w.question for w in asked])
    groups = group(asked, vectors)
    assert [g.count for g in groups] == [3, 1, 1, 1]
    assert groups[0].question == "How do I reset my password?"
