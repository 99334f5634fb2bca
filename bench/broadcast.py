"""`bench/channels.py --broadcast N`: learners' replies while N scheduled sends drain.

The server (bench/servers.py `parley --broadcast N`) starts with N pending scheduled-lane
outbox rows (one nudge to each of N Telegram learners, written by `bot.delivery.write_outbound`
as the sweep writes them) and Telegram's real limits (`--telegram-rate`, default 30 msg/s per
bot, 1 msg/s per chat). The fake Bot API in this process enforces the same limits: a send over
either is refused with 429 and counted as a violation. Meanwhile `--learners` (default 10)
Telegram learners chat: each sends a question (signed webhook), waits for the reply at the fake
API, thinks 1-3 s (a person reading and typing), and asks again. Printed: the replies' end to
end p50/p99 (webhook sent -> reply recorded), the scheduled sends drained in the same window
and their rate, the most sends the fake saw in any one second, the rate violations, and a JSON
line. Goal: reply p99 < 1 s with no violation. As a baseline measured in the same run, the
same learners first chat with a server that has no backlog (same limits, same database kind),
and the ratios backlog/baseline are printed: on a shared machine the ratio is the figure to trust.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.servers import (
    Attempt,
    Failed,
    ServerProcess,
    bench_database,
    client_session,
    print_load,
)

BROADCAST_USER0 = 7_000_000
SEED_BATCH = 5000
GOAL_P99_MS = 1000.0
THINK_S = (1.0, 3.0)


# --- server side: the backlog --------------------------------------------------------------------


async def seed_backlog(slug: str, count: int) -> None:
    """`count` Telegram learners, each with one pending nudge in the scheduled lane."""
    from models import Bot

    bot = await Bot.get(slug=slug)
    now = datetime.now(UTC)
    for start in range(0, count, SEED_BATCH):
        await seed_batch(bot, range(start, min(count, start + SEED_BATCH)), now)


async def seed_batch(bot: Any, numbers: range, now: datetime) -> None:
    from tortoise.transactions import in_transaction

    from bot.delivery import OutboundMeta, OutboundRecord, write_outbound
    from bot.messages import OutboundMessage
    from models import ChannelAccount, ChannelType, Conversation, EndUser, Lane

    chats = [str(BROADCAST_USER0 + n) for n in numbers]
    users = [
        EndUser(creator_id=bot.creator_id, bot_id=bot.id, external_id=c, channel="telegram")
        for c in chats
    ]
    accounts = [
        ChannelAccount(
            bot_id=bot.id, end_user_id=u.id, channel=ChannelType.TELEGRAM, external_id=u.external_id
        )
        for u in users
    ]
    conversations = [Conversation(user_id=u.id, channel="telegram") for u in users]
    nudge = OutboundMessage(text="Your daily check-in is waiting.", kind="nudge")
    async with in_transaction():
        await EndUser.bulk_create(users)
        await ChannelAccount.bulk_create(accounts)
        await Conversation.bulk_create(conversations)
        records = [
            OutboundRecord(
                bot_id=bot.id,
                user_id=u.id,
                conversation_id=c.id,
                channel_account_id=a.id,
                channel="telegram",
                meta=OutboundMeta(outbound=nudge),
                idempotency_key=f"broadcast:{a.external_id}",
                lane=Lane.SCHEDULED,
                event_kind="nudge_sent",
            )
            for u, a, c in zip(users, accounts, conversations, strict=True)
        ]
        await write_outbound(records, now=now)


# --- client side: learners chatting --------------------------------------------------------------


@dataclass
class Chat:
    """Replies measured while the broadcast drains."""

    samples: list[float] = field(default_factory=list)
    errors: int = 0
    first_error: str = ""
    started: float = 0.0
    ended: float = 0.0


async def chat(attempt: Attempt, learners: int, seconds: float, seed: int = 7) -> Chat:
    """Each learner: ask, wait for the reply, think 1-3 s, ask again, until the time is up."""
    rng = random.Random(seed)
    result = Chat(started=time.monotonic())
    deadline = result.started + seconds

    async def learner(index: int) -> None:
        await asyncio.sleep(rng.uniform(0, THINK_S[1]))  # they do not all start at once
        while time.monotonic() < deadline:
            try:
                result.samples.append((await attempt(index))[1])
            except (Failed, TimeoutError, OSError) as exc:
                result.errors += 1
                result.first_error = result.first_error or f"{type(exc).__name__}: {exc}"
            await asyncio.sleep(rng.uniform(*THINK_S))

    await asyncio.gather(*(learner(i) for i in range(learners)))
    result.ended = time.monotonic()
    return result


def quantile_ms(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000


def most_in_one_second(times: Sequence[float]) -> int:
    ordered, most, left = sorted(times), 0, 0
    for right, at in enumerate(ordered):
        while at - ordered[left] >= 1.0:
            left += 1
        most = max(most, right - left + 1)
    return most


async def run(
    args: argparse.Namespace, telegram: Any, replies: Any, backlog: int
) -> dict[str, Any]:
    """A fresh database of the kind asked for, a server on it, the learners chatting."""
    with tempfile.TemporaryDirectory(prefix="parley-bench-") as tmp:
        async with bench_database(args.database, Path(tmp)) as url:
            return await run_on(args, telegram, replies, url, backlog)


async def run_on(
    args: argparse.Namespace, telegram: Any, replies: Any, url: str, backlog: int
) -> dict[str, Any]:
    """One server with `backlog` pending scheduled sends; the learners chat with it."""
    from bench.channels import telegram_attempt
    from tests.fakes.telegram_api import RateCap

    telegram.rate_cap = RateCap(per_bot=args.telegram_rate, chat_interval_s=1.0)
    telegram.sent.clear()
    server_args = ["--db", url, "--chunks", str(args.chunks), "--telegram-api", telegram.base_url]
    server_args += ["--broadcast", str(backlog), "--telegram-rate", str(args.telegram_rate)]
    if args.profile and backlog:
        server_args += ["--profile", args.profile]
    started = time.monotonic()
    server = ServerProcess("parley", *server_args, ready_timeout_s=240 + backlog / 200)
    async with server as info, client_session(args.learners) as http:
        print(f"server ready in {time.monotonic() - started:.0f} s (backlog seeded)")
        base = f"http://127.0.0.1:{info['port']}"
        attempt = telegram_attempt(http, base, info["telegram_secret"], replies)
        await chat(attempt, args.learners, args.warmup)  # first contact creates each learner
        measured = await chat(attempt, args.learners, args.seconds)
    return summary(args, telegram, measured, backlog)


def summary(
    args: argparse.Namespace, telegram: Any, measured: Chat, backlog: int
) -> dict[str, Any]:
    window = [m for m in telegram.sent if measured.started <= m.at <= measured.ended]
    scheduled = [m for m in window if int(m.chat_id) >= BROADCAST_USER0]
    seconds = measured.ended - measured.started
    return {
        "mode": "broadcast",
        "database": args.database.split(":", 1)[0],
        "backlog": backlog,
        "telegram_rate": args.telegram_rate,
        "learners": args.learners,
        "seconds": round(seconds, 1),
        "replies": len(measured.samples),
        "reply_errors": measured.errors,
        "reply_p50_ms": round(quantile_ms(measured.samples, 0.5), 1),
        "reply_p99_ms": round(quantile_ms(measured.samples, 0.99), 1),
        "scheduled_sent": len(scheduled),
        "scheduled_per_s": round(len(scheduled) / seconds, 1) if seconds else 0.0,
        "max_sends_in_1s": most_in_one_second([m.at for m in telegram.sent]),
        "rate_violations": len(telegram.rate_cap.violations),
        "violations_first": telegram.rate_cap.violations[:5],
        "goal_reply_p99_ms": GOAL_P99_MS,
    }


def report(result: dict[str, Any], baseline: dict[str, Any]) -> None:
    ok = result["reply_p99_ms"] < GOAL_P99_MS and result["rate_violations"] == 0
    print(
        f"\nbaseline, no backlog: {baseline['replies']} replies, end to end"
        f" p50 {baseline['reply_p50_ms']:.0f} ms, p99 {baseline['reply_p99_ms']:.0f} ms;"
        f" rate violations {baseline['rate_violations']}"
    )
    print(
        f"\nbroadcast of {result['backlog']} nudges at {result['telegram_rate']} msg/s per bot"
        f" (1/s per chat), {result['learners']} learners chatting for {result['seconds']} s"
        f" ({result['database']})"
    )
    print(
        f"replies: {result['replies']} (errors {result['reply_errors']}), end to end"
        f" p50 {result['reply_p50_ms']:.0f} ms, p99 {result['reply_p99_ms']:.0f} ms"
    )
    print(
        f"scheduled sends drained meanwhile: {result['scheduled_sent']}"
        f" ({result['scheduled_per_s']:.1f}/s); most sends in any 1 s:"
        f" {result['max_sends_in_1s']}; rate violations at the fake: {result['rate_violations']}"
    )
    for violation in result["violations_first"]:
        print(f"  refused by the fake: {violation}")
    p50_ratio = result["reply_p50_ms"] / baseline["reply_p50_ms"]
    p99_ratio = result["reply_p99_ms"] / baseline["reply_p99_ms"]
    print(f"with the backlog / baseline: p50 x{p50_ratio:.2f}, p99 x{p99_ratio:.2f}")
    print(f"goal: reply p99 < {GOAL_P99_MS:.0f} ms, no violation: {'OK' if ok else 'MISSED'}")
    extra = {
        "baseline_reply_p50_ms": baseline["reply_p50_ms"],
        "baseline_reply_p99_ms": baseline["reply_p99_ms"],
        "reply_p99_vs_baseline": round(p99_ratio, 2),
        "ok": ok,
    }
    print(json.dumps(result | extra))


async def main(args: argparse.Namespace, telegram: Any, replies: Any) -> None:
    print_load("start")
    baseline = await run(args, telegram, replies, 0)
    print_load("after the baseline")
    report(await run(args, telegram, replies, args.broadcast), baseline)
    print_load("end")
