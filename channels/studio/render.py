"""Rendering studio pages: the shared context, htmx partials (template blocks), flash, errors."""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from aiohttp.typedefs import Handler
from aiohttp_session import get_session
from jinja2_fragments import render_block

from bot.errors import ParleyError
from channels.http_errors import HttpError, status_for
from channels.studio.security import CSRF_FIELD, CSRF_HEADER, CURRENT, csrf_token

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
TEMPLATES_DIR = HERE / "templates"
STATIC_PREFIX = "/studio/static/"

# (label, path) of every page, in nav order; pages another module adds appear here once.
NAV: list[tuple[str, str]] = [
    ("Home", "/studio/"),
    ("Inbox", "/studio/inbox"),
    ("Conversations", "/studio/conversations"),
    ("Analytics", "/studio/analytics"),
    ("Bots", "/studio/bots"),
    ("Knowledge", "/studio/knowledge"),
    ("Channels", "/studio/channels"),
    ("Programs", "/studio/programs"),
    ("Try the bot", "/studio/try"),
    ("Webhooks", "/studio/webhooks"),
    ("API keys", "/studio/api-keys"),
    ("Audit log", "/studio/audit"),
    ("Members", "/studio/members"),
    ("Settings", "/studio/settings"),
    ("Account", "/studio/account"),
]


@cache
def asset_versions() -> dict[str, str]:
    """Short content hashes of vendored files, from SHA256SUMS, to bust caches on refresh."""
    sums = STATIC_DIR / "vendor" / "SHA256SUMS"
    pairs = (line.split() for line in sums.read_text().splitlines() if line.strip())
    return {f"vendor/{name}": digest[:12] for digest, name in pairs}


def static_url(path: str) -> str:
    version = asset_versions().get(path)
    if version is None:
        version = str(int((STATIC_DIR / path).stat().st_mtime))
    return f"{STATIC_PREFIX}{path}?v={version}"


def setup_templates(app: web.Application) -> jinja2.Environment:
    env = aiohttp_jinja2.setup(
        app,
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=jinja2.select_autoescape(default=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(static=static_url, NAV=NAV, CSRF_FIELD=CSRF_FIELD, CSRF_HEADER=CSRF_HEADER)
    return env


async def flash(request: web.Request, text: str, *, kind: str = "success") -> None:
    """A message shown once, on the next page this person sees (after a redirect)."""
    session = await get_session(request)
    session["flash"] = [*session.get("flash", []), [kind, text]]


async def base_context(request: web.Request, *, whole_page: bool = True) -> dict[str, Any]:
    """What every template sees. Flash messages are shown, and used up, only by a whole page:
    a partial (an htmx refresh racing a post/redirect/get) must not eat the redirect's message."""
    session = await get_session(request)
    messages = session.pop("flash", []) if whole_page else []
    return {
        "request": request,
        "current": request.get(CURRENT),
        "csrf": csrf_token(session),
        "flashes": messages,
        "path": request.path,
    }


async def render(
    request: web.Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    status: int = 200,
    block: str | None = None,
    headers: dict[str, str] | None = None,
) -> web.Response:
    """The whole page, or just `block` of it (what an htmx request swaps in)."""
    ctx = await base_context(request, whole_page=block is None) | (context or {})
    if block is None:
        response = aiohttp_jinja2.render_template(template, request, ctx, status=status)
    else:
        html = render_block(aiohttp_jinja2.get_env(request.app), template, block, **ctx)
        response = web.Response(text=html, status=status, content_type="text/html")
    response.headers.update(headers or {})
    return response


def wants_block(request: web.Request) -> bool:
    """An htmx request that is not a full navigation (boosted links want the whole page)."""
    return bool(request.headers.get("HX-Request")) and not request.headers.get("HX-Boosted")


async def error_page(request: web.Request, status: int, reason: str) -> web.Response:
    return await render(request, "error.html", {"status": status, "reason": reason}, status=status)


@web.middleware
async def errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """One error boundary for the studio: 4xx become a page saying what to do, never JSON."""
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        response = await error_page(request, exc.status, exc.reason)
        for name in ("Retry-After", "Allow"):
            if name in exc.headers:
                response.headers[name] = exc.headers[name]
        return response
    except HttpError as exc:
        response = await error_page(request, exc.status, exc.reason)
        response.headers.update(exc.headers)
        return response
    except ParleyError as exc:
        return await error_page(request, status_for(exc), str(exc))
