"""A whole flow over every channel, with an LLM key and channel tokens, logged at DEBUG: no
record above DEBUG carries a token, a key, a phone number, a chat id or a learner's words."""

from __future__ import annotations

import json
import logging
import socket
import traceback
from pathlib import Path
from urllib.parse import urlencode

import pytest
from aiohttp.test_utils import TestClient, TestServer
from twilio.request_validator import RequestValidator

from bot.auth import issue_api_key
from bot.rag.service import KnowledgeService
from bot.settings import LLMSettings, TelegramSettings, TwilioSettings
from channels.access_log import ACCESS_LOG
from channels.app import Services, create_app
from models import Channel, ChannelType, Document
from tests import factories
from tests.channels.conftest import GUIDE, app_settings
from tests.channels.harness import ACCOUNT_SID, AUTH_TOKEN, SENDER
from tests.fakes.openai_server import FakeOpenAI
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.twilio_api import FakeTwilioAPI

pytestmark = pytest.mark.filterwarnings("ignore:BasicAuth is deprecated:DeprecationWarning")
TG_TOKEN = "987654:LOGSCAN-telegram-token-xyz"
LLM_KEY = "sk-logscan-llm-key-123"
PHONE = "+15557654321"
CHAT_ID = "77001234"
WORDS = {
    "telegram": "My insurance number is QX-4411 and I feel low",
    "whatsapp": "Please call my sister Zelda about the bill",
    "web": "I failed the Vorlesung exam twice already",
}
FAKES_ACCESS_LOG = "aiohttp.access"  # only the fake vendor servers log there; Parley does not
FORM = "application/x-www-form-urlencoded"
ANSWER = "Quiet hours run from 21:00 to 08:00 [1]."


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def rendered(record: logging.LogRecord) -> str:
    text = record.getMessage()
    if record.exc_info:
        text += "".join(traceback.format_exception(*record.exc_info))
    return text


async def test_no_secret_or_personal_data_is_logged_above_debug(
    db: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    telegram, twilio, llm = (
        FakeTelegramAPI(),
        FakeTwilioAPI(accounts={ACCOUNT_SID: AUTH_TOKEN}),
        FakeOpenAI(ANSWER),
    )
    telegram.tokens.add(TG_TOKEN)
    for fake in (telegram, twilio, llm):
        await fake.start()
    port = free_port()
    settings = app_settings(db, tmp_path).model_copy(
        update={
            "public_url": f"http://127.0.0.1:{port}",
            "log_level": "DEBUG",
            "telegram": TelegramSettings(api_base=telegram.base_url),
            "twilio": TwilioSettings(api_base=twilio.base_url),
            "llm": LLMSettings(provider="openai", base_url=llm.base_url, api_key=LLM_KEY),
        }
    )
    services = Services.build(settings, knowledge=KnowledgeService(settings))
    owner = await factories.creator()
    bot = await factories.bot(owner, "guide")
    (tmp_path / "guide.md").write_text(GUIDE)
    await services.knowledge.add(owner.id, bot.slug, tmp_path / "guide.md")
    key = await issue_api_key(owner, ["read", "write"])
    api = {"Authorization": f"Bearer {key.token}"}
    app = create_app(settings, manage_db=False, services=services, run_background=False)
    server = TestServer(app, host="127.0.0.1", port=port)
    await server.start_server(**ACCESS_LOG)  # the access log `parley serve` runs with
    async with TestClient(server) as client:
        connected = [
            await client.post(
                "/api/v1/bots/guide/channels/telegram", json={"token": TG_TOKEN}, headers=api
            ),
            await client.post(
                "/api/v1/bots/guide/channels/whatsapp",
                json={"account_sid": ACCOUNT_SID, "auth_token": AUTH_TOKEN, "from": SENDER},
                headers=api,
            ),
        ]
        assert [r.status for r in connected] == [201, 201]
        tg_channel = await Channel.get(channel_type=ChannelType.TELEGRAM)
        person = {"id": int(CHAT_ID), "is_bot": False, "first_name": "Griselda"}
        chat = {"id": int(CHAT_ID), "type": "private", "first_name": "Griselda"}
        update = {
            "update_id": 4242,
            "message": {"message_id": 1, "from": person, "chat": chat, "date": 1,
                        "text": WORDS["telegram"]},
        }  # fmt: skip
        posted = await client.post(
            "/telegram/guide/webhook",
            data=json.dumps(update),
            headers={"X-Telegram-Bot-Api-Secret-Token": tg_channel.webhook_secret or ""},
        )
        assert posted.status == 200, await posted.text()
        form = {"AccountSid": ACCOUNT_SID, "From": f"whatsapp:{PHONE}", "To": SENDER,
                "Body": WORDS["whatsapp"], "MessageSid": "SM" + "a" * 32, "NumMedia": "0",
                "ProfileName": "Zelda's brother", "WaId": PHONE.lstrip("+")}  # fmt: skip
        url = "/whatsapp/guide/webhook"
        signature = RequestValidator(AUTH_TOKEN).compute_signature(settings.public_url + url, form)
        signed = {
            "X-Twilio-Signature": signature,
            "Content-Type": "application/x-www-form-urlencoded",
        }
        assert (await client.post(url, data=urlencode(form), headers=signed)).status == 200
        widget = await client.post(
            "/widget/guide/messages",
            json={"session": "session-logscan-01", "id": "w1", "text": WORDS["web"]},
            headers={"X-Parley-Key": bot.public_key},
        )
        assert (await widget.json())["replies"][0]["text"] == ANSWER
        doc = await Document.get()
        page = await client.get(f"/widget/guide/documents/{doc.id}", params={"key": bot.public_key})
        assert page.status == 200
        await services.inbox.drain()
        while await services.outbox.run_once():
            pass
        await twilio.settle()
        forged = await client.post(url, data=urlencode(form), headers={"X-Twilio-Signature": "x"})
        assert forged.status == 403
    for fake in (telegram, twilio, llm):
        await fake.close()
    await services.aclose()

    assert telegram.texts_to(CHAT_ID) and twilio.bodies_to(f"whatsapp:{PHONE}")  # all answered
    assert any(r.levelno == logging.DEBUG for r in caplog.records)  # capture really is at DEBUG
    ours = [r.getMessage() for r in caplog.records if r.name == "channels.access"]
    assert any(m.startswith("GET /widget/guide/documents/") for m in ours)  # scanned, no ?key=
    needles = {
        "telegram token": TG_TOKEN.split(":")[1],
        "telegram webhook secret": tg_channel.webhook_secret or "",
        "twilio auth token": AUTH_TOKEN,
        "llm key": LLM_KEY,
        "api key": key.token.split(".")[-1],
        "widget key": bot.public_key,
        "phone": PHONE.lstrip("+"),
        "chat id": CHAT_ID,
        "display name": "Griselda",
        "widget session": "session-logscan-01",
        "answer": ANSWER,
        **{f"{channel} words": text for channel, text in WORDS.items()},
    }
    leaks = [
        (what, record.name, record.levelname, rendered(record)[:200])
        for record in caplog.records
        if record.levelno > logging.DEBUG and record.name != FAKES_ACCESS_LOG
        for what, needle in needles.items()
        if needle and needle in rendered(record)
    ]
    assert leaks == []
