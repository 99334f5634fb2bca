"""Fuzzing the edges with hypothesis: Telegram updates, Twilio forms (validly signed), widget
bodies and query strings, API query strings. Never a 5xx; nothing stored for what does not parse.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import strategies as st
from twilio.request_validator import RequestValidator

from bot.auth import issue_api_key
from models import InboxMessage, InboxStatus, Message
from tests.channels.conftest import Running, start
from tests.channels.harness import AUTH_TOKEN, Harness, running
from tests.channels.test_knowledge_uploads import error_message
from tests.channels.test_telegram import hook_secret
from tests.fuzzing import FuzzLog, awkward_text, fuzz, json_values

pytestmark = pytest.mark.filterwarnings("ignore:BasicAuth is deprecated:DeprecationWarning")
FORM = "application/x-www-form-urlencoded"
BIG = st.integers(min_value=-(2**64), max_value=2**64)


# --- Telegram ------------------------------------------------------------------------------


def tg_person() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"id": BIG | st.integers(1, 10**10), "is_bot": st.booleans()},
        optional={
            "first_name": awkward_text(60),
            "username": st.text(max_size=40),
            "language_code": st.text(max_size=8),
            "type": st.sampled_from(["private", "group", "x"]),
        },
    )


def tg_message() -> st.SearchStrategy[dict[str, Any]]:
    loose = json_values(6)
    return st.fixed_dictionaries(
        {"message_id": BIG, "date": BIG, "chat": tg_person() | loose},
        optional={
            "from": tg_person() | loose,
            "text": awkward_text() | loose,
            "caption": awkward_text(),
            "entities": loose,
            "photo": st.lists(loose, max_size=3),
            "location": st.fixed_dictionaries({"latitude": st.floats(), "longitude": st.floats()}),
            "contact": loose,
            "reply_to_message": loose,
            "document": loose,
        },
    )


def tg_updates() -> st.SearchStrategy[bytes]:
    callback = st.fixed_dictionaries(
        {"id": st.text(max_size=20), "from": tg_person()},
        optional={"data": awkward_text(80) | json_values(4), "message": tg_message(),
                  "chat_instance": st.text(max_size=10)},
    )  # fmt: skip
    update = st.fixed_dictionaries(
        {"update_id": st.integers(0, 2**53)},
        optional={"message": tg_message() | json_values(6), "edited_message": tg_message(),
                  "callback_query": callback | json_values(6), "my_chat_member": json_values(8)},
    )  # fmt: skip
    as_json = (update | json_values()).map(lambda value: json.dumps(value).encode())
    return as_json | st.binary(max_size=120)


@pytest.fixture
async def tg(db: str) -> AsyncIterator[Harness]:
    async with running("telegram") as built:
        yield built


async def test_telegram_webhook_survives_random_updates(tg: Harness) -> None:
    path = f"/telegram/{tg.bot.slug}/webhook"
    headers = {"X-Telegram-Bot-Api-Secret-Token": await hook_secret(tg)}
    seen = FuzzLog()

    async def check(body: bytes) -> None:
        before = await InboxMessage.all().count()
        response = await tg.client.post(path, data=body, headers=headers)
        seen.saw(response.status)
        assert response.status < 500, (body, await response.text())
        outcome = (await response.json()).get("status")
        if response.status >= 400 or outcome in {"ignored", "member"}:
            assert await InboxMessage.all().count() == before, body
        await tg.inbox.drain()

    await fuzz(tg_updates(), check)
    assert seen.server_errors == 0 and seen.tried >= 20
    assert not await InboxMessage.filter(status=InboxStatus.FAILED).exists()


# --- Twilio --------------------------------------------------------------------------------

TWILIO_FIELDS = ["AccountSid", "Body", "From", "To", "MessageSid", "NumMedia", "ProfileName",
                 "WaId", "ButtonPayload", "ButtonText", "MediaUrl0", "MediaContentType0",
                 "Latitude", "Longitude", "MessageStatus", "ErrorCode", "ErrorMessage"]  # fmt: skip


def twilio_forms() -> st.SearchStrategy[tuple[str, dict[str, str]]]:
    value = awkward_text(120) | st.sampled_from(["whatsapp:+15550001", "1", "-1", "99999999999"])
    known = st.dictionaries(st.sampled_from(TWILIO_FIELDS), value, max_size=10)
    extra = st.dictionaries(st.text(min_size=1, max_size=12), awkward_text(40), max_size=3)
    form = st.tuples(known, extra).map(lambda pair: pair[0] | pair[1])
    return st.tuples(st.sampled_from(["webhook", "status"]), form)


@pytest.fixture
async def wa(db: str) -> AsyncIterator[Harness]:
    async with running("whatsapp") as built:
        yield built


async def test_twilio_webhooks_survive_random_signed_forms(wa: Harness) -> None:
    public = str(wa.client.make_url("")).rstrip("/")
    seen = FuzzLog()

    async def check(case: tuple[str, dict[str, str]]) -> None:
        route, form = case
        url = f"/whatsapp/{wa.bot.slug}/{route}"
        signature = RequestValidator(AUTH_TOKEN).compute_signature(public + url, form)
        before = await InboxMessage.all().count()
        headers = {"X-Twilio-Signature": signature, "Content-Type": FORM}
        response = await wa.client.post(url, data=urlencode(form), headers=headers)
        seen.saw(response.status)
        assert response.status < 500, (form, await response.text())
        if response.status >= 400 or route == "status":
            assert await InboxMessage.all().count() == before, form
        await wa.inbox.drain()

    await fuzz(twilio_forms(), check)
    assert seen.server_errors == 0 and seen.statuses.get(403, 0) == 0  # every one was signed
    assert not await InboxMessage.filter(status=InboxStatus.FAILED).exists()


# --- the widget and the API ---------------------------------------------------------------


@pytest.fixture
async def site(db: str, tmp_path: Path) -> AsyncIterator[Running]:
    async for built in start(db, tmp_path, session_per_minute=10**6, ip_per_minute=10**6):
        yield built


def widget_messages() -> st.SearchStrategy[bytes]:
    """Well-formed envelopes carrying hostile text and payloads (these reach the engine)."""
    ident = st.from_regex(r"\A[A-Za-z0-9_\-:.]{8,40}\Z")
    body = st.fixed_dictionaries(
        {"session": ident, "text": awkward_text(500)},
        optional={"payload": awkward_text(300) | st.none()},
    )
    unique = body.map(lambda value: value | {"id": uuid.uuid4().hex})  # every one is new
    return unique.map(lambda value: json.dumps(value).encode())


def widget_garbage() -> st.SearchStrategy[bytes]:
    """Anything else: wrong types, missing fields, not JSON at all."""
    ident = st.text(max_size=300) | json_values(3)
    shaped = st.fixed_dictionaries(
        {"session": ident, "id": ident}, optional={"text": json_values(3)}
    )
    as_json = (shaped | json_values()).map(lambda value: json.dumps(value).encode())
    return as_json | st.binary(max_size=200)


async def test_widget_messages_survive_random_bodies(site: Running) -> None:
    url = f"/widget/{site.bot.slug}/messages"
    headers = {"X-Parley-Key": site.bot.public_key, "Content-Type": "application/json"}
    seen = FuzzLog()

    async def check(body: bytes) -> None:
        before = await Message.all().count()
        before_in = await Message.filter(direction="in").count()
        response = await site.client.post(url, data=body, headers=headers)
        seen.saw(response.status)
        assert response.status < 500, (body, await response.text())
        stored = await Message.filter(direction="in").count() - before_in
        if response.status >= 400:
            assert await Message.all().count() == before, body
        elif response.status == 200:
            assert stored == 1, (body, await response.text())  # the turn ran and kept it

    await fuzz(widget_messages(), check)
    assert seen.statuses.get(200, 0) >= seen.tried // 2, seen.statuses
    await fuzz(widget_garbage(), check)
    assert seen.server_errors == 0 and seen.statuses.get(400, 0) >= 20, seen.statuses


def query_values() -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(alphabet="ab-_:.", min_size=200, max_size=600),  # past any column's width
        awkward_text(400),
        st.sampled_from(["2026-01-01", "-1", "9999-99-99", "json", "yaml", "session-0001"]),
    )


def query_strings(*required: str) -> st.SearchStrategy[dict[str, str]]:
    """The parameters a route reads (always present), plus random extra ones."""
    known = st.fixed_dictionaries(dict.fromkeys(required, query_values()))
    extra = st.dictionaries(st.text(min_size=1, max_size=10), query_values(), max_size=2)
    return st.tuples(known, extra).map(lambda pair: pair[1] | pair[0])


async def test_widget_and_api_reads_survive_random_query_strings(site: Running) -> None:
    key = await issue_api_key(site.creator, ["read"])
    widget = {"X-Parley-Key": site.bot.public_key}
    api = {"Authorization": f"Bearer {key.token}"}
    slug = site.bot.slug
    targets = [
        (f"/widget/{slug}/history", widget, ("session",)),
        (f"/widget/{slug}/documents/x", {}, ("key",)),
        ("/api/v1/metrics", api, ("from", "to", "metric", "bot")),
        ("/api/v1/metrics.csv", api, ("from", "to")),
        ("/api/v1/bots", api, ()),
        (f"/api/v1/bots/{slug}/documents", api, ()),
        ("/api/v1/programs/none/analytics", api, ("bot", "from")),
        (f"/api/v1/bots/{slug}/programs/none", api, ("format",)),
    ]
    seen = FuzzLog()
    for path, headers, names in targets:

        async def check(params: dict[str, str], path: str = path, headers: Any = headers) -> None:
            response = await site.client.get(path, params=params, headers=headers)
            seen.saw(response.status)
            assert response.status < 500, (path, params, await response.text())

        await fuzz(query_strings(*names), check, examples=25)
    assert seen.server_errors == 0 and seen.tried == 25 * len(targets)


# --- findings, pinned ----------------------------------------------------------------------


async def test_history_with_an_overlong_session_is_a_400_not_a_500(site: Running) -> None:
    headers = {"X-Parley-Key": site.bot.public_key}
    for session in [".--:.b" * 80, "s" * 256, "s" * 5000, "bad session!", "short"]:
        response = await site.client.get(
            f"/widget/{site.bot.slug}/history", params={"session": session}, headers=headers
        )
        assert response.status == 400, (session[:20], await response.text())
        assert "session" in error_message(await response.json())


async def test_nul_and_control_characters_in_a_message_are_stored_without_them(
    site: Running,
) -> None:
    url = f"/widget/{site.bot.slug}/messages"
    body = {"session": "session-nul-01", "id": "m1", "text": "quiet\x00 hours?"}
    response = await site.client.post(url, json=body, headers={"X-Parley-Key": site.bot.public_key})
    assert response.status == 200, await response.text()
    stored = await Message.filter(direction="in").values_list("content", flat=True)
    assert stored == ["quiet hours?"]
