"""A bot's editable settings: validated edits to its draft, publishing, history, archiving.

The `Bot` row's columns (and `settings`) are what learners get; `Bot.draft` holds the edits
made since the last publish. `publish` applies the draft and freezes a `BotVersion`, so an
edit never reaches a learner before the creator publishes it. The LLM API key is a secret:
it is written straight to the encrypted column and never read back to a creator.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from pydantic import ConfigDict, Field, ValidationError, field_validator

from bot import accounts, audit
from bot.errors import Conflict, InvalidInput
from bot.live import invalidate_bot
from bot.schedule import zone
from bot.theme import WidgetThemeIn, published_theme
from models import Bot, BotStatus, BotVersion, Creator

ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(?::\d{1,5})?/?$")
LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$")
QUIET = re.compile(r"^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$")
SETTINGS_KEYS = ("quiet_hours", "timezone")
LLM_KEYS = ("provider", "base_url", "model")
Text = Field(default=None, max_length=20_000)
Items = Field(default=None, max_length=50)


class FieldInvalid(InvalidInput):
    """A setting was refused; `field` names it so a page can show the reason beside it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class BotSettingsIn(WidgetThemeIn):
    """Every editable setting of a bot; absent fields are left as they are."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str | None = Field(default=None, min_length=1, max_length=255)
    persona_name: str | None = Field(default=None, max_length=255)
    description: str | None = Text
    system_prompt: str | None = Text
    traits: list[str] | None = Items
    backstory: str | None = Text
    hidden_rules: list[str] | None = Items
    languages: list[str] | None = Items
    greeting: str | None = Field(default=None, max_length=4000)
    sign_off: str | None = Field(default=None, max_length=1000)
    allowed_origins: list[str] | None = Items
    quiet_hours: str | None = None
    timezone: str | None = Field(default=None, max_length=64)
    # "" clears a bot's own value: the server's default applies again
    llm_provider: Literal["", "offline", "openai"] | None = None
    llm_base_url: str | None = Field(default=None, max_length=500, pattern=r"^(https?://\S+)?$")
    llm_model: str | None = Field(default=None, max_length=200)

    @field_validator("traits", "hidden_rules")
    @classmethod
    def _short_items(cls, items: list[str] | None) -> list[str] | None:
        return entries(items, lambda i: len(i) <= 1000, "an entry of at most 1000 characters")

    @field_validator("languages")
    @classmethod
    def _languages(cls, items: list[str] | None) -> list[str] | None:
        return entries(items, LANGUAGE.match, "a language code such as en, fr or pt-BR")

    @field_validator("allowed_origins")
    @classmethod
    def _origins(cls, items: list[str] | None) -> list[str] | None:
        cleaned = entries(items, ORIGIN.match, "an origin like https://example.com")
        return None if cleaned is None else [o.rstrip("/") for o in cleaned]

    @field_validator("quiet_hours")
    @classmethod
    def _quiet(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return value
        if not QUIET.match(value.replace(" ", "")):
            raise ValueError("write HH:MM-HH:MM, e.g. 21:00-08:00 (equal times turn them off)")
        return value.replace(" ", "")

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str | None) -> str | None:
        return time_zone(value) if value else value


def entries(items: list[str] | None, valid: Callable[[str], object], what: str) -> list[str] | None:
    """Non-blank entries, stripped; the first invalid one is named in the error."""
    if items is None:
        return None
    cleaned = [i.strip() for i in items if i.strip()]
    bad = [i for i in cleaned if not valid(i)]
    if bad:
        raise ValueError(f"{bad[0][:80]!r} is not {what}")
    return cleaned


def time_zone(value: str) -> str:
    """An IANA time zone name, or ValueError saying what to write (for pydantic validators)."""
    try:
        zone(value)
    except InvalidInput:
        raise ValueError(f"{value!r} is not a time zone such as Europe/Paris") from None
    return value


EDITABLE = tuple(BotSettingsIn.model_fields)


def validate(data: dict[str, Any]) -> BotSettingsIn:
    """Raise `FieldInvalid` naming the first bad field."""
    try:
        return BotSettingsIn.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "body"
        message = str(first["msg"]).removeprefix("Value error, ")
        raise FieldInvalid(field, message) from None


def published_values(bot: Bot) -> dict[str, Any]:
    """What learners get now, as flat editable fields."""
    settings = bot.settings or {}
    llm = settings.get("llm") or {}
    values: dict[str, Any] = {name: getattr(bot, name) for name in accounts.PERSONA_FIELDS}
    values |= {"name": bot.name, "allowed_origins": list(bot.allowed_origins or [])}
    values |= {key: settings.get(key, "") for key in SETTINGS_KEYS}
    values |= {f"llm_{key}": llm.get(key, "") for key in LLM_KEYS}
    values |= published_theme(settings)
    return values


def draft_values(bot: Bot) -> dict[str, Any]:
    """What the editor shows: the published values with the pending edits on top."""
    return published_values(bot) | {k: v for k, v in (bot.draft or {}).items() if k in EDITABLE}


@dataclass(frozen=True)
class Change:
    field: str
    before: Any
    after: Any


def changes(bot: Bot) -> list[Change]:
    """Field-level diff between the draft and what is published, in editor order."""
    live, draft = published_values(bot), draft_values(bot)
    return [Change(f, live[f], draft[f]) for f in EDITABLE if live[f] != draft[f]]


async def edit(bot: Bot, data: dict[str, Any], *, llm_api_key: str | None = None) -> Bot:
    """Validate `data` and store it in the draft; a given API key is stored (encrypted) at once."""
    given = validate(data).model_dump(exclude_unset=True)
    live = published_values(bot)
    before = {k: (bot.draft or {}).get(k, live.get(k)) for k in given}
    draft = {k: v for k, v in {**(bot.draft or {}), **given}.items() if live.get(k) != v}
    bot.draft = draft
    fields = ["draft", "updated_at"]
    if llm_api_key is not None:
        bot.llm_api_key = llm_api_key.strip() or None  # type: ignore[assignment]
        fields.append("llm_api_key")
    await bot.save(update_fields=fields)
    if llm_api_key is not None:
        invalidate_bot(bot)  # the key is live at once, not part of the draft
    await audit.record_change(bot.creator_id, table="bot", record_id=bot.id, old=before, new=given)
    if llm_api_key is not None:
        await audit.record(
            bot.creator_id,
            table="bot",
            operation="set_llm_key",
            record_id=bot.id,
            new={"slug": bot.slug, "set": bool(bot.llm_api_key)},
        )
    return bot


def apply(bot: Bot, values: dict[str, Any]) -> None:
    """Write flat editable values onto the row's columns and settings."""
    settings = dict(bot.settings or {})
    llm = dict(settings.get("llm") or {})
    widget = dict(settings.get("widget") or {})
    for name, value in values.items():
        if name.startswith("llm_"):
            _set_or_drop(llm, name.removeprefix("llm_"), value)
        elif name.startswith("widget_"):
            _set_or_drop(widget, name.removeprefix("widget_"), value)
        elif name in SETTINGS_KEYS:
            _set_or_drop(settings, name, value)
        else:
            setattr(bot, name, value)
    _set_or_drop(settings, "llm", llm)
    _set_or_drop(settings, "widget", widget)
    bot.settings = settings


