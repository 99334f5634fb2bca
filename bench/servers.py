"""Bench plumbing shared by bench/engine.py and bench/channels.py: servers, databases, load.

Server side (`python -m bench.servers MODE ...`, started by `ServerProcess`), one process per
server so the load generator never shares the server's event loop or its core:
  echo     a bare aiohttp JSON echo handler (ceiling a)
  inserts  a handler doing 2 Tortoise inserts, InboxMessage + UserInteraction (ceiling b)
  parley   the real app, `create_app(settings, services=Services.build(...))`: widget routes,
           engine with the offline responder, a knowledge base of N chunks, the outbox worker
           (`OutboxWorker.run` via run_background) and, given fake vendor URLs, a Telegram and a
           WhatsApp channel.
Each binds 127.0.0.1:0, prints one `BENCH {...}` JSON line when ready, and stops (printing a
`BENCH {"done": ...}` line with row counts) when its stdin closes, so it dies with the bench,
or after --max-seconds at the latest.

Client side: `bench_database()` (fresh SQLite file or throwaway PostgreSQL database),
`ServerProcess`, `closed_loop()` (N sessions, each sending its next message once the previous
one completed), `Run` and the printing helpers.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import itertools
import json
import logging
import os
import socket
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import aiohttp
import asyncpg
from aiohttp import web

from bench.turns import count_by_kind, seed_program

ROOT = Path(__file__).resolve().parents[1]
MARK = "BENCH "
READY_TIMEOUT_S = 900.0  # seeding 1000 chunks with MiniLM: ~80 s quiet, ~400 s on a busy machine
STOP_TIMEOUT_S = 60.0
REQUEST_TIMEOUT_S = 30.0
SLUG = "bench"
PG_SCHEMES = {"postgres", "postgresql", "asyncpg"}
TOPICS = (
    "warm-up", "stretching", "sleep", "hydration", "breathing", "journaling", "posture",
    "focus", "recovery", "nutrition", "pacing", "motivation", "habits", "meditation",
    "strength", "balance", "mobility", "endurance", "rest days", "goal setting",
)  # fmt: skip
WORDS = (
    "always", "before", "after", "minutes", "gently", "slowly", "every", "morning", "evening",
    "session", "coach", "program", "notice", "repeat", "daily", "weekly", "progress", "calm",
    "steady", "light", "deep", "simple", "short", "long", "careful", "practice", "routine",
)  # fmt: skip
Server = Callable[[argparse.Namespace, int, Path], Awaitable["Built"]]


# --- server side -------------------------------------------------------------------------------


@dataclass
class Built:
    """A server ready to bind: its app, what the client needs to know, its end-of-run report."""

    app: web.Application
    info: dict[str, Any]
    report: Callable[[], Awaitable[dict[str, Any]]]


def emit(data: dict[str, Any]) -> None:
    print(MARK + json.dumps(data), flush=True)


async def open_db(url: str) -> None:
    from tortoise import Tortoise

    from models.db import init_db

    await init_db(url, secret_keys=["bench-secret-key-not-for-production"])
    await Tortoise.generate_schemas()


class StatementCounter(logging.Handler):
    """Counts SQL statements: Tortoise logs each one at DEBUG on `tortoise.db_client`. Counting
    a record costs microseconds, against milliseconds per statement, so both DB servers run it."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def count_statements() -> StatementCounter:
    counter = StatementCounter()
    log = logging.getLogger("tortoise.db_client")
    log.setLevel(logging.DEBUG)
    log.propagate = False  # or every statement would reach the root handler on stderr
    log.addHandler(counter)
    return counter


async def echo_server(args: argparse.Namespace, port: int, tmp: Path) -> Built:
    async def echo(request: web.Request) -> web.Response:
        return web.json_response(await request.json())

    app = web.Application()
    app.router.add_post("/widget/{bot}/messages", echo)
    return Built(app, {}, _no_report)


async def _no_report() -> dict[str, Any]:
    return {}


