"""The OpenAPI 3.1 document of `/api/v1`, built from the route table and `@operation`s.

Nothing here is hand-written per route: paths and methods come from `app.router`, shapes from
the pydantic models the handlers validate with, so the document cannot drift from the code.
Served at `/api/v1/openapi.json`; `/api/v1/reference` renders it with the vendored Redoc.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Literal

from aiohttp import web
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from channels.api.contract import ErrorOut, Operation, declaration_of, operation

PREFIX = "/api/v1"
REF = "#/components/schemas/{model}"
PARAM = re.compile(r"{([^}:]+)(?::[^}]*)?}")
Mode = Literal["validation", "serialization"]


def api_routes(app: web.Application) -> Iterator[tuple[str, str, web.AbstractRoute]]:
    """(path, method, route) of every `/api/v1` route, HEAD twins left out."""
    for route in app.router.routes():
        path = route.resource.canonical if route.resource is not None else ""
        if path.startswith(PREFIX) and route.method not in ("HEAD", "*"):
            yield path, route.method.lower(), route


def undeclared(app: web.Application) -> list[str]:
    return [f"{m.upper()} {p}" for p, m, r in api_routes(app) if declaration_of(r.handler) is None]


def document(app: web.Application) -> dict[str, Any]:
    ops = [(p, m, declaration_of(r.handler)) for p, m, r in api_routes(app)]
    declared = [(p, m, op) for p, m, op in ops if op is not None]
    refs, schemas = component_schemas(op for _, _, op in declared)
    paths: dict[str, dict[str, Any]] = {}
    for path, method, op in declared:
        paths.setdefault(path, {})[method] = path_item(path, method, op, refs)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Parley creator API", "version": "1"},
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"apiKey": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{"apiKey": []}],
    }


def used_models(ops: Iterator[Operation]) -> list[tuple[type[BaseModel], Mode]]:
    found: dict[tuple[type[BaseModel], Mode], None] = {(ErrorOut, "serialization"): None}
    for op in ops:
        if op.body is not None:
            found[(op.body, "validation")] = None
        if isinstance(op.ok, type):
            found[(op.ok, "serialization")] = None
    return list(found)


def component_schemas(
    ops: Iterator[Operation],
) -> tuple[dict[tuple[type[BaseModel], Mode], Any], dict[str, Any]]:
    refs, top = models_json_schema(used_models(ops), ref_template=REF)
    return dict(refs.items()), dict(top.get("$defs", {}))  # type: ignore[arg-type]


def path_item(
    path: str, method: str, op: Operation, refs: dict[tuple[type[BaseModel], Mode], Any]
) -> dict[str, Any]:
    item: dict[str, Any] = {
        "summary": op.summary,
        "operationId": f"{method}_{re.sub(r'[^a-zA-Z0-9]+', '_', path.removeprefix(PREFIX))}",
        "parameters": path_parameters(path) + query_parameters(op.query),
        "responses": responses(op, refs),
    }
    if op.public:
        item["security"] = []
    if op.body is not None or op.body_types:
        item["requestBody"] = request_body(op, refs)
    return item


def path_parameters(path: str) -> list[dict[str, Any]]:
    return [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        for name in PARAM.findall(path)
    ]


def query_parameters(model: type[BaseModel] | None) -> list[dict[str, Any]]:
    if model is None:
        return []
    schema = model.model_json_schema(by_alias=True)
    required = set(schema.get("required", []))
    return [
        {"name": name, "in": "query", "required": name in required, "schema": prop}
        for name, prop in schema.get("properties", {}).items()
    ]


def request_body(op: Operation, refs: dict[tuple[type[BaseModel], Mode], Any]) -> dict[str, Any]:
    content: dict[str, Any] = {t: {"schema": dict(s)} for t, s in op.body_types.items()}
    required = bool(op.body_types)
    if op.body is not None:
        content["application/json"] = {"schema": refs[(op.body, "validation")]}
        required = required or bool(op.body.model_json_schema().get("required"))
    return {"required": required, "content": content}


def responses(op: Operation, refs: dict[tuple[type[BaseModel], Mode], Any]) -> dict[str, Any]:
    out: dict[str, Any] = {str(op.status): success(op, refs)}
    error = {"content": {"application/json": {"schema": refs[(ErrorOut, "serialization")]}}}
    for status in error_statuses(op):
        out[str(status)] = {"description": "error"} | error
    return out


def success(op: Operation, refs: dict[tuple[type[BaseModel], Mode], Any]) -> dict[str, Any]:
    if op.ok is None:
        return {"description": "done, no body"}
    if isinstance(op.ok, str | tuple):
        types = (op.ok,) if isinstance(op.ok, str) else op.ok
        return {"description": "ok", "content": {t: {"schema": any_of(t)} for t in types}}
    return {
        "description": "ok",
        "content": {"application/json": {"schema": refs[(op.ok, "serialization")]}},
    }


def any_of(media_type: str) -> dict[str, Any]:
    """A body the document does not model further: text, or any value (JSON, YAML)."""
    return {"type": "string"} if media_type.startswith("text/") else {}


def error_statuses(op: Operation) -> list[int]:
    statuses = set(op.errors)
    if not op.public:
        statuses |= {401, 403}
    if op.body is not None:
        statuses |= {400, 413, 415}
    if op.query is not None:
        statuses.add(400)
    return sorted(statuses)


@operation("This OpenAPI document", ok="application/json", public=True)
async def openapi_json(request: web.Request) -> web.Response:
    return web.json_response(document(request.app))


REFERENCE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Parley API reference</title>
</head>
<body>
<redoc spec-url="/api/v1/openapi.json"></redoc>
<script src="/studio/static/vendor/redoc.standalone.js"></script>
</body>
</html>
"""
REFERENCE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)


@operation("This reference, readable (HTML)", ok="text/html", public=True)
async def reference(request: web.Request) -> web.Response:
    return web.Response(
        text=REFERENCE, content_type="text/html", headers={"Content-Security-Policy": REFERENCE_CSP}
    )


def add_routes(app: web.Application) -> None:
    app.router.add_get(PREFIX + "/openapi.json", openapi_json)
    app.router.add_get(PREFIX + "/reference", reference)