def _set_or_drop(target: dict[str, Any], key: str, value: Any) -> None:
    if value in ("", None, {}, []):
        target.pop(key, None)
    else:
        target[key] = value


async def publish(bot: Bot, *, note: str = "", now: datetime | None = None) -> BotVersion:
    """Apply the draft to the live row and freeze it as a new `BotVersion`."""
    if bot.status == BotStatus.ARCHIVED:
        raise Conflict("restore the bot before publishing it")
    apply(bot, draft_values(bot))
    bot.draft = {}
    await bot.save()
    return await accounts.publish_bot(bot, note=note[:255], now=now, snapshot=published_values)


async def versions(bot: Bot) -> list[BotVersion]:
    return await BotVersion.for_creator(bot.creator_id).filter(bot_id=bot.id).order_by("-version")


async def archive(bot: Bot) -> Bot:
    """Stop answering on every channel; the bot, its knowledge and its history stay."""
    if bot.status != BotStatus.ARCHIVED:
        await _set_status(bot, BotStatus.ARCHIVED, "archive")
    return bot


async def restore(bot: Bot) -> Bot:
    if bot.status == BotStatus.ARCHIVED:
        status = BotStatus.PUBLISHED if bot.current_version else BotStatus.DRAFT
        await _set_status(bot, status, "restore")
    return bot


async def _set_status(bot: Bot, status: BotStatus, operation: str) -> None:
    bot.status = status
    await bot.save(update_fields=["status", "updated_at"])
    invalidate_bot(bot)
    await audit.record(
        bot.creator_id, table="bot", operation=operation, record_id=bot.id, new={"slug": bot.slug}
    )


def embed_snippet(bot: Bot, public_url: str) -> str:
    """The HTML a creator pastes into their site to show the widget."""
    base = public_url.rstrip("/")
    return (
        f'<script src="{base}/widget.js" data-bot="{bot.slug}" '
        f'data-key="{bot.public_key}" defer></script>'
    )


async def create(creator: Creator, slug: str, name: str, values: dict[str, Any]) -> Bot:
    """A new (draft) bot whose initial settings are validated like any later edit."""
    given = validate({**values, "name": name}).model_dump(exclude_unset=True)
    bot = await accounts.create_bot(creator, slug, given.pop("name"))
    if given:
        apply(bot, given)
        await bot.save()
    return bot
