"""A protocol-true fake Twilio Messages API on 127.0.0.1 (auth, signed callbacks, faults)."""

from __future__ import annotations

import asyncio
import base64
import random
import uuid
from collections import deque
from dataclasses import dataclass, field
from email.utils import formatdate
from typing import Any

import aiohttp
from aiohttp import web
from twilio.request_validator import RequestValidator

MESSAGES = "/2010-04-01/Accounts/{sid}/Messages.json"


@dataclass
class TwilioMessage:
    sid: str
    to: str
    from_: str
    body: str
    content_sid: str = ""
    content_variables: str = ""
    status_callback: str = ""
    media_urls: tuple[str, ...] = ()


@dataclass
class FetchedMedia:
    """What Twilio got when it fetched a MediaUrl (it does, to attach the file)."""

    url: str
    status: int
    content_type: str
    body: bytes


@dataclass
class Callback:
    url: str
    status: int
    params: dict[str, str]


@dataclass
class FakeTwilioAPI:
    """Start with `await fake.start()`; `fake.base_url` is the api_base for the twilio Client."""

    accounts: dict[str, str] = field(default_factory=dict)  # sid -> auth token
    seed: int = 0
    callback_statuses: tuple[str, ...] = ("sent", "delivered")
    fault_rate: float = 0.0
    timeout_s: float = 6.0  # longer than the harness client's 5 s: the client gives up first
    sent: list[TwilioMessage] = field(default_factory=list)
    requests: list[dict[str, str]] = field(default_factory=list)
    callbacks: list[Callback] = field(default_factory=list)
    fetched: list[FetchedMedia] = field(default_factory=list)
    faults: deque[str] = field(default_factory=deque)
    base_url: str = ""

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self._runner: web.AppRunner | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post(MESSAGES, self._create)
        self._runner = web.AppRunner(app, handler_cancellation=True)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.base_url = f"http://127.0.0.1:{self._runner.addresses[0][1]}"
        self._session = aiohttp.ClientSession()
        return self.base_url

    async def close(self) -> None:
        await self.settle()
        if self._session is not None:
            await self._session.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def settle(self) -> None:
        """Wait for every status callback in flight."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks))

    def fail_next(self, kind: str, count: int = 1) -> None:
        self.faults.extend([kind] * count)

    def bodies_to(self, to: str) -> list[str]:
        return [m.body for m in self.sent if m.to == to]

    async def _create(self, request: web.Request) -> web.Response:
        sid = request.match_info["sid"]
        if not self._authorized(request, sid):
            return _error(401, 20003, "Authenticate")
        posted = await request.post()
        form = {k: v for k, v in posted.items() if isinstance(v, str)}
        media = tuple(str(u) for u in posted.getall("MediaUrl", []))
        self.requests.append(form)
        if fault := self._fault():
            return await self._inject(fault)
        problem = _validate(form) or _validate_media(form, media)
        if problem:
            return _error(400, *problem)
        message = self._record(form, media)
        for url in media:
            self._spawn(self._fetch(url))
        if message.status_callback:
            self._spawn(self._callbacks(sid, message))
        return web.json_response(_resource(sid, message), status=201)

    def _authorized(self, request: web.Request, sid: str) -> bool:
        header = request.headers.get("Authorization", "")
        if not header.startswith("Basic "):
            return False
        user, _, password = base64.b64decode(header[6:]).decode().partition(":")
        return user == sid and self.accounts.get(sid) == password

    def _fault(self) -> str | None:
        if self.faults:
            return self.faults.popleft()
        if self.fault_rate and self.rng.random() < self.fault_rate:
            return self.rng.choice(["429", "500"])
        return None

    async def _inject(self, fault: str) -> web.Response:
        if fault == "timeout":
            await asyncio.sleep(self.timeout_s)
            return _error(500, 20500, "Internal Server Error")
        if fault == "429":
            return _error(429, 20429, "Too Many Requests")
        return _error(500, 20500, "Internal Server Error")

    async def _fetch(self, url: str) -> None:
        assert self._session is not None
        async with self._session.get(url, allow_redirects=False) as response:
            body = await response.read()
            self.fetched.append(FetchedMedia(url, response.status, response.content_type, body))

    def _record(self, form: dict[str, str], media: tuple[str, ...] = ()) -> TwilioMessage:
        message = TwilioMessage(
            sid="SM" + uuid.UUID(int=self.rng.getrandbits(128)).hex,
            to=form["To"],
            from_=form["From"],
            body=form.get("Body", ""),
            content_sid=form.get("ContentSid", ""),
            content_variables=form.get("ContentVariables", ""),
            status_callback=form.get("StatusCallback", ""),
            media_urls=media,
        )
        self.sent.append(message)
        return message

    def _spawn(self, coro: Any) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _callbacks(self, sid: str, message: TwilioMessage) -> None:
        for status in self.callback_statuses:
            params = {
                "AccountSid": sid,
                "ApiVersion": "2010-04-01",
                "ChannelPrefix": "whatsapp",
                "From": message.from_,
                "To": message.to,
                "MessageSid": message.sid,
                "SmsSid": message.sid,
                "MessageStatus": status,
                "SmsStatus": status,
            }
            signature = RequestValidator(self.accounts[sid]).compute_signature(
                message.status_callback, params
            )
            assert self._session is not None
            async with self._session.post(
                message.status_callback, data=params, headers={"X-Twilio-Signature": signature}
            ) as response:
                self.callbacks.append(Callback(message.status_callback, response.status, params))


def _validate(form: dict[str, str]) -> tuple[int, str] | None:
    if not form.get("To"):
        return 21604, "A 'To' phone number is required."
    if not form.get("From"):
        return 21603, "A 'From' phone number is required."
    if form["From"].startswith("whatsapp:") != form["To"].startswith("whatsapp:"):
        return 63007, "Twilio could not find a Channel with the specified From address"
    if not form.get("Body") and not form.get("ContentSid") and not form.get("MediaUrl"):
        return 21619, "A text message body or media urls must be specified."
    if len(form.get("Body", "")) > 1600:
        return 21617, "The concatenated message body exceeds the 1600 character limit."
    return None


def _validate_media(form: dict[str, str], media: tuple[str, ...]) -> tuple[int, str] | None:
    if any(not u.startswith(("http://", "https://")) for u in media):
        return 21620, "Invalid media URL(s)"
    if len(media) > 1 and form.get("To", "").startswith("whatsapp:"):
        return 21623, "WhatsApp messages may carry one media file"  # Twilio: one per message
    return None


def _resource(sid: str, message: TwilioMessage) -> dict[str, Any]:
    now = formatdate(usegmt=True)
    return {
        "account_sid": sid,
        "api_version": "2010-04-01",
        "body": message.body,
        "date_created": now,
        "date_sent": None,
        "date_updated": now,
        "direction": "outbound-api",
        "error_code": None,
        "error_message": None,
        "from": message.from_,
        "messaging_service_sid": None,
        "num_media": str(len(message.media_urls)),
        "num_segments": "1",
        "price": None,
        "price_unit": "USD",
        "sid": message.sid,
        "status": "queued",
        "subresource_uris": {
            "media": f"/2010-04-01/Accounts/{sid}/Messages/{message.sid}/Media.json"
        },
        "to": message.to,
        "uri": f"/2010-04-01/Accounts/{sid}/Messages/{message.sid}.json",
    }


def _error(status: int, code: int, message: str) -> web.Response:
    body = {
        "code": code,
        "message": message,
        "more_info": f"https://www.twilio.com/docs/errors/{code}",
        "status": status,
    }
    return web.json_response(body, status=status)
