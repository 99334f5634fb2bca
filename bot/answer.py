"""The answer step: retrieve from the bot's knowledge, ask the bot's LLM, reply with sources."""

from __future__ import annotations

import time
from collections.abc import Callable
from uuid import UUID

from bot.llm.prompt import LLM, Exchange, Prompt
from bot.messages import OutboundMessage
from bot.persona import Persona
from bot.pipeline import Next, Turn
from bot.rag import RetrievedChunk, Retriever
from models import Bot, Direction, KnowledgeBase, Message

LLMFactory = Callable[[Bot], LLM]


class AnswerStep:
    """Pipeline step: answers the question when no earlier step (command, program) has replied."""

    def __init__(
        self,
        *,
        retriever: Retriever,
        llm_for: LLMFactory,
        top_k: int = 5,
        history_messages: int = 20,
    ) -> None:
        self._retriever = retriever
        self._llm_for = llm_for
        self._top_k = top_k
        self._history_messages = history_messages

    async def __call__(self, turn: Turn, call_next: Next) -> None:
        if turn.command is None and not turn.replies:
            turn.replies.append(await self.answer(turn))
        await call_next(turn)

    async def answer(self, turn: Turn) -> OutboundMessage:
        question = turn.text or (turn.inbound.payload or "").strip()
        if not question:
            return OutboundMessage(text=turn.texts().get("not_text"))
        started = time.perf_counter()
        chunks = await self.retrieve(turn.bot, question)
        turn.timings["retrieve_ms"] = (time.perf_counter() - started) * 1000
        prompt = Prompt(
            persona=Persona.from_bot(turn.bot),
            question=question,
            context=tuple(chunks),
            history=await recent_history(turn, self._history_messages),
            texts=turn.texts(),
        )
        started = time.perf_counter()
        reply = await self._llm_for(turn.bot).reply(prompt)
        turn.timings["llm_ms"] = (time.perf_counter() - started) * 1000
        return reply

    async def retrieve(self, bot: Bot, question: str) -> list[RetrievedChunk]:
        kb_ids = await knowledge_base_ids(bot)
        if not kb_ids:
            return []
        return await self._retriever.retrieve(kb_ids, question, k=self._top_k)


async def knowledge_base_ids(bot: Bot) -> list[UUID]:
    """The bot's active knowledge bases (scoped to its creator, whatever the link table says)."""
    ids = await (
        KnowledgeBase.for_creator(bot.creator_id)
        .filter(bots__id=bot.id, is_active=True)
        .order_by("created_at")
        .values_list("id", flat=True)
    )
    return [UUID(str(i)) for i in ids]


async def recent_history(turn: Turn, limit: int) -> tuple[Exchange, ...]:
    """The conversation's last `limit` messages before this one, oldest first."""
    rows = await (
        Message.for_creator(turn.bot.creator_id)
        .filter(conversation_id=turn.conversation.id)
        .exclude(id=turn.inbound_message.id)
        .order_by("-created_at")
        .limit(limit)
    )
    return tuple(
        Exchange("user" if row.direction == Direction.INBOUND else "assistant", row.content)
        for row in reversed(rows)
        if row.content
    )