async def inserts_server(args: argparse.Namespace, port: int, tmp: Path) -> Built:
    from models import EndUser, InboxMessage, UserInteraction

    await open_db(args.db)
    owner, bot = await seed_bot()
    user = await EndUser.create(creator_id=owner.id, bot=bot, external_id="u1", channel="web")

    async def two_inserts(request: web.Request) -> web.Response:
        body = await request.json()
        key = f"{body['session']}:{body['id']}"
        await InboxMessage.create(
            bot_id=bot.id, channel="web", external_message_id=key, payload=body,
            received_at=datetime.now(UTC),
        )  # fmt: skip
        await UserInteraction.create(
            user_id=user.id, bot_id=bot.id, interaction_type="bench", channel="web",
            interaction_data={"id": key},
        )  # fmt: skip
        return web.json_response({"ok": True})

    statements = count_statements()

    async def report() -> dict[str, Any]:
        return {"statements": statements.count, "inbox_rows": await InboxMessage.all().count()}

    app = web.Application()
    app.router.add_post("/widget/{bot}/messages", two_inserts)
    return Built(app, {}, report)


async def seed_bot() -> tuple[Any, Any]:
    from bot import accounts
    from models import BotStatus

    owner = await accounts.create_creator("bench@example.com", "bench-password")
    bot = await accounts.create_bot(owner, SLUG, "Bench Coach", status=BotStatus.PUBLISHED)
    return owner, bot


def knowledge_text(doc: int, sections: int) -> str:
    """A deterministic markdown guide: every section fits one chunk (a heading, 8 sentences of
    ~11 words), so a grounded reply (<= 3 sentences) fits one Telegram or WhatsApp message."""
    lines = [f"# Coaching guide {doc}"]
    for n in range(sections):
        topic = TOPICS[(doc * sections + n) % len(TOPICS)]
        sentences = []
        for k in range(8):
            words = [WORDS[(doc * 7 + n * 3 + k * 5 + i * i) % len(WORDS)] for i in range(10)]
            sentences.append(f"For {topic} {' '.join(words)}.")
        lines += ["", f"## {topic.title()} note {doc}-{n}", "", " ".join(sentences)]
    return "\n".join(lines)


