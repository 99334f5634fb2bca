"""The knowledge-gaps report of one bot, as the creator API and the studio show it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from bot import accounts
from bot.gaps.citations import DocumentCitations, citations_per_document
from bot.gaps.questions import LOW_SCORE, GapGroup, embedder_of, gap_groups


@dataclass(frozen=True)
class GapsReport:
    groups: list[GapGroup]
    documents: list[DocumentCitations]  # least cited first

    @property
    def never_cited(self) -> list[DocumentCitations]:
        return [d for d in self.documents if d.citations == 0]


async def gaps_report(
    creator_id: UUID, slug: str, *, since: datetime | None = None, low_score: float = LOW_SCORE
) -> GapsReport:
    bot = await accounts.get_bot(creator_id, slug)
    groups = await gap_groups(bot, await embedder_of(bot), since=since, low_score=low_score)
    return GapsReport(groups, await citations_per_document(bot, since=since))
