"""The creator metrics API over real HTTP: rolled-up series as JSON and CSV, funnel, isolation,
400s for bad ranges and 401 without a key (both dialects)."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.auth import issue_api_key
from bot.metrics import rollup
from channels.api import metrics as metrics_api
from channels.app import Services, create_app
from channels.http_errors import error_body as error
from models import Bot, Creator
from tests import factories
from tests.bot.test_metrics import D0, DAY, at, event, new_creator, program_on, user_on
from tests.channels.conftest import app_settings

D1 = D0 + DAY
RANGE = f"from={D0}&to={D1}"


@dataclass
class Api:
    client: TestClient
    creator: Creator
    other: Creator
    headers: dict[str, str]

    async def get(self, path: str, **headers: str) -> tuple[int, Any]:
        async with self.client.get(path, headers=headers or self.headers) as resp:
            if resp.content_type == "text/csv":
                return resp.status, list(csv.reader(io.StringIO(await resp.text())))
            return resp.status, await resp.json()


def routes_of(app: Any) -> set[str]:
    return {r.canonical for r in app.router.resources()}


async def seed(one: Bot, two: Bot, foreign: Bot) -> None:
    """D0: two users on `one`, D1: one on `two`; the other creator's bot is busier on both days."""
    for hour in (8, 9):
        await event(await user_on(one, at(D0, 1)), "message_received", at(D0, hour))
    await event(await user_on(two, at(D0 - DAY)), "message_received", at(D1, 10))
    for _ in range(5):
        user = await user_on(foreign, at(D0, 2))
        await event(user, "message_received", at(D0, 11))
        await event(user, "message_received", at(D1, 11))
    program = await program_on(one)
    users = [await user_on(one, at(D0, 1)) for _ in range(4)]
    for i, user in enumerate(users):
        await event(user, "program_enrolled", at(D0, 3), program)
        for step in ("s1", "s2", "s3")[: i + 1]:
            await event(user, "step_completed", at(D1, 4), program, step=step)
    await event(users[3], "program_completed", at(D1, 5), program)
    await program_on(foreign, "secret")
    await rollup([D0, D1])


@pytest.fixture
async def api(db: str, tmp_path: Path) -> AsyncIterator[Api]:
    settings = app_settings(db, tmp_path)
    app = create_app(settings, manage_db=False, services=Services.build(settings))
    creator, other = await new_creator(), await new_creator()
    one, two = await factories.bot(creator, "api-one"), await factories.bot(creator, "api-two")
    await seed(one, two, await factories.bot(other, "foreign-bot"))
    key = await issue_api_key(creator, ["read"])
    async with TestClient(TestServer(app)) as client:
        yield Api(client, creator, other, {"Authorization": f"Bearer {key.token}"})


async def test_engagement_series_are_the_creators_own(api: Api) -> None:
    status, body = await api.get(f"/api/v1/metrics?{RANGE}&metric=active_users,new_users")
    assert status == 200
    assert body == {
        "from": str(D0),
        "to": str(D1),
        "bot": None,
        "series": {
            "active_users": [{"date": str(D0), "value": 2}, {"date": str(D1), "value": 1}],
            "new_users": [{"date": str(D0), "value": 6}, {"date": str(D1), "value": 0}],
        },
    }
    status, body = await api.get(f"/api/v1/metrics?{RANGE}&bot=api-two&metric=active_users")
    assert body["series"] == {
        "active_users": [{"date": str(D0), "value": 0}, {"date": str(D1), "value": 1}]
    }
    status, body = await api.get(f"/api/v1/metrics?{RANGE}&metric=retention_d1")
    # D0: the one user new on D0-1 is not back; D1: none of D0's six is back.
    zero = [{"date": str(day), "value": 0} for day in (D0, D1)]
    assert body["series"]["retention_d1"] == zero
    status, body = await api.get(f"/api/v1/metrics?{RANGE}")
    assert set(body["series"]) == set(metrics_api.metrics.ENGAGEMENT_METRICS)
    status, body = await api.get(f"/api/v1/metrics?{RANGE}&bot=foreign-bot")
    assert (status, body) == (404, error("not_found", "no bot 'foreign-bot' for this creator"))