async def seed_knowledge(knowledge: Any, owner_id: uuid.UUID, tmp: Path, chunks: int) -> int:
    """Index `chunks` sections across 10 documents; returns how many chunks were stored."""
    per_doc = max(1, chunks // 10)
    stored = 0
    for doc in range(-(-chunks // per_doc)):
        path = tmp / f"guide-{doc}.md"
        path.write_text(knowledge_text(doc, min(per_doc, chunks - doc * per_doc)))
        result = await knowledge.add(owner_id, SLUG, path)
        stored += result.document.chunk_count or 0
    return stored


async def parley_server(args: argparse.Namespace, port: int, tmp: Path) -> Built:
    # Deferred: importing the app (chromadb, aiogram, twilio) takes ~10 s, which the load
    # generator, importing this module for its client half, should not pay.
    from channels.app import Services, create_app

    logging.getLogger("bm25s").setLevel(logging.WARNING)  # it sets DEBUG on itself at import
    settings = parley_settings(args, port, tmp)
    await open_db(settings.db_url)
    services = Services.build(settings)
    if args.outbox_poll is not None:
        services.outbox.poll_interval_s = args.outbox_poll
    owner, bot = await seed_bot()
    started = time.perf_counter()
    chunks = await seed_knowledge(services.knowledge, owner.id, tmp, args.chunks)
    info = {"slug": SLUG, "key": bot.public_key, "chunks": chunks, "embedder": args.embedder}
    info["ingest_s"] = round(time.perf_counter() - started, 1)
    info |= await connect_channels(args, services)
    if args.broadcast:
        from bench.broadcast import seed_backlog

        await seed_backlog(SLUG, args.broadcast)
    await seed_program(bot)
    app = create_app(settings, manage_db=False, services=services, run_background=True)
    statements = count_statements()
    count_by_kind(app)  # after count_statements: it resets the logger's level

    async def report() -> dict[str, Any]:
        return {"statements": statements.count, **await parley_rows()}

    return Built(app, info, report)


def parley_settings(args: argparse.Namespace, port: int, tmp: Path) -> Any:
    from pydantic import SecretStr

    from bot.settings import (
        ChromaSettings,
        RagSettings,
        Settings,
        TelegramSettings,
        TwilioSettings,
        WidgetSettings,
    )

    # Every session and every request comes from 127.0.0.1, and replies go to fakes: the
    # per-IP/per-session widget limits and Telegram's real send rates are lifted, or the bench
    # would measure the limiters.
    # `--telegram-rate` (the broadcast mode) measures exactly those rates: Telegram's apply.
    unlimited = 10**9
    limited = args.telegram_rate > 0
    per_bot, per_chat = (args.telegram_rate, 1.0) if limited else (unlimited, unlimited)
    return Settings(
        database_url=args.db,
        data_dir=tmp,
        secret_key=SecretStr("bench-secret-key-not-for-production"),
        public_url=f"http://127.0.0.1:{port}",
        log_level="WARNING",
        rag=RagSettings(embedder=args.embedder),
        chroma=ChromaSettings(path=tmp / "chroma"),
        widget=WidgetSettings(session_per_minute=unlimited, ip_per_minute=unlimited),
        telegram=TelegramSettings(
            api_base=args.telegram_api or "http://127.0.0.1:9",
            send_per_second=per_bot,
            send_per_chat_per_second=per_chat,
        ),
        twilio=TwilioSettings(api_base=args.twilio_api or "http://127.0.0.1:9"),
    )


async def connect_channels(args: argparse.Namespace, services: Any) -> dict[str, Any]:
    from channels.telegram.setup import add_channel as add_telegram
    from channels.whatsapp.setup import add_channel as add_whatsapp
    from tests.channels.harness import ACCOUNT_SID, AUTH_TOKEN, SENDER, TOKEN

    info: dict[str, Any] = {}
    if args.telegram_api:
        channel = await add_telegram(SLUG, TOKEN, services.telegram_clients)
        info["telegram_secret"] = channel.webhook_secret
    if args.twilio_api:
        await add_whatsapp(SLUG, account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN, sender=SENDER)
    return info


async def parley_rows() -> dict[str, Any]:
    from models import InboxMessage, Message, OutboxMessage

    async def by(model: Any, column: str) -> dict[str, int]:
        values = await model.all().values_list(column, flat=True)
        return {str(k): len(list(g)) for k, g in itertools.groupby(sorted(map(str, values)))}

    return {
        "messages": await by(Message, "direction"),
        "outbox": await by(OutboxMessage, "status"),
        "inbox": await by(InboxMessage, "status"),
    }


SERVERS: dict[str, Server] = {
    "echo": echo_server,
    "inserts": inserts_server,
    "parley": parley_server,
}


async def stdin_closed(limit_s: float) -> None:
    reader = asyncio.StreamReader()
    loop = asyncio.get_running_loop()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(reader.read(), limit_s)


async def serve(args: argparse.Namespace) -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    with tempfile.TemporaryDirectory(prefix="parley-bench-") as tmp:
        built = await SERVERS[args.mode](args, port, Path(tmp))
        runner = web.AppRunner(built.app, access_log=None)
        await runner.setup()
        await web.SockSite(runner, sock).start()
        emit({"port": port, "pid": os.getpid(), **built.info})
        profiler = cProfile.Profile() if args.profile else None
        if profiler is not None:
            profiler.enable()
        await stdin_closed(args.max_seconds)
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(args.profile)
        await runner.cleanup()  # stops the outbox worker and the app's turns first
        emit({"done": await built.report()})
        if args.mode != "echo":
            from models.db import close_db

            await close_db()


def server_main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="A server under bench (run by ServerProcess).")
    parser.add_argument("mode", choices=sorted(SERVERS))
    parser.add_argument("--db", default="")
    parser.add_argument("--chunks", type=int, default=1000)
    parser.add_argument("--embedder", choices=("hashing", "minilm"), default="hashing")
    parser.add_argument("--telegram-api", default="")
    parser.add_argument("--twilio-api", default="")
    parser.add_argument("--outbox-poll", type=float, default=None)
    parser.add_argument("--broadcast", type=int, default=0, help="pending scheduled sends")
    parser.add_argument("--telegram-rate", type=float, default=0.0, help="0: no limits")
    parser.add_argument("--max-seconds", type=float, default=600.0)
    parser.add_argument("--profile", default="", help="write cProfile stats of the run here")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="server %(levelname)s %(name)s: %(message)s")
    asyncio.run(serve(args))


# --- client side: databases and server processes ------------------------------------------------


@contextlib.asynccontextmanager
async def bench_database(spec: str, tmp: Path) -> AsyncIterator[str]:
    """'sqlite': a fresh file under tmp; a postgres:// URL: a throwaway database on that server
    (the URL's database is only used to connect and run CREATE/DROP DATABASE)."""
    if spec == "sqlite":
        yield f"sqlite://{tmp / f'bench-{uuid.uuid4().hex[:8]}.sqlite3'}"
        return
    parts = urlsplit(spec)
    if parts.scheme not in PG_SCHEMES:
        raise SystemExit(f"--database: expected 'sqlite' or a postgres:// URL, got {spec!r}")
    admin_url = urlunsplit(parts._replace(scheme="postgres"))
    name = f"parley_bench_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(admin_url, timeout=10)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield urlunsplit(parts._replace(scheme="postgres", path=f"/{name}"))
        finally:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


class ServerProcess:
    """`async with ServerProcess("parley", "--db", url) as info:` a server in its own process."""

    def __init__(self, mode: str, *args: str, ready_timeout_s: float = READY_TIMEOUT_S) -> None:
        self.argv = [sys.executable, "-m", "bench.servers", mode, *args]
        self.mode = mode
        self.ready_timeout_s = ready_timeout_s
        self.report: dict[str, Any] = {}
        self._proc: asyncio.subprocess.Process | None = None

    async def __aenter__(self) -> dict[str, Any]:
        self._proc = await asyncio.create_subprocess_exec(
            *self.argv, cwd=ROOT, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE
        )
        try:
            return await asyncio.wait_for(self._message(), self.ready_timeout_s)
        except BaseException:
            await self._kill()
            raise

    async def __aexit__(self, *exc: object) -> None:
        proc = self._proc
        assert proc is not None and proc.stdin is not None
        proc.stdin.close()
        try:
            self.report = (await asyncio.wait_for(self._message(), STOP_TIMEOUT_S))["done"]
            await asyncio.wait_for(proc.wait(), STOP_TIMEOUT_S)
        except (TimeoutError, RuntimeError):
            await self._kill()

    async def _message(self) -> dict[str, Any]:
        assert self._proc is not None and self._proc.stdout is not None
        while line := (await self._proc.stdout.readline()).decode():
            if line.startswith(MARK):
                message: dict[str, Any] = json.loads(line[len(MARK) :])
                return message
        raise RuntimeError(f"the {self.mode} server exited early (its stderr is above)")

    async def _kill(self) -> None:
        if self._proc is not None and self._proc.returncode is None:
            self._proc.kill()
            await self._proc.wait()


# --- client side: load ---------------------------------------------------------------------------


class Failed(Exception):
    """One request did not do what it should (bad status, no reply, timeout)."""


Attempt = Callable[[int], Awaitable[tuple[float, ...]]]  # session index -> latencies in seconds


@dataclass
class Run:
    """One level of closed-loop load: latency samples (one tuple per completed request)."""

    concurrency: int
    seconds: float = 0.0
    samples: list[tuple[float, ...]] = field(default_factory=list)
    errors: int = 0
    first_error: str = ""

    @property
    def rate(self) -> float:
        return len(self.samples) / self.seconds if self.seconds else 0.0

    def ms(self, quantile: float, column: int = 0) -> float:
        values = sorted(s[column] for s in self.samples)
        if len(values) < 2:
            return values[0] * 1000 if values else float("nan")
        return (
            statistics.quantiles(values, n=100, method="inclusive")[round(quantile * 100) - 1]
            * 1000
        )


async def closed_loop(concurrency: int, seconds: float, attempt: Attempt) -> Run:
    """`concurrency` sessions, each starting its next request when its last one finished."""
    run = Run(concurrency)
    deadline = time.perf_counter() + seconds

    async def session(index: int) -> None:
        while time.perf_counter() < deadline:
            try:
                run.samples.append(await attempt(index))
            except (Failed, aiohttp.ClientError, TimeoutError) as exc:
                run.errors += 1
                run.first_error = run.first_error or f"{type(exc).__name__}: {exc}"

    started = time.perf_counter()
    await asyncio.gather(*(session(i) for i in range(concurrency)))
    run.seconds = time.perf_counter() - started
    return run


async def levels(
    attempt: Attempt, concurrencies: Sequence[int], *, seconds: float, warmup: float
) -> tuple[Run, list[Run]]:
    """Warm up at the highest concurrency (every session's first message), then each level."""
    warm = await closed_loop(max(concurrencies), warmup, attempt)
    return warm, [await closed_loop(c, seconds, attempt) for c in concurrencies]


def client_session(concurrency: int) -> aiohttp.ClientSession:
    connector = aiohttp.TCPConnector(limit=concurrency + 8)
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)
    return aiohttp.ClientSession(connector=connector, timeout=timeout)


