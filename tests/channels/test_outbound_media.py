"""Outbound media on every channel: Telegram uploads stored files (sendPhoto/sendDocument) and
passes URLs; Twilio gets a signed, expiring Parley MediaUrl and fetches the file from the app;
the widget's reply JSON carries the attachments (both dialects)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import timedelta

import pytest
from aiohttp import web

from bot.media import MediaLinks, media_links, save_media
from bot.media.cards import Card, png
from bot.messages import Attachment, OutboundMessage
from bot.outbox import Delivery, SendFailed
from channels import media as media_routes
from channels.http_errors import json_errors
from channels.telegram import TelegramSender
from channels.web.live import widget_message
from channels.whatsapp.client import WhatsAppSender
from models import MediaFile
from tests.channels.harness import Harness, running, serve
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.twilio_api import FakeTwilioAPI

CARD = png(Card("New badge: Early Bird!", "Early Bird", "Ada", "Coach"))
GUIDE = Attachment("document", "https://example.org/guide.pdf", name="guide.pdf")


@pytest.fixture
def links() -> Iterator[None]:
    before = media_links.links
    yield
    media_links.links = before


async def stored_card(h: Harness) -> Attachment:
    row = await save_media(h.bot.creator_id, CARD, "card.png", "image/png")
    return Attachment("image", f"media:{row.id}", name="card.png")


def delivery(
    h: Harness, channel: str, to: str, *attachments: Attachment, done: int = 0
) -> Delivery:
    outbound = OutboundMessage(text="Lesson 1", attachments=attachments)
    return Delivery(h.bot.id, h.bot.id, channel, to, outbound, parts_done=done)


@pytest.fixture
async def tg(db: str) -> AsyncIterator[Harness]:
    async with running("telegram") as built:
        yield built


async def test_telegram_uploads_stored_images_and_passes_file_urls(tg: Harness) -> None:
    fake: FakeTelegramAPI = tg.vendor
    sender = TelegramSender(tg.worker.senders["telegram"].clients)  # type: ignore[attr-defined]
    card = await stored_card(tg)
    result = await sender.send(delivery(tg, "telegram", "42", card, GUIDE))
    assert fake.texts_to("42") == ["Lesson 1"] and result.parts_sent == 3
    photo, document = fake.media
    assert (photo.method, photo.chat_id, photo.url) == ("sendPhoto", "42", "")
    assert photo.upload is not None and photo.upload.data == CARD
    assert photo.upload.filename == "card.png"
    assert (document.method, document.url, document.upload) == ("sendDocument", GUIDE.ref, None)
    assert result.external_message_id == f"42:{document.message_id}"
    # a retry after the text went out sends only what is left
    again = await sender.send(delivery(tg, "telegram", "42", card, GUIDE, done=2))
    assert again.parts_sent == 1 and [m.method for m in fake.media] == [
        "sendPhoto", "sendDocument", "sendDocument"
    ]  # fmt: skip
    assert fake.texts_to("42") == ["Lesson 1"]


async def test_telegram_refuses_a_deleted_file_for_good(tg: Harness) -> None:
    sender = TelegramSender(tg.worker.senders["telegram"].clients)  # type: ignore[attr-defined]
    card = await stored_card(tg)
    await MediaFile.all().delete()
    with pytest.raises(SendFailed) as caught:
        await sender.send(delivery(tg, "telegram", "42", card, done=1))
    assert not caught.value.retryable and caught.value.code == "media"


@pytest.fixture
async def wa(db: str) -> AsyncIterator[Harness]:
    async with running("whatsapp") as built:
        yield built


async def media_server() -> tuple[str, object]:
    app = web.Application(middlewares=[json_errors])  # as in create_app
    media_routes.add_routes(app)
    client = await serve(app)
    return str(client.make_url("")).rstrip("/"), client


async def test_twilio_fetches_a_signed_parley_url_and_gets_the_file(
    wa: Harness, links: None
) -> None:
    fake: FakeTwilioAPI = wa.vendor
    base, client = await media_server()
    media_links.configure(MediaLinks(secret=b"s" * 32, public_url=base))
    sender: WhatsAppSender = wa.worker.senders["whatsapp"]  # type: ignore[assignment]
    card = await stored_card(wa)
    await sender.send(delivery(wa, "whatsapp", "+15550001", card))
    await fake.settle()
    text, media = fake.sent[-2:]
    assert (text.body, text.media_urls) == ("Lesson 1", ())
    (url,) = media.media_urls
    assert url.startswith(f"{base}/media/{card.ref.removeprefix('media:')}?exp=")
    (fetched,) = fake.fetched
    assert (fetched.status, fetched.content_type, fetched.body) == (200, "image/png", CARD)
    tampered = url.replace("sig=", "sig=0")
    async with client.get(tampered.removeprefix(base)) as response:  # type: ignore[attr-defined]
        assert response.status == 403
        assert (await response.json())["error"]["code"] == "forbidden"
    media_links.configure(MediaLinks(secret=b"s" * 32, public_url=base, ttl=timedelta(seconds=-1)))
    expired = media_links.url(card, wa.clock.now())
    assert expired is not None
    async with client.get(expired.removeprefix(base)) as response:  # type: ignore[attr-defined]
        assert response.status == 403
    await client.close()  # type: ignore[attr-defined]


def test_widget_replies_carry_signed_attachments(links: None) -> None:
    media_links.configure(MediaLinks(secret=b"s" * 32, public_url="https://parley.test"))
    card = Attachment("image", "media:0b9a4ad4-3f09-4d4f-8f0e-3a4c1a1d7f10", name="card.png")
    shown = widget_message(OutboundMessage(text="Badge!", attachments=(card, GUIDE)))
    image, document = shown["attachments"]
    assert image["kind"] == "image" and image["name"] == "card.png"
    assert image["url"].startswith("https://parley.test/media/0b9a4ad4-") and "sig=" in image["url"]
    assert document == {"url": GUIDE.ref, "kind": "file", "name": "guide.pdf"}
