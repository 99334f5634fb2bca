"""Per-creator monthly LLM token budgets, counted in `usage_tracking` (one row per day).

`BudgetedLLMs` wraps the per-bot LLM choice: a bot whose creator has used the month's budget
gets a clear reply instead of a model call; every model call adds its tokens to today's row.
Tokens are estimated from text (characters / 4, as the prompt builder does), so the stop holds
whatever a provider reports. A creator sets the budget in `Creator.settings["llm_budget"]`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from bot.clock import Clock
from bot.llm.grounded import GroundedResponder
from bot.llm.prompt import LLM, Prompt, estimate_tokens
from bot.messages import OutboundMessage
from models import Bot, Creator, UsageTracking

log = logging.getLogger(__name__)
TOKENS = "llm_tokens"
WARN_AT = 0.8
BUDGET_REPLY = (
    "I can't answer new questions right now: this assistant has used its allowance for the "
    "month. Your coach has been told; please try again next month."
)


def monthly_budget(creator: Creator) -> int | None:
    value = (creator.settings or {}).get("llm_budget", {}).get("monthly_tokens")
    return int(value) if value is not None else None


async def tokens_this_month(creator_id: UUID, today: date) -> int:
    rows: list[int] = await UsageTracking.filter(
        creator_id=creator_id, usage_type=TOKENS, date__gte=today.replace(day=1), date__lte=today
    ).values_list("usage_value", flat=True)  # type: ignore[assignment]
    return sum(rows)


async def add_tokens(creator_id: UUID, tokens: int, today: date) -> None:
    """Add to today's counter in SQL (concurrent turns never lose a count)."""
    row = UsageTracking.filter(creator_id=creator_id, usage_type=TOKENS, date=today)
    if await row.update(usage_value=F("usage_value") + tokens):
        return
    try:
        async with in_transaction():  # a savepoint when a turn's transaction is open
            await UsageTracking.create(
                creator_id=creator_id, usage_type=TOKENS, usage_value=tokens, date=today
            )
    except IntegrityError:  # another turn created today's row first
        await row.update(usage_value=F("usage_value") + tokens)


def prompt_tokens(prompt: Prompt) -> int:
    texts = [prompt.persona.system_message(), prompt.question]
    texts += [chunk.text for chunk in prompt.context] + [e.text for e in prompt.history]
    return sum(estimate_tokens(t) for t in texts)


async def usage_summary(creator_id: UUID, today: date) -> dict[str, Any]:
    """This month's tokens against the budget, with the 80% warning and the 100% stop."""
    creator = await Creator.get(id=creator_id)
    used, budget = await tokens_this_month(creator_id, today), monthly_budget(creator)
    share = used / budget if budget else 0.0
    warning = None
    if budget and share >= 1:
        warning = "the monthly LLM token budget is used up: learners get a 'come back' reply"
    elif budget and share >= WARN_AT:
        warning = f"{share:.0%} of the monthly LLM token budget is used"
    return {
        "month": today.strftime("%Y-%m"),
        "llm_tokens": used,
        "budget": budget,
        "percent": round(share * 100, 1) if budget else None,
        "warning": warning,
        "stopped": bool(budget) and share >= 1,
    }


class MeteredLLM:
    """One bot's LLM, refused past the creator's budget and counted after each call."""

    def __init__(self, inner: LLM, creator_id: UUID, clock: Clock) -> None:
        self._inner, self._creator_id, self._clock = inner, creator_id, clock

    @property
    def uses_history(self) -> bool:
        return self._inner.uses_history

    @property
    def remote(self) -> bool:
        return self._inner.remote

    async def reply(self, prompt: Prompt) -> OutboundMessage:
        today = self._clock.now().date()
        budget = monthly_budget(await Creator.get(id=self._creator_id))
        if budget is not None and await tokens_this_month(self._creator_id, today) >= budget:
            log.info("creator %s: monthly LLM token budget reached", self._creator_id)
            return OutboundMessage(text=BUDGET_REPLY)
        reply = await self._inner.reply(prompt)
        used = prompt_tokens(prompt) + estimate_tokens(reply.text)
        await add_tokens(self._creator_id, used, today)
        return reply


class BudgetedLLMs:
    """`llm_for` for the engine: the chooser's LLM, metered unless it is the offline one."""

    def __init__(self, choose: Callable[[Bot], LLM], clock: Clock) -> None:
        self._choose, self._clock = choose, clock

    def __call__(self, bot: Bot) -> LLM:
        llm = self._choose(bot)
        if isinstance(llm, GroundedResponder):
            return llm  # no model, no tokens
        return MeteredLLM(llm, bot.creator_id, self._clock)
