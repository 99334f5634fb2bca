"""A protocol-true fake Telegram Bot API on 127.0.0.1: real shapes, validation, injected faults."""

from __future__ import annotations

import asyncio
import json
import random
import re
import time
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from aiohttp import web

ALLOWED_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
    "tg-spoiler", "span", "blockquote", "tg-emoji",
}  # fmt: skip
BARE_AMP = re.compile(r"&(?!(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);)")


@dataclass
class Call:
    method: str
    token: str
    params: dict[str, Any]


@dataclass
class Fault:
    """An injected failure: 429 (with retry_after), 500, 403 (blocked) or a timeout."""

    kind: str
    retry_after: int = 1


@dataclass
class SentMessage:
    chat_id: str
    text: str
    message_id: int
    reply_markup: dict[str, Any] | None
    token: str = ""
    at: float = 0.0  # time.monotonic() when the fake accepted it


@dataclass(frozen=True)
class Upload:
    """A file aiogram uploaded in a multipart field (`attach://` is resolved to it)."""

    filename: str
    content_type: str
    data: bytes


@dataclass
class SentMedia:
    """A sendPhoto/sendDocument the fake accepted: an upload, or a URL/file_id to fetch."""

    method: str
    chat_id: str
    message_id: int
    upload: Upload | None = None
    url: str = ""


IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF8", b"RIFF")


@dataclass
class RateCap:
    """Telegram's send limits: `per_bot` messages in any second per bot, one per chat per
    `chat_interval_s`. A send over either is refused with 429 and recorded in `violations`."""

    per_bot: int = 30
    chat_interval_s: float = 1.0
    violations: list[str] = field(default_factory=list)
    _bot_sends: dict[str, deque[float]] = field(default_factory=dict)
    _chat_last: dict[tuple[str, str], float] = field(default_factory=dict)

    def admit(self, token: str, chat_id: str, now: float) -> str | None:
        """None when the send is within the limits (and counts it), else why not."""
        recent = self._bot_sends.setdefault(token, deque())
        while recent and recent[0] <= now - 1.0:
            recent.popleft()
        last = self._chat_last.get((token, chat_id))
        if len(recent) >= self.per_bot:
            self.violations.append(f"bot: {len(recent) + 1} sends within 1 s")
        elif last is not None and now - last < self.chat_interval_s:
            self.violations.append(f"chat {chat_id}: {now - last:.3f} s after the previous")
        else:
            recent.append(now)
            self._chat_last[token, chat_id] = now
            return None
        return self.violations[-1]


