"""The `LLM` protocol and what it is given: a `Prompt` (persona, question, context, history)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

from bot.i18n.catalogue import Texts
from bot.messages import OutboundMessage
from bot.persona import Persona
from bot.rag import RetrievedChunk


@dataclass(frozen=True)
class Exchange:
    """One earlier message of the conversation, oldest first in `Prompt.history`."""

    role: Literal["user", "assistant"]
    text: str


@dataclass(frozen=True)
class Prompt:
    """Everything an LLM may use for one reply; `context` is best first, numbered from 1."""

    persona: Persona
    question: str
    context: tuple[RetrievedChunk, ...] = ()
    history: tuple[Exchange, ...] = ()
    texts: Texts = field(default_factory=Texts)  # built-in texts in the learner's language


class LLM(Protocol):
    """Turns a prompt into a reply; implementations never raise for a failed model call.

    `uses_history`: whether `Prompt.history` is read (the engine only loads it when it is).
    `remote`: whether a reply waits on the network (the engine then calls it after the turn's
    transaction, never holding a transaction open across it).
    """

    @property
    def uses_history(self) -> bool: ...

    @property
    def remote(self) -> bool: ...

    async def reply(self, prompt: Prompt) -> OutboundMessage: ...


def estimate_tokens(text: str) -> int:
    """Approximate tokens as characters / 4 (OpenAI's rule of thumb for English), at least 1."""
    return max(1, (len(text) + 3) // 4)
