"""The answer step: retrieve from the bot's knowledge, ask the bot's LLM, reply with sources."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial

from bot.live import knowledge_base_ids
from bot.llm.openai import fallback_reply
from bot.llm.prompt import LLM, Exchange, Prompt
from bot.messages import OutboundMessage
from bot.persona import Persona
from bot.pipeline import Grounding, Next, Turn
from bot.rag import RetrievedChunk, Retriever
from models import Bot, Direction, Message

log = logging.getLogger(__name__)
DEFAULT_DEADLINE_S = 20.0

LLMFactory = Callable[[Bot], LLM]


class AnswerStep:
    """Pipeline step: answers the question when no earlier step (command, program) has replied.

    The answer has until `deadline_s` after the turn started (LLM retries and backoff
    included): past it the model call is cancelled, so a late answer is never sent, and the
    turn replies with the fallback (the apology plus the sources retrieval found).
    """

    def __init__(
        self,
        *,
        retriever: Retriever,
        llm_for: LLMFactory,
        top_k: int = 5,
        history_messages: int = 20,
        deadline_s: float = DEFAULT_DEADLINE_S,
    ) -> None:
        self._retriever = retriever
        self._llm_for = llm_for
        self._top_k = top_k
        self._history_messages = history_messages
        self._deadline_s = deadline_s

    async def __call__(self, turn: Turn, call_next: Next) -> None:
        if turn.command is None and not turn.replies:
            if self._llm_for(turn.bot).remote:  # answered once the transaction committed
                turn.deferred, turn.deferred_at = partial(self.answer, turn), len(turn.replies)
            else:
                turn.replies.append(await self.answer(turn))
        await call_next(turn)

    async def answer(self, turn: Turn) -> OutboundMessage:
        question = turn.text or (turn.inbound.payload or "").strip()
        if not question:
            return OutboundMessage(text=turn.texts().get("not_text"))
        built = [Prompt(persona=Persona.from_bot(turn.bot), question=question, texts=turn.texts())]
        try:
            async with asyncio.timeout(max(0.0, self._deadline_s - turn.elapsed_ms() / 1000)):
                reply = await self._answer(turn, built)
        except TimeoutError:
            log.warning("turn deadline (%.1fs) passed: bot=%s", self._deadline_s, turn.bot.id)
            turn.timed_out = True
            reply = fallback_reply(built[-1])
        context = built[-1].context
        turn.grounding = Grounding(reply, best_score(context), refused=not reply.citations)
        return reply

    async def _answer(self, turn: Turn, built: list[Prompt]) -> OutboundMessage:
        started = time.perf_counter()
        chunks = await self.retrieve(turn.bot, built[0].question)
        turn.timings["retrieve_ms"] = (time.perf_counter() - started) * 1000
        llm = self._llm_for(turn.bot)
        history = await recent_history(turn, self._history_messages) if llm.uses_history else ()
        prompt = replace(built[0], context=tuple(chunks), history=history)
        built.append(prompt)
        started = time.perf_counter()
        reply = await llm.reply(prompt)
        turn.timings["llm_ms"] = (time.perf_counter() - started) * 1000
        return reply

    async def reply_to(
        self,
        bot: Bot,
        question: str,
    ) -> tuple[list[RetrievedChunk], OutboundMessage]:
        """The chunks found and the reply the bot gives, without a conversation (the studio's
        retrieval test), within the same deadline as a turn."""
        chunks = await self.retrieve(bot, question)
        prompt = Prompt(persona=Persona.from_bot(bot), question=question, context=tuple(chunks))
        try:
            async with asyncio.timeout(self._deadline_s):
                return chunks, await self._llm_for(bot).reply(prompt)
        except TimeoutError:
            return chunks, fallback_reply(prompt)

    async def retrieve(self, bot: Bot, question: str) -> list[RetrievedChunk]:
        kb_ids = await knowledge_base_ids(bot)
        if not kb_ids:
            return []
        return await self._retriever.retrieve(kb_ids, question, k=self._top_k)


def best_score(chunks: Sequence[RetrievedChunk]) -> float | None:
    """The best cosine similarity the dense index found (an absolute scale, unlike the fused
    rank score); None when no chunk came from it (nothing retrieved, or BM25 alone)."""
    dense = [c.dense_score for c in chunks if c.dense_score is not None]
    return max(dense) if dense else None


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
