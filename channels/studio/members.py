"""Members of the workspace: invitations by one-time link, roles, removal, accepting a link."""

from __future__ import annotations

from aiohttp import web
from aiohttp_session import get_session

from bot import workspaces
from bot.errors import Conflict, InvalidInput, NotFound
from channels.studio.account import sign_in
from channels.studio.forms import fields, object_id
from channels.studio.render import flash, render
from channels.studio.security import CLOCK, CURRENT, current, public, requires
from channels.studio.settings import STUDIO_CONFIG
from models import Role


def invitation_url(request: web.Request, token: str) -> str:
    return f"{request.app[STUDIO_CONFIG].public_url}/studio/invitations/{token}"


async def members_page(request: web.Request) -> web.StreamResponse:
    return await render(request, "members.html", await _context(request))


async def _context(request: web.Request, **extra: object) -> dict[str, object]:
    who = current(request)
    now = request.app[CLOCK].now()
    return {
        "members": await workspaces.members(who.creator_id),
        "invitations": await workspaces.pending_invitations(who.creator_id, now=now),
        "roles": [r.value for r in (Role.OWNER, Role.EDITOR, Role.VIEWER)],
        "is_owner": who.role == Role.OWNER,
        "new_link": None,
        "error": None,
    } | extra


@requires(Role.OWNER)
async def create_invitation(request: web.Request) -> web.StreamResponse:
    form = await fields(request)
    who = current(request)
    try:
        role = workspaces.parse_role(form.get("role", ""))
    except InvalidInput as exc:
        return await render(
            request, "members.html", await _context(request, error=str(exc)), status=400
        )
    issued = await workspaces.invite(
        who.creator_id,
        role,
        now=request.app[CLOCK].now(),
        email=form.get("email", ""),
        actor=who.person,
    )
    link = invitation_url(request, issued.token)
    return await render(request, "members.html", await _context(request, new_link=link), status=201)


@requires(Role.OWNER)
async def revoke_invitation(request: web.Request) -> web.StreamResponse:
    who = current(request)
    await workspaces.revoke_invitation(
        who.creator_id,
        object_id(request, "invitation_id"),
        now=request.app[CLOCK].now(),
        actor=who.person,
    )
    await flash(request, "Invitation revoked: its link no longer works.")
    raise web.HTTPSeeOther("/studio/members")


@requires(Role.OWNER)
async def change_role(request: web.Request) -> web.StreamResponse:
    who = current(request)
    form = await fields(request)
    member_id = (await workspaces.get_member(who.creator_id, object_id(request, "member_id"))).id
    try:
        role = workspaces.parse_role(form.get("role", ""))
        member = await workspaces.change_role(who.creator_id, member_id, role, actor=who.person)
    except (InvalidInput, Conflict) as exc:
        return await render(
            request,
            "members.html",
            await _context(request, error=str(exc)),
            status=409 if isinstance(exc, Conflict) else 400,
        )
    await flash(request, f"{member.person.email} is now {member.role}.")
    raise web.HTTPSeeOther("/studio/members")


@requires(Role.OWNER)
async def remove_member(request: web.Request) -> web.StreamResponse:
    who = current(request)
    try:
        await workspaces.remove_member(
            who.creator_id, object_id(request, "member_id"), actor=who.person
        )
    except Conflict as exc:
        return await render(
            request, "members.html", await _context(request, error=str(exc)), status=409
        )
    await flash(request, "Member removed from the workspace.")
    raise web.HTTPSeeOther("/studio/members")


@public
async def invitation_page(request: web.Request) -> web.StreamResponse:
    token = request.match_info["token"]
    try:
        invitation = await workspaces.open_invitation(token, now=request.app[CLOCK].now())
    except NotFound as exc:
        return await render(request, "invitation.html", {"invalid": str(exc)}, status=404)
    ctx = {
        "invalid": None,
        "token": token,
        "workspace": workspaces.workspace_name(invitation.creator),
        "role": invitation.role,
        "form": {"email": invitation.email},
        "error": None,
    }
    return await render(request, "invitation.html", ctx)


@public
async def accept_invitation(request: web.Request) -> web.StreamResponse:
    token = request.match_info["token"]
    now = request.app[CLOCK].now()
    who = request.get(CURRENT)
    if who is not None:
        member = await workspaces.accept(token, who.person, now=now)
        await _enter(request, str(member.creator_id))
        raise web.HTTPSeeOther("/studio/")
    form = await fields(request)
    try:
        person, member = await workspaces.accept_as_new(
            token,
            email=form.get("email", ""),
            password=form.get("password", ""),
            display_name=form.get("display_name", ""),
            now=now,
        )
    except (InvalidInput, Conflict) as exc:
        invitation = await workspaces.open_invitation(token, now=now)
        ctx = {
            "invalid": None,
            "token": token,
            "workspace": workspaces.workspace_name(invitation.creator),
            "role": invitation.role,
            "form": form,
            "error": str(exc),
        }
        return await render(request, "invitation.html", ctx, status=400)
    await sign_in(request, person)
    await _enter(request, str(member.creator_id))
    raise web.HTTPSeeOther("/studio/")


async def _enter(request: web.Request, creator_id: str) -> None:
    (await get_session(request))["ws"] = creator_id
    await flash(request, "Welcome to the workspace.")


def add_routes(app: web.Application) -> None:
    app.router.add_get("/members", members_page, name="members")
    app.router.add_post("/members/invitations", create_invitation)
    app.router.add_post("/members/invitations/{invitation_id}/revoke", revoke_invitation)
    app.router.add_post("/members/{member_id}/role", change_role)
    app.router.add_post("/members/{member_id}/remove", remove_member)
    app.router.add_get("/invitations/{token}", invitation_page, name="invitation")
    app.router.add_post("/invitations/{token}", accept_invitation)
