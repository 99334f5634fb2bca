"""`/api/v1/webhooks` over real HTTP: the secret shown once and stored encrypted, bad input 400,
another creator's webhook 404, read-only keys 403, the delivery log as the worker left it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from tortoise import connections

from bot.auth import issue_api_key
from bot.clock import FakeClock
from bot.webhooks import emit
from channels.app import Services, create_app
from models import Creator
from tests import factories
from tests.bot.webhooks.receiver import Receiver, receiving
from tests.bot.webhooks.test_webhooks import START, drain, worker
from tests.channels.conftest import app_settings


@dataclass
class Api:
    client: TestClient
    creator: Creator
    keys: dict[str, str]

    async def call(self, method: str, path: str, key: str = "write", **kw: Any) -> tuple[int, Any]:
        headers = {"Authorization": f"Bearer {self.keys[key]}"}
        async with self.client.request(method, path, headers=headers, **kw) as resp:
            return resp.status, await resp.json()


@pytest.fixture
async def api(db: str, tmp_path: Path) -> AsyncIterator[Api]:
    settings = app_settings(db, tmp_path)
    settings.rag.url_allow_private = True  # the receiver listens on 127.0.0.1
    app = create_app(settings, manage_db=False, services=Services.build(settings))
    creator, other = await factories.creator(), await factories.creator()
    keys = {
        "write": (await issue_api_key(creator, ["read", "write"])).token,
        "read": (await issue_api_key(creator, ["read"])).token,
        "other": (await issue_api_key(other, ["read", "write"])).token,
    }
    async with TestClient(TestServer(app)) as client:
        yield Api(client, creator, keys)


async def test_register_list_log_and_delete(api: Api) -> None:
    async with receiving(Receiver(failure_rate=0.5)) as receiver:
        status, made = await api.call(
            "POST", "/api/v1/webhooks", json={"url": receiver.url, "events": ["rating_received"]}
        )
        assert status == 201 and made["secret"].startswith("whsec_")
        receiver.secret = made["secret"]
        raw = await connections.get("default").execute_query_dict("SELECT secret FROM webhook")
        assert raw[0]["secret"].startswith("enc:v1:") and made["secret"] not in raw[0]["secret"]
        status, listed = await api.call("GET", "/api/v1/webhooks", "read")
        assert listed["webhooks"] == [{k: v for k, v in made.items() if k != "secret"}]
        await emit(api.creator.id, "rating_received", {"value": "down"}, now=START)
        clock = FakeClock(START)
        await drain(worker(clock), clock)
        clock.advance(timedelta(hours=1))
        path = f"/api/v1/webhooks/{made['id']}/deliveries"
        status, log = await api.call("GET", path, "read")
    (entry,) = log["deliveries"]
    assert (entry["event"], entry["status"], entry["last_error"]) == (
        "rating_received",
        "delivered",
        None,
    )
    assert entry["attempts"] == receiver.failed + 1 and list(receiver.accepted) == [
        entry["event_id"]
    ]
    assert (await api.call("GET", path, "other"))[0] == 404
    assert (await api.call("DELETE", f"/api/v1/webhooks/{made['id']}", "other"))[0] == 404
    assert (await api.call("DELETE", f"/api/v1/webhooks/{made['id']}", "read"))[0] == 403
    status, body = await api.call("DELETE", f"/api/v1/webhooks/{made['id']}")
    assert body == {"removed": made["id"]}
    assert status == 200 and (await api.call("GET", path))[0] == 404


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({"url": "http://127.0.0.1:9/x", "events": ["sold"]}, "unknown sold"),
        ({"url": "ftp://example.org/x", "events": ["enrolled"]}, "http:// or https://"),
        ({"url": "http://127.0.0.1:9/x", "events": []}, "events"),
        ({"url": "http://127.0.0.1:9/x"}, "events"),
    ],
)
async def test_bad_registrations_are_400_with_a_reason(
    api: Api, body: dict[str, Any], reason: str
) -> None:
    status, error = await api.call("POST", "/api/v1/webhooks", json=body)
    assert status == 400 and reason in error["error"]["message"]
    assert (await api.call("GET", "/api/v1/webhooks"))[1] == {"webhooks": []}
