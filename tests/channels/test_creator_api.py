"""The creator API: keys and scopes, bots, programs and enrollment, scoped to one creator."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiohttp import FormData
from aiohttp.test_utils import TestClient, TestServer

from bot.auth import issue_api_key
from bot.rag.service import KnowledgeService
from bot.settings import TelegramSettings
from channels.app import Services, create_app
from models import Bot, Channel, Document, Message, ProgramEnrollment
from tests import factories
from tests.channels.conftest import Running, app_settings, start
from tests.fakes.telegram_api import FakeTelegramAPI

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "programs" / "focus-course.yaml"


@dataclass
class Api:
    running: Running
    write: dict[str, str]
    read: dict[str, str]

    @property
    def client(self) -> TestClient[Any, Any]:
        return self.running.client


@pytest.fixture
async def api(db: str, tmp_path: Path) -> AsyncIterator[Api]:
    async for running in start(db, tmp_path):
        write = await issue_api_key(running.creator, ["read", "write"])
        read = await issue_api_key(running.creator, ["read"])
        yield Api(
            running,
            {"Authorization": f"Bearer {write.token}"},
            {"Authorization": f"Bearer {read.token}"},
        )


async def test_keys_and_scopes_are_enforced(api: Api) -> None:
    missing = await api.client.get("/api/v1/bots")
    assert missing.status == 401 and "Bearer" in (await missing.json())["error"]["message"]
    bogus = await api.client.get("/api/v1/bots", headers={"Authorization": "Bearer prl_x.y"})
    assert bogus.status == 401
    listed = await api.client.get("/api/v1/bots", headers=api.read)
    assert [b["slug"] for b in (await listed.json())["bots"]] == ["guide"]
    refused = await api.client.post(
        "/api/v1/bots", json={"slug": "new-bot", "name": "New"}, headers=api.read
    )
    assert refused.status == 403 and "'write' scope" in (await refused.json())["error"]["message"]
    assert not await Bot.exists(slug="new-bot")


async def test_bots_are_created_updated_and_published(api: Api) -> None:
    created = await api.client.post(
        "/api/v1/bots",
        json={"slug": "yoga-coach", "name": "Yoga Coach", "greeting": "Namaste!"},
        headers=api.write,
    )
    assert created.status == 201
    body = await created.json()
    assert body["status"] == "draft" and body["persona"]["greeting"] == "Namaste!"
    patched = await api.client.patch(
        "/api/v1/bots/yoga-coach", json={"traits": ["calm"]}, headers=api.write
    )
    body = await patched.json()
    # an edit changes the draft only: learners keep the published persona until Publish
    assert body["draft"]["traits"] == ["calm"] and body["persona"]["traits"] == []
    assert body["changes"] == [{"field": "traits", "before": [], "after": ["calm"]}]
    published = await api.client.post("/api/v1/bots/yoga-coach/publish", headers=api.write)
    body = await published.json()
    assert body["version"] == 1 and body["persona"]["traits"] == ["calm"]
    assert body["changes"] == []
    taken = await api.client.post(
        "/api/v1/bots", json={"slug": "yoga-coach", "name": "Again"}, headers=api.write
    )
    assert taken.status == 409 and "taken" in (await taken.json())["error"]["message"]
    unknown = await api.client.patch(
        "/api/v1/bots/yoga-coach", json={"colour": "red"}, headers=api.write
    )
    assert unknown.status == 400 and "colour" in (await unknown.json())["error"]["message"]


async def test_versions_archive_restore_and_write_only_key(api: Api) -> None:
    base = "/api/v1/bots/guide"
    bad = await api.client.patch(base, json={"timezone": "Nowhere/Land"}, headers=api.write)
    assert (
        bad.status == 400
        and "timezone: 'Nowhere/Land' is not a time zone" in (await bad.json())["error"]["message"]
    )
    edited = await api.client.patch(
        base, json={"greeting": "Hey", "llm_api_key": "sk-api-1"}, headers=api.write
    )
    body = await edited.json()
    assert body["llm_api_key_set"] is True and "sk-api-1" not in await edited.text()
    await api.client.post(f"{base}/publish", json={"note": "hello"}, headers=api.write)
    versions = await (await api.client.get(f"{base}/versions", headers=api.read)).json()
    assert [(v["version"], v["note"]) for v in versions["versions"]] == [(1, "hello")]
    assert versions["versions"][0]["settings"]["greeting"] == "Hey"
    archived = await api.client.post(f"{base}/archive", headers=api.write)
    assert (await archived.json())["status"] == "archived"
    refused = await api.client.post(f"{base}/publish", headers=api.write)
    assert refused.status == 409
    restored = await api.client.post(f"{base}/restore", headers=api.write)
    assert (await restored.json())["status"] == "published"


async def test_another_creators_bot_is_invisible(api: Api) -> None:
    stranger = await factories.creator()
    await factories.bot(stranger, "not-yours")
    for method, path in [
        ("GET", "/api/v1/bots/not-yours"),
        ("PATCH", "/api/v1/bots/not-yours"),
        ("GET", "/api/v1/bots/not-yours/programs"),
        ("GET", "/api/v1/bots/not-yours/documents"),
        ("GET", "/api/v1/bots/not-yours/versions"),
        ("POST", "/api/v1/bots/not-yours/publish"),
        ("POST", "/api/v1/bots/not-yours/archive"),
        ("POST", "/api/v1/bots/not-yours/knowledge/ask"),
        ("GET", "/api/v1/bots/not-yours/channels/health"),
        ("POST", "/api/v1/bots/not-yours/programs/x/preview"),
    ]:
        response = await api.client.request(method, path, json={}, headers=api.write)
        assert response.status == 404, path


async def test_programs_import_publish_export_and_enroll(api: Api) -> None:
    base = "/api/v1/bots/guide/programs"
    text = EXAMPLE.read_text()
    yaml_headers = api.write | {"Content-Type": "application/yaml"}
    imported = await api.client.post(base, data=text, headers=yaml_headers)
    assert imported.status == 201, await imported.text()
    code = (await imported.json())["code"]
    published = await api.client.post(f"{base}/{code}/publish", headers=api.write)
    assert (await published.json())["version"] == 1
    exported = await api.client.get(f"{base}/{code}?format=yaml", headers=api.read)
    assert exported.status == 200 and f"code: {code}" in await exported.text()
    # a learner who has talked to the bot on the widget can be enrolled by their session
    chat = await api.client.post(
        "/widget/guide/messages",
        json={"session": "learner-0001", "id": "m1", "text": "hello"},
        headers={"X-Parley-Key": api.running.bot.public_key},
    )
    assert chat.status == 200
    enrolled = await api.client.post(
        f"{base}/{code}/enrollments",
        json={"channel": "web", "external_id": "learner-0001"},
        headers=api.write,
    )
    assert enrolled.status == 201, await enrolled.text()
    assert (await enrolled.json())["status"] == "active"
    assert await ProgramEnrollment.all().count() == 1
    nobody = await api.client.post(
        f"{base}/{code}/enrollments",
        json={"channel": "web", "external_id": "never-seen"},
        headers=api.write,
    )
    assert nobody.status == 404


async def test_bad_program_bodies_get_reasons(api: Api) -> None:
    base = "/api/v1/bots/guide/programs"
    as_text = await api.client.post(
        base, data="code: x", headers=api.write | {"Content-Type": "text/plain"}
    )
    assert as_text.status == 415
    broken = await api.client.post(
        base, data="code: [", headers=api.write | {"Content-Type": "application/yaml"}
    )
    assert broken.status == 400 and "not valid YAML" in (await broken.json())["error"]["message"]
    invalid = await api.client.post(
        base,
        json={"code": "x1", "title": "T", "steps": [{"id": "q", "kind": "quiz", "text": "?"}]},
        headers=api.write,
    )
    reason = (await invalid.json())["error"]["message"]
    assert invalid.status == 400 and "step 'q'" in reason


async def test_channels_are_connected_with_secrets_encrypted_and_hidden(
    db: str, tmp_path: Path
) -> None:
    fake = FakeTelegramAPI()
    token = "123456:API-test-token"
    fake.tokens.add(token)
    await fake.start()
    settings = app_settings(db, tmp_path).model_copy(
        update={
            "telegram": TelegramSettings(api_base=fake.base_url),
            "public_url": "https://parley.example",
        }
    )
    services = Services.build(settings, knowledge=KnowledgeService(settings))
    owner = await factories.creator()
    await factories.bot(owner, "tg-api")
    key = await issue_api_key(owner, ["read", "write"])
    auth = {"Authorization": f"Bearer {key.token}"}
    app = create_app(settings, manage_db=False, services=services, run_background=False)
    async with TestClient(TestServer(app)) as client:
        added = await client.post(
            "/api/v1/bots/tg-api/channels/telegram", json={"token": token}, headers=auth
        )
        assert added.status == 201, await added.text()
        assert token not in await added.text()
        hook = "https://parley.example/telegram/tg-api/webhook"
        assert (await added.json())["webhook"] == hook
        assert [c.params["url"] for c in fake.calls_of("setWebhook")] == [hook]
        bad = await client.post(
            "/api/v1/bots/tg-api/channels/whatsapp",
            json={"account_sid": "nope", "auth_token": "t", "from": "whatsapp:+1"},
            headers=auth,
        )
        assert bad.status == 400 and "--account-sid" in (await bad.json())["error"]["message"]
        good = await client.post(
            "/api/v1/bots/tg-api/channels/whatsapp",
            json={
                "account_sid": "AC" + "0" * 32,
                "auth_token": "t",
                "from": "whatsapp:+14155238886",
            },
            headers=auth,
        )
        urls = await good.json()
        assert urls["incoming_url"] == "https://parley.example/whatsapp/tg-api/webhook"
        assert urls["status_callback_url"] == "https://parley.example/whatsapp/tg-api/status"
        health = await (
            await client.get("/api/v1/bots/tg-api/channels/health", headers=auth)
        ).json()
        kinds = {h["type"]: h for h in health["channels"]}
        assert kinds["telegram"]["connected"] and kinds["telegram"]["name"] == "@parley_test_bot"
        assert kinds["whatsapp"]["last_inbound"] is None and kinds["web"]["blocked_learners"] == 0
    await fake.close()
    assert (await Channel.get(channel_type="telegram")).secret == token
    assert [c.token for c in fake.calls_of("getMe")] == [token]


async def settled(api: Api, doc_id: str) -> dict[str, Any]:
    """The document once the background worker is done with it."""
    for _ in range(300):
        response = await api.client.get(f"/api/v1/bots/guide/documents/{doc_id}", headers=api.read)
        doc: dict[str, Any] = await response.json()
        if doc["status"] in ("ready", "failed"):
            return doc
        await asyncio.sleep(0.05)
    raise AssertionError(f"document {doc_id} still {doc['status']}")


async def test_knowledge_upload_dedup_list_and_remove(api: Api) -> None:
    base = "/api/v1/bots/guide/documents"
    form = FormData()
    form.add_field("file", b"# Breathing\n\nBreathe in for four counts.", filename="breath.md")
    form.add_field("file", b"Stretch your back every hour.", filename="stretch.txt")
    added = await api.client.post(base, data=form, headers=api.write)
    assert added.status == 202, await added.text()
    queued = (await added.json())["documents"]
    assert [d["status"] for d in queued] == ["pending", "pending"]
    document = await settled(api, queued[0]["id"])
    assert document["title"] == "Breathing" and document["chunks"] == 1
    assert (await settled(api, queued[1]["id"]))["status"] == "ready"
    again = FormData()
    again.add_field("file", b"# Breathing\n\nBreathe in for four counts.", filename="copy.md")
    same = await api.client.post(base, data=again, headers=api.write)
    duplicate = await settled(api, (await same.json())["document"]["id"])
    assert duplicate["status"] == "failed" and "same content as 'Breathing'" in duplicate["error"]
    inline = await api.client.post(
        base,
        json={"title": "Posture", "text": "Sit tall with relaxed shoulders."},
        headers=api.write,
    )
    assert inline.status == 202
    await settled(api, (await inline.json())["document"]["id"])
    listed = await (await api.client.get(base, headers=api.read)).json()
    titles = sorted(d["title"] for d in listed["documents"] if d["status"] == "ready")
    assert titles == ["Breathing", "Parley guide", "Posture", "stretch.txt"]
    assert listed["total"] == 5 and listed["counts"] == {
        "pending": 0,
        "processing": 0,
        "ready": 4,
        "failed": 1,
    }
    paged = await (await api.client.get(f"{base}?limit=2&offset=3", headers=api.read)).json()
    assert [d["id"] for d in paged["documents"]] == [d["id"] for d in listed["documents"][3:5]]
    assert paged["total"] == 5 and paged["limit"] == 2 and paged["offset"] == 3
    for bad in ("limit=0", "limit=501", "offset=-1", "limit=x", "page=2"):
        refused = await api.client.get(f"{base}?{bad}", headers=api.read)
        assert refused.status == 400, bad
        assert (await refused.json())["error"]["message"].startswith("invalid request: ")
    removed = await api.client.delete(f"{base}/{document['id']}", headers=api.write)
    assert removed.status == 200
    listed = await (await api.client.get(base, headers=api.read)).json()
    assert "Breathing" not in [d["title"] for d in listed["documents"]]
    gone = await api.client.delete(f"{base}/{document['id']}", headers=api.write)
    assert gone.status == 404


async def test_knowledge_reindex_and_retrieval_test(api: Api) -> None:
    base = "/api/v1/bots/guide/documents"
    guide = (await (await api.client.get(base, headers=api.read)).json())["documents"][0]
    again = await api.client.post(f"{base}/{guide['id']}/reindex", headers=api.write)
    assert again.status == 202 and (await again.json())["status"] == "pending"
    assert (await settled(api, guide["id"]))["chunks"] == guide["chunks"]
    messages = await Message.all().count()
    asked = await api.client.post(
        "/api/v1/bots/guide/knowledge/ask",
        json={"question": "When are quiet hours?"},
        headers=api.write,
    )
    body = await asked.json()
    assert asked.status == 200, body
    assert body["chunks"][0]["heading"].endswith("Quiet hours") and body["chunks"][0]["score"] > 0
    assert "21:00" in body["reply"]["text"]
    assert body["reply"]["citations"][0]["title"] == "Parley guide"
    assert await Message.all().count() == messages  # a preview stores no conversation


async def test_knowledge_bad_input_gets_4xx_reasons(api: Api) -> None:
    base = "/api/v1/bots/guide/documents"
    exe = FormData()
    exe.add_field("file", b"fine", filename="fine.txt")  # nothing is queued if one file is bad
    exe.add_field("file", b"MZ\x90\x00", filename="tool.exe")
    unsupported = await api.client.post(base, data=exe, headers=api.write)
    assert unsupported.status == 415 and ".exe" in (await unsupported.json())["error"]["message"]
    both = await api.client.post(
        base, json={"url": "http://x.test", "text": "y"}, headers=api.write
    )
    assert (
        both.status == 400 and "either 'url' or 'text'" in (await both.json())["error"]["message"]
    )
    big = FormData()
    big.add_field("file", b"a" * (21 * 1024 * 1024), filename="big.txt")
    too_big = await api.client.post(base, data=big, headers=api.write)
    assert too_big.status == 413
    empty = FormData()
    empty.add_field("file", b"   ", filename="empty.txt")
    blank = await api.client.post(base, data=empty, headers=api.write)
    assert blank.status == 422 and "empty" in (await blank.json())["error"]["message"]
    names = ["tool.exe", "fine.txt", "big.txt", "empty.txt"]
    assert await Document.filter(title__in=names).count() == 0


async def test_program_preview_runs_the_draft_for_scripted_learners(api: Api) -> None:
    base = "/api/v1/bots/guide/programs"
    yaml_headers = api.write | {"Content-Type": "application/yaml"}
    imported = await api.client.post(base, data=EXAMPLE.read_text(), headers=yaml_headers)
    code = (await imported.json())["code"]
    bad = await api.client.post(
        f"{base}/{code}/preview", json={"days": 400, "tz": "UTC"}, headers=api.write
    )
    assert bad.status == 400 and "days" in (await bad.json())["error"]["message"]
    ran = await api.client.post(
        f"{base}/{code}/preview",
        json={"days": 3, "learners": 2, "tz": "Asia/Tokyo"},
        headers=api.write,
    )
    events = (await ran.json())["events"]
    assert ran.status == 200, events
    steps = [e for e in events if e["kind"] == "step"]
    assert steps and {e["learner"] for e in steps} == {"learner-1", "learner-2"}
    assert all(e["local"].endswith("+09:00") and 1 <= e["day"] <= 4 for e in events)
    assert not await ProgramEnrollment.all().exists()  # the preview wrote nothing here
