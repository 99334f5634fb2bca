"""`GET /healthz` reports the process and its database."""

from __future__ import annotations

from aiohttp.test_utils import TestClient, TestServer

from bot.settings import Settings
from channels.app import create_app
from models.db import dialect


async def test_healthz_reports_database_ok(db: str) -> None:
    app = create_app(Settings(database_url=db), manage_db=False)
    async with TestClient(TestServer(app)) as client:
        response = await client.get("/healthz")
        body = await response.json()
    assert response.status == 200
    assert body["status"] == "ok"
    assert body["database"]["status"] == "ok"
    assert body["database"]["dialect"] == dialect(db)
    assert body["version"] == "0.1.0"
