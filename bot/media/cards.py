"""Image cards for badge and level-up announcements: a PNG drawn with Pillow, stored as media.

Pillow is imported when a card is drawn, not with the engine that imports this module.
"""

from __future__ import annotations

import asyncio
import io
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING
from uuid import UUID

from bot.media.store import MEDIA_PREFIX, save_media
from bot.messages import Attachment

if TYPE_CHECKING:
    from PIL import ImageFont

SIZE = (800, 420)
DEFAULT_COLOUR = "#4338ca"
HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class Card:
    """What a card says: a small heading, the big title, who earned it, where."""

    heading: str  # "Badge earned", "Level up"
    title: str
    learner: str
    context: str  # the bot (or program) it was earned in
    colour: str = DEFAULT_COLOUR


def fitted(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@cache
def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Pillow's bundled font at `size` (loaded once per size: loading costs more than drawing)."""
    from PIL import ImageFont

    return ImageFont.load_default(size=size)


def png(card: Card) -> bytes:
    """The card as PNG bytes (deterministic for the same card)."""
    from PIL import Image, ImageDraw

    colour = card.colour if HEX.match(card.colour) else DEFAULT_COLOUR
    image = Image.new("RGB", SIZE, colour)
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle(
        (24, 24, SIZE[0] - 24, SIZE[1] - 24), radius=28, outline="white", width=4
    )
    lines = [
        (fitted(card.heading.upper(), 40), 28, 70),
        (fitted(card.title, 28), 60, 130),
        (fitted(card.learner, 40), 34, 250),
        (fitted(card.context, 48), 26, 310),
    ]
    for text, size, top in lines:
        draw.text((60, top), text, fill="white", font=font(size))
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=6)
    return out.getvalue()


async def card_attachment(creator_id: UUID, card: Card, *, name: str) -> Attachment:
    """Draw the card (in a worker thread), store it, and refer to it as an image attachment."""
    data = await asyncio.to_thread(png, card)
    row = await save_media(creator_id, data, name, "image/png")
    return Attachment(kind="image", ref=f"{MEDIA_PREFIX}{row.id}", mime_type="image/png", name=name)
