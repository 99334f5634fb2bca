"""The learner's language for a turn: their channel profile's code, else detected from their
messages; stored on their profile (`EndUser.language`, `language_source`) for later turns and
for messages the scheduler sends."""

from __future__ import annotations

from dataclasses import replace

from bot.i18n.language import detect, normalise_tag
from bot.pipeline import Next, Turn
from models import EndUser

CHANNEL = "channel"  # the platform told us (Telegram's language_code)
DETECTED = "detected"  # detected from what they wrote


def known_language(user: EndUser) -> str:
    """The stored language, or "" while nothing told us (a new profile's default is a guess)."""
    return user.language if user.language_source else ""


async def learner_language(user: EndUser, text: str, channel_code: str) -> str:
    """Decide and store the learner's language; "" when still unknown."""
    code = normalise_tag(channel_code)
    if code:
        await _store(user, code, CHANNEL)
        return code
    if user.language_source == CHANNEL:
        return user.language
    detected = "" if text.startswith("/") else detect(text)
    if detected:
        await _store(user, detected, DETECTED)
        return detected
    return known_language(user)


async def _store(user: EndUser, language: str, source: str) -> None:
    if (user.language, user.language_source) != (language, source):
        user.language, user.language_source = language[:10], source
        await user.save(update_fields=["language", "language_source"])


class LanguageStep:
    """Pipeline step: sets `turn.language` before commands, programs and answers run."""

    async def __call__(self, turn: Turn, call_next: Next) -> None:
        if not turn.duplicate:
            code = str(turn.inbound.metadata.get("language_code") or "")
            turn.language = await learner_language(turn.end_user, turn.text, code)
        await call_next(turn)
        language = turn.texts().language
        turn.replies = [r if r.language else replace(r, language=language) for r in turn.replies]
