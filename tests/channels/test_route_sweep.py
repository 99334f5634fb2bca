"""Tenant isolation, swept over the routers' own route tables (`/api/v1`, `/widget`, `/studio`).

Two creators hold rows in every tenant table. Every route naming an object is called with
creator B's credentials on creator A's objects: 404, and no table changes. Expired, revoked and
under-scoped API keys get 401/403 and change nothing; routes naming nothing show B only B's rows.
A route with a URL parameter this sweep cannot fill fails the sweep (add it to `FILLERS`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientResponse, web
from aiohttp.test_utils import TestClient
from tortoise import Tortoise, connections

from bot.auth import issue_api_key, revoke_api_key
from channels.api.auth import READ_METHODS
from channels.api.contract import declaration_of
from channels.studio.security import PUBLIC, access_of
from models import Creator
from tests.channels.studio.tenancy import TENANT_OBJECTS, filler
from tests.channels.studio.world import Studio, Tenant, running_studio
from tests.channels.tenant_data import empty_tables, seed_everything

pytestmark = pytest.mark.slow  # two seeded tenants, a snapshot of every table per route
PARAM = re.compile(r"\{(\w+)(?::[^}]*)?\}")
SWEPT = ("/api/v1/", "/widget/", "/studio/")
# Columns that change by being used (a key's last use), not by what a route did.
VOLATILE = {"api_key": {"last_used_at"}, "studio_session": {"last_seen_at", "expires_at"}}
TODAY = datetime.now(UTC).date()
SPAN = {"from": str(TODAY - timedelta(days=30)), "to": str(TODAY)}
ADMIN_PREFIXES = ("/api/v1/members", "/api/v1/invitations", "/api/v1/api-keys", "/api/v1/audit")


@dataclass(frozen=True)
class Route:
    method: str
    template: str
    handler: Any

    @property
    def params(self) -> list[str]:
        return PARAM.findall(self.template)

    @property
    def area(self) -> str:
        return self.template.split("/")[1]  # api, widget or studio

    @property
    def writes(self) -> bool:
        return self.method not in READ_METHODS


def routes_of(app: web.Application) -> list[Route]:
    """Every swept route: the root router's and the mounted `/studio` sub-app's."""
    found = []
    for prefix, router in routers(app):
        for route in router.routes():
            if isinstance(route.resource, web.StaticResource) or route.method == "HEAD":
                continue
            assert route.resource is not None
            template = prefix + route.resource.canonical
            if template.startswith(SWEPT) and not template.endswith((".json", "/reference")):
                found.append(Route(route.method, template, route.handler))
    return found


def routers(app: web.Application) -> list[tuple[str, web.UrlDispatcher]]:
    found = [("", app.router)]
    for resource in app.router.resources():
        if isinstance(resource, web.PrefixedSubAppResource):
            found.append((resource.get_info()["prefix"], resource.get_info()["app"].router))
    return found


@dataclass
class World:
    studio: Studio
    ids: dict[str, dict[str, str]]  # tenant name -> parameter -> id
    tokens: dict[str, str]  # "other-admin", "mine-admin", "mine-read", "mine-expired", ...

    @property
    def routes(self) -> list[Route]:
        return routes_of(self.studio.server.app)

    async def http(self) -> TestClient[Any, Any]:
        return (await self.studio.client()).http


FILLERS = {"document", "learner", "code", "slug", "bot", "member_id", "invitation_id",
           "key_id", "token", "doc_id", "webhook_id", "conversation_id", "chart", "account",
           "certificate", "message_id"}  # fmt: skip


async def ids_of(tenant: Tenant, seeded: dict[str, str]) -> dict[str, str]:
    """Ids by URL parameter name; `bot` is the widget's name for the slug."""
    made = {n: await make(tenant) for n, make in TENANT_OBJECTS.items() if n not in seeded}
    ids = made | seeded | {"bot": tenant.bot.slug, "doc_id": seeded["document"]}
    assert set(ids) == FILLERS
    return ids


