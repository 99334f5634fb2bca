"""What the studio takes from the process settings, decided once when the app is built."""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web

from bot.people import bootstrap_token
from bot.settings import Settings


@dataclass(frozen=True)
class StudioConfig:
    public_url: str
    https: bool
    secret: str
    # None in dev mode: the first account needs no token on a developer's machine.
    bootstrap_token: str | None

    @classmethod
    def from_settings(cls, settings: Settings) -> StudioConfig:
        secret = settings.secret_keys()[0]
        token = None if settings.env == "dev" else bootstrap_token(secret)
        https = settings.public_url.startswith("https://")
        return cls(settings.public_url, https, secret, token)


STUDIO_CONFIG = web.AppKey("studio_config", StudioConfig)