async def test_engagement_csv(api: Api) -> None:
    status, rows = await api.get(f"/api/v1/metrics.csv?{RANGE}&bot=api-one&metric=active_users")
    assert status == 200
    assert rows == [
        ["date", "metric", "bot", "value"],
        [str(D0), "active_users", "api-one", "2"],
        [str(D1), "active_users", "api-one", "0"],
    ]
    status, rows = await api.get(f"/api/v1/metrics.csv?{RANGE}&metric=messages_in,active_users")
    assert rows[0] == ["date", "metric", "bot", "value"]
    assert [r[:2] for r in rows[1:]] == [
        [str(D0), "active_users"],
        [str(D0), "messages_in"],
        [str(D1), "active_users"],
        [str(D1), "messages_in"],
    ]
    assert {r[2] for r in rows[1:]} == {""}  # totals carry no bot


async def test_program_analytics_json_csv_and_isolation(api: Api) -> None:
    status, body = await api.get(f"/api/v1/programs/habits/analytics?bot=api-one&{RANGE}")
    assert status == 200
    assert body["program"] == "habits" and body["bot"] == "api-one"
    assert body["series"]["enrollments"] == [
        {"date": str(D0), "value": 4},
        {"date": str(D1), "value": 0},
    ]
    assert body["series"]["completion_rate"] == [
        {"date": str(D0), "value": 0},
        {"date": str(D1), "value": 25},
    ]
    assert body["funnel"] == {
        "as_of": str(D1),
        "steps": [
            {"step": "s1", "funnel": 4, "drop_off": 0},
            {"step": "s2", "funnel": 3, "drop_off": 0},
            {"step": "s3", "funnel": 2, "drop_off": 0},
        ],
    }
    status, rows = await api.get(f"/api/v1/programs/habits/analytics.csv?{RANGE}&metric=funnel")
    assert rows == [
        ["date", "metric", "step", "value"],
        *([str(D0), "funnel", s, "0"] for s in ("s1", "s2", "s3")),
        *([str(D1), "funnel", s, n] for s, n in (("s1", "4"), ("s2", "3"), ("s3", "2"))),
    ]
    status, body = await api.get(f"/api/v1/programs/secret/analytics?{RANGE}")
    assert (status, body) == (404, error("not_found", "no program 'secret' for this creator"))
    status, body = await api.get(f"/api/v1/programs/secret/analytics?bot=foreign-bot&{RANGE}")
    assert (status, body) == (404, error("not_found", "no bot 'foreign-bot' for this creator"))


BAD_RANGES = [
    ("from=2024-03-10", "pass both from and to as YYYY-MM-DD"),
    ("from=2024-03-10&to=tomorrow", "to must be a date as YYYY-MM-DD, got 'tomorrow'"),
    ("from=2024-02-30&to=2024-03-01", "from must be a date as YYYY-MM-DD, got '2024-02-30'"),
    ("from=2024-03-10&to=2024-03-09", "from (2024-03-10) is after to (2024-03-09)"),
    ("from=2024-01-01&to=2025-01-01", "a range covers at most 366 days, got 367"),
]


async def test_bad_ranges_are_400s_with_a_reason(api: Api) -> None:
    for query, reason in BAD_RANGES:
        for path in ("/api/v1/metrics", "/api/v1/metrics.csv", "/api/v1/programs/habits/analytics"):
            assert await api.get(f"{path}?{query}") == (400, error("invalid_request", reason)), (
                path,
                query,
            )


async def test_unknown_metric_is_a_400_and_no_key_a_401(api: Api) -> None:
    status, body = await api.get(f"/api/v1/metrics?{RANGE}&metric=active_users,vibes")
    assert status == 400 and body["error"]["message"].startswith(
        "unknown metric vibes: use some of "
    )
    status, body = await api.get(f"/api/v1/metrics?{RANGE}", Authorization="")
    assert status == 401 and "missing API key" in body["error"]["message"]
    status, body = await api.get(f"/api/v1/metrics.csv?{RANGE}", Authorization="Bearer prl_x.y")
    assert (status, body) == (401, error("invalid_api_key", "invalid, revoked or expired API key"))
