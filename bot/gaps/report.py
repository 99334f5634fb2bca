"""The knowledge-gaps report of one bot, as the creator API and the studio show it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from bot import accounts
from bot.gaps.citations import DocumentCitations, citations_per_document
from bot.gaps.questions import LOW_SCORE, GapGroup, embedder_of, gap_groups
from models import Bot, Document

ANSWERS_KEY = "gap_question"  # Document.metadata of an answer added here: the question


@dataclass(frozen=True)
class GapsReport:
    groups: list[GapGroup]  # still open
    documents: list[DocumentCitations]  # least cited first
    answered: list[GapGroup] = field(default_factory=list)  # not asked again since answered

    @property
    def never_cited(self) -> list[DocumentCitations]:
        return [d for d in self.documents if d.citations == 0]


async def gaps_report(
    creator_id: UUID, slug: str, *, since: datetime | None = None, low_score: float = LOW_SCORE
) -> GapsReport:
    bot = await accounts.get_bot(creator_id, slug)
    groups = await gap_groups(bot, await embedder_of(bot), since=since, low_score=low_score)
    answers = await answered_questions(bot)
    for group in groups:
        group.answered_at = answered_at(group, answers)
    return GapsReport(
        [g for g in groups if g.answered_at is None],
        await citations_per_document(bot, since=since),
        [g for g in groups if g.answered_at is not None],
    )


async def answered_questions(bot: Bot) -> dict[str, datetime]:
    """The questions the creator answered on the gaps page, with when (live documents only)."""
    kb_ids = await bot.knowledge_bases.all().values_list("id", flat=True)
    docs = await (
        Document.for_creator(bot.creator_id)
        .filter(knowledge_base_id__in=kb_ids, deleted_at=None)
        .values("metadata", "created_at")
    )
    found: dict[str, datetime] = {}
    for doc in docs:
        question = (doc["metadata"] or {}).get(ANSWERS_KEY)
        if isinstance(question, str):
            found[question.casefold()] = doc["created_at"]
    return found


def answered_at(group: GapGroup, answers: dict[str, datetime]) -> datetime | None:
    """When one of the group's questions was answered, if nobody asked weakly since."""
    times = [answers[q.casefold()] for q in group.examples if q.casefold() in answers]
    if not times or group.last_asked_at is None:
        return None
    return max(times) if max(times) >= group.last_asked_at else None
