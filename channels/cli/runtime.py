"""How CLI commands run: settings, the database around the command, one-line errors."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import click
from tortoise.exceptions import DBConnectionError, IntegrityError, OperationalError

from bot.errors import ParleyError
from bot.settings import Settings, load_settings
from models.db import close_db, init_db, redacted
from models.secrets import SecretKeyMissing, SecretUndecryptable

T = TypeVar("T")


def settings_or_exit() -> Settings:
    try:
        return load_settings()
    except ParleyError as exc:
        raise click.ClickException(str(exc)) from None


class JsonFormatter(logging.Formatter):
    """One JSON object per line (time, level, logger, message, exception) for log shippers."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(settings: Settings) -> None:
    handler = logging.StreamHandler()
    if settings.log_format == "json":
        formatter: logging.Formatter = JsonFormatter()
        formatter.converter = time.gmtime
    else:
        formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    handler.setFormatter(formatter)
    logging.basicConfig(level=settings.log_level, handlers=[handler], force=True)
    # A sweep every 30 s is routine, not news; bm25s logs index builds at DEBUG on its own.
    for noisy in ("apscheduler", "bm25s"):
        logging.getLogger(noisy).setLevel("DEBUG" if settings.log_level == "DEBUG" else "WARNING")


async def _with_db(settings: Settings, fn: Callable[[Settings], Awaitable[T]], db: bool) -> T:
    if not db:
        return await fn(settings)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    await init_db(settings.db_url, secret_keys=settings.secret_keys())
    try:
        return await fn(settings)
    finally:
        await close_db()


def run(fn: Callable[[Settings], Awaitable[T]], *, db: bool = True) -> T:
    """Run one async command; every expected failure becomes one line and exit code 1."""
    settings = settings_or_exit()
    try:
        return asyncio.run(_with_db(settings, fn, db))
    except (ParleyError, SecretKeyMissing, SecretUndecryptable) as exc:
        raise click.ClickException(str(exc)) from None
    except (DBConnectionError, OSError) as exc:
        where = redacted(settings.db_url)
        raise click.ClickException(f"cannot open the database {where}: {exc}") from None
    except OperationalError as exc:
        hint = "did you run `parley migrate`?"
        raise click.ClickException(f"database error: {exc} ({hint})") from None
    except IntegrityError as exc:
        raise click.ClickException(f"conflicts with existing data: {exc}") from None
