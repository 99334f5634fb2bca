"""Weak answers (refused, low retrieval score, rated down); their questions grouped by meaning."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

import numpy as np
from tortoise.expressions import Q

from bot.rag.embedding import Embedder, embedder_named, load_embedder
from models import Bot, Direction, Message

# MiniLM cosine, measured on 8 questions against 4 short passages: answerable ones scored
# 0.61-0.72, unanswerable ones 0.04-0.42 (the nearest miss: a related topic, 0.42).
LOW_SCORE = 0.45
# MiniLM cosine, measured: rewordings of one question that share words 0.68-0.89 (grouped);
# looser rewordings and neighbouring questions 0.49-0.58 and other topics < 0.40 (kept apart).
SAME_QUESTION = 0.6
MAX_REPLIES = 5000  # the most recent weak answers read per request
MAX_EXAMPLES = 5


@dataclass(frozen=True)
class Weak:
    """One weak answer: the learner's question and why the answer counts as a gap."""

    question: str
    reply_id: UUID
    asked_at: datetime
    refused: bool
    low_score: bool
    rated_down: bool

    @property
    def reasons(self) -> tuple[str, ...]:
        flags = {
            "refused": self.refused,
            "low_score": self.low_score,
            "rated_down": self.rated_down,
        }
        return tuple(name for name, on in flags.items() if on)


@dataclass
class GapGroup:
    """Questions close in meaning; `question` is the one asked most often (earliest on ties)."""

    question: str
    count: int = 0
    examples: list[str] = field(default_factory=list)
    reasons: Counter[str] = field(default_factory=Counter)
    last_asked_at: datetime | None = None
    answered_at: datetime | None = None  # the creator added an answer after the last ask


async def weak_answers(
    bot: Bot, *, since: datetime | None = None, low_score: float = LOW_SCORE
) -> list[Weak]:
    """The bot's answers that refused, scored below `low_score` or were rated down, newest
    first, with the question each replied to (test conversations left out)."""
    weak = Q(refused=True) | Q(retrieval_score__lt=low_score) | Q(rating="down")
    rows = (
        Message.for_creator(bot.creator_id)
        .filter(weak, bot_id=bot.id, direction=Direction.OUTBOUND, reply_to_id__not_isnull=True)
        .filter(conversation__is_test=False)
    )
    if since is not None:
        rows = rows.filter(created_at__gte=since)
    found = (
        await rows.order_by("-created_at")
        .limit(MAX_REPLIES)
        .values("id", "created_at", "refused", "retrieval_score", "rating", "reply_to__content")
    )
    return [
        Weak(
            question=str(r["reply_to__content"] or "").strip(),
            reply_id=r["id"],
            asked_at=r["created_at"],
            refused=bool(r["refused"]),
            low_score=r["retrieval_score"] is not None and r["retrieval_score"] < low_score,
            rated_down=r["rating"] == "down",  # bot/ratings.py stores "up" / "down"
        )
        for r in found
        if str(r["reply_to__content"] or "").strip()
    ]


def group(
    weak: Sequence[Weak], vectors: np.ndarray, *, threshold: float = SAME_QUESTION
) -> list[GapGroup]:
    """Greedy grouping: each question joins the first group whose first question is within
    `threshold` cosine (vectors are L2-normalised), else starts one. Largest groups first."""
    leaders: list[int] = []
    members: list[list[int]] = []
    for i in range(len(weak)):
        sims = vectors[leaders] @ vectors[i] if leaders else np.empty(0)
        best = int(np.argmax(sims)) if len(sims) else -1
        if best >= 0 and sims[best] >= threshold:
            members[best].append(i)
        else:
            leaders.append(i)
            members.append([i])
    groups = [summary([weak[i] for i in idx]) for idx in members]
    return sorted(groups, key=lambda g: (-g.count, g.question))


def summary(items: Sequence[Weak]) -> GapGroup:
    asked = Counter(w.question for w in items)
    first_seen = {q: n for n, q in reversed(list(enumerate(w.question for w in items)))}
    top = max(asked, key=lambda q: (asked[q], -first_seen[q]))
    reasons: Counter[str] = Counter(r for w in items for r in w.reasons)
    return GapGroup(
        question=top,
        count=len(items),
        examples=list(dict.fromkeys(w.question for w in items))[:MAX_EXAMPLES],
        reasons=reasons,
        last_asked_at=max(w.asked_at for w in items),
    )


async def gap_groups(
    bot: Bot,
    embedder: Embedder,
    *,
    since: datetime | None = None,
    low_score: float = LOW_SCORE,
) -> list[GapGroup]:
    """The bot's knowledge gaps, grouped with the embedder of its knowledge base."""
    weak = await weak_answers(bot, since=since, low_score=low_score)
    if not weak:
        return []
    vectors = await asyncio.to_thread(embedder.embed, [w.question for w in weak])
    return group(weak, np.asarray(vectors))


async def embedder_of(bot: Bot) -> Embedder:
    """The embedder of the bot's knowledge base (already loaded to answer its learners)."""
    kb = await bot.knowledge_bases.filter(is_active=True).order_by("created_at").first()
    if kb is None or not kb.embedding_model:
        return load_embedder("hashing")
    return embedder_named(kb.embedding_model)