_message_ids = itertools.count(1)


def next_message() -> tuple[int, str]:
    """A fresh message number (ids are never reused, so nothing is a redelivery) and a question."""
    number = next(_message_ids)
    return number, f"What should I do for {TOPICS[number % len(TOPICS)]} before a session?"


def widget_body(session: int) -> bytes:
    number, text = next_message()
    body = {"session": f"bench-session-{session:04d}", "id": f"m-{number}", "text": text}
    return json.dumps(body).encode()


def widget_attempt(
    http: aiohttp.ClientSession, base_url: str, key: str, *, expect_reply: bool
) -> Attempt:
    """POST /widget/bench/messages; with `expect_reply`, the answer must carry a reply text."""
    url = f"{base_url}/widget/{SLUG}/messages"
    headers = {"X-Parley-Key": key, "Content-Type": "application/json"}

    async def attempt(session: int) -> tuple[float, ...]:
        started = time.perf_counter()
        async with http.post(url, data=widget_body(session), headers=headers) as response:
            body = await response.read()
        elapsed = time.perf_counter() - started
        if response.status != 200:
            raise Failed(f"HTTP {response.status}: {body[:200]!r}")
        if expect_reply and not json.loads(body)["replies"][0]["text"]:
            raise Failed("empty reply")
        return (elapsed,)

    return attempt


