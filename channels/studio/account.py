"""Signing in and out, the first-run account, the account page and the workspace switcher."""

from __future__ import annotations

from functools import cache
from zoneinfo import available_timezones

from aiohttp import web
from aiohttp_session import get_session, new_session

from bot import accounts, people
from bot.errors import Conflict, InvalidInput, NotFound
from bot.workspaces import workspaces_of
from channels.studio.forms import client_address, fields, safe_next
from channels.studio.render import flash, render
from channels.studio.security import (
    CLOCK,
    CURRENT,
    csrf_token,
    current,
    personal,
    public,
)
from channels.studio.settings import STUDIO_CONFIG
from models import Person


@cache
def time_zones() -> list[str]:
    return sorted(z for z in available_timezones() if "/" in z or z == "UTC")


async def sign_in(request: web.Request, person: Person) -> None:
    """A fresh session (new cookie, new CSRF token, new session row) for this person."""
    now = request.app[CLOCK].now()
    old = await get_session(request)
    if old.get("sid"):
        await people.end_session(str(old["sid"]), now=now)
    session = await new_session(request)
    row = await people.start_session(person, now=now)
    session["sid"] = str(row.id)
    spaces = await workspaces_of(person.id)
    if spaces:
        session["ws"] = str(spaces[0].creator_id)
    csrf_token(session)


@public
async def login_page(request: web.Request) -> web.StreamResponse:
    if CURRENT in request:
        raise web.HTTPFound("/studio/")
    if await people.first_run(now=request.app[CLOCK].now()):
        raise web.HTTPFound("/studio/setup")
    signed_out = "signed_out" in request.query
    ctx = {"next": request.query.get("next", ""), "email": "", "error": None}
    return await render(request, "login.html", ctx | {"signed_out": signed_out})


@public
async def login(request: web.Request) -> web.StreamResponse:
    form = await fields(request)
    email, target = form.get("email", ""), form.get("next", "")
    ctx = {"next": target, "email": email, "signed_out": False}
    try:
        person = await people.authenticate(
            email,
            form.get("password", ""),
            address=client_address(request),
            now=request.app[CLOCK].now(),
        )
    except people.SignInThrottled as exc:
        headers = {"Retry-After": str(exc.retry_after)}
        return await render(
            request, "login.html", ctx | {"error": str(exc)}, status=429, headers=headers
        )
    except people.SignInFailed:
        ctx["error"] = "Wrong email or password."
        return await render(request, "login.html", ctx, status=401)
    await sign_in(request, person)
    raise web.HTTPFound(safe_next(target))


@personal
async def logout(request: web.Request) -> web.StreamResponse:
    await people.end_session(str(current(request).session_id), now=request.app[CLOCK].now())
    (await get_session(request)).invalidate()
    raise web.HTTPFound("/studio/login?signed_out=1")


def bootstrap_needed(request: web.Request) -> bool:
    return request.app[STUDIO_CONFIG].bootstrap_token is not None


@public
async def setup_page(request: web.Request) -> web.StreamResponse:
    if not await people.first_run(now=request.app[CLOCK].now()):
        raise web.HTTPFound("/studio/login")
    ctx = {"form": {"token": request.query.get("token", "")}, "errors": {}, "error": None}
    return await render(request, "setup.html", ctx | {"needs_token": bootstrap_needed(request)})


@public
async def setup(request: web.Request) -> web.StreamResponse:
    if not await people.first_run(now=request.app[CLOCK].now()):
        raise web.HTTPConflict(reason="the first account already exists; sign in instead")
    form = await fields(request)
    ctx: dict[str, object] = {"form": form, "needs_token": bootstrap_needed(request)}
    ctx |= {"errors": {}, "error": None}
    expected = request.app[STUDIO_CONFIG].bootstrap_token
    if expected is not None and not people.tokens_match(expected, form.get("token", "")):
        ctx["errors"] = {
            "token": "This setup token is wrong: copy it from the `parley serve` output."
        }
        return await render(request, "setup.html", ctx, status=403)
    try:
        creator = await accounts.create_creator(
            form.get("email", ""),
            form.get("password", ""),
            company_name=form.get("workspace") or None,
            first_name=form.get("display_name", "")[:100],
        )
    except (InvalidInput, Conflict) as exc:
        ctx["error"] = str(exc)
        return await render(request, "setup.html", ctx, status=400)
    await sign_in(request, await people.get_person(creator.email))
    await flash(request, "Your studio is ready. Start by creating a bot.")
    raise web.HTTPFound("/studio/")


@personal
async def account_page(request: web.Request) -> web.StreamResponse:
    return await render(request, "account.html", await _account_context(request))


async def _account_context(request: web.Request, **extra: object) -> dict[str, object]:
    person = current(request).person
    profile = {"display_name": person.display_name, "time_zone": person.time_zone}
    base = {"profile": profile, "zones": time_zones(), "errors": {}, "password_error": None}
    return base | extra


@personal
async def update_profile(request: web.Request) -> web.StreamResponse:
    form = await fields(request)
    try:
        await people.update_profile(
            current(request).person,
            display_name=form.get("display_name", ""),
            time_zone=form.get("time_zone", "UTC"),
        )
    except InvalidInput as exc:
        ctx = await _account_context(request, errors={"profile": str(exc)})
        ctx["profile"] = form
        return await render(request, "account.html", ctx, status=400)
    await flash(request, "Profile saved.")
    raise web.HTTPFound("/studio/account")


@personal
async def change_password(request: web.Request) -> web.StreamResponse:
    form = await fields(request)
    who = current(request)
    try:
        await people.change_password(
            who.person,
            form.get("current_password", ""),
            form.get("new_password", ""),
            keep_session=who.session_id,
            now=request.app[CLOCK].now(),
        )
    except InvalidInput as exc:
        ctx = await _account_context(request, password_error=str(exc))
        return await render(request, "account.html", ctx, status=400)
    await flash(request, "Password changed. Your other sessions were signed out.")
    raise web.HTTPFound("/studio/account")


@personal
async def switch_workspace(request: web.Request) -> web.StreamResponse:
    form = await fields(request)
    chosen = form.get("workspace", "")
    if chosen not in {str(w.creator_id) for w in current(request).workspaces}:
        raise NotFound("you are not a member of that workspace")
    (await get_session(request))["ws"] = chosen
    raise web.HTTPFound("/studio/")


def add_routes(app: web.Application) -> None:
    app.router.add_get("/login", login_page, name="login")
    app.router.add_post("/login", login)
    app.router.add_post("/logout", logout, name="logout")
    app.router.add_get("/setup", setup_page, name="setup")
    app.router.add_post("/setup", setup)
    app.router.add_get("/account", account_page, name="account")
    app.router.add_post("/account/profile", update_profile)
    app.router.add_post("/account/password", change_password)
    app.router.add_post("/switch", switch_workspace, name="switch")
