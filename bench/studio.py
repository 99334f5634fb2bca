"""Studio page speed and weight on a large workspace.

Usage: python bench/studio.py [--db sqlite|postgres] [--scale 1.0] [--requests 30] [--url URL]

Seeds one creator with 10 bots, 1,000 documents, 20k learners and 1M messages (times --scale),
signs in, then requests every studio page found in the studio's own route table (pages added
later are included; routes whose URL parameters it cannot fill are listed as skipped). Prints
per page: server time p50/p95 (measured by a middleware around the handler, in the server) and
the gzip-compressed bytes of the HTML plus the JS and CSS it loads. Baseline in the same run:
`/healthz`, the cheapest route of the app. Goals: p95 < 100 ms, < 150 KB compressed.
Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import random
import re
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from aiohttp.typedefs import Handler
from tortoise import Tortoise

from bot import accounts, audit
from bot.auth import issue_api_key
from channels.app import Services, create_app
from models import (
    Bot,
    BotStatus,
    Channel,
    ChannelType,
    Conversation,
    Creator,
    Direction,
    Document,
    EndUser,
    KnowledgeBase,
    Message,
    ProcessingStatus,
    SenderType,
)
from models.db import close_db, init_db
from tests.channels.studio.test_route_walk import studio_routes
from tests.channels.studio.world import StudioClient, studio_settings
from tests.dbs import fresh_database

PASSWORD = "bench-password-123"
ASSET = re.compile(r'<(?:script[^>]+src|link[^>]+rel="stylesheet"[^>]+href)="([^"]+)"')
CHUNK = 50_000
Seeder = Callable[[], Awaitable[None]]


async def _chunked(model: Any, rows: list[Any]) -> None:
    for start in range(0, len(rows), CHUNK):
        await model.bulk_create(rows[start : start + CHUNK], batch_size=5000)


async def seed(scale: float) -> tuple[Creator, list[Bot]]:
    rng = random.Random(7)
    now = datetime.now(UTC)
    creator = await accounts.create_creator("bench@example.com", PASSWORD, company_name="Bench")
    bots = [
        await Bot.create(
            creator=creator, slug=f"bench-{i}", name=f"Bench {i}", status=BotStatus.PUBLISHED
        )
        for i in range(10)
    ]
    for i, bot in enumerate(bots):
        await Channel.create(
            creator=creator,
            bot=bot,
            channel_type=ChannelType.TELEGRAM,
            status="disconnected" if i == 0 else "active",
        )
    kb = await KnowledgeBase.create(creator=creator, name="Bench")
    docs = [
        Document(
            knowledge_base_id=kb.id,
            title=f"Doc {i}",
            content="x",
            content_hash=f"h{i}",
            processing_status=ProcessingStatus.FAILED if i % 100 == 0 else ProcessingStatus.READY,
            processing_error="bench failure" if i % 100 == 0 else None,
            chunk_count=12,
        )
        for i in range(int(1000 * scale))
    ]
    await _chunked(Document, docs)
    learners = int(20_000 * scale)
    users = [
        EndUser(
            creator_id=creator.id,
            bot_id=bots[i % 10].id,
            channel="web",
            external_id=f"u{i}",
            last_active_at=now - timedelta(days=rng.uniform(0, 30)),
        )
        for i in range(learners)
    ]
    await _chunked(EndUser, users)
    convs = [Conversation(user_id=u.id, channel="web") for u in users]
    await _chunked(Conversation, convs)
    await _seed_messages(users, convs, total=int(1_000_000 * scale), now=now, rng=rng)
    for i in range(int(2000 * scale)):
        await audit.record(creator.id, table="bot", operation="publish", record_id=f"b{i}")
    for i in range(10):
        await issue_api_key(creator, ["read"], name=f"key {i}")
    return creator, bots


async def _seed_messages(
    users: list[EndUser],
    convs: list[Conversation],
    *,
    total: int,
    now: datetime,
    rng: random.Random,
) -> None:
    per_user = max(1, total // max(1, len(users)))
    batch: list[Message] = []
    for user, conv in zip(users, convs, strict=True):
        for k in range(per_user):
            batch.append(
                Message(
                    conversation_id=conv.id,
                    bot_id=user.bot_id,
                    channel="web",
                    direction=Direction.INBOUND if k % 2 == 0 else Direction.OUTBOUND,
                    sender_type=SenderType.USER if k % 2 == 0 else SenderType.AI,
                    content="hello there",
                    created_at=now - timedelta(seconds=rng.uniform(0, 60 * 86400)),
                )
            )
        if len(batch) >= CHUNK:
            await Message.bulk_create(batch, batch_size=5000)
            batch = []
    if batch:
        await Message.bulk_create(batch, batch_size=5000)


class Timings:
    """Server-side time per path, recorded by a middleware around the whole app."""

    def __init__(self) -> None:
        self.by_path: dict[str, list[float]] = defaultdict(list)

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        start = time.perf_counter()
        try:
            return await handler(request)
        finally:
            self.by_path[request.path].append((time.perf_counter() - start) * 1000)


async def page_paths(app: web.Application, bots: list[Bot]) -> tuple[list[str], list[str]]:
    fillers = {"slug": bots[0].slug}
    paths, skipped = [], []
    for route in studio_routes(app):
        if route.method != "GET":
            continue
        if any(p not in fillers for p in route.params):
            skipped.append(route.template)
            continue
        path = route.template
        for name in route.params:
            path = path.replace("{" + name + "}", fillers[name])
        if path not in {"/studio/login", "/studio/setup"}:
            paths.append(path)
    return sorted(set(paths)), skipped


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


async def weight(client: StudioClient, html: str) -> int:
    total = gz(html.encode())
    for url in set(ASSET.findall(html)):
        response = await client.http.get(url)
        total += gz(await response.read())
    return total


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def measure(kind: str, scale: float, requests: int, url: str) -> dict[str, Any]:
    if url:  # a database this script seeded before: time the pages again without re-seeding
        return await _measure_on(url, kind, None, requests)
    async with fresh_database(kind, Path(tempfile.mkdtemp())) as fresh:
        return await _measure_on(fresh, kind, scale, requests)


async def _measure_on(url: str, kind: str, scale: float | None, requests: int) -> dict[str, Any]:
    await init_db(url, secret_keys=["bench-secret"])
    try:
        await Tortoise.generate_schemas(safe=True)  # also adds indexes new since the seeding
        seed_s = 0.0
        if scale is not None:
            started = time.perf_counter()
            await seed(scale)
            seed_s = time.perf_counter() - started
            print(f"{kind}: {url} seeded in {seed_s:.1f} s (scale {scale})", flush=True)
        bots = await Bot.filter(creator__email="bench@example.com").order_by("slug")
        pages, skipped = await serve_and_time(url, bots, requests)
    finally:
        await close_db()
    return {"db": kind, "seed_s": round(seed_s, 1), "pages": pages, "skipped": skipped}


async def serve_and_time(
    url: str, bots: list[Bot], requests: int
) -> tuple[dict[str, dict[str, float]], list[str]]:
    settings = studio_settings(url, Path(tempfile.mkdtemp()))
    timings = Timings()
    app = create_app(
        settings, manage_db=False, services=Services.build(settings), run_background=False
    )
    app.middlewares.insert(0, timings.middleware)
    async with TestClient(TestServer(app, host="127.0.0.1")) as http:
        client = StudioClient(http)
        assert (await client.sign_in("bench@example.com", PASSWORD)).status == 302
        paths, skipped = await page_paths(app, bots)
        pages = {}
        for path in [*paths, "/healthz"]:
            html = ""
            for _ in range(requests):
                response = await client.get(path)
                html = await response.text()
                assert response.status == 200, (path, response.status, html[:300])
            times = timings.by_path[path]
            kb = await weight(client, html) / 1024 if path != "/healthz" else 0.0
            pages[path] = {
                "p50_ms": round(statistics.median(times), 2),
                "p95_ms": round(pct(times, 0.95), 2),
                "gzip_kb": round(kb, 1),
            }
    return pages, skipped


def report(result: dict[str, Any]) -> None:
    print(f"\n{result['db']}: page, server p50 / p95 ms, HTML+JS+CSS gzip KB")
    base = result["pages"]["/healthz"]["p50_ms"] or 0.01
    for path, p in result["pages"].items():
        ok = "ok" if p["p95_ms"] < 100 and p["gzip_kb"] < 150 else "OVER GOAL"
        ratio = p["p50_ms"] / base
        print(
            f"  {path:<28} {p['p50_ms']:>7.2f} / {p['p95_ms']:>7.2f}   {p['gzip_kb']:>6.1f} KB"
            f"   x{ratio:>6.1f} healthz   {ok}"
        )
    if result["skipped"]:
        print(f"  skipped (unfilled URL parameters): {', '.join(result['skipped'])}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--url", default="", help="Re-time a database seeded by an earlier run.")
    args = parser.parse_args()
    result = asyncio.run(measure(args.db, args.scale, args.requests, args.url))
    report(result)
    worst = max(p["p95_ms"] for p in result["pages"].values())
    heaviest = max(p["gzip_kb"] for p in result["pages"].values())
    print(
        json.dumps(
            {
                "bench": "studio",
                "db": args.db,
                "scale": args.scale,
                "worst_p95_ms": worst,
                "heaviest_gzip_kb": heaviest,
                "pages": result["pages"],
                "skipped": result["skipped"],
            }
        )
    )


if __name__ == "__main__":
    main()
