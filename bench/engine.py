"""Engine cost per turn: widget messages over real HTTP -> engine -> persisted reply, vs ceilings.

Run: python bench/engine.py [--database sqlite | postgres://postgres@127.0.0.1:5432/postgres]
                            [--seconds 5] [--warmup 3] [--levels 1,16,64] [--chunks 1000]
                            [--embedder hashing|minilm] [--rate 50] [--open-seconds 5]
                            [--program-seconds 3] [--profile N] [--json]

Three servers, one after another, each in its own process (bench/servers.py), the load
generator in this one: (a) a bare aiohttp JSON echo handler, (b) a handler doing 2 Tortoise
inserts on a fresh database of the same kind, and the engine: the real Parley app, `POST
/widget/bench/messages` -> engine (offline grounded responder, hybrid retrieval over a knowledge
base of --chunks chunks) -> replies stored -> JSON answer.

Per server and closed-loop level (N sessions, each sending its next message as soon as the
previous one is answered): req/s, p50/p99 and **CPU ms per answered request** (the server
process's user+system CPU over the level, from /proc, divided by the requests it answered:
stable on a shared machine, unlike req/s). Then, on the engine: program steps (16 learners
answering on-complete questions, each answer completing one step and delivering the next), an
**open-loop** level (Poisson arrivals at --rate turns/s from 64 learners whose first contact was
warm-up, p50/p99 at that rate), SQL statements
per turn by kind (counted in the server, per request), server RSS after the first answer, and
the goals of issue 9. `--json` prints one JSON object last.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import pstats
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.servers import (
    SLUG,
    Failed,
    Run,
    ServerProcess,
    bench_arguments,
    bench_database,
    client_session,
    closed_loop,
    errors_note,
    next_message,
    print_load,
    run_client,
)
from bench.turns import KIND_HEADER, PROGRAM_CODE, OpenLoop, cpu_seconds, open_loop, rss_mb

GOAL_CPU_RATIO = {"sqlite": 3.0, "postgres": 6.0}
GOAL_PLAIN_STATEMENTS = 8
GOAL_PROGRAM_STATEMENTS = 14
GOAL_OPEN_P99_MS = 150.0
GOAL_RSS_MB = 400.0
OPEN_SESSIONS = 64  # learners the open loop's arrivals come from (warmed up first)


@dataclass
class Level:
    run: Run
    cpu_s: float

    @property
    def cpu_ms(self) -> float:
        return self.cpu_s * 1000 / max(len(self.run.samples), 1)


@dataclass
class Measured:
    label: str
    levels: list[Level]
    info: dict[str, Any]
    report: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def cpu_ms(self) -> float:
        """CPU ms per answered request over every measured level (warm-up excluded)."""
        cpu = sum(level.cpu_s for level in self.levels)
        return cpu * 1000 / max(sum(len(level.run.samples) for level in self.levels), 1)


Attempt = Callable[[int], Awaitable[tuple[float, ...]]]
Text = Callable[[int], str] | None


def widget_attempt(
    http: aiohttp.ClientSession,
    base_url: str,
    key: str,
    *,
    kind: str | None,
    text: Text = None,
    learners: str = "",
) -> Attempt:
    """POST /widget/bench/messages (sessions named by kind); the answer must carry a reply."""
    url = f"{base_url}/widget/{SLUG}/messages"
    headers = {"X-Parley-Key": key, "Content-Type": "application/json"}
    if kind is not None:
        headers[KIND_HEADER] = kind

    async def attempt(session: int) -> tuple[float, ...]:
        number, question = next_message()
        sent = text(session) if text is not None else question
        body = {
            "session": f"bench-{learners or kind or 'plain'}-{session:04d}",
            "id": f"m-{number}",
            "text": sent,
        }
        started = time.perf_counter()
        async with http.post(url, data=json.dumps(body).encode(), headers=headers) as response:
            raw = await response.read()
        elapsed = time.perf_counter() - started
        if response.status != 200:
            raise Failed(f"HTTP {response.status}: {raw[:200]!r}")
        if kind is not None and not json.loads(raw)["replies"][0]["text"]:
            raise Failed("empty reply")
        return (elapsed,)

    return attempt


async def measured_levels(pid: int, attempt: Attempt, args: argparse.Namespace) -> list[Level]:
    out = []
    for concurrency in args.levels:
        before = cpu_seconds(pid)
        run = await closed_loop(concurrency, args.seconds, attempt)
        out.append(Level(run, cpu_seconds(pid) - before))
    return out


async def measure(label: str, mode: str, args: argparse.Namespace, *server_args: str) -> Measured:
    server = ServerProcess(mode, *server_args)
    async with server as info, client_session(max(args.levels) + 64) as http:
        base_url = f"http://127.0.0.1:{info['port']}"
        key, pid = info.get("key", ""), info["pid"]
        plain = widget_attempt(http, base_url, key, kind="plain" if mode == "parley" else None)
        extra: dict[str, Any] = {}
        if mode == "parley":
            await plain(0)
            extra["rss_mb_after_first_answer"] = round(rss_mb(pid), 1)
        await closed_loop(max(args.levels), args.warmup, plain)
        if mode == "parley":  # every session's first contact (account, user...) is warm-up
            extra["statements_after_warmup"] = await statements(http, base_url)
        levels = await measured_levels(pid, plain, args)
        if mode == "parley":
            extra |= await engine_extras(http, base_url, key, pid, args)
    measured = Measured(label, levels, info, server.report, extra)
    return measured


async def engine_extras(
    http: aiohttp.ClientSession, base_url: str, key: str, pid: int, args: argparse.Namespace
) -> dict[str, Any]:
    """Program steps (closed loop), the open-loop level, and statements by turn kind."""
    sessions = 16
    join = widget_attempt(
        http, base_url, key, kind="join", text=lambda s: f"join {PROGRAM_CODE}", learners="learner"
    )
    await asyncio.gather(*(join(s) for s in range(sessions)))  # joins are filed as program turns
    before = await statements(http, base_url)
    step = widget_attempt(
        http, base_url, key, kind="step", text=lambda s: f"My answer {s}", learners="learner"
    )
    cpu = cpu_seconds(pid)
    steps = await closed_loop(sessions, args.program_seconds, step)
    steps_cpu = cpu_seconds(pid) - cpu
    plain = widget_attempt(http, base_url, key, kind="open")
    # returning learners, as in the closed loop: each session's first contact is warm-up
    await asyncio.gather(*(plain(s) for s in range(OPEN_SESSIONS)))
    cpu = cpu_seconds(pid)
    loop = await open_loop(args.rate, args.open_seconds, plain, sessions=OPEN_SESSIONS)
    loop.cpu_s = cpu_seconds(pid) - cpu
    after = await statements(http, base_url)
    return {"steps": steps, "steps_cpu_s": steps_cpu, "open": loop, "statements": after,
            "statements_before_steps": before}  # fmt: skip


async def statements(http: aiohttp.ClientSession, base_url: str) -> dict[str, Any]:
    async with http.get(f"{base_url}/bench/statements") as response:
        data: dict[str, Any] = await response.json()
        return data


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
        figures = print_results(args, echo, inserts, engine)
        if args.profile:
            print(f"\nengine server profile (cProfile, top {args.profile} by own time):")
            stats = pstats.Stats(str(Path(tmp) / "engine.prof"), stream=sys.stdout)
            stats.sort_stats("tottime").print_stats(args.profile)
    print_load("end")
    if args.json:
        print(json.dumps(figures))


def dialect(spec: str) -> str:
    return "sqlite" if spec == "sqlite" else "postgres"


def since(now: dict[str, Any], before: dict[str, Any]) -> dict[str, Any]:
    """Statements and requests counted between two snapshots, by kind."""
    return {
        kind: {k: v - before.get(kind, {}).get(k, 0) for k, v in entry.items()}
        for kind, entry in now.items()
    }


def per_turn(data: dict[str, Any], kind: str, *, inbox: bool = False) -> float:
    """Statements per request of `kind`: the turn's own, or (`inbox`) with the durable inbox's
    (storing the message before the turn, marking it done after)."""
    entry = data.get(kind, {})
    counted = entry.get("statements", 0) - (0 if inbox else entry.get("inbox", 0))
    return counted / max(entry.get("requests", 0), 1)


def print_results(
    args: argparse.Namespace, echo: Measured, inserts: Measured, engine: Measured
) -> dict[str, Any]:
    info, extra = engine.info, engine.extra
    database = dialect(args.database)
    print(
        f"\ndatabase: {database}; knowledge: {info['chunks']} chunks "
        f"({info['embedder']} embedder, ingested in {info['ingest_s']} s); "
        f"{args.seconds:g} s per level after {args.warmup:g} s warm-up at {max(args.levels)}"
    )
    print(f"{'path':<24} {'sessions':>8} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'CPU ms/req':>10}  errors")  # fmt: skip
    for measured in (echo, inserts, engine):
        for level in measured.levels:
            run = level.run
            print(
                f"{measured.label:<24} {run.concurrency:>8} {run.rate:>8.0f} "
                f"{run.ms(0.5):>8.1f} {run.ms(0.99):>8.1f} {level.cpu_ms:>10.2f}  "
                f"{errors_note(run)}"
            )
    steps: Run = extra["steps"]
    steps_cpu_ms = extra["steps_cpu_s"] * 1000 / max(len(steps.samples), 1)
    print(
        f"{'engine: program steps':<24} {steps.concurrency:>8} {steps.rate:>8.0f} "
        f"{steps.ms(0.5):>8.1f} {steps.ms(0.99):>8.1f} {steps_cpu_ms:>10.2f}  {errors_note(steps)}"
    )
    loop: OpenLoop = extra["open"]
    loop_cpu_ms = loop.cpu_s * 1000 / max(len(loop.latencies), 1)
    print(
        f"open loop: Poisson arrivals at {loop.rate:g} turns/s for {loop.seconds:g} s "
        f"from {OPEN_SESSIONS} returning learners: "
        f"{len(loop.latencies)} answered, p50 {loop.ms(0.5):.1f} ms, p99 {loop.ms(0.99):.1f} ms, "
        f"CPU {loop_cpu_ms:.2f} ms/turn, errors {loop.errors} {loop.first_error[:120]}"
    )
    counted = extra["statements"]
    plain_counted = since(counted, extra["statements_after_warmup"])
    plain_statements = per_turn(plain_counted, "plain")
    step_statements = per_turn(counted, "step")
    print(
        "SQL statements per turn, after warm-up (the turn's own; with the durable inbox's in "
        f"brackets): plain question {plain_statements:.1f} "
        f"({per_turn(plain_counted, 'plain', inbox=True):.1f}), program step "
        f"{step_statements:.1f} ({per_turn(counted, 'step', inbox=True):.1f}), join "
        f"{per_turn(extra['statements_before_steps'], 'join', inbox=True):.1f} (first contact)"
    )
    print_persisted(engine, inserts)
    cpu_ratio = engine.cpu_ms / inserts.cpu_ms if inserts.cpu_ms else float("nan")
    figures = {
        "database": database,
        "embedder": args.embedder,
        "engine_cpu_ms_per_turn": round(engine.cpu_ms, 3),
        "inserts_cpu_ms_per_request": round(inserts.cpu_ms, 3),
        "echo_cpu_ms_per_request": round(echo.cpu_ms, 3),
        "engine_over_inserts_cpu": round(cpu_ratio, 2),
        "program_step_cpu_ms_per_turn": round(steps_cpu_ms, 3),
        "statements_per_turn_plain": round(plain_statements, 2),
        "statements_per_turn_program": round(step_statements, 2),
        "statements_per_request_plain": round(per_turn(plain_counted, "plain", inbox=True), 2),
        "statements_per_request_program": round(per_turn(counted, "step", inbox=True), 2),
        "open_loop_rate": loop.rate,
        "open_loop_p50_ms": round(loop.ms(0.5), 1),
        "open_loop_p99_ms": round(loop.ms(0.99), 1),
        "open_loop_errors": loop.errors,
        "engine_req_per_s": round(engine.levels[-1].run.rate, 1),
        "engine_p50_ms": round(engine.levels[-1].run.ms(0.5), 1),
        "engine_p99_ms": round(engine.levels[-1].run.ms(0.99), 1),
        "rss_mb_after_first_answer": extra["rss_mb_after_first_answer"],
    }
    print_goals(figures)
    return figures


def answered(measured: Measured) -> int:
    return sum(len(level.run.samples) for level in measured.levels)


def print_persisted(engine: Measured, inserts: Measured) -> None:
    messages = engine.report.get("messages", {})
    print(
        f"persisted: {messages.get('in', 0)} inbound / {messages.get('out', 0)} outbound "
        f"message rows; outbox {engine.report.get('outbox')}; inbox {engine.report.get('inbox')}"
    )


def print_goals(figures: dict[str, Any]) -> None:
    limit = GOAL_CPU_RATIO[figures["database"]]
    goals = [
        (f"engine CPU per plain turn <= {limit:g}x the 2-insert handler's",
         figures["engine_over_inserts_cpu"] <= limit, f"{figures['engine_over_inserts_cpu']}x"),
        (f"<= {GOAL_PLAIN_STATEMENTS} statements per plain turn",
         figures["statements_per_turn_plain"] <= GOAL_PLAIN_STATEMENTS,
         figures["statements_per_turn_plain"]),
        (f"<= {GOAL_PROGRAM_STATEMENTS} statements per program step",
         figures["statements_per_turn_program"] <= GOAL_PROGRAM_STATEMENTS,
         figures["statements_per_turn_program"]),
        (f"open loop at {figures['open_loop_rate']:g}/s: p99 < {GOAL_OPEN_P99_MS:g} ms",
         figures["open_loop_p99_ms"] < GOAL_OPEN_P99_MS, f"{figures['open_loop_p99_ms']} ms"),
    ]  # fmt: skip
    if figures["embedder"] == "minilm":
        rss = figures["rss_mb_after_first_answer"]
        goals.append((f"server RSS after the first answer <= {GOAL_RSS_MB:g} MB",
                      rss <= GOAL_RSS_MB, f"{rss} MB"))  # fmt: skip
    print("\ngoals:")
    for text, met, got in goals:
        print(f"  {text}: got {got}: {'MET' if met else 'NOT MET'}")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = bench_arguments(__doc__.splitlines()[0], warmup=3.0)
    parser.add_argument("--embedder", choices=("hashing", "minilm"), default="hashing")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="profile the engine server and print its top N functions "
                             "(cProfile slows it: do not compare those figures)")  # fmt: skip
    parser.add_argument("--rate", type=float, default=50.0, help="open-loop turns per second")
    parser.add_argument("--open-seconds", type=float, default=5.0)
    parser.add_argument("--program-seconds", type=float, default=3.0)
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
    return parser.parse_args(argv)


if __name__ == "__main__":
    run_client(main(parse_args()))
