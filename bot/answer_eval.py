"""Answers measured as a learner gets them: each question a widget turn through the engine.

`ask_as_widget` is the `Asker` of `bot.rag.eval_languages`: the production step list
(`Engine.handle` on the web channel) with the offline grounded responder, over the evaluation's
knowledge base. A reply counts as holding the answer when a gold span appears in it (NFKC, case
and whitespace folded), as cited when it carries at least one citation.
"""

from __future__ import annotations

import unicodedata
import uuid

from bot.engine import Engine
from bot.llm.grounded import GroundedResponder
from bot.messages import ChannelName, InboundMessage
from bot.rag.eval_languages import Answers, Outcome
from bot.rag.evaluation import EvalRun
from models.bots import Bot


def folded(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def holds_span(reply: str, spans: list[str]) -> bool:
    text = folded(reply)
    return any(folded(span) in text for span in spans)


async def ask_as_widget(
    run: EvalRun, questions: dict[str, str], answers: Answers
) -> dict[str, Outcome]:
    """(span found, cited) per answered question id, asked in `answers`' order."""
    bot = await Bot.get(slug="eval")
    engine = Engine(retriever=run.service.retriever, llm_for=lambda _bot: GroundedResponder())
    outcomes: dict[str, Outcome] = {}
    for qid, spans in answers.items():
        inbound = InboundMessage(
            channel=ChannelName.WEB,
            bot=bot.slug,
            external_user_id=f"eval-{qid}",
            external_message_id=str(uuid.uuid4()),
            text=questions[qid],
        )
        result = await engine.handle(inbound, deliver_inline=True, bot=bot)
        reply = result.replies[0]
        outcomes[qid] = (holds_span(reply.text, spans), bool(reply.citations))
    return outcomes
