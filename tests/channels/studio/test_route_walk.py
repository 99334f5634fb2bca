"""Every studio route, read from the sub-app's own route table (later pages are covered too).

- signed out: every non-public route sends the browser to /studio/login;
- a viewer: every state-changing route answers 403 and changes nothing;
- another workspace's objects: every route naming one answers 404 and changes nothing;
- cross-site or tokenless writes: 403 and nothing changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import make_mocked_request
from tortoise import Tortoise, connections

from channels.studio.security import PERSONAL, PUBLIC, SAFE_METHODS, access_of
from tests.channels.studio.tenancy import TENANT_OBJECTS
from tests.channels.studio.world import Studio, StudioClient, Tenant

PARAM = re.compile(r"\{(\w+)(?::[^}]*)?\}")


@dataclass(frozen=True)
class Route:
    method: str
    template: str  # the full path, e.g. "/studio/members/{member_id}/role"
    handler: Any

    @property
    def params(self) -> list[str]:
        return PARAM.findall(self.template)

    @property
    def access(self) -> str:
        return access_of(self.handler, self.method)

    @property
    def writes(self) -> bool:
        return self.method not in SAFE_METHODS


def studio_app(app: web.Application) -> web.Application:
    for resource in app.router.resources():
        info = resource.get_info()
        if isinstance(resource, web.PrefixedSubAppResource) and info["prefix"] == "/studio":
            sub: web.Application = info["app"]
            return sub
    raise AssertionError("no /studio sub-application mounted")


def studio_routes(app: web.Application) -> list[Route]:
    routes = []
    for route in studio_app(app).router.routes():
        if isinstance(route.resource, web.StaticResource) or route.method == "HEAD":
            continue
        assert route.resource is not None
        routes.append(Route(route.method, route.resource.canonical, route.handler))
    assert all(r.template.startswith("/studio/") for r in routes)
    return routes


async def fill(route: Route, tenant: Tenant, app: web.Application) -> str:
    """The route's path naming `tenant`'s objects; it must resolve to this very route."""
    path = route.template
    for name in route.params:
        path = PARAM.sub(await TENANT_OBJECTS[name](tenant), path, count=1)
    match = await app.router.resolve(make_mocked_request(route.method, path, app=app))
    assert match.http_exception is None and match.handler is route.handler, (route, path)
    return path


async def snapshot() -> dict[str, list[str]]:
    """Every row of every table, as text: equal snapshots mean nothing changed."""
    conn = connections.get("default")
    tables = sorted(m._meta.db_table for m in Tortoise.apps["models"].values())
    state = {}
    for table in tables:
        rows = await conn.execute_query_dict(f'SELECT * FROM "{table}"')
        state[table] = sorted(repr(sorted(r.items())) for r in rows)
    return state


async def call(client: StudioClient, route: Route, path: str, **kwargs: Any) -> int:
    response = await client.request(route.method, path, data={}, **kwargs)
    await response.read()
    return response.status


def changed(before: dict[str, list[str]], after: dict[str, list[str]]) -> list[str]:
    return [t for t in before if before[t] != after[t]]


@pytest.fixture
def routes(studio: Studio) -> list[Route]:
    return studio_routes(studio.server.app)


def test_the_walk_knows_every_url_parameter(routes: list[Route]) -> None:
    unknown = {p for r in routes for p in r.params} - set(TENANT_OBJECTS)
    assert not unknown, f"add these to tests/channels/studio/tenancy.py: {sorted(unknown)}"
    assert len(routes) >= 10


async def test_signed_out_requests_go_to_sign_in(
    studio: Studio, routes: list[Route], anonymous: StudioClient
) -> None:
    await anonymous.get("/studio/login")  # a session with a CSRF token, like a real browser
    for route in routes:
        if route.access == PUBLIC:
            continue
        path = await fill(route, studio.mine, studio.server.app)
        before = await snapshot()
        response = await anonymous.request(route.method, path, data={})
        assert response.status == 302, (route, response.status)
        assert response.headers["Location"].startswith("/studio/login?next="), route
        assert not changed(before, await snapshot()), route


async def test_a_viewer_cannot_change_anything(
    studio: Studio, routes: list[Route], as_viewer: StudioClient
) -> None:
    writes = [r for r in routes if r.writes and r.access not in {PUBLIC, PERSONAL}]
    assert writes
    for route in writes:
        path = await fill(route, studio.mine, studio.server.app)
        before = await snapshot()
        assert await call(as_viewer, route, path) == 403, route
        assert not changed(before, await snapshot()), route


async def test_objects_of_another_workspace_are_not_found(
    studio: Studio, routes: list[Route], as_owner: StudioClient
) -> None:
    named = [r for r in routes if r.params and r.access != PUBLIC]
    assert named
    for route in named:
        path = await fill(route, studio.other, studio.server.app)
        before = await snapshot()
        assert await call(as_owner, route, path) == 404, (route, path)
        assert not changed(before, await snapshot()), route


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Referer": "https://evil.example/page"},
        {"X-CSRF-Token": "not-the-token"},
    ],
    ids=["sec-fetch-site", "origin", "null-origin", "referer", "token"],
)
async def test_cross_site_and_tokenless_writes_are_refused(
    studio: Studio, routes: list[Route], as_owner: StudioClient, headers: dict[str, str]
) -> None:
    for route in (r for r in routes if r.writes):
        path = await fill(route, studio.mine, studio.server.app)
        before = await snapshot()
        sent = {"Origin": as_owner.origin, "X-CSRF-Token": as_owner.csrf} | headers
        if "Referer" in headers:
            sent.pop("Origin")
        response = await as_owner.http.request(
            route.method, path, data={}, headers=sent, allow_redirects=False
        )
        assert response.status == 403, (route, response.status)
        assert not changed(before, await snapshot()), route
