"""What each `/api/v1` handler accepts and answers, declared once beside it (`@operation`).

The OpenAPI document (`channels/api/openapi.py`) is built from these declarations and the
router's own route table; the same pydantic models validate requests (`read_json`,
`read_query`) and shape responses (`Out.respond`). Declaring a new route is one decorator:

    @operation("Get a bot", ok=BotOut, errors=(404,))
    async def get_bot(request: web.Request) -> web.Response: ...

`ok` is the success model (or `None` for an empty 204, or media types such as "text/csv"
for a non-JSON body); `status` its code; `body` the JSON request model; `query`
the query-string model; `errors` the error statuses the handler itself raises (401 and 403 for
the key are added for every authenticated operation). `tests/channels/test_openapi.py` fails
on any `/api/v1` route without a declaration.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar, get_origin

from aiohttp import web
from pydantic import BaseModel, ConfigDict, ValidationError

from channels.api.bodies import validation_reason
from channels.http_errors import HttpError

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
H = TypeVar("H", bound=Handler)
Q = TypeVar("Q", bound=BaseModel)
DECLARATION = "__api_operation__"


class Out(BaseModel):
    """A response body: validated on the way out, so the document cannot drift from it."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    @classmethod
    def respond(cls, data: Mapping[str, Any], status: int = 200) -> web.Response:
        return respond(cls, data, status)


def respond(model: type[BaseModel], data: Mapping[str, Any], status: int = 200) -> web.Response:
    """`data` shaped by `model` (a mismatch is a bug: the boundary answers 500 and logs it)."""
    body = model.model_validate(data).model_dump(mode="json", by_alias=True)
    return web.json_response(body, status=status)


class ErrorDetail(Out):
    code: str
    message: str


class ErrorOut(Out):
    """The one error shape: a stable `code` to branch on and a `message` saying what to fix."""

    error: ErrorDetail


@dataclass(frozen=True)
class Operation:
    summary: str
    ok: type[BaseModel] | str | tuple[str, ...] | None
    status: int = 200
    body: type[BaseModel] | None = None
    body_types: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    query: type[BaseModel] | None = None
    errors: tuple[int, ...] = ()
    public: bool = False


def operation(
    summary: str,
    *,
    ok: type[BaseModel] | str | tuple[str, ...] | None,
    status: int = 200,
    body: type[BaseModel] | None = None,
    body_types: Mapping[str, Mapping[str, Any]] | None = None,
    query: type[BaseModel] | None = None,
    errors: tuple[int, ...] = (),
    public: bool = False,
) -> Callable[[H], H]:
    """Attach the declaration the OpenAPI document is generated from."""
    declared = Operation(
        summary, ok, status, body, body_types or {}, query, tuple(sorted(set(errors))), public
    )

    def attach(handler: H) -> H:
        setattr(handler, DECLARATION, declared)
        return handler

    return attach


def declaration_of(handler: object) -> Operation | None:
    found = getattr(handler, DECLARATION, None)
    return found if isinstance(found, Operation) else None


def read_query(request: web.Request, model: type[Q]) -> Q:
    """The query string validated by `model` (repeated keys become lists where it says so)."""
    lists = {
        f.alias or n for n, f in model.model_fields.items() if get_origin(f.annotation) is list
    }
    data: dict[str, Any] = {}
    for key in set(request.query):
        data[key] = request.query.getall(key) if key in lists else request.query[key]
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise HttpError(400, validation_reason(exc)) from None