@pytest.fixture
async def world(db: str, tmp_path: Path) -> AsyncIterator[World]:
    async with running_studio(db, tmp_path) as studio:
        knowledge = studio.services.knowledge
        ids = {
            name: await ids_of(t, await seed_everything(t, knowledge))
            for name, t in (("mine", studio.mine), ("other", studio.other))
        }
        yield World(studio, ids, await tokens(studio.mine.creator, studio.other.creator))


async def tokens(mine: Creator, other: Creator) -> dict[str, str]:
    everything = ["read", "write", "admin"]
    past = datetime.now(UTC) - timedelta(minutes=1)
    revoked = await issue_api_key(mine, everything, name="revoked")
    await revoke_api_key(mine.id, revoked.row.id, now=datetime.now(UTC))
    return {
        "other-admin": (await issue_api_key(other, everything)).token,
        "mine-read": (await issue_api_key(mine, ["read"])).token,
        "mine-write": (await issue_api_key(mine, ["read", "write"])).token,
        "mine-expired": (await issue_api_key(mine, everything, expires_at=past)).token,
        "mine-revoked": revoked.token,
    }


def fill(route: Route, ids: dict[str, str], **overrides: str) -> str:
    values = ids | overrides
    return PARAM.sub(lambda m: values[filler(route.template, m.group(1))], route.template)


async def snapshot() -> dict[str, tuple[int, str]]:
    """Per table: row count and a hash of every row (volatile bookkeeping columns left out)."""
    conn = connections.get("default")
    state = {}
    for model in Tortoise.apps["models"].values():
        table = model._meta.db_table
        rows = await conn.execute_query_dict(f'SELECT * FROM "{table}"')
        skip = VOLATILE.get(table, set())
        text = sorted(repr(sorted((k, v) for k, v in r.items() if k not in skip)) for r in rows)
        state[table] = (len(rows), hashlib.sha256("\n".join(text).encode()).hexdigest())
    return state


def changed(before: dict[str, tuple[int, str]], after: dict[str, tuple[int, str]]) -> list[str]:
    return sorted(t for t in before if before[t] != after[t])


async def api_call(
    http: TestClient[Any, Any], route: Route, path: str, token: str, bot: str
) -> int:
    """The route called with an empty JSON body, a valid date range and `bot` (the insight
    routes' scope), so the ids are what is checked."""
    headers = {"Authorization": f"Bearer {token}"}
    query = accepted(route, SPAN | {"bot": bot})
    response = await http.request(route.method, path, json={}, headers=headers, params=query)
    return await status_of(response)


def accepted(route: Route, params: dict[str, str]) -> dict[str, str]:
    """Those of `params` the route's declared query takes (a strict one refuses the others)."""
    declared = declaration_of(route.handler)
    model = declared.query if declared else None
    names = {f.alias or n for n, f in model.model_fields.items()} if model else set()
    return {k: v for k, v in params.items() if k in names}


def streams(route: Route) -> bool:
    declared = declaration_of(route.handler)
    return declared is not None and declared.ok == "text/event-stream"


async def status_of(response: ClientResponse) -> int:
    body = await response.read()
    if response.status >= 400 and response.content_type == "application/json":
        assert set((await response.json())["error"]) == {"code", "message"}, body[:300]
    return response.status


# --- the sweep knows every route ------------------------------------------------------------


async def test_the_sweep_can_fill_every_id_parameter(world: World) -> None:
    unknown = sorted(
        f"{r.template}: {{{p}}}"
        for r in world.routes
        for p in r.params
        if filler(r.template, p) not in FILLERS
    )
    assert not unknown, f"teach tests/channels/test_route_sweep.py FILLERS these: {unknown}"
    areas = {r.area for r in world.routes if r.params}
    assert areas == {"api", "widget", "studio"}


async def test_both_creators_have_rows_in_every_tenant_table(world: World) -> None:
    for tenant in (world.studio.mine, world.studio.other):
        empty = await empty_tables(tenant.creator.id)
        assert not empty, f"seed these in tests/channels/tenant_data.py: {empty}"


# --- another tenant's objects: 404, nothing changes -----------------------------------------


