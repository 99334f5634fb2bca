"""A bot's overrides of built-in learner texts: validated, stored, audited, shown per language.

The creator API (`/api/v1/bots/{slug}/texts`) and the studio's Texts tab both call these.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot import audit
from bot.i18n.catalogue import (
    ANY_LANGUAGE,
    DEFAULT_LANGUAGE,
    catalogue,
    keys,
    overrides_of,
    validate_overrides,
)
from bot.live import invalidate_bot
from models import Bot


@dataclass(frozen=True)
class TextRow:
    """One built-in text as a learner speaking `language` gets it, and the bot's override."""

    key: str
    default: str
    override: str


async def set_overrides(
    bot: Bot, texts: Mapping[str, Mapping[str, str]]
) -> dict[str, dict[str, str]]:
    """Replace every override of the bot (ValueError says which text is wrong; nothing saved)."""
    cleaned = validate_overrides(texts)
    before = overrides_of(bot.settings or {})
    bot.settings = {**(bot.settings or {}), "texts": cleaned}
    await bot.save(update_fields=["settings", "updated_at"])
    invalidate_bot(bot)
    await audit.record_change(
        bot.creator_id, table="bot_texts", record_id=bot.id, old=before, new=cleaned
    )
    return cleaned


async def set_language(
    bot: Bot, language: str, texts: Mapping[str, str]
) -> dict[str, dict[str, str]]:
    """Replace the overrides of one language (or "*"), keeping the other languages' ones."""
    merged = {
        k: {t: v for t, v in by.items() if t != language}
        for k, by in overrides_of(bot.settings or {}).items()
    }
    for key, text in texts.items():
        if text.strip():
            merged.setdefault(key, {})[language] = text
    return await set_overrides(bot, {k: v for k, v in merged.items() if v})


def rows(bot: Bot, language: str) -> list[TextRow]:
    """Every text key with the shipped text for `language` (English where it has none)."""
    shipped = {**catalogue(DEFAULT_LANGUAGE), **catalogue(language)}
    if language == ANY_LANGUAGE:
        shipped = dict(catalogue(DEFAULT_LANGUAGE))
    mine = overrides_of(bot.settings or {})
    return [
        TextRow(key, shipped.get(key, ""), mine.get(key, {}).get(language, ""))
        for key in sorted(keys())
    ]
