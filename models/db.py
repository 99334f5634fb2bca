"""Database configuration: `TORTOISE_ORM` for aerich, `init_db()` / `close_db()` for the app."""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Sequence
from typing import Any

from tortoise import Tortoise, connections
from tortoise.backends.base.config_generator import expand_db_url

from models.replica import REPLICA, ROUTER
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
    "models.webhooks",
    "models.media",
]
DEFAULT_DATABASE_URL = "sqlite://data/parley.sqlite3"


def tortoise_config(database_url: str, *, replica_url: str = "") -> dict[str, Any]:
    """The Tortoise/aerich configuration for one database URL (and an analytics replica)."""
    config: dict[str, Any] = {
        "connections": {"default": connection_config(database_url)},
        "apps": {
            "models": {
                "models": [*MODEL_MODULES, "aerich.models"],
                "default_connection": "default",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }
    if replica_url:
        config["routers"] = [ROUTER]
    return config


def connection_config(database_url: str) -> str | dict[str, Any]:
    """A connection's Tortoise setting: the URL, or for SQLite the URL's credentials with the
    engine whose transactions cannot leak the connection's lock (`models.sqlite`)."""
    if dialect(database_url) != "sqlite":
        return database_url
    return {"engine": "models.sqlite", "credentials": expand_db_url(database_url)["credentials"]}


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


async def init_db(
    database_url: str, *, secret_keys: Sequence[str] = (), replica_url: str = ""
) -> None:
    """Open the ORM for this process (visible to every task) and load the encryption keys."""
    if secret_keys:
        keyring.configure(secret_keys)
    config = tortoise_config(database_url, replica_url=replica_url)
    await Tortoise.init(config=config, _enable_global_fallback=True)
    if replica_url:
        attach_replica(replica_url)


def attach_replica(replica_url: str) -> None:
    """Open the `replica` connection beside `default` without adding it to Tortoise's config.

    Tortoise's `in_transaction()` without a connection name refuses to run once two connections
    are configured; every transaction here is on the primary, so the replica stays out of the
    config and only the router (models/replica.py) hands it out, for analytics reads.
    """
    info = expand_db_url(replica_url)
    client_class = importlib.import_module(info["engine"]).client_class
    client = client_class(connection_name=REPLICA, **info["credentials"])
    connections._get_storage()[REPLICA] = client  # the storage `connections.get()` reads


async def close_db() -> None:
    replica = connections._get_storage().pop(REPLICA, None)
    if replica is not None:
        await replica.close()
    await Tortoise.close_connections()
