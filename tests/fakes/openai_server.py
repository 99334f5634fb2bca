"""A fake OpenAI-compatible chat-completions server on 127.0.0.1 that records and injects faults."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

ROLES = frozenset({"system", "user", "assistant"})


@dataclass(frozen=True)
class Fault:
    """What to do instead of answering: an HTTP status (with headers) or a stall of `delay_s`."""

    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0


@dataclass(frozen=True)
class Recorded:
    body: dict[str, Any]
    headers: dict[str, str]


class FakeOpenAI:
    """Speaks POST /v1/chat/completions with the real request and response shapes.

    `answer` is the assistant content returned; `faults` are consumed one per request first.
    """

    def __init__(self, answer: str = "Warm up for ten minutes [1].") -> None:
        self.answer = answer
        self.faults: deque[Fault] = deque()
        self.requests: list[Recorded] = []
        self._ids = itertools.count(1)
        self._released = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self._complete)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base_url = f"http://127.0.0.1:{port}/v1"
        return self.base_url

    async def close(self) -> None:
        self._released.set()
        if self._runner is not None:
            await self._runner.cleanup()

    async def _complete(self, request: web.Request) -> web.Response:
        try:
            body = await request.json()
        except ValueError:
            return error(400, "invalid_request_error", "We could not parse the JSON body.")
        self.requests.append(Recorded(body, dict(request.headers)))
        problem = invalid(body)
        if problem:
            return error(400, "invalid_request_error", problem)
        if self.faults:
            fault = self.faults.popleft()
            if fault.delay_s:
                await self._stall(fault.delay_s)
            if fault.status:
                return error(fault.status, "server_error", "injected", headers=fault.headers)
        return web.json_response(self.completion(body["model"]))

    async def _stall(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._released.wait(), seconds)

    def completion(self, model: str) -> dict[str, Any]:
        return {
            "id": f"chatcmpl-{next(self._ids)}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": self.answer},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
        }


def invalid(body: Any) -> str:
    """Why a request body is not a valid chat-completions request, or ''."""
    if not isinstance(body, dict) or not isinstance(body.get("model"), str):
        return "you must provide a model parameter"
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        return "'messages' must be a non-empty array"
    for i, message in enumerate(messages):
        if not isinstance(message, dict) or message.get("role") not in ROLES:
            return f"messages[{i}].role must be one of {sorted(ROLES)}"
        if not isinstance(message.get("content"), str):
            return f"messages[{i}].content must be a string"
    return ""


def error(
    status: int, kind: str, message: str, *, headers: dict[str, str] | None = None
) -> web.Response:
    payload = {"error": {"message": message, "type": kind, "param": None, "code": None}}
    return web.json_response(payload, status=status, headers=headers)