class _HTMLCheck(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.visible: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            raise ValueError(f'Unsupported start tag "{tag}"')
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            raise ValueError(f'Unmatched end tag "{tag}"')

    def handle_data(self, data: str) -> None:
        self.visible.append(data)


def visible_text(text: str) -> str:
    """What Telegram shows for a `parse_mode=HTML` text, or ValueError like its 400."""
    if BARE_AMP.search(text):
        raise ValueError("Can't find end of the entity starting at an unescaped &")
    checker = _HTMLCheck()
    checker.feed(text)
    checker.close()
    if checker.stack:
        raise ValueError(f'Can\'t find end tag corresponding to start tag "{checker.stack[-1]}"')
    return "".join(checker.visible)


class FakeTelegramAPI:
    """Start with `await fake.start()`; `fake.base_url` is the api_base for aiogram."""

    def __init__(self, *, seed: int = 0, username: str = "parley_test_bot") -> None:
        self.username = username
        self.tokens: set[str] = set()
        self.calls: list[Call] = []
        self.sent: list[SentMessage] = []
        self.media: list[SentMedia] = []
        self.faults: deque[Fault] = deque()
        self.fault_rate = 0.0
        self.timeout_s = 5.0
        self.blocked_chats: set[str] = set()
        self.webhooks: dict[str, dict[str, Any]] = {}
        self.updates: list[dict[str, Any]] = []
        self.rng = random.Random(seed)
        self.rate_cap: RateCap | None = None  # set one to enforce Telegram's send limits
        self._next_message_id = 1000
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    async def start(self) -> str:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, handler_cancellation=True)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.base_url = f"http://127.0.0.1:{port}"
        return self.base_url

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def fail_next(self, kind: str, count: int = 1, *, retry_after: int = 1) -> None:
        self.faults.extend(Fault(kind, retry_after) for _ in range(count))

    def texts_to(self, chat_id: str | int) -> list[str]:
        return [m.text for m in self.sent if m.chat_id == str(chat_id)]

    def calls_of(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    async def _handle(self, request: web.Request) -> web.Response:
        token, method = request.match_info["token"], request.match_info["method"]
        params = await _params(request)
        self.calls.append(Call(method, token, params))
        if token not in self.tokens:
            return _error(401, "Unauthorized")
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            return _error(404, "Not Found: method not found")
        if method in ("sendMessage", "answerCallbackQuery") and (fault := self._fault()):
            return await self._inject(fault)
        if method == "sendMessage" and (over := self._over_rate(token, params)):
            return _error(429, f"Too Many Requests: {over}", parameters={"retry_after": 1})
        try:
            result = handler(params, token) if method == "sendMessage" else handler(params)
        except ValueError as exc:
            return _error(400, f"Bad Request: {exc}")
        if asyncio.iscoroutine(result):
            result = await result
        if isinstance(result, web.Response):
            return result
        return web.json_response({"ok": True, "result": result})

    def _fault(self) -> Fault | None:
        if self.faults:
            return self.faults.popleft()
        if self.fault_rate and self.rng.random() < self.fault_rate:
            return Fault(self.rng.choice(["429", "500"]), retry_after=1)
        return None

    async def _inject(self, fault: Fault) -> web.Response:
        if fault.kind == "timeout":
            await asyncio.sleep(self.timeout_s)  # the client gives up first; nothing was sent
            return _error(500, "Internal Server Error")
        if fault.kind == "429":
            return _error(
                429,
                f"Too Many Requests: retry after {fault.retry_after}",
                parameters={"retry_after": fault.retry_after},
            )
        if fault.kind == "403":
            return _error(403, "Forbidden: bot was blocked by the user")
        return _error(500, "Internal Server Error")

    def _over_rate(self, token: str, params: dict[str, Any]) -> str | None:
        if self.rate_cap is None:
            return None
        return self.rate_cap.admit(token, str(params.get("chat_id", "")), time.monotonic())

    # --- methods ---------------------------------------------------------------------------

    def _bot_user(self) -> dict[str, Any]:
        return {
            "id": 7000001,
            "is_bot": True,
            "first_name": "Parley Test",
            "username": self.username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    def _m_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._bot_user()

    def _m_setWebhook(self, params: dict[str, Any]) -> bool:
        url = _required(params, "url")
        if not url.startswith("https://") and not url.startswith("http://127.0.0.1"):
            raise ValueError("bad webhook: An HTTPS URL must be provided for webhook")
        self.webhooks[url] = params
        return True

    def _m_deleteWebhook(self, params: dict[str, Any]) -> bool:
        self.webhooks.clear()
        return True

    def _m_answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        _required(params, "callback_query_id")
        return True

    async def _m_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        wait = min(float(params.get("timeout") or 0), 0.2)
        pending = [u for u in self.updates if u["update_id"] >= offset]
        if not pending and wait:
            await asyncio.sleep(wait)
        return pending[: int(params.get("limit") or 100)]

    def _m_sendMessage(
        self, params: dict[str, Any], token: str = ""
    ) -> dict[str, Any] | web.Response:
        chat_id = _required(params, "chat_id")
        text = _required(params, "text")
        if chat_id in self.blocked_chats:
            return _error(403, "Forbidden: bot was blocked by the user")
        shown = visible_text(text) if params.get("parse_mode") == "HTML" else text
        if not shown.strip():
            raise ValueError("message text is empty")
        if len(shown) > 4096:
            raise ValueError("message is too long")
        markup = _markup(params.get("reply_markup"))
        self._next_message_id += 1
        sent = SentMessage(chat_id, shown, self._next_message_id, markup, token, time.monotonic())
        self.sent.append(sent)
        message: dict[str, Any] = {
            "message_id": self._next_message_id,
            "from": self._bot_user(),
            "chat": {"id": int(chat_id), "type": "private", "first_name": "User"},
            "date": 1735689600,
            "text": shown,
        }
        if markup:
            message["reply_markup"] = markup
        return message

    def _m_sendPhoto(self, params: dict[str, Any]) -> dict[str, Any]:
        sent = self._media("sendPhoto", params, "photo")
        if sent.upload is not None and not sent.upload.data.startswith(IMAGE_MAGIC):
            raise ValueError("IMAGE_PROCESS_FAILED")
        size = {"file_id": f"photo-{sent.message_id}", "file_unique_id": f"u{sent.message_id}"}
        photo = [size | {"width": 320, "height": 180, "file_size": len(self._bytes(sent))}]
        return self._media_message(sent, {"photo": photo})

    def _m_sendDocument(self, params: dict[str, Any]) -> dict[str, Any]:
        sent = self._media("sendDocument", params, "document")
        document = {
            "file_id": f"doc-{sent.message_id}",
            "file_unique_id": f"u{sent.message_id}",
            "file_name": sent.upload.filename if sent.upload else sent.url.rsplit("/", 1)[-1],
            "file_size": len(self._bytes(sent)),
        }
        return self._media_message(sent, {"document": document})

    def _media(self, method: str, params: dict[str, Any], field_name: str) -> SentMedia:
        """The file of a send: an upload (`attach://name` or the field itself) or a URL."""
        chat_id = _required(params, "chat_id")
        value = params.get(field_name)
        if isinstance(value, str) and value.startswith("attach://"):
            value = params.get(value.removeprefix("attach://"))
        if isinstance(value, Upload):
            if not value.data:
                raise ValueError("file must be non-empty")
            upload, url = value, ""
        elif isinstance(value, str) and value.startswith(("http://", "https://")):
            upload, url = None, value
        else:
            raise ValueError(f"wrong remote file identifier specified: {field_name}")
        self._next_message_id += 1
        sent = SentMedia(method, chat_id, self._next_message_id, upload, url)
        self.media.append(sent)
        return sent

    @staticmethod
    def _bytes(sent: SentMedia) -> bytes:
        return sent.upload.data if sent.upload else b""

    def _media_message(self, sent: SentMedia, content: dict[str, Any]) -> dict[str, Any]:
        return {
            "message_id": sent.message_id,
            "from": self._bot_user(),
            "chat": {"id": int(sent.chat_id), "type": "private", "first_name": "User"},
            "date": 1735689600,
        } | content


async def _params(request: web.Request) -> dict[str, Any]:
    params: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json":
        body = await request.json()
        params.update({k: v if isinstance(v, str) else json.dumps(v) for k, v in body.items()})
    elif request.can_read_body:
        form = await request.post()
        params.update({k: v for k, v in form.items() if isinstance(v, str)})
        params.update(
            {
                k: Upload(v.filename, v.content_type, v.file.read())
                for k, v in form.items()
                if isinstance(v, web.FileField)
            }
        )
    return params


def _required(params: dict[str, Any], name: str) -> str:
    value = params.get(name)
    if value in (None, ""):
        raise ValueError(f"{name} is empty")
    return str(value)


def _markup(raw: str | None) -> dict[str, Any] | None:
    if not raw:
        return None
    markup = json.loads(raw)
    for row in markup.get("inline_keyboard", []):
        for button in row:
            if not button.get("text"):
                raise ValueError("BUTTON_TEXT_EMPTY")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= 64:
                raise ValueError("BUTTON_DATA_INVALID")
            if data is None and not button.get("url"):
                raise ValueError("can't parse inline keyboard button: no action")
    return dict(markup)


def _error(code: int, description: str, **extra: Any) -> web.Response:
    body = {"ok": False, "error_code": code, "description": description, **extra}
    return web.json_response(body, status=code)


__all__ = ["FakeTelegramAPI", "RateCap", "SentMedia", "Upload", "visible_text"]
