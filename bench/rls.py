"""What PostgreSQL row-level security costs: the creator API with `row_level_security` off and
on, against the same rows, in the same run.

Usage: python bench/rls.py [--database postgres://postgres@127.0.0.1:5432/postgres]
                           [--tenants 20] [--learners 200] [--seconds 4] [--rounds 2]
                           [--clients 8] [--pool N]

Seeds --tenants creators, each with a bot, --learners learners with one conversation and four
messages each, and a read API key, on a throwaway database. Then, alternating off/on for
--rounds rounds (to spread the machine's noise over both), a closed loop of --clients calls
a mix of API reads (list bots, get a bot, list channels, export a learner: the last one walks
end_user, channel_account, conversation and message rows, whose policies go through foreign
keys). Prints req/s and p50 per mode and the on/off ratios; the last line is JSON.
(The widget and webhooks run as the table owner: RLS costs them nothing.)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aiohttp.test_utils import TestClient, TestServer
from tortoise import Tortoise

from bench.servers import bench_database
from bot.auth import issue_api_key
from bot.rag.service import KnowledgeService
from bot.settings import ChromaSettings, RagSettings, Settings
from channels.app import Services, create_app
from models.db import close_db, init_db
from tests import factories


async def seed(tenants: int, learners: int) -> list[tuple[str, str, list[str]]]:
    """(token, bot slug, learner ids) per tenant."""
    seeded = []
    for t in range(tenants):
        creator = await factories.creator(f"bench-{t}@example.com")
        bot = await factories.bot(creator, f"bench-{t}")
        users = []
        for n in range(learners):
            user = await factories.end_user(bot, f"b{t}-u{n}")
            conv = await factories.conversation(user)
            for m in range(4):
                await factories.inbound(conv, bot, f"hello {m}", f"b{t}-u{n}-m{m}")
            users.append(str(user.id))
        token = (await issue_api_key(creator, ["read"])).token
        seeded.append((token, bot.slug, users))
    return seeded


def paths(slug: str, users: list[str]) -> list[str]:
    learner = random.choice(users)
    return [
        "/api/v1/bots",
        f"/api/v1/bots/{slug}",
        f"/api/v1/bots/{slug}/channels",
        f"/api/v1/learners/{learner}/export",
    ]


async def load(
    http: TestClient[Any, Any], seeded: list[Any], seconds: float, clients: int
) -> list[float]:
    latencies: list[float] = []
    stop = time.perf_counter() + seconds

    async def client() -> None:
        while time.perf_counter() < stop:
            token, slug, users = random.choice(seeded)
            for path in paths(slug, users):
                began = time.perf_counter()
                response = await http.get(path, headers={"Authorization": f"Bearer {token}"})
                await response.read()
                assert response.status == 200, (path, response.status)
                latencies.append(time.perf_counter() - began)

    await asyncio.gather(*(client() for _ in range(clients)))
    return latencies


async def measure(url: str, args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    url = f"{url}?maxsize={args.pool}" if args.pool else url
    await init_db(url, secret_keys=["bench-secret"])
    await Tortoise.generate_schemas()
    seeded = await seed(args.tenants, args.learners)
    results: dict[bool, list[tuple[int, float]]] = {False: [], True: []}
    for _ in range(args.rounds):
        for on in (False, True):
            settings = Settings(
                database_url=url,
                data_dir=tmp,
                rag=RagSettings(embedder="hashing"),
                chroma=ChromaSettings(path=tmp / "chroma"),
                row_level_security=on,
            )
            services = Services.build(settings, knowledge=KnowledgeService(settings))
            app = create_app(settings, manage_db=False, services=services, run_background=False)
            async with TestClient(TestServer(app)) as http:
                await load(http, seeded, 0.5, args.clients)  # warm-up
                lat = await load(http, seeded, args.seconds, args.clients)
            results[on].append((len(lat), statistics.median(lat) * 1000))
    await close_db()
    return summarise(results, args.seconds)


def summarise(results: dict[bool, list[tuple[int, float]]], seconds: float) -> dict[str, Any]:
    def mode(on: bool) -> dict[str, float]:
        runs = results[on]
        return {
            "req_per_s": round(sum(n for n, _ in runs) / (seconds * len(runs)), 1),
            "p50_ms": round(statistics.median(p for _, p in runs), 2),
        }

    off, on = mode(False), mode(True)
    return {
        "off": off,
        "on": on,
        "throughput_ratio_on_off": round(on["req_per_s"] / off["req_per_s"], 3),
        "p50_ratio_on_off": round(on["p50_ms"] / off["p50_ms"], 3),
    }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--tenants", type=int, default=20)
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--pool", type=int, default=0, help="connection pool size (default 5)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        async with bench_database(args.database, Path(tmp)) as url:
            summary = await measure(url, args, Path(tmp))
    for name in ("off", "on"):
        figures = summary[name]
        print(f"RLS {name:>3}: {figures['req_per_s']:8.1f} req/s  p50 {figures['p50_ms']} ms")
    print(f"on/off: throughput x{summary['throughput_ratio_on_off']}, "
          f"p50 x{summary['p50_ratio_on_off']}")  # fmt: skip
    print(json.dumps(summary))


if __name__ == "__main__":
    asyncio.run(main())
