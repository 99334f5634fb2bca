"""Engine throughput: widget messages over real HTTP -> engine -> persisted reply, vs ceilings.

Run: python bench/engine.py [--database sqlite | postgres://postgres@127.0.0.1:5432/test]
                            [--seconds 5] [--warmup 3] [--levels 1,16,64] [--chunks 1000]
                            [--embedder hashing|minilm]

Three servers, one after another, each in its own process (bench/servers.py), the load
generator in this one: (a) a bare aiohttp JSON echo handler, (b) a handler doing 2 Tortoise
inserts on a fresh database of the same kind, and the engine: the real Parley app, `POST
/widget/bench/messages` -> engine (offline grounded responder, hybrid retrieval over a knowledge
base of --chunks chunks) -> replies stored -> JSON answer. At each level, N sessions each send
their next message (own session id, fresh message id) as soon as the previous one is answered.
Prints req/s and p50/p99 latency per level, engine/(b) and engine/(a), and the goal:
engine >= 50% of the 2-insert ceiling and p99 < 50 ms at 64 sessions.
"""

from __future__ import annotations

import argparse
import pstats
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.servers import (
    Run,
    ServerProcess,
    bench_arguments,
    bench_database,
    client_session,
    errors_note,
    levels,
    print_load,
    ratio,
    run_client,
    widget_attempt,
)

GOAL_SHARE = 0.5
GOAL_P99_MS = 50.0


@dataclass
class Measured:
    label: str
    warm: Run
    runs: list[Run]
    info: dict[str, Any]
    report: dict[str, Any]


async def measure(label: str, mode: str, args: argparse.Namespace, *server_args: str) -> Measured:
    server = ServerProcess(mode, *server_args)
    async with server as info, client_session(max(args.levels)) as http:
        base_url = f"http://127.0.0.1:{info['port']}"
        attempt = widget_attempt(http, base_url, info.get("key", ""), expect_reply=mode == "parley")
        warm, runs = await levels(attempt, args.levels, seconds=args.seconds, warmup=args.warmup)
    return Measured(label, warm, runs, info, server.report)


async def main(args: argparse.Namespace) -> None:
    print_load("start")
    with tempfile.TemporaryDirectory(prefix="parley-bench-") as tmp:
        echo = await measure("(a) aiohttp JSON echo", "echo", args)
        async with bench_database(args.database, Path(tmp)) as url:
            inserts = await measure("(b) 2 Tortoise inserts", "inserts", args, "--db", url)
        async with bench_database(args.database, Path(tmp)) as url:
            engine_args = ["--db", url, "--chunks", str(args.chunks), "--embedder", args.embedder]
            if args.profile:
                engine_args += ["--profile", str(Path(tmp) / "engine.prof")]
            engine = await measure("engine: widget HTTP", "parley", args, *engine_args)
        print_results(args, echo, inserts, engine)
        if args.profile:
            print(f"\nengine server profile (cProfile, top {args.profile} by own time):")
            stats = pstats.Stats(str(Path(tmp) / "engine.prof"), stream=sys.stdout)
            stats.sort_stats("tottime").print_stats(args.profile)
    print_load("end")


def print_results(
    args: argparse.Namespace, echo: Measured, inserts: Measured, engine: Measured
) -> None:
    info = engine.info
    print(
        f"\ndatabase: {args.database.split(':', 1)[0]}; knowledge: {info['chunks']} chunks "
        f"({info['embedder']} embedder, ingested in {info['ingest_s']} s); "
        f"{args.seconds:g} s per level after {args.warmup:g} s warm-up at {max(args.levels)}"
    )
    print(f"{'path':<24} {'sessions':>8} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}  errors")
    for measured in (echo, inserts, engine):
        for run in measured.runs:
            print(
                f"{measured.label:<24} {run.concurrency:>8} {run.rate:>8.0f} "
                f"{run.ms(0.5):>8.1f} {run.ms(0.99):>8.1f}  {errors_note(run)}"
            )
    print(f"\n{'sessions':>8} {'engine/(b)':>11} {'engine/(a)':>11} {'(b)/(a)':>8}")
    for e, b, a in zip(engine.runs, inserts.runs, echo.runs, strict=True):
        print(f"{e.concurrency:>8} {ratio(e.rate, b.rate):>11} {ratio(e.rate, a.rate):>11} "
              f"{ratio(b.rate, a.rate):>8}")  # fmt: skip
    print_persisted(engine, inserts)
    print_goal(engine.runs[-1], inserts.runs[-1])


def answered(measured: Measured) -> int:
    return len(measured.warm.samples) + sum(len(r.samples) for r in measured.runs)


def print_persisted(engine: Measured, inserts: Measured) -> None:
    messages = engine.report.get("messages", {})
    print(
        f"\npersisted: {messages.get('in', 0)} inbound / {messages.get('out', 0)} outbound "
        f"message rows for {answered(engine)} answered requests; "
        f"outbox {engine.report.get('outbox')}"
    )
    per_request = [m.report.get("statements", 0) / max(answered(m), 1) for m in (engine, inserts)]
    print(
        "SQL statements per answered request (with the outbox worker's polls): "
        f"engine {per_request[0]:.1f}, (b) {per_request[1]:.1f}"
    )


def print_goal(engine: Run, inserts: Run) -> None:
    share = engine.rate / inserts.rate if inserts.rate else 0.0
    p99 = engine.ms(0.99)
    verdict = "MET" if share >= GOAL_SHARE and p99 < GOAL_P99_MS else "NOT MET"
    print(
        f"goal at {engine.concurrency} sessions: engine >= {GOAL_SHARE:.0%} of the 2-insert "
        f"ceiling (got {share:.0%}) and p99 < {GOAL_P99_MS:g} ms (got {p99:.1f} ms): {verdict}"
    )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = bench_arguments(__doc__.splitlines()[0], warmup=3.0)
    parser.add_argument("--embedder", choices=("hashing", "minilm"), default="hashing")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="profile the engine server and print its top N functions "
                             "(cProfile slows it: do not compare those figures)")  # fmt: skip
    return parser.parse_args(argv)


if __name__ == "__main__":
    run_client(main(parse_args()))
