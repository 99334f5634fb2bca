"""The insight API over real HTTP: charts as JSON and each as CSV (equal rows), the learners
behind a funnel step, bulk pause/resume, learner detail and actions, other tenants' objects
404, a read-only key cannot act, bad input is a 400 with a reason (both dialects)."""

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
from bot.clock import FakeClock
from channels.app import Services, create_app
from models import EnrollmentStatus, ProgramEnrollment
from tests.bot.insight.world import CODE, NOW, RANGE, World, build_world
from tests.channels.conftest import app_settings


@dataclass
class Api:
    client: TestClient[Any, Any]
    world: World
    read: dict[str, str]
    write: dict[str, str]

    async def get(self, path: str) -> tuple[int, Any]:
        async with self.client.get(path, headers=self.read) as resp:
            if resp.content_type == "text/csv":
                return resp.status, list(csv.reader(io.StringIO(await resp.text())))
            return resp.status, await resp.json()

    async def post(
        self, path: str, body: Any, *, headers: dict[str, str] | None = None
    ) -> tuple[int, Any]:
        async with self.client.post(path, json=body, headers=headers or self.write) as resp:
            return resp.status, await resp.json()


@pytest.fixture
async def api(db: str, tmp_path: Path) -> AsyncIterator[Api]:
    settings = app_settings(db, tmp_path)
    services = Services.build(settings, clock=FakeClock(NOW))
    app = create_app(settings, manage_db=False, services=services)
    world = await build_world()
    read = await issue_api_key(world.creator, ["read"])
    write = await issue_api_key(world.creator, ["read", "write"])
    async with TestClient(TestServer(app)) as client:
        yield Api(
            client,
            world,
            {"Authorization": f"Bearer {read.token}"},
            {"Authorization": f"Bearer {write.token}"},
        )


def query(api: Api) -> str:
    return f"bot={api.world.bot.slug}&program={CODE}&{RANGE}"


def text(cell: Any) -> str:
    return "" if cell is None else str(cell)


async def test_charts_json_and_csv_agree(api: Api) -> None:
    status, body = await api.get(f"/api/v1/insight/analytics?{query(api)}")
    assert status == 200 and body["time_zone"] == "America/New_York"
    charts = {c["key"]: c for c in body["charts"]}
    assert charts["weekly"]["rows"] == [["2024-01-08", 3]]
    assert charts["nudge_rungs"]["rows"] == [[1, 2, 1, 50.0], [2, 1, 1, 100.0]]
    for key, chart in charts.items():
        status, rows = await api.get(f"/api/v1/insight/analytics/{key}.csv?{query(api)}")
        assert status == 200
        assert rows == [chart["columns"], *[[text(c) for c in r] for r in chart["rows"]]], key
        status, one = await api.get(f"/api/v1/insight/analytics/{key}?{query(api)}")
        assert status == 200 and one["chart"] == chart and one["from"] == body["from"], key


async def test_learners_behind_a_step_and_bulk_actions(api: Api) -> None:
    status, body = await api.get(f"/api/v1/insight/learners?{query(api)}&step=lesson-2&stuck=3")
    assert status == 200
    assert sorted(r["name"] for r in body["learners"]) == ["Ada", "Dov"]
    ids = [r["id"] for r in body["learners"]]
    action = {"bot": api.world.bot.slug, "program": CODE, "action": "pause", "learners": ids}
    status, out = await api.post("/api/v1/insight/learners/actions", action)
    assert status == 200
    # Dov was already paused: pausing again keeps him paused
    assert [o["status"] for o in out["outcomes"]] == ["paused", "paused"]
    statuses = await ProgramEnrollment.filter(user_id__in=ids).values_list("status", flat=True)
    assert set(statuses) == {EnrollmentStatus.PAUSED}
    status, out = await api.post("/api/v1/insight/learners/actions", action | {"action": "resume"})
    assert [o["status"] for o in out["outcomes"]] == ["resumed", "resumed"]


async def test_learner_detail_and_actions(api: Api) -> None:
    ada = api.world.users["A"].id
    status, body = await api.get(f"/api/v1/learners/{ada}")
    assert status == 200
    assert body["name"] == "Ada" and body["streak"] == 4 and body["points"] == 40
    assert body["enrolments"][0]["program"] == CODE and body["enrolments"][0]["step"] == "lesson-2"
    assert [b["badge"] for b in body["badges"]] == ["early-bird"]
    assert [m["direction"] for m in body["recent_messages"]][:2] == ["in", "out"]
    status, listed = await api.get(f"/api/v1/learners/{ada}/accounts")
    assert status == 200 and listed["accounts"] == body["channels"]  # one shape for both
    assert [(c["channel"], c["handle"]) for c in body["channels"]] == [("web", "ada-handle")]
    status, out = await api.post(
        f"/api/v1/learners/{ada}/actions", {"action": "message", "text": "Hi!"}
    )
    assert status == 200 and out["status"] == "queued"
    status, out = await api.post(
        f"/api/v1/learners/{ada}/actions", {"action": "stop", "program": CODE}
    )
    assert out["status"] == "stopped"
    status, out = await api.post(
        f"/api/v1/learners/{ada}/actions", {"action": "pause", "program": CODE}
    )
    assert status == 409 and out["error"]["code"] == "skipped"  # the one error shape
    assert out["error"]["message"]


async def test_other_tenants_objects_are_404(api: Api) -> None:
    w = api.world
    status, body = await api.get(f"/api/v1/insight/analytics?bot={w.other_bot.slug}")
    assert status == 404 and body["error"]["code"] == "not_found"
    status, _ = await api.get(f"/api/v1/insight/analytics/daily?bot={w.other_bot.slug}")
    assert status == 404
    assert (await api.get(f"/api/v1/learners/{w.users['X'].id}"))[0] == 404
    status, _ = await api.post(
        "/api/v1/insight/learners/actions",
        {"bot": w.bot.slug, "program": CODE, "action": "pause", "learners": [str(w.users["X"].id)]},
    )
    assert status == 404
    assert (await ProgramEnrollment.get(user_id=w.users["X"].id)).status == EnrollmentStatus.ACTIVE


async def test_read_only_key_cannot_act_and_bad_input_is_400(api: Api) -> None:
    ada = str(api.world.users["A"].id)
    body = {"bot": api.world.bot.slug, "program": CODE, "action": "pause", "learners": [ada]}
    status, _ = await api.post("/api/v1/insight/learners/actions", body, headers=api.read)
    assert status == 403
    assert (await ProgramEnrollment.get(user_id=ada)).status == EnrollmentStatus.ACTIVE
    status, out = await api.get(
        f"/api/v1/insight/analytics?bot={api.world.bot.slug}&from=2024-02-01&to=2024-01-01"
    )
    assert status == 400 and "after" in out["error"]["message"]
    status, out = await api.get(f"/api/v1/insight/learners?{query(api)}&week=9&cohort=2024-01-08")
    assert status == 400 and "week" in out["error"]["message"]
    status, out = await api.get(f"/api/v1/insight/analytics/nope.csv?{query(api)}")
    assert status == 400 and "unknown chart" in out["error"]["message"]
