"""The widget's look, from a bot's settings: colour, title, avatar, position, starter questions.

Edited like every other bot setting (drafted, then published, through `bot.configuration`) as
flat fields `widget_*`, stored under `Bot.settings["widget"]`. The greeting is the bot's own
`greeting`. `widget_config` is what the widget script reads on load.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator

from models import Bot

COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
AVATAR = re.compile(r"^https://[^\s\"'<>()\\]+$")
THEME_KEYS = ("color", "title", "avatar", "position", "starters")
RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur", "ps", "sd", "yi", "dv", "ug", "ckb"})
DEFAULT_COLOUR = "#4f46e5"


class WidgetThemeIn(BaseModel):
    """The editable widget fields (mixed into `BotSettingsIn`); "" clears one."""

    widget_color: str | None = Field(default=None, max_length=7)
    widget_title: str | None = Field(default=None, max_length=80)
    widget_avatar: str | None = Field(default=None, max_length=500)
    widget_position: Literal["", "right", "left"] | None = None
    widget_starters: list[str] | None = Field(default=None, max_length=4)

    @field_validator("widget_color")
    @classmethod
    def _colour(cls, value: str | None) -> str | None:
        if value and not COLOUR.match(value):
            raise ValueError("write a colour as #RRGGBB, e.g. #4f46e5")
        return value.lower() if value else value

    @field_validator("widget_avatar")
    @classmethod
    def _avatar(cls, value: str | None) -> str | None:
        if value and not AVATAR.match(value):
            raise ValueError("an avatar is an https:// image address")
        return value

    @field_validator("widget_starters")
    @classmethod
    def _starters(cls, items: list[str] | None) -> list[str] | None:
        if items is None:
            return None
        cleaned = [i.strip() for i in items if i.strip()]
        if any(len(i) > 120 for i in cleaned):
            raise ValueError("a starter question has at most 120 characters")
        return cleaned


def published_theme(settings: dict[str, Any]) -> dict[str, Any]:
    """The flat `widget_*` values stored in a bot's settings."""
    widget = settings.get("widget") or {}
    return {f"widget_{k}": widget.get(k, [] if k == "starters" else "") for k in THEME_KEYS}


def text_direction(language: str) -> str:
    return "rtl" if language.split("-")[0].lower() in RTL_LANGUAGES else "ltr"


def widget_config(bot: Bot) -> dict[str, Any]:
    """What the widget script needs to draw itself, from the published bot."""
    widget = (bot.settings or {}).get("widget") or {}
    language = (bot.languages or ["en"])[0]
    return {
        "title": widget.get("title") or bot.persona_name or bot.name,
        "color": widget.get("color") or DEFAULT_COLOUR,
        "avatar": widget.get("avatar") or "",
        "position": widget.get("position") or "right",
        "greeting": bot.greeting,
        "starters": list(widget.get("starters") or []),
        "language": language,
        "dir": text_direction(language),
    }
