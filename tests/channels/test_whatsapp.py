"""WhatsApp: captured Twilio webhooks, signatures behind a proxy, status callbacks, the window."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from twilio.request_validator import RequestValidator

from bot import outbox
from bot.messages import Button, OutboundMessage, Template
from channels.whatsapp import choice_payload, parse_inbound, parse_status, to_bodies
from models import ChannelAccount, DeliveryStatus, Message, OutboxMessage, OutboxStatus
from tests.channels.harness import AUTH_TOKEN, Harness, running, wa_form
from tests.fakes.twilio_api import FakeTwilioAPI

pytestmark = pytest.mark.filterwarnings("ignore:BasicAuth is deprecated:DeprecationWarning")
WEBHOOKS = Path(__file__).resolve().parents[3] / "shared" / "eval" / "twilio_webhooks"
USER = "+15550001"
QUESTION = "How long should I warm up?"


def load(name: str) -> dict[str, str]:
    return dict(json.loads((WEBHOOKS / name).read_text()))


@pytest.fixture
async def wa(db: str) -> AsyncIterator[Harness]:
    async with running("whatsapp") as built:
        yield built


async def post_signed(wa: Harness, path: str, form: dict[str, str]) -> int:
    url = f"/whatsapp/{wa.bot.slug}/{path}"
    public = str(wa.client.make_url("")).rstrip("/")
    signature = RequestValidator(AUTH_TOKEN).compute_signature(public + url, form)
    response = await wa.client.post(url, data=form, headers={"X-Twilio-Signature": signature})
    return response.status


async def enqueue_to_user(wa: Harness, outbound: OutboundMessage, key: str) -> OutboxMessage:
    """A message from outside a turn (a nudge, a program step), as the scheduler would send."""
    account = await ChannelAccount.get(external_id=USER)
    return await outbox.enqueue(
        bot_id=wa.bot.id,
        channel_account_id=account.id,
        channel="whatsapp",
        outbound=outbound,
        idempotency_key=key,
        now=wa.clock.now(),
    )


# --- pure ----------------------------------------------------------------------------------


def test_parse_inbound_text_button_media_location() -> None:
    text = parse_inbound(load("inbound_text_with_profile_2022.json"), bot="b")
    button = parse_inbound(load("inbound_button_reply_100eyes.json"), bot="b")
    image = parse_inbound(load("inbound_image_2020.json"), bot="b")
    place = parse_inbound(load("inbound_location_2020.json"), bot="b")
    assert text is not None and text.external_user_id.startswith("+") and text.display_name
    assert button is not None and (button.payload, button.text) == ("Antworten-Payload", "")
    assert image is not None and image.attachments[0].mime_type == "image/jpeg"
    assert place is not None and place.attachments[0].kind == "location"


def test_parse_status_maps_twilio_states_and_errors() -> None:
    read = parse_status(load("derived/status_read.json"))
    closed = parse_status(load("status_failed_63016_outside_24h_window.json"))
    assert read is not None and read.status is DeliveryStatus.READ
    assert closed is not None and closed.status is DeliveryStatus.FAILED and closed.window_closed


def test_long_bodies_split_and_buttons_become_numbered_options() -> None:
    out = OutboundMessage(text="x " * 1000, buttons=(Button("Yes", "y"), Button("No", "n")))
    bodies = to_bodies(out)
    assert len(bodies) == 2 and all(len(b) <= 1600 for b in bodies)
    assert bodies[-1].endswith("1. Yes\n2. No")
    assert choice_payload("2", out.buttons) == "n"
    assert choice_payload("3", out.buttons) is None


# --- webhooks ------------------------------------------------------------------------------


async def test_every_captured_webhook_is_handled(wa: Harness) -> None:
    outcomes = {}
    for path in sorted(WEBHOOKS.rglob("*.json")):
        if path.name == "INDEX.json":
            continue
        form = json.loads(path.read_text())
        route = "status" if "MessageStatus" in form else "webhook"
        outcomes[path.name] = (route, await post_signed(wa, route, form))
    await wa.settle()
    assert len(outcomes) == 15
    assert all(status == 200 for _, status in outcomes.values()), outcomes
    inbound_sids = {
        load(n)["MessageSid"]
        for n, (r, _) in outcomes.items()
        if r == "webhook" and not n.startswith("status")
    }
    assert await Message.filter(direction="in").count() == len(inbound_sids)


async def test_signature_is_checked_against_the_public_url(wa: Harness) -> None:
    form = wa_form(USER, QUESTION, wa.new_id())
    path = f"/whatsapp/{wa.bot.slug}/webhook"
    bind_address = str(wa.client.make_url(path)).replace("127.0.0.1", "localhost")
    signature = RequestValidator(AUTH_TOKEN).compute_signature(bind_address, form)
    response = await wa.client.post(path, data=form, headers={"X-Twilio-Signature": signature})
    assert response.status == 403
    assert await Message.all().count() == 0


async def test_reply_goes_out_by_rest_with_empty_twiml_and_status_callback(wa: Harness) -> None:
    form = wa_form(USER, QUESTION, wa.new_id())
    public = str(wa.client.make_url("")).rstrip("/")
    path = f"/whatsapp/{wa.bot.slug}/webhook"
    signature = RequestValidator(AUTH_TOKEN).compute_signature(public + path, form)
    response = await wa.client.post(path, data=form, headers={"X-Twilio-Signature": signature})
    assert (await response.text()).endswith("<Response/>")
    await wa.settle()
    fake: FakeTwilioAPI = wa.vendor
    (sent,) = fake.sent
    assert sent.from_ == "whatsapp:+14155238886" and "ten minutes" in sent.body
    assert [c.status for c in fake.callbacks] == [200, 200]
    reply = await Message.get(direction="out")
    assert reply.delivery_status == DeliveryStatus.DELIVERED and reply.delivered_at is not None
    assert reply.external_message_id == sent.sid


async def test_63016_closes_the_window_and_later_free_form_is_held(wa: Harness) -> None:
    await wa.post_text(USER, QUESTION, wa.new_id())
    await wa.settle()
    sent_sid = (await OutboxMessage.get()).external_message_id or ""
    failed = {**load("derived/status_undelivered_63016.json"), "MessageSid": sent_sid}
    assert await post_signed(wa, "status", failed) == 200
    account = await ChannelAccount.get(external_id=USER)
    assert account.window_closed_at is not None
    reply = await Message.get(direction="out")
    assert (reply.delivery_status, reply.error_code) == (DeliveryStatus.FAILED, "63016")
    nudge = await enqueue_to_user(
        wa, OutboundMessage(text="Time for your run!", kind="nudge"), "nudge:1"
    )
    await wa.settle()
    await nudge.refresh_from_db()
    assert nudge.status == OutboxStatus.BLOCKED_BY_WINDOW
    assert "24-hour window" in (nudge.last_error or "")


async def test_outside_the_window_a_template_is_sent(wa: Harness) -> None:
    await wa.post_text(USER, QUESTION, wa.new_id())
    await wa.settle()
    wa.clock.advance(timedelta(hours=30))
    await enqueue_to_user(
        wa, OutboundMessage(text="Day 2", template=Template("HX123", {"1": "Ann"})), "step:2"
    )
    await wa.settle()
    fake: FakeTwilioAPI = wa.vendor
    last = fake.sent[-1]
    assert (last.content_sid, json.loads(last.content_variables)) == ("HX123", {"1": "Ann"})
    assert last.body == ""


async def test_held_message_is_released_when_the_user_writes_again(wa: Harness) -> None:
    await wa.post_text(USER, QUESTION, wa.new_id())
    await wa.settle()
    wa.clock.advance(timedelta(hours=30))
    await enqueue_to_user(wa, OutboundMessage(text="We missed you", kind="nudge"), "nudge:2")
    await wa.settle()
    assert "We missed you" not in wa.replies(USER)
    await wa.post_text(USER, "I'm back", wa.new_id())
    await wa.settle()
    assert "We missed you" in wa.replies(USER)


async def test_typed_number_picks_the_offered_option(wa: Harness) -> None:
    await wa.post_text(USER, QUESTION, wa.new_id())
    await wa.settle()
    await enqueue_to_user(
        wa,
        OutboundMessage(
            text="Ready?", buttons=(Button("Help", "/help"), Button("Restart", "/reset"))
        ),
        "menu:1",
    )
    await wa.settle()
    assert wa.replies(USER)[-1].endswith("1. Help\n2. Restart")
    await wa.post_text(USER, "2", wa.new_id())
    await wa.settle()
    inbound = await Message.filter(direction="in")
    assert [m.metadata.get("payload") for m in inbound if m.metadata.get("payload")] == ["/reset"]
    assert wa.replies(USER)[-1].startswith("Fresh start!")
