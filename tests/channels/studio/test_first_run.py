"""First run: with nobody able to sign in, /studio offers the first account (token-guarded)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.people import bootstrap_token
from models import Creator, Membership, Person, Role
from tests.channels.studio.world import PASSWORD, running_studio


async def _wipe() -> None:
    await Creator.all().delete()
    await Person.all().delete()


async def test_dev_first_run_creates_the_owner_and_signs_in(db: str, tmp_path: Path) -> None:
    async with running_studio(db, tmp_path) as studio:
        await _wipe()
        client = await studio.client()
        first = await client.get("/studio/")
        assert first.headers["Location"].startswith("/studio/login")
        assert (await client.get("/studio/login")).headers["Location"] == "/studio/setup"
        html = await client.page("/studio/setup")
        assert "Setup token" not in html  # dev mode
        response = await client.post(
            "/studio/setup",
            {
                "workspace": "Ada's Club",
                "display_name": "Ada",
                "email": "Ada@Example.com",
                "password": PASSWORD,
            },
        )
        assert response.status == 302
        home = await client.page("/studio/")
        assert "Your studio is ready" in home and "Ada&#39;s Club" in home
        person = await Person.get(email="ada@example.com")
        member = await Membership.get(person=person).select_related("creator")
        assert member.role == Role.OWNER and member.creator.company_name == "Ada's Club"
        # Once someone can sign in, setup is closed.
        assert (await client.get("/studio/setup")).headers["Location"] == "/studio/login"
        late = await (await studio.client()).post("/studio/setup", {})
        assert late.status == 403  # no CSRF session yet: refused before anything else


async def test_production_first_run_needs_the_printed_token(db: str, tmp_path: Path) -> None:
    secret = "production-secret-key-for-tests"
    async with running_studio(db, tmp_path, env="production", secret_key=secret) as studio:
        await _wipe()
        client = await studio.client()
        html = await client.page("/studio/setup")
        assert '<label for="f-token">Setup token</label>' in html
        form = {"email": "ops@example.com", "password": PASSWORD, "token": "guess"}
        refused = await client.post("/studio/setup", form)
        assert refused.status == 403 and "setup token is wrong" in await refused.text()
        assert not await Person.exists(email="ops@example.com")
        form["token"] = bootstrap_token(secret)
        assert (await client.post("/studio/setup", form)).status == 302
        assert await Person.exists(email="ops@example.com")


async def test_serve_prints_the_setup_link_when_nobody_can_sign_in(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from aiohttp.test_utils import TestServer

    from channels.app import Services, create_app
    from tests.channels.studio.world import studio_settings

    await _wipe()
    secret = "production-secret-key-for-tests"
    settings = studio_settings(db, tmp_path, env="production", secret_key=secret)
    app = create_app(
        settings, manage_db=False, services=Services.build(settings), run_background=False
    )
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    await server.close()
    out = capsys.readouterr().out
    assert f"http://parley.test/studio/setup?token={bootstrap_token(secret)}" in out
