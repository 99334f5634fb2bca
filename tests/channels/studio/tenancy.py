"""How to name an object of a given workspace for each URL parameter the studio's routes use.

The route walk (test_route_walk.py) fills every `{param}` of every studio route from here:
with the other workspace's objects (expecting 404 and no change) and with the own
workspace's (expecting a viewer's write to be 403). A page adding a route with a new parameter
adds an entry, or the walk fails and says which.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from uuid import uuid4

from bot import certificates, workspaces
from bot.auth import issue_api_key
from bot.programs import service as programs
from bot.programs.loader import load_file
from models import (
    ChannelAccount,
    Document,
    KnowledgeBase,
    Membership,
    Message,
    ProcessingStatus,
    Role,
    Webhook,
)
from tests import factories
from tests.channels.studio.world import Tenant

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "programs"


async def _member(t: Tenant) -> str:
    row = await Membership.get(creator=t.creator, person=t.editor)
    return str(row.id)


async def _invitation(t: Tenant) -> str:
    issued = await workspaces.invite(t.creator.id, Role.VIEWER, now=datetime.now(UTC))
    return str(issued.row.id)


async def _invitation_token(t: Tenant) -> str:
    return (await workspaces.invite(t.creator.id, Role.VIEWER, now=datetime.now(UTC))).token


async def _api_key(t: Tenant) -> str:
    return str((await issue_api_key(t.creator, ["read"], name="walk")).row.id)


async def _bot_slug(t: Tenant) -> str:
    return t.bot.slug


async def _document(t: Tenant) -> str:
    """A text document in the tenant bot's knowledge (queued: no worker runs in the walk)."""
    kb = await KnowledgeBase.create(creator_id=t.creator.id, name="walk", collection_name="walk")
    await t.bot.knowledge_bases.add(kb)
    doc = await Document.create(
        knowledge_base=kb,
        title="Walk",
        content="Walking text.",
        content_hash=f"walk-{kb.id.hex}",
        processing_status=ProcessingStatus.READY,
    )
    return str(doc.id)


async def _program(t: Tenant) -> str:
    definition = load_file(EXAMPLES / "focus-course.yaml")
    return (await programs.import_program(t.bot, definition)).code


async def _webhook(t: Tenant) -> str:
    hook = await Webhook.create(
        creator_id=t.creator.id, url="https://example.org/hook", events=["enrolled"], secret="s"
    )
    return str(hook.id)


async def _conversation(t: Tenant) -> str:
    """A conversation of a learner of the tenant's bot, one message in it."""
    learner = await factories.end_user(t.bot)
    conversation = await factories.conversation(learner)
    await factories.inbound(conversation, t.bot, "walking in", f"walk-{conversation.id.hex}")
    return str(conversation.id)


async def _learner(t: Tenant) -> str:
    return str((await factories.end_user(t.bot)).id)


async def _chart(t: Tenant) -> str:
    return "daily"


async def _account(t: Tenant) -> str:
    """A channel account of a learner of the tenant's bot."""
    learner = await factories.end_user(t.bot)
    return str((await ChannelAccount.get(end_user_id=learner.id)).id)


async def _certificate(t: Tenant) -> str:
    """The code of a certificate the tenant issued (a program of its own, one learner)."""
    definition = load_file(EXAMPLES / "focus-course.yaml")
    code = f"certified-{uuid4().hex[:12]}"
    program = await programs.import_program(t.bot, definition.model_copy(update={"code": code}))
    learner = await factories.end_user(t.bot)
    issued = await certificates.issue(learner, program, t.bot, datetime.now(UTC))
    assert issued is not None
    return issued.certificate.code


async def _message(t: Tenant) -> str:
    """A message in a conversation of the tenant's bot."""
    conversation = await _conversation(t)
    return str((await Message.get(conversation_id=conversation)).id)


TENANT_OBJECTS: dict[str, Callable[[Tenant], Awaitable[str]]] = {
    "member_id": _member,
    "invitation_id": _invitation,
    "token": _invitation_token,
    "key_id": _api_key,
    "slug": _bot_slug,
    "doc_id": _document,
    "code": _program,
    "webhook_id": _webhook,
    "conversation_id": _conversation,
    "learner": _learner,
    "chart": _chart,
    "account": _account,
    "certificate": _certificate,
    "message_id": _message,
}


# A parameter whose name means different objects on different routes: (path prefix, name) -> filler
ALIASES = {
    ("/api/v1/webhooks/", "id"): "webhook_id",
    ("/api/v1/conversations/", "id"): "conversation_id",
    ("/api/v1/certificates/", "code"): "certificate",
}


def filler(template: str, param: str) -> str:
    """Which `TENANT_OBJECTS` entry names the object `param` of this route (a name, if unknown)."""
    aliased = [
        f for (prefix, name), f in ALIASES.items() if name == param and template.startswith(prefix)
    ]
    return aliased[0] if aliased else param
