"""Database configuration: `TORTOISE_ORM` for aerich, `init_db()` / `close_db()` for the app."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import Any

from tortoise import Tortoise

from models.secrets import keyring

MODEL_MODULES = [
    "models.creators",
    "models.bots",
    "models.channels",
    "models.users",
    "models.conversations",
    "models.knowledge",
    "models.programs",
    "models.gamification",
    "models.analytics",
    "models.outbox",
    "models.inbox",
    "models.people",
]
DEFAULT_DATABASE_URL = "sqlite://data/parley.sqlite3"


def tortoise_config(database_url: str) -> dict[str, Any]:
    """The Tortoise/aerich configuration for one database URL."""
    return {
        "connections": {"default": database_url},
        "apps": {
            "models": {
                "models": [*MODEL_MODULES, "aerich.models"],
                "default_connection": "default",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


def dialect(database_url: str) -> str:
    """'sqlite' or 'postgres', from a Tortoise URL."""
    scheme = database_url.split(":", 1)[0].lower()
    if scheme == "sqlite":
        return "sqlite"
    if scheme in {"postgres", "postgresql", "asyncpg", "psycopg"}:
        return "postgres"
    raise ValueError(f"unsupported database scheme {scheme!r}: use sqlite:// or postgres://")


def redacted(database_url: str) -> str:
    """The URL with any password replaced, fit for logs and error messages."""
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", database_url)


# aerich's CLI needs a module-level config; the app always goes through init_db().
TORTOISE_ORM = tortoise_config(os.environ.get("PARLEY_DATABASE_URL", DEFAULT_DATABASE_URL))


async def init_db(database_url: str, *, secret_keys: Sequence[str] = ()) -> None:
    """Open the ORM for this process (visible to every task) and load the encryption keys."""
    if secret_keys:
        keyring.configure(secret_keys)
    await Tortoise.init(config=tortoise_config(database_url), _enable_global_fallback=True)


async def close_db() -> None:
    await Tortoise.close_connections()
