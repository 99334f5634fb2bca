"""A studio under test: two seeded workspaces, people in every role, clients that sign in.

Reused by the studio handler tests and the browser tests; page modules add rows to a
`Tenant` through the same services the product uses.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient, TestServer

from bot import people
from bot.clock import FakeClock
from bot.rag.service import KnowledgeService
from bot.settings import ChromaSettings, RagSettings, Settings
from channels.app import Services, create_app
from models import Bot, Creator, Membership, Person, Role
from tests import factories

PASSWORD = "correct-horse-battery"
CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)">')


@dataclass
class Tenant:
    """One workspace with an owner, an editor, a viewer and a bot."""

    creator: Creator
    owner: Person
    editor: Person
    viewer: Person
    bot: Bot

    def person(self, role: str) -> Person:
        person: Person = getattr(self, role)
        return person


async def seed_tenant(name: str) -> Tenant:
    creator = await factories.creator(f"{name}-owner@example.com")
    owner = await people.get_person(creator.email)
    members = {}
    for role in (Role.EDITOR, Role.VIEWER):
        person = await people.create_person(f"{name}-{role}@example.com", PASSWORD)
        await Membership.create(creator=creator, person=person, role=role)
        members[role] = person
    owner.password_hash = members[Role.EDITOR].password_hash
    await owner.save(update_fields=["password_hash"])
    bot = await factories.bot(creator, f"{name}-bot")
    return Tenant(creator, owner, members[Role.EDITOR], members[Role.VIEWER], bot)


def studio_settings(db_url: str, tmp: Path, **overrides: Any) -> Settings:
    defaults: dict[str, Any] = {
        "database_url": db_url,
        "data_dir": tmp,
        "rag": RagSettings(embedder="hashing"),
        "chroma": ChromaSettings(path=tmp / "chroma"),
        "public_url": "http://parley.test",
    }
    return Settings(**(defaults | overrides))


class StudioClient:
    """A browser-like client: keeps cookies, sends the CSRF token and a same-origin Origin."""

    def __init__(self, http: TestClient[Any, Any]) -> None:
        self.http = http
        self.csrf = ""

    @property
    def origin(self) -> str:
        return str(self.http.make_url("")).rstrip("/")

    def remember_csrf(self, html: str) -> None:
        found = CSRF_META.search(html)
        if found:
            self.csrf = found.group(1)

    async def get(self, path: str, **kwargs: Any) -> ClientResponse:
        kwargs.setdefault("allow_redirects", False)
        response = await self.http.get(path, **kwargs)
        if response.content_type == "text/html":
            self.remember_csrf(await response.text())
        return response

    async def page(self, path: str) -> str:
        """The HTML of a page that must answer 200."""
        response = await self.get(path)
        text = await response.text()
        assert response.status == 200, (path, response.status, text[:500])
        return text

    async def post(
        self, path: str, data: dict[str, Any] | None = None, **kwargs: Any
    ) -> ClientResponse:
        headers = {"Origin": self.origin, "X-CSRF-Token": self.csrf, **kwargs.pop("headers", {})}
        kwargs.setdefault("allow_redirects", False)
        return await self.http.post(path, data=data or {}, headers=headers, **kwargs)

    async def request(self, method: str, path: str, **kwargs: Any) -> ClientResponse:
        headers = {"Origin": self.origin, "X-CSRF-Token": self.csrf, **kwargs.pop("headers", {})}
        kwargs.setdefault("allow_redirects", False)
        return await self.http.request(method, path, headers=headers, **kwargs)

    async def sign_in(self, email: str, password: str = PASSWORD) -> ClientResponse:
        await self.get("/studio/login")
        response = await self.post("/studio/login", {"email": email, "password": password})
        if response.status == 302:
            await self.get("/studio/account")
        return response


@dataclass
class Studio:
    """The running app with two workspaces; `client()` opens another signed-out browser."""

    server: TestServer
    services: Services
    clock: FakeClock
    mine: Tenant
    other: Tenant
    _clients: list[TestClient[Any, Any]]

    async def client(self) -> StudioClient:
        http: TestClient[Any, Any] = TestClient(self.server)
        await http.start_server()
        self._clients.append(http)
        return StudioClient(http)

    async def signed_in(self, person: Person) -> StudioClient:
        client = await self.client()
        response = await client.sign_in(person.email)
        assert response.status == 302, await response.text()
        return client


@asynccontextmanager
async def running_studio(db_url: str, tmp: Path, **settings: Any) -> AsyncIterator[Studio]:
    config = studio_settings(db_url, tmp, **settings)
    clock = FakeClock(datetime.now(UTC))
    services = Services.build(config, clock=clock, knowledge=KnowledgeService(config))
    mine, other = await seed_tenant("mine"), await seed_tenant("other")
    app = create_app(config, manage_db=False, services=services, run_background=False)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    studio = Studio(server, services, clock, mine, other, [])
    try:
        yield studio
    finally:
        for http in studio._clients:
            await http.close()
        await server.close()