def levels_list(text: str) -> list[int]:
    return [int(part) for part in text.split(",")]


def bench_arguments(description: str, *, warmup: float) -> argparse.ArgumentParser:
    """The options engine.py and channels.py share."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--database", default="sqlite", help="sqlite, or a postgres:// URL")
    parser.add_argument("--seconds", type=float, default=5.0, help="per level")
    parser.add_argument("--warmup", type=float, default=warmup)
    parser.add_argument("--levels", type=levels_list, default=[1, 16, 64], help="sessions: 1,16,64")
    parser.add_argument("--chunks", type=int, default=1000, help="knowledge base size")
    return parser


# --- client side: printing -----------------------------------------------------------------------


def run_client(main: Coroutine[Any, Any, None]) -> None:
    """Run the load generator on uvloop when it is installed (a faster client measures higher
    ceilings; the servers keep asyncio's default loop, as `parley serve` does)."""
    try:
        import uvloop
    except ImportError:
        print("client event loop: asyncio")
        asyncio.run(main)
        return
    print("client event loop: uvloop")
    uvloop.run(main)


def print_load(when: str) -> None:
    one, five, fifteen = os.getloadavg()
    print(f"load average at {when}: {one:.2f} {five:.2f} {fifteen:.2f} ({os.cpu_count()} cores)")


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "n/a"


def errors_note(run: Run) -> str:
    return f"{run.errors} ({run.first_error[:120]})" if run.errors else "0"


if __name__ == "__main__":
    server_main()
