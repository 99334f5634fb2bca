"""Signing in and out: labelled form, throttling held in the database, session rotation."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from models import SignInFailure, StudioSession
from tests.channels.studio.world import PASSWORD, Studio, StudioClient, running_studio

LOGIN_FIELDS = (
    '<label for="f-email">Email</label>',
    '<label for="f-password">Password</label>',
    '<button type="submit">Sign in</button>',
)


async def test_login_form_names_its_fields(anonymous: StudioClient) -> None:
    html = await anonymous.page("/studio/login")
    for piece in LOGIN_FIELDS:
        assert piece in html
    assert 'name="csrf_token"' in html


async def test_sign_in_rotates_the_session_and_sign_out_ends_it(
    studio: Studio, anonymous: StudioClient
) -> None:
    await anonymous.get("/studio/login")
    before = anonymous.http.session.cookie_jar.filter_cookies(anonymous.http.make_url("/studio/"))
    old_cookie = before["parley_studio"].value
    response = await anonymous.sign_in(studio.mine.owner.email)
    assert response.status == 302 and response.headers["Location"] == "/studio/"
    cookie = response.cookies["parley_studio"]
    assert cookie.value != old_cookie
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["path"] == "/studio"
    assert not cookie["secure"]  # public_url is http in tests
    stolen = cookie.value
    assert await StudioSession.filter(person=studio.mine.owner, ended_at=None).count() == 1

    out = await anonymous.post("/studio/logout")
    assert out.status == 302 and out.headers["Location"] == "/studio/login?signed_out=1"
    assert await StudioSession.filter(person=studio.mine.owner, ended_at=None).count() == 0
    # A copy of the old cookie no longer opens anything: the session row is ended.
    replay = await studio.client()
    replay.http.session.cookie_jar.update_cookies(
        {"parley_studio": stolen}, response_url=replay.http.make_url("/studio/")
    )
    again = await replay.get("/studio/account")
    assert again.status == 302 and again.headers["Location"].startswith("/studio/login")


async def test_wrong_password_says_so_and_keeps_the_email(
    studio: Studio, anonymous: StudioClient
) -> None:
    response = await anonymous.sign_in(studio.mine.owner.email, "not-the-password")
    html = await response.text()
    assert response.status == 401
    assert "Wrong email or password." in html
    assert f'value="{studio.mine.owner.email}"' in html


async def test_five_failures_lock_the_account_for_15_minutes(
    studio: Studio, anonymous: StudioClient
) -> None:
    email = studio.mine.editor.email
    for _ in range(5):
        assert (await anonymous.sign_in(email, "wrong-password")).status == 401
    # Even the right password is refused now, from another address too (per-account bucket).
    locked = await anonymous.sign_in(email, PASSWORD)
    assert locked.status == 429
    assert 0 < int(locked.headers["Retry-After"]) <= 15 * 60 + 1
    assert "too many failed sign-ins" in await locked.text()
    assert await SignInFailure.all().count() == 10  # per account and per address, in the DB
    studio.clock.advance(timedelta(minutes=15, seconds=2))
    assert (await anonymous.sign_in(email, PASSWORD)).status == 302


async def test_one_address_failing_on_many_accounts_is_throttled(
    studio: Studio, anonymous: StudioClient
) -> None:
    for i in range(5):
        await anonymous.sign_in(f"nobody{i}@example.com", "wrong-password")
    blocked = await anonymous.sign_in(studio.mine.viewer.email, PASSWORD)
    assert blocked.status == 429
    assert int(blocked.headers["Retry-After"]) > 0


async def test_sign_in_goes_back_to_the_page_asked_for(
    studio: Studio, anonymous: StudioClient
) -> None:
    await anonymous.get("/studio/login?next=/studio/members")
    response = await anonymous.post(
        "/studio/login",
        {"email": studio.mine.owner.email, "password": PASSWORD, "next": "/studio/members"},
    )
    assert response.headers["Location"] == "/studio/members"
    evil = await studio.client()
    await evil.get("/studio/login")
    response = await evil.post(
        "/studio/login",
        {"email": studio.mine.owner.email, "password": PASSWORD, "next": "//evil.example/x"},
    )
    assert response.headers["Location"] == "/studio/"


async def test_cookie_is_secure_behind_https(db: str, tmp_path: Path) -> None:
    async with running_studio(db, tmp_path, public_url="https://studio.example") as studio:
        client = await studio.client()
        response = await client.get("/studio/login")
        cookie = response.cookies["parley_studio"]
        assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"


async def test_htmx_request_without_session_is_told_where_to_sign_in(
    anonymous: StudioClient,
) -> None:
    response = await anonymous.get("/studio/members", headers={"HX-Request": "true"})
    assert response.status == 401
    assert response.headers["HX-Redirect"] == "/studio/login?next=%2Fstudio%2Fmembers"
