"""Built-in learner texts from gettext catalogues (babel), per-bot overrides, fallback chains.

The `.po` files under `locales/` are the source; they are compiled to `.mo` in memory with babel
when first used, so there is no build step to forget and no binary to keep in sync. A message id
is a stable key (`dont_know`, `paused_until`): creators override texts by key, per language
(`"es"`, `"pt-BR"`) or for every language (`"*"`), in the bot's settings under `texts`.
"""

from __future__ import annotations

import gettext
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from bot.i18n.language import fallback_chain, normalise_tag

LOCALES = Path(__file__).parent / "locales"
DOMAIN = "parley"
DEFAULT_LANGUAGE = "en"
ANY_LANGUAGE = "*"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@cache
def available() -> frozenset[str]:
    """Languages with a shipped catalogue."""
    return frozenset(p.parent.parent.name for p in LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


@cache
def translations(language: str) -> gettext.GNUTranslations | None:
    """One language's catalogue compiled from its .po with babel (None when not shipped)."""
    if language not in available():
        return None
    path = LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as handle:
        parsed = read_po(handle, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, parsed)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


@cache
def catalogue(language: str) -> Mapping[str, str]:
    """key -> text of one language's catalogue; a plural entry appears with its first form."""
    compiled = translations(language)
    if compiled is None:
        return {}
    entries: dict[object, str] = compiled._catalog  # type: ignore[attr-defined]
    texts = {k: v for k, v in entries.items() if isinstance(k, str) and k and v}
    texts |= {k[0]: v for k, v in entries.items() if isinstance(k, tuple) and k[1] == 0 and v}
    return texts


def plural(language: str, key: str, n: int) -> str | None:
    """The form of a plural text for `n` in `language` (its own plural rule), if translated."""
    compiled = translations(language)
    if compiled is None or key not in catalogue(language):
        return None
    return compiled.ngettext(key, f"{key}_plural", n)


def keys() -> frozenset[str]:
    """Every message key (the English catalogue is complete by test)."""
    return frozenset(catalogue(DEFAULT_LANGUAGE))


def placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


Overrides = Mapping[str, Mapping[str, str]]  # key -> language tag (or "*") -> text


@dataclass(frozen=True)
class Texts:
    """The texts one learner gets: the bot's overrides, then catalogues along their chain."""

    chain: tuple[str, ...] = (DEFAULT_LANGUAGE,)
    overrides: Overrides = field(default_factory=dict)

    @classmethod
    def for_language(
        cls, language: str | None, *, bot_settings: Mapping[str, Any] | None = None
    ) -> Texts:
        settings = bot_settings or {}
        default = normalise_tag(str(settings.get("default_language") or "")) or DEFAULT_LANGUAGE
        chain = fallback_chain(language, default=default)
        return cls._with_english(chain, settings)

    @classmethod
    def for_bot(cls, language: str | None, bot: Any) -> Texts:
        """For a learner of this bot: its first listed language is the default after theirs."""
        spoken = [str(v) for v in (bot.languages or []) if v] if bot is not None else []
        settings = dict(bot.settings or {}) if bot is not None else {}
        if spoken and not settings.get("default_language"):
            settings["default_language"] = spoken[0]
        return cls.for_language(language, bot_settings=settings)

    @classmethod
    def _with_english(cls, chain: list[str], settings: Mapping[str, Any]) -> Texts:
        if DEFAULT_LANGUAGE not in chain:
            chain.append(DEFAULT_LANGUAGE)
        return cls(tuple(chain), overrides_of(settings))

    @property
    def language(self) -> str:
        """The first language of the chain that has a catalogue (what replies are written in)."""
        return next((tag for tag in self.chain if tag in available()), DEFAULT_LANGUAGE)

    def get(self, key: str, **values: object) -> str:
        """The text for `key` with `{placeholders}` filled in; KeyError for an unknown key."""
        return self.template(key).format(**values)

    def count(self, key: str, n: int, **values: object) -> str:
        """A text with a number in it, in the plural form the language uses for `n`."""
        return self.template(key, n=n).format(**values)

    def template(self, key: str, *, n: int | None = None) -> str:
        """The creator's text for a language of the chain, else theirs for every language
        ("*"), else the first catalogue of the chain that has the key."""
        own = self.overrides.get(key, {})
        for text in (*(own.get(tag) for tag in self.chain), own.get(ANY_LANGUAGE)):
            if text:
                return text
        for tag in self.chain:
            text = catalogue(tag).get(key) if n is None else plural(tag, key, n)
            if text:
                return text
        raise KeyError(f"no text {key!r} in any catalogue")


def overrides_of(bot_settings: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """The valid part of a bot's `settings["texts"]` (validated on write, re-checked on read)."""
    raw = bot_settings.get("texts")
    if not isinstance(raw, Mapping):
        return {}
    return {
        str(key): {str(tag): str(text) for tag, text in by_tag.items() if isinstance(text, str)}
        for key, by_tag in raw.items()
        if isinstance(by_tag, Mapping)
    }


def validate_overrides(texts: Mapping[str, Mapping[str, str]]) -> dict[str, dict[str, str]]:
    """Creator overrides checked: known keys, language tags, the same placeholders as English."""
    known = keys()
    cleaned: dict[str, dict[str, str]] = {}
    for key, by_tag in texts.items():
        if key not in known:
            raise ValueError(f"unknown text key {key!r}; known keys: {', '.join(sorted(known))}")
        expected = placeholders(catalogue(DEFAULT_LANGUAGE)[key])
        for tag, text in by_tag.items():
            canonical = ANY_LANGUAGE if tag == ANY_LANGUAGE else normalise_tag(tag)
            if not canonical:
                raise ValueError(f"{key}: {tag!r} is not a language tag (e.g. es, pt-BR, or *)")
            if placeholders(text) != expected:
                wanted = ", ".join(f"{{{p}}}" for p in sorted(expected)) or "none"
                raise ValueError(f"{key} [{tag}]: placeholders must be exactly: {wanted}")
            if text.strip():
                cleaned.setdefault(key, {})[canonical] = text
    return cleaned
