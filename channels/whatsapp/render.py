"""Our OutboundMessage -> WhatsApp bodies: 1600-character pieces, buttons as numbered options."""

from __future__ import annotations

import json

from bot.i18n.catalogue import Texts
from bot.messages import Button, OutboundMessage, Template
from channels.base import split_text

BODY_LIMIT = 1600


def to_bodies(outbound: OutboundMessage, limit: int = BODY_LIMIT) -> list[str]:
    """The text, then 'Reply with a number' options and sources, split to fit Twilio's limit."""
    sections = [outbound.text.strip()]
    texts = Texts.for_language(outbound.language)
    if outbound.buttons:
        sections.append(options(outbound.buttons, texts.get("reply_with_number")))
    if outbound.citations:
        titles = [c.title or c.document for c in outbound.citations]
        sections.append(f"{texts.get('sources')}: " + "; ".join(titles))
    return split_text("\n\n".join(s for s in sections if s), limit)


def options(buttons: tuple[Button, ...], heading: str) -> str:
    lines = [f"{n}. {b.title}" + (f" {b.url}" if b.url else "") for n, b in enumerate(buttons, 1)]
    return heading + "\n" + "\n".join(lines)


def choice_payload(text: str, buttons: tuple[Button, ...]) -> str | None:
    """The payload of the option a user picked by typing its number ('2', '2.'), if any."""
    number = text.strip().rstrip(".)")
    if not number.isdigit():
        return None
    index = int(number) - 1
    if 0 <= index < len(buttons) and not buttons[index].url:
        return buttons[index].payload
    return None


def to_content_variables(template: Template) -> str:
    return json.dumps(template.variables, separators=(",", ":"), sort_keys=True)