async def test_api_routes_on_another_tenants_objects_answer_404(world: World) -> None:
    http, swept = await world.http(), 0
    for route in (r for r in world.routes if r.area == "api" and r.params):
        path = fill(route, world.ids["mine"])
        before = await snapshot()
        status = await api_call(
            http, route, path, world.tokens["other-admin"], world.ids["mine"]["slug"]
        )
        assert status == 404, (route.method, path, status)
        assert not changed(before, await snapshot()), (route.method, path)
        swept += 1
    print(f"api sweep: {swept} routes on another tenant's objects")
    assert swept >= 25


async def test_studio_routes_on_another_tenants_objects_answer_404(world: World) -> None:
    client = await world.studio.signed_in(world.studio.other.owner)
    swept = 0
    for route in world.routes:
        if route.area != "studio" or not route.params:
            continue
        if access_of(route.handler, route.method) == PUBLIC:
            continue
        path = fill(route, world.ids["mine"])
        before = await snapshot()
        response = await client.request(route.method, path, data={})
        assert await status_of(response) == 404, (route.method, path, response.status)
        assert not changed(before, await snapshot()), (route.method, path)
        swept += 1
    print(f"studio sweep: {swept} routes on another tenant's objects")
    assert swept >= 10


async def test_widget_routes_refuse_another_bots_key_and_objects(world: World) -> None:
    """(CORS preflights carry no credentials by design: they answer anyone, read nothing.)"""
    http, other = await world.http(), world.studio.other.bot
    for route in (r for r in world.routes if r.area == "widget" and r.method != "OPTIONS"):
        before = await snapshot()
        # A's bot with B's widget key: refused before anything is read or stored
        path = fill(route, world.ids["mine"])
        headers = {"X-Parley-Key": other.public_key}
        query = {"key": other.public_key, "session": "sweep-session"}
        sent = await http.request(route.method, path, params=query, headers=headers, json={})
        assert await status_of(sent) == 403, (route.method, path, sent.status)
        if "document" in route.params:  # B's own bot and key, naming A's document
            path = fill(route, world.ids["mine"], bot=other.slug)
            sent = await http.request(route.method, path, params={"key": other.public_key})
            assert await status_of(sent) == 404, (route.method, path)
        assert not changed(before, await snapshot()), (route.method, path)


# --- keys that are expired, revoked or lack a scope -----------------------------------------


@pytest.mark.parametrize(
    ("token", "expected", "which"),
    [
        ("mine-expired", 401, "all"),
        ("mine-revoked", 401, "all"),
        ("mine-read", 403, "writes"),
        ("mine-write", 403, "admin"),
    ],
)
async def test_keys_that_may_not_act_change_nothing(
    world: World, token: str, expected: int, which: str
) -> None:
    http, called = await world.http(), 0
    before = await snapshot()
    for route in (r for r in world.routes if r.area == "api"):
        if which == "writes" and not route.writes:
            continue
        if which == "admin" and not route.template.startswith(ADMIN_PREFIXES):
            continue
        path = fill(route, world.ids["mine"])
        status = await api_call(http, route, path, world.tokens[token], world.ids["mine"]["slug"])
        assert status == expected, (token, route.method, path, status)
        called += 1
    assert called >= 5
    assert not changed(before, await snapshot()), token


# --- routes naming nothing: only the caller's rows ------------------------------------------


async def test_listings_show_only_the_callers_rows(world: World) -> None:
    http = await world.http()
    mine = world.ids["mine"]
    secrets = [mine["slug"], mine["document"], mine["learner"], mine["member_id"],
               mine["key_id"], str(world.studio.mine.creator.id),
               world.studio.mine.creator.email, mine["webhook_id"], mine["conversation_id"],
               mine["certificate"], mine["account"]]  # fmt: skip
    listed = 0
    for route in world.routes:
        if route.area != "api" or route.params or route.writes or streams(route):
            continue  # (an event stream never ends; test_inbox reads it)
        headers = {"Authorization": f"Bearer {world.tokens['other-admin']}"}
        own = SPAN | {"bot": world.ids["other"]["slug"], "at_risk": "1"}  # insight: B's bot
        response = await http.get(route.template, headers=headers, params=accepted(route, own))
        text = await response.text()
        assert response.status == 200, (route.template, text[:300])
        leaked = [s for s in secrets if s in text]
        assert not leaked, (route.template, leaked)
        listed += 1
    assert listed >= 5
