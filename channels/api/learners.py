"""`/api/v1/learners/{id}`: export one learner's data as JSON, or erase it (data rights); list,
link and unlink the learner's channel accounts."""

from __future__ import annotations

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from bot import privacy
from bot.linking import manage as linking
from bot.linking.manage import accounts_of
from channels.api.auth import creator_of
from channels.api.bodies import read_json
from channels.api.clock import CLOCK
from channels.api.contract import Out, operation


class LinkIn(BaseModel):
    """The learner to join into the one in the path (all their channels move)."""

    model_config = ConfigDict(extra="forbid")

    learner: str = Field(min_length=1, max_length=64)


class LearnerExportOut(Out):
    """Everything stored about one learner (the shape `bot.privacy.export_learner` builds)."""

    model_config = ConfigDict(extra="allow")


class AccountOut(Out):
    id: str
    channel: str
    handle: str
    display_name: str
    blocked: bool
    last_inbound_at: str | None


class AccountsOut(Out):
    """The learner the accounts now belong to and every channel account of theirs."""

    learner: str
    accounts: list[AccountOut]


class ErasedOut(Out):
    model_config = ConfigDict(extra="allow")

    erased: str


@operation("Export one learner's data", ok=LearnerExportOut, errors=(404,))
async def export_learner(request: web.Request) -> web.Response:
    user = await privacy.learner(creator_of(request), request.match_info["learner"])
    return LearnerExportOut.respond(await privacy.export_learner(user))


@operation("Erase one learner", ok=ErasedOut, errors=(404,))
async def erase_learner(request: web.Request) -> web.Response:
    user = await privacy.learner(creator_of(request), request.match_info["learner"])
    report = await privacy.erase_learner(user, now=request.app[CLOCK].now())
    return ErasedOut.respond({"erased": str(user.id), **report.to_json()})


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api/v1/learners/{learner}/export", export_learner)
    app.router.add_delete("/api/v1/learners/{learner}", erase_learner)
    add_link_routes(app)


@operation("A learner's channel accounts", ok=AccountsOut, errors=(404,))
async def list_accounts(request: web.Request) -> web.Response:
    user = await privacy.learner(creator_of(request), request.match_info["learner"])
    return AccountsOut.respond({"learner": str(user.id), "accounts": await accounts_of(user)})


@operation(
    "Link another learner into this one (their channels move)",
    ok=AccountsOut,
    body=LinkIn,
    errors=(404, 409),
)
async def link_learner(request: web.Request) -> web.Response:
    await privacy.learner(creator_of(request), request.match_info["learner"])  # 404 first
    body = await read_json(request, LinkIn)
    user = await linking.link(
        creator_of(request),
        request.match_info["learner"],
        body.learner,
        now=request.app[CLOCK].now(),
    )
    return AccountsOut.respond({"learner": str(user.id), "accounts": await accounts_of(user)})


@operation(
    "Split one channel account off into a learner of its own (answers the new learner)",
    ok=AccountsOut,
    errors=(404, 409),
)
async def unlink_account(request: web.Request) -> web.Response:
    user = await linking.unlink(
        creator_of(request),
        request.match_info["learner"],
        request.match_info["account"],
        now=request.app[CLOCK].now(),
    )
    return AccountsOut.respond({"learner": str(user.id), "accounts": await accounts_of(user)})


def add_link_routes(app: web.Application) -> None:
    base = "/api/v1/learners/{learner}"
    app.router.add_get(base + "/accounts", list_accounts)
    app.router.add_post(base + "/link", link_learner)
    app.router.add_delete(base + "/accounts/{account}", unlink_account)
