"""Knowledge gaps: the questions a bot could not answer well, grouped by meaning; how often
each document is cited; "add an answer" turns a gap into a Q&A document and re-tests it."""

from bot.gaps.answers import Retested, add_answer
from bot.gaps.citations import DocumentCitations, citations_per_document
from bot.gaps.questions import GapGroup, Weak, gap_groups, group, weak_answers
from bot.gaps.report import GapsReport, gaps_report

__all__ = [
    "DocumentCitations",
    "GapGroup",
    "GapsReport",
    "Retested",
    "Weak",
    "add_answer",
    "citations_per_document",
    "gap_groups",
    "gaps_report",
    "group",
    "weak_answers",
]
