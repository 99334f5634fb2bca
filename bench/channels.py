"""Channel throughput: Telegram and WhatsApp webhooks -> engine -> outbox -> fake vendor API.

Run: python bench/channels.py [--database sqlite | postgres://postgres@127.0.0.1:5432/test]
                              [--seconds 5] [--warmup 2] [--levels 1,16,64] [--chunks 1000]
                              [--outbox-poll SECONDS]
     python bench/channels.py --broadcast 100000 [--learners 10] [--telegram-rate 30]
                              [--seconds 30] [--warmup 5] [--chunks 200] [--database ...]

`--broadcast N` is another mode: replies to learners chatting while N scheduled nudges drain
at Telegram's rate (see bench/broadcast.py). Without it:

One Parley server process (bench/servers.py, `parley` mode: create_app with the outbox worker
running) with a bot on the widget, Telegram and WhatsApp; this process runs the load generator
and the fake Bot API and fake Twilio API from tests/fakes/, which the server's real aiogram and
twilio clients send to. Each session is one user who sends a message (a signed webhook) and
waits until the fake API has recorded the bot's reply before sending the next. Prints per path
and level: turns/s, the webhook ack's p50/p99 (what Telegram/Twilio wait for) and end to end
p50/p99 (webhook sent -> reply recorded by the fake), against the widget path (reply inline in
the HTTP answer) measured in the same run, plus the ratios channel/widget.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from twilio.request_validator import RequestValidator

from bench.servers import (
    SLUG,
    Attempt,
    Failed,
    Run,
    ServerProcess,
    bench_arguments,
    bench_database,
    client_session,
    errors_note,
    levels,
    next_message,
    print_load,
    ratio,
    run_client,
    widget_attempt,
)
from tests.channels.harness import ACCOUNT_SID, AUTH_TOKEN, TOKEN, tg_message, wa_form
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.twilio_api import FakeTwilioAPI, TwilioMessage

REPLY_TIMEOUT_S = 20.0
TELEGRAM_USER0 = 5_550_000


class Replies:
    """When each recipient's reply reached a fake vendor API (both fakes run in this process)."""

    def __init__(self) -> None:
        self.count = 0
        self._waiting: dict[str, asyncio.Future[float]] = {}

    def expect(self, to: str) -> asyncio.Future[float]:
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._waiting[to] = future
        return future

    def arrived(self, to: str) -> None:
        self.count += 1
        future = self._waiting.pop(to, None)
        if future is not None and not future.done():
            future.set_result(time.perf_counter())

    def forget(self, to: str) -> None:
        self._waiting.pop(to, None)


class RecordingTelegramAPI(FakeTelegramAPI):
    """The fake Bot API, noting when each accepted sendMessage arrived."""

    def __init__(self, replies: Replies) -> None:
        super().__init__()
        self.replies = replies
        self.tokens.add(TOKEN)

    def _m_sendMessage(
        self, params: dict[str, Any], token: str = ""
    ) -> dict[str, Any] | web.Response:
        result = super()._m_sendMessage(params, token)
        if not isinstance(result, web.Response):
            self.replies.arrived(str(params["chat_id"]))
        return result


@dataclass
class RecordingTwilioAPI(FakeTwilioAPI):
    """The fake Twilio Messages API, noting when each accepted message arrived."""

    replies: Replies = field(default_factory=Replies)

    def _record(self, form: dict[str, str]) -> TwilioMessage:
        message = super()._record(form)
        self.replies.arrived(form["To"])
        return message


async def via_webhook(
    replies: Replies, to: str, post: Callable[[], Awaitable[None]]
) -> tuple[float, float]:
    """(ack, end to end) latencies of one message: webhook answered, reply at the fake API."""
    reply = replies.expect(to)
    started = time.perf_counter()
    try:
        await post()
        acked = time.perf_counter()
        done = await asyncio.wait_for(reply, REPLY_TIMEOUT_S)
    finally:
        replies.forget(to)
    return acked - started, done - started


