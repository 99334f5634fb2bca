"""Studio request security: the encrypted session cookie, CSRF defence and sign-in/role checks.

Middleware order (outermost first): errors → session → csrf → auth. Handlers declare who may
call them with `@public`, `@personal` or `@requires(Role.X)`; undeclared handlers need a
viewer for safe methods and an editor for writes.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import quote, urlsplit
from uuid import UUID

from aiohttp import web
from aiohttp.typedefs import Handler
from aiohttp_session import Session, get_session, session_middleware
from aiohttp_session.cookie_storage import EncryptedCookieStorage

from bot import people
from bot.clock import Clock
from bot.workspaces import Workspace, allows, workspaces_of
from models import Person, Role

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
COOKIE_NAME = "parley_studio"
ACCESS = "studio_access"
PUBLIC, PERSONAL = "public", "personal"
LOGIN_PATH = "/studio/login"
H = TypeVar("H", bound=Callable[..., Awaitable[web.StreamResponse]])


@dataclass
class Current:
    """Who is calling: the person, their session row and the workspace they are working in."""

    person: Person
    session_id: UUID
    workspace: Workspace | None
    workspaces: list[Workspace]

    @property
    def creator_id(self) -> UUID:
        if self.workspace is None:
            raise web.HTTPForbidden(reason="you are not a member of any workspace")
        return self.workspace.creator_id

    @property
    def role(self) -> Role | None:
        return self.workspace.role if self.workspace else None


CURRENT = web.RequestKey("studio_current", Current)
CLOCK = web.AppKey("studio_clock", Clock)
ALLOWED_HOSTS = web.AppKey("studio_allowed_hosts", frozenset)


def public(handler: H) -> H:
    """Anyone may call this (sign-in, first run, invitation links)."""
    setattr(handler, ACCESS, PUBLIC)
    return handler


def personal(handler: H) -> H:
    """Any signed-in person, whatever their role: it touches only their own account."""
    setattr(handler, ACCESS, PERSONAL)
    return handler


def requires(role: Role) -> Callable[[H], H]:
    """At least `role` in the current workspace, for every method of this handler."""

    def mark(handler: H) -> H:
        setattr(handler, ACCESS, role)
        return handler

    return mark


def access_of(handler: Any, method: str) -> str:
    declared = getattr(handler, ACCESS, None)
    if declared is not None:
        return str(declared)
    return Role.VIEWER if method in SAFE_METHODS else Role.EDITOR


def current(request: web.Request) -> Current:
    return request[CURRENT]


def require_role(request: web.Request, role: Role) -> Current:
    """The caller, if their role in the current workspace is at least `role`; else 403."""
    who = current(request)
    if who.role is None or not allows(who.role, role):
        raise web.HTTPForbidden(reason=f"this needs the {role} role in this workspace")
    return who


def session_key(secret: str) -> bytes:
    """32 bytes derived from the app's secret key (aiohttp-session makes it a Fernet key)."""
    return hmac.new(secret.encode(), b"parley-studio-session", hashlib.sha256).digest()


def session_storage(secret: str, *, https: bool, max_age: int) -> EncryptedCookieStorage:
    return EncryptedCookieStorage(
        session_key(secret),
        cookie_name=COOKIE_NAME,
        path="/studio",
        httponly=True,
        samesite="Lax",
        secure=https,
        max_age=max_age,
    )


def sessions(secret: str, *, https: bool) -> Callable[..., Any]:
    max_age = int(people.SESSION_LIFETIME.total_seconds())
    return session_middleware(session_storage(secret, https=https, max_age=max_age))


def csrf_token(session: Session) -> str:
    token = session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session["csrf"] = token
    return token


def _netloc(url: str) -> str:
    return urlsplit(url).netloc.lower()


def same_origin(request: web.Request) -> bool:
    """False when the browser says cross-site, or Origin/Referer name another host."""
    if request.headers.get("Sec-Fetch-Site", "").lower() == "cross-site":
        return False
    hosts = {request.host.lower(), *request.app[ALLOWED_HOSTS]}
    origin = request.headers.get("Origin")
    if origin and origin != "null":
        return _netloc(origin) in hosts
    if origin == "null":
        return False
    referer = request.headers.get("Referer")
    return _netloc(referer) in hosts if referer else True


async def sent_token(request: web.Request) -> str:
    header = request.headers.get(CSRF_HEADER)
    if header:
        return header
    if request.content_type in {"application/x-www-form-urlencoded", "multipart/form-data"}:
        value = (await request.post()).get(CSRF_FIELD)
        return value if isinstance(value, str) else ""
    return ""


@web.middleware
async def csrf(request: web.Request, handler: Handler) -> web.StreamResponse:
    if request.method in SAFE_METHODS:
        return await handler(request)
    if not same_origin(request):
        raise web.HTTPForbidden(reason="cross-site request refused")
    expected = (await get_session(request)).get("csrf")
    token = await sent_token(request)
    if not isinstance(expected, str) or not hmac.compare_digest(expected, token):
        raise web.HTTPForbidden(reason="the form expired; reload the page and try again")
    return await handler(request)


async def load_current(request: web.Request) -> Current | None:
    session = await get_session(request)
    sid = session.get("sid")
    if not sid:
        return None
    row = await people.live_session(str(sid), now=request.app[CLOCK].now())
    if row is None:
        session.invalidate()
        return None
    spaces = await workspaces_of(row.person_id)
    chosen = next((w for w in spaces if str(w.creator_id) == session.get("ws")), None)
    workspace = chosen or (spaces[0] if spaces else None)
    return Current(row.person, row.id, workspace, spaces)


def to_login(request: web.Request) -> web.StreamResponse:
    target = f"{LOGIN_PATH}?next={quote(request.path_qs, safe='')}"
    if request.headers.get("HX-Request"):
        return web.Response(status=401, headers={"HX-Redirect": target})
    raise web.HTTPFound(target)


@web.middleware
async def auth(request: web.Request, handler: Handler) -> web.StreamResponse:
    if isinstance(request.match_info.route.resource, web.StaticResource):
        return await handler(request)
    access = access_of(request.match_info.handler, request.method)
    who = await load_current(request)
    if who is not None:
        request[CURRENT] = who
    if access == PUBLIC:
        return await handler(request)
    if who is None:
        return to_login(request)
    if access != PERSONAL:
        require_role(request, Role(access))
    return await handler(request)


def allowed_hosts(public_url: str) -> frozenset[str]:
    return frozenset({_netloc(public_url)})


@web.middleware
async def headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    response = await handler(request)
    if isinstance(request.match_info.route.resource, web.StaticResource):
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response
    response.headers.setdefault("Cache-Control", "no-store")
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
    "form-action 'self'; base-uri 'none'; object-src 'none'"
)
