"""Add an answer: the creator's answer becomes a Q&A document; the question is asked again."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from bot import accounts
from bot.answer import AnswerStep
from bot.errors import InvalidInput
from bot.gaps.report import ANSWERS_KEY
from bot.messages import OutboundMessage
from bot.rag.service import KnowledgeService
from models import Document

MAX_QUESTION = 2000
MAX_ANSWER = 20000


@dataclass(frozen=True)
class Retested:
    """The Q&A document written and the reply the bot now gives to the question."""

    document_id: str
    reply: OutboundMessage

    @property
    def cites_it(self) -> bool:
        return any(c.document == self.document_id for c in self.reply.citations)


def qa_text(question: str, answer: str) -> str:
    return f"Question: {question}\n\nAnswer: {answer}\n"


async def add_answer(
    knowledge: KnowledgeService,
    answers: AnswerStep,
    creator_id: UUID,
    slug: str,
    *,
    question: str,
    answer: str,
) -> Retested:
    """Index the answer now (the ingestion path documents take) and re-test the question."""
    question, answer = question.strip(), answer.strip()
    if not question or len(question) > MAX_QUESTION:
        raise InvalidInput(f"question: give 1 to {MAX_QUESTION} characters")
    if not answer or len(answer) > MAX_ANSWER:
        raise InvalidInput(f"answer: give 1 to {MAX_ANSWER} characters")
    bot = await accounts.get_bot(creator_id, slug)
    result = await knowledge.add_json(
        creator_id, slug, None, title=f"Q&A: {question[:200]}", text=qa_text(question, answer)
    )
    doc = result.document
    await Document.filter(id=doc.id).update(metadata=(doc.metadata or {}) | {ANSWERS_KEY: question})
    _, reply = await answers.reply_to(bot, question)
    return Retested(str(result.document.id), reply)
