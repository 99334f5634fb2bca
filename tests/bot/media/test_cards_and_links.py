"""Badge and level-up cards (a real PNG stored as media, attached to the announcement) and
signed media links (valid, tampered, expired): both dialects where the database is used."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

from PIL import Image

from bot.media import MediaLinks, load_media, media_id
from bot.media.cards import Card, png
from bot.messages import Attachment
from tests.bot.programs.program_world import make_world, publish, quiz_program

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
BADGES = [{"code": "first-quiz", "name": "Quick Study", "criteria": "quizzes_passed >= 1"}]
LINKS = MediaLinks(secret=b"k" * 32, public_url="https://parley.test/")


def test_a_card_is_an_800x420_png_and_the_same_card_gives_the_same_bytes() -> None:
    card = Card("New badge: Early Bird!", "Early Bird", "Ada", "Coach", "#0f766e")
    image = Image.open(io.BytesIO(png(card)))
    assert (image.format, image.size) == ("PNG", (800, 420))
    assert image.getpixel((5, 5)) == (15, 118, 110)  # the badge's colour
    assert png(card) == png(card)
    assert png(card) != png(Card("New badge: Early Bird!", "Early Bird", "Bea", "Coach"))


def test_signed_links_expire_and_reject_tampering() -> None:
    ref = "media:0b9a4ad4-3f09-4d4f-8f0e-3a4c1a1d7f10"
    url = LINKS.url(Attachment("image", ref), START)
    file_id, query = url.removeprefix("https://parley.test/media/").split("?")
    params = dict(p.split("=") for p in query.split("&"))
    assert file_id == ref.removeprefix("media:")
    assert LINKS.valid(file_id, params["exp"], params["sig"], START)
    assert not LINKS.valid(file_id, params["exp"], params["sig"], START + timedelta(hours=25))
    assert not LINKS.valid(file_id, str(int(params["exp"]) + 1), params["sig"], START)
    other = MediaLinks(secret=b"x" * 32, public_url="https://parley.test")
    assert not other.valid(file_id, params["exp"], params["sig"], START)
    assert LINKS.url(Attachment("file", "https://example.org/a.pdf"), START) == (
        "https://example.org/a.pdf"
    )


async def test_badge_and_level_up_announcements_carry_their_cards(db: str) -> None:
    world = await make_world(START)
    program = quiz_program(badges=BADGES)
    program["steps"][1]["points"] = 100  # enough for level 2
    await publish(world, program)
    await world.say("ann", "join mini")
    await world.say("ann", payload="next:intro")
    result = await world.say("ann", payload="quiz:check:1")
    badge, level = [r for r in result.replies if r.kind == "badge"]
    assert badge.text == "New badge: Quick Study!" and level.text.startswith("Level up!")
    for reply in (badge, level):
        (attachment,) = reply.attachments
        assert attachment.kind == "image" and media_id(attachment.ref) is not None
        stored = await load_media(attachment.ref)
        assert stored is not None and stored.creator_id == world.bot.creator_id
        assert Image.open(io.BytesIO(stored.data)).size == (800, 420)
    assert badge.attachments[0].name == "badge-first-quiz.png"
    assert badge.attachments[0].ref != level.attachments[0].ref