async def checked_post(http: aiohttp.ClientSession, url: str, **kwargs: Any) -> None:
    async with http.post(url, **kwargs) as response:
        body = await response.read()
    if response.status != 200:
        raise Failed(f"HTTP {response.status}: {body[:200]!r}")


def telegram_attempt(
    http: aiohttp.ClientSession, base_url: str, secret: str, replies: Replies
) -> Attempt:
    url = f"{base_url}/telegram/{SLUG}/webhook"
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret}

    async def attempt(session: int) -> tuple[float, ...]:
        user = str(TELEGRAM_USER0 + session)
        number, text = next_message()
        update = tg_message(user, text, str(number))
        return await via_webhook(
            replies, user, lambda: checked_post(http, url, json=update, headers=headers)
        )

    return attempt


def whatsapp_attempt(http: aiohttp.ClientSession, base_url: str, replies: Replies) -> Attempt:
    url = f"{base_url}/whatsapp/{SLUG}/webhook"
    validator = RequestValidator(AUTH_TOKEN)

    async def attempt(session: int) -> tuple[float, ...]:
        user = f"+1555{session:07d}"
        number, text = next_message()
        form = wa_form(user, text, f"{number:032x}")
        headers = {"X-Twilio-Signature": validator.compute_signature(url, form)}
        return await via_webhook(
            replies, f"whatsapp:{user}", lambda: checked_post(http, url, data=form, headers=headers)
        )

    return attempt


def both_columns(attempt: Attempt) -> Attempt:
    """The widget answers with the reply itself: its ack is its end to end."""

    async def wrapped(session: int) -> tuple[float, ...]:
        (elapsed,) = await attempt(session)
        return elapsed, elapsed

    return wrapped


@dataclass
class Results:
    paths: dict[str, tuple[Run, list[Run]]] = field(default_factory=dict)
    info: dict[str, Any] = field(default_factory=dict)
    report: dict[str, Any] = field(default_factory=dict)


async def main(args: argparse.Namespace) -> None:
    if args.broadcast:
        await broadcast_main(args)
        return
    print_load("start")
    replies = Replies()
    telegram = RecordingTelegramAPI(replies)
    twilio = RecordingTwilioAPI(accounts={ACCOUNT_SID: AUTH_TOKEN}, replies=replies)
    await telegram.start()
    await twilio.start()
    try:
        with tempfile.TemporaryDirectory(prefix="parley-bench-") as tmp:
            async with bench_database(args.database, Path(tmp)) as url:
                results = await measure(args, url, (telegram, twilio), replies)
    finally:
        await twilio.close()
        await telegram.close()
    print_results(args, results, (telegram, twilio))
    print_load("end")


async def broadcast_main(args: argparse.Namespace) -> None:
    from bench import broadcast

    replies = Replies()
    telegram = RecordingTelegramAPI(replies)
    await telegram.start()
    try:
        await broadcast.main(args, telegram, replies)
    finally:
        await telegram.close()


async def measure(
    args: argparse.Namespace,
    url: str,
    fakes: tuple[FakeTelegramAPI, FakeTwilioAPI],
    replies: Replies,
) -> Results:
    telegram, twilio = fakes
    server_args = ["--db", url, "--chunks", str(args.chunks)]
    server_args += ["--telegram-api", telegram.base_url, "--twilio-api", twilio.base_url]
    if args.outbox_poll is not None:
        server_args += ["--outbox-poll", str(args.outbox_poll)]
    results = Results()
    server = ServerProcess("parley", *server_args)
    async with server as info, client_session(max(args.levels)) as http:
        base = f"http://127.0.0.1:{info['port']}"
        attempts = {
            "widget (inline)": both_columns(
                widget_attempt(http, base, info["key"], expect_reply=True)
            ),
            "telegram webhook": telegram_attempt(http, base, info["telegram_secret"], replies),
            "whatsapp webhook": whatsapp_attempt(http, base, replies),
        }
        for label, attempt in attempts.items():
            results.paths[label] = await levels(
                attempt, args.levels, seconds=args.seconds, warmup=args.warmup
            )
        await twilio.settle()  # status callbacks still in flight, while the server is up
        results.info = info
    results.report = server.report
    return results


