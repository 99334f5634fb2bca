"""`OpenAICompatibleLLM`: chat completions over HTTP (OpenAI, Ollama, vLLM, llama.cpp server)."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import aiohttp

from bot.llm.grounded import citations_for
from bot.llm.prompt import Exchange, Prompt, estimate_tokens
from bot.messages import Citation, OutboundMessage
from bot.rag import RetrievedChunk

log = logging.getLogger(__name__)

RETRYABLE_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504})
CITE_MARK = re.compile(r"\[(\d{1,2})\]")
RULES = (
    "Answer from the numbered context below when it is relevant and cite it like [1]. "
    "If the context does not contain the answer, say plainly that you don't know; never invent "
    "facts, links or sources."
)


@dataclass(frozen=True)
class ChatConfig:
    """How to reach one chat-completions endpoint; `api_key` is never logged or repr'd."""

    base_url: str
    model: str
    api_key: str | None = None
    timeout_s: float = 30.0
    max_retries: int = 3
    backoff_s: float = 0.5
    max_backoff_s: float = 20.0
    prompt_tokens: int = 3000
    max_tokens: int = 512
    temperature: float = 0.2

    def __repr__(self) -> str:
        return f"ChatConfig(base_url={self.base_url!r}, model={self.model!r}, api_key=***)"


class ModelUnavailable(Exception):
    """The endpoint failed for good (non-retryable status, bad body, or retries exhausted)."""


class RetryableFailure(Exception):
    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


Sleep = Callable[[float], Awaitable[None]]


class OpenAICompatibleLLM:
    """An `LLM` over POST {base_url}/chat/completions, with retries and a grounded fallback."""

    def __init__(
        self, session: aiohttp.ClientSession, config: ChatConfig, *, sleep: Sleep = asyncio.sleep
    ) -> None:
        self._session = session
        self._config = config
        self._sleep = sleep

    uses_history = True
    remote = True

    async def reply(self, prompt: Prompt) -> OutboundMessage:
        body = request_body(prompt, self._config)
        try:
            content = await self._complete(body)
        except ModelUnavailable as exc:
            log.warning("LLM %s unavailable: %s", self._config.base_url, exc)
            return fallback_reply(prompt)
        return OutboundMessage(
            text=prompt.persona.signed(content), citations=cited(content, prompt.context)
        )

    async def _complete(self, body: dict[str, Any]) -> str:
        for attempt in range(self._config.max_retries + 1):
            try:
                return await self._post(body)
            except RetryableFailure as exc:
                if attempt == self._config.max_retries:
                    raise ModelUnavailable(f"{exc} after {attempt + 1} attempts") from exc
                delay = self._delay(attempt, exc.retry_after)
                log.info("LLM attempt %d failed (%s); retrying in %.2fs", attempt + 1, exc, delay)
                await self._sleep(delay)
        raise AssertionError("unreachable")

    def _delay(self, attempt: int, retry_after: float | None) -> float:
        backoff = self._config.backoff_s * 2**attempt
        return min(self._config.max_backoff_s, max(backoff, retry_after or 0.0))

    async def _post(self, body: dict[str, Any]) -> str:
        url = self._config.base_url.rstrip("/") + "/chat/completions"
        timeout = aiohttp.ClientTimeout(total=self._config.timeout_s)
        try:
            async with self._session.post(
                url, json=body, headers=self._headers(), timeout=timeout
            ) as response:
                if response.status in RETRYABLE_STATUS:
                    raise RetryableFailure(f"HTTP {response.status}", retry_after_s(response))
                if response.status >= 400:
                    raise ModelUnavailable(f"HTTP {response.status}")
                data = await response.json(content_type=None)
        except TimeoutError as exc:
            raise RetryableFailure(f"timeout after {self._config.timeout_s}s") from exc
        except aiohttp.ClientError as exc:
            raise RetryableFailure(type(exc).__name__) from exc
        except ValueError as exc:
            raise ModelUnavailable("response is not JSON") from exc
        return completion_text(data)

    def _headers(self) -> dict[str, str]:
        if not self._config.api_key:
            return {}
        return {"Authorization": f"Bearer {self._config.api_key}"}


def request_body(prompt: Prompt, config: ChatConfig) -> dict[str, Any]:
    """The chat-completions request: system (persona, rules, context), history, question."""
    system = system_text(prompt)
    budget = config.prompt_tokens - estimate_tokens(system) - estimate_tokens(prompt.question)
    messages = [
        {"role": "system", "content": system},
        *({"role": e.role, "content": e.text} for e in trim_history(prompt.history, budget)),
        {"role": "user", "content": prompt.question},
    ]
    return {
        "model": config.model,
        "messages": messages,
        "temperature": config.temperature,
        "max_tokens": config.max_tokens,
    }


def system_text(prompt: Prompt) -> str:
    parts = [prompt.persona.system_message(), RULES]
    if prompt.context:
        parts.append("Context:\n" + "\n\n".join(numbered(prompt.context)))
    else:
        parts.append("Context: (nothing relevant was found in the knowledge base)")
    return "\n\n".join(parts)


def numbered(chunks: tuple[RetrievedChunk, ...]) -> list[str]:
    return [f"[{i}] {c.title}\n{c.text.strip()}" for i, c in enumerate(chunks, start=1)]


def trim_history(history: tuple[Exchange, ...], budget: int) -> list[Exchange]:
    """The most recent exchanges that fit in `budget` tokens, oldest first."""
    kept: list[Exchange] = []
    for exchange in reversed(history):
        budget -= estimate_tokens(exchange.text)
        if budget < 0:
            break
        kept.append(exchange)
    return kept[::-1]


def completion_text(data: Any) -> str:
    try:
        content = data["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError) as exc:
        raise ModelUnavailable("response has no choices[0].message.content") from exc
    if not isinstance(content, str) or not content.strip():
        raise ModelUnavailable("the model returned an empty answer")
    return content.strip()


def retry_after_s(response: aiohttp.ClientResponse) -> float | None:
    """Retry-After in seconds (the HTTP-date form is rare for APIs and is ignored)."""
    try:
        return max(0.0, float(response.headers.get("Retry-After", "")))
    except ValueError:
        return None


def cited(content: str, context: tuple[RetrievedChunk, ...]) -> tuple[Citation, ...]:
    """Citations for the [n] marks the model used, in order of first use."""
    numbers = dict.fromkeys(int(n) for n in CITE_MARK.findall(content))
    chunks = [context[n - 1] for n in numbers if 1 <= n <= len(context)]
    return citations_for(chunks, {})


def fallback_reply(prompt: Prompt) -> OutboundMessage:
    """What the user gets when the model is down: a plain apology plus the retrieved sources."""
    if not prompt.context:
        return OutboundMessage(text=prompt.texts.get("llm_unavailable"))
    text = f"{prompt.texts.get('llm_unavailable')} {prompt.texts.get('llm_unavailable_sources')}"
    return OutboundMessage(text=text, citations=citations_for(prompt.context, {}))
