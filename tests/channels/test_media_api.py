"""`POST /api/v1/media` and lesson attachments end to end: an uploaded image declared by a
program step reaches the widget learner as a signed URL the app serves; another creator's
file cannot be declared (both dialects)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.auth import issue_api_key
from bot.media import save_media
from bot.media.cards import Card, png
from tests import factories
from tests.channels.conftest import Running, start

IMAGE = png(Card("Map", "Trail map", "", "Guide"))


@pytest.fixture
async def live(db: str, tmp_path: Path) -> AsyncIterator[Running]:
    async for value in start(db, tmp_path):
        yield value


def program(ref: str) -> dict[str, Any]:
    lesson = {"id": "intro", "kind": "lesson", "text": "Here is the map.", "buttons": ["Ok"]}
    lesson["attachments"] = [{"kind": "image", "url": ref, "name": "map.png"}]
    return {"code": "trail", "title": "Trail", "steps": [lesson]}


async def upload(live: Running, key: str, data: bytes, name: str) -> tuple[int, Any]:
    form = aiohttp.FormData()
    form.add_field("file", data, filename=name, content_type="image/png")
    headers = {"Authorization": f"Bearer {key}"}
    async with live.client.post("/api/v1/media", data=form, headers=headers) as resp:
        return resp.status, await resp.json()


async def test_an_uploaded_image_in_a_lesson_reaches_the_widget(live: Running) -> None:
    key = (await issue_api_key(live.creator, ["read", "write"])).token
    status, made = await upload(live, key, IMAGE, "map.png")
    assert status == 201 and (made["kind"], made["mime_type"]) == ("image", "image/png")
    assert made["ref"] == f"media:{made['id']}" and made["size_bytes"] == len(IMAGE)
    headers = {"Authorization": f"Bearer {key}"}
    base = f"/api/v1/bots/{live.bot.slug}/programs"
    async with live.client.post(base, json=program(made["ref"]), headers=headers) as resp:
        assert resp.status == 201, await resp.text()
    async with live.client.post(f"{base}/trail/publish", headers=headers) as resp:
        assert resp.status in (200, 201), await resp.text()
    chat = {"session": "learner-0001", "id": "m1", "text": "join trail"}
    widget = {"X-Parley-Key": live.bot.public_key}
    async with live.client.post(
        f"/widget/{live.bot.slug}/messages", json=chat, headers=widget
    ) as r:
        replies = (await r.json())["replies"]
    (step,) = [r for r in replies if r["attachments"]]
    (shown,) = step["attachments"]
    assert (shown["kind"], shown["name"]) == ("image", "map.png")
    assert shown["url"].startswith(f"http://parley.test/media/{made['id']}?exp=")
    async with live.client.get(shown["url"].removeprefix("http://parley.test")) as resp:
        assert resp.status == 200 and resp.content_type == "image/png"
        assert await resp.read() == IMAGE
        assert resp.headers["X-Content-Type-Options"] == "nosniff"


async def test_another_creators_file_is_refused_and_uploads_need_a_file(live: Running) -> None:
    key = (await issue_api_key(live.creator, ["read", "write"])).token
    theirs = await save_media((await factories.creator()).id, IMAGE, "x.png", "image/png")
    headers = {"Authorization": f"Bearer {key}"}
    base = f"/api/v1/bots/{live.bot.slug}/programs"
    async with live.client.post(base, json=program(f"media:{theirs.id}"), headers=headers) as r:
        assert r.status in (400, 422)
        assert f"no uploaded file media:{theirs.id}" in (await r.json())["error"]["message"]
    async with live.client.post("/api/v1/media", json={}, headers=headers) as r:
        assert r.status == 415
    status, error = await upload(live, key, b"", "empty.png")
    assert status == 400 and "file" in error["error"]["message"]