def print_results(
    args: argparse.Namespace, results: Results, fakes: tuple[FakeTelegramAPI, FakeTwilioAPI]
) -> None:
    print(
        f"\ndatabase: {args.database.split(':', 1)[0]}; knowledge: {results.info['chunks']} "
        f"chunks (hashing embedder); outbox poll interval: "
        f"{'app default' if args.outbox_poll is None else f'{args.outbox_poll:g} s'}; "
        f"{args.seconds:g} s per level after {args.warmup:g} s warm-up at {max(args.levels)}"
    )
    head = ("path", "sessions", "turns/s", "ack p50", "ack p99", "e2e p50", "e2e p99")
    print(f"{head[0]:<18} {head[1]:>8}" + "".join(f" {h:>8}" for h in head[2:]) + "  errors")
    for label, (_, runs) in results.paths.items():
        for run in runs:
            figures = (run.ms(0.5, 0), run.ms(0.99, 0), run.ms(0.5, 1), run.ms(0.99, 1))
            print(
                f"{label:<18} {run.concurrency:>8} {run.rate:>8.1f}"
                + "".join(f" {f:>8.1f}" for f in figures)
                + f"  {errors_note(run)}"
            )
    print_ratios(results)
    print_checks(results, fakes)


def print_ratios(results: Results) -> None:
    widget = results.paths["widget (inline)"][1]
    print(f"\n{'vs widget':<18} {'sessions':>8} {'turns/s':>8} {'e2e p99':>8} {'ack p99':>8}")
    for label, (_, runs) in results.paths.items():
        if label.startswith("widget"):
            continue
        for run, base in zip(runs, widget, strict=True):
            print(
                f"{label:<18} {run.concurrency:>8} {ratio(run.rate, base.rate):>8} "
                f"{ratio(run.ms(0.99, 1), base.ms(0.99, 1)):>8} "
                f"{ratio(run.ms(0.99, 0), base.ms(0.99, 0)):>8}"
            )


def print_checks(results: Results, fakes: tuple[FakeTelegramAPI, FakeTwilioAPI]) -> None:
    telegram, twilio = fakes
    bad_callbacks = sum(1 for c in twilio.callbacks if c.status != 200)
    for label, sent in (("telegram", len(telegram.sent)), ("whatsapp", len(twilio.sent))):
        warm, runs = results.paths[f"{label} webhook"]
        turns = len(warm.samples) + sum(len(r.samples) for r in runs)
        print(f"{label}: the fake API recorded {sent} replies for {turns} completed turns")
    print(f"{len(twilio.callbacks)} Twilio status callbacks sent to the server, "
          f"{bad_callbacks} not answered 200")  # fmt: skip
    report = results.report
    print(f"server rows: messages {report.get('messages')}, inbox {report.get('inbox')}, "
          f"outbox {report.get('outbox')}")  # fmt: skip


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = bench_arguments(__doc__.splitlines()[0], warmup=2.0)
    parser.add_argument("--outbox-poll", type=float, default=None,
                        help="override OutboxWorker.poll_interval_s in the server (default: "
                             "the app's own)")  # fmt: skip
    parser.add_argument("--broadcast", type=int, default=0,
                        help="the broadcast mode: this many scheduled sends pending")  # fmt: skip
    parser.add_argument("--learners", type=int, default=10, help="broadcast mode: chatting")
    parser.add_argument("--profile", default="", help="broadcast mode: cProfile stats file of "
                        "the server with the backlog")  # fmt: skip
    parser.add_argument("--telegram-rate", type=float, default=30.0,
                        help="broadcast mode: Telegram's msg/s per bot")  # fmt: skip
    return parser.parse_args(argv)


if __name__ == "__main__":
    run_client(main(parse_args()))
