"""The OpenAPI document covers every `/api/v1` route, is served without a key, and the live
server honours it: schemathesis fuzzes every operation (real HTTP on 127.0.0.1, both databases).
"""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from aiohttp import web
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from bot.auth import issue_api_key
from channels.api.contract import operation
from channels.api.openapi import api_routes, document, undeclared
from channels.studio.render import STATIC_DIR
from tests.channels.studio.tenancy import TENANT_OBJECTS, filler
from tests.channels.studio.world import Studio, running_studio
from tests.factories import end_user

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
POSITIVE_EXAMPLES = 15
NEGATIVE_EXAMPLES = 6
STREAM = "text/event-stream"
TIMEOUT = 60  # a program preview at its bounds (60 days, 10 learners) takes >10 s under load


@pytest.fixture
async def studio(db: str, tmp_path: Path) -> AsyncIterator[Studio]:
    async with running_studio(db, tmp_path) as running:
        yield running


def test_every_api_route_is_declared_and_documented(tmp_path: Path) -> None:
    app = web.Application()

    async def bare(request: web.Request) -> web.Response:
        raise AssertionError("never called")

    @operation("Declared", ok=None, status=204)
    async def declared(request: web.Request) -> web.Response:
        raise AssertionError("never called")

    app.router.add_get("/api/v1/declared/{thing}", declared)
    app.router.add_post("/api/v1/bare", bare)
    assert undeclared(app) == ["POST /api/v1/bare"]
    doc = document(app)
    assert list(doc["paths"]) == ["/api/v1/declared/{thing}"]
    get = doc["paths"]["/api/v1/declared/{thing}"]["get"]
    assert [p["name"] for p in get["parameters"]] == ["thing"]
    assert set(get["responses"]) == {"204", "401", "403"}


async def test_the_app_declares_every_route_and_serves_the_document(studio: Studio) -> None:
    app = studio.server.app
    assert undeclared(app) == [], "declare these with @operation (channels/api/contract.py)"
    http = (await studio.client()).http
    served = await http.get("/api/v1/openapi.json")  # no API key: the contract is public
    assert served.status == 200
    doc = await served.json()
    assert doc["openapi"] == "3.1.0"
    routes = {(path, method) for path, method, _ in api_routes(app)}
    assert {(p, m) for p, ops in doc["paths"].items() for m in ops} == routes
    bots = doc["paths"]["/api/v1/bots/{slug}"]["get"]["responses"]
    assert set(bots) == {"200", "401", "403", "404"}
    assert bots["404"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorOut")
    assert "BotOut" in doc["components"]["schemas"]


async def test_the_reference_page_renders_the_document_with_the_vendored_viewer(
    studio: Studio,
) -> None:
    http = (await studio.client()).http
    page = await http.get("/api/v1/reference")
    html = await page.text()
    assert page.status == 200 and '<redoc spec-url="/api/v1/openapi.json">' in html
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    (src,) = re.findall(r'<script src="([^"]+)"', html)
    script = await http.get(src)
    assert script.status == 200
    assert await script.read() == (STATIC_DIR / "vendor" / "redoc.standalone.js").read_bytes()


# --- schemathesis against the live server ---------------------------------------------------


@dataclass
class Fuzzed:
    operations: int = 0
    cases: int = 0
    statuses: Counter[tuple[str, int]] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)


async def known_objects(studio: Studio) -> dict[str, str]:
    """Real ids for the path parameters, so cases reach existing objects, not only 404s."""
    mine = studio.mine
    known = {name: await make(mine) for name, make in TENANT_OBJECTS.items()}
    known["document"] = known["doc_id"]
    known["learner"] = str((await end_user(mine.bot, "fuzzed-learner")).id)
    return known


def fuzz_operations(
    doc: dict[str, Any], base_url: str, token: str, known: dict[str, str]
) -> Fuzzed:
    """Every operation: positive and negative cases, half of them naming real objects."""
    schema = schemathesis.openapi.from_dict(doc)
    found = Fuzzed()
    session = requests.Session()
    headers = {"Authorization": f"Bearer {token}"}
    for result in schema.get_all_operations():
        op = result.ok()
        found.operations += 1
        declared = doc["paths"][op.path][op.method.lower()]
        if STREAM in declared["responses"].get("200", {}).get("content", {}):
            probe_stream(session, base_url, op.label, headers, found)
            continue
        names = {p.name: filler(op.path, p.name) for p in op.path_parameters}
        fixed = {n: known[f] for n, f in names.items() if f in known}
        modes = [(GenerationMode.POSITIVE, POSITIVE_EXAMPLES)]
        if declared["parameters"] or "requestBody" in declared:  # else nothing to break
            modes.append((GenerationMode.NEGATIVE, NEGATIVE_EXAMPLES))
        for mode, count in modes:
            strategy = st.one_of(op.as_strategy(mode), op.as_strategy(mode, path_parameters=fixed))

            @settings(
                max_examples=count,
                deadline=None,
                database=None,
                derandomize=True,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            @given(case=strategy)
            def run(case: Any) -> None:
                found.cases += 1
                response = case.call(
                    base_url=base_url, session=session, headers=headers, timeout=TIMEOUT
                )
                found.statuses[(case.operation.label, response.status_code)] += 1
                case.validate_response(response, checks=CHECKS)

            try:
                run()
            except (
                Exception,
                BaseExceptionGroup,
            ) as exc:  # one finding per operation and mode, all reported at once
                found.failures.append(f"{op.label} [{mode}]: {exc}"[:1500])
    return found


def probe_stream(
    session: requests.Session, base_url: str, label: str, headers: dict[str, str], found: Fuzzed
) -> None:
    """An event stream never ends, so schemathesis (which reads the whole body) would hang on
    it; it takes no input to fuzz either. One bounded request instead: it opens as declared
    and sends its first line, then the client closes it."""
    url = base_url + label.split(" ", 1)[1]
    with session.get(url, headers=headers, stream=True, timeout=10) as response:
        first = next(response.iter_lines(), b"")
        found.cases += 1
        found.statuses[(label, response.status_code)] += 1
        kind = response.headers.get("Content-Type", "")
        if response.status_code != 200 or not kind.startswith(STREAM) or first != b": connected":
            found.failures.append(f"{label}: {response.status_code} {kind} {first!r}")


@pytest.mark.slow
async def test_schemathesis_finds_no_server_error_and_no_broken_response(studio: Studio) -> None:
    app = studio.server.app
    token = (await issue_api_key(studio.mine.creator, ["read", "write", "admin"])).token
    known = await known_objects(studio)
    base_url = str(studio.server.make_url("")).rstrip("/")
    found = await asyncio.to_thread(fuzz_operations, document(app), base_url, token, known)
    print(f"schemathesis: {found.operations} operations, {found.cases} cases")
    documented = {(f"{m.upper()} {p}", int(s)) for p, ops in document(app)["paths"].items()
                  for m, op in ops.items() for s in op["responses"]}  # fmt: skip
    print(f"documented statuses seen: {len(documented & set(found.statuses))}/{len(documented)}")
    print("never seen:", sorted(documented - set(found.statuses)))
    assert found.operations == len(list(api_routes(app)))
    assert not found.failures, "\n\n".join(found.failures)
    assert found.cases >= (found.operations - 1) * POSITIVE_EXAMPLES  # the stream: one probe
