"""`parley backup|restore` on PostgreSQL: pg_dump -Fc in, one transaction out.

The client tools take their connection from PG* variables built from the Tortoise URL (the
password never appears in a process list, and Tortoise-only URL options such as
`statement_cache_size` never reach libpq). Restoring replays the dump in ONE psql transaction
that first empties the `public` schema, so a failed restore changes nothing and a restored
database holds exactly the dump (no tables left over from a newer schema).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import click
from tortoise.backends.base.config_generator import expand_db_url

from models.db import redacted

TOOLS_HINT = (
    "install the PostgreSQL client tools (Debian: postgresql-client) of your server's major "
    "version or newer"
)
TIMEOUT_S = 6 * 3600.0
TABLE_DATA = re.compile(r"^\d+; \d+ \d+ TABLE DATA public (\S+) ", re.MULTILINE)
EMPTY_SCHEMA = "DROP SCHEMA IF EXISTS public CASCADE;\nCREATE SCHEMA public;\n"


def client_env(database_url: str) -> dict[str, str]:
    """The environment the client tools read their connection from."""
    credentials = expand_db_url(database_url)["credentials"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    named = {"PGHOST": "host", "PGPORT": "port", "PGUSER": "user", "PGPASSWORD": "password"}
    env |= {var: str(credentials[key]) for var, key in named.items() if credentials.get(key)}
    env["PGDATABASE"] = str(credentials["database"])
    if credentials.get("ssl"):
        env["PGSSLMODE"] = "require"
    return env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise click.ClickException(f"{name} not found: {TOOLS_HINT}")
    return found


def _run(
    args: list[str], database_url: str | None, *, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run a client tool (connected to `database_url`, if given); a failure becomes one line
    naming the tool and its last words."""
    result = subprocess.run(
        [_tool(args[0]), *args[1:]],
        env=client_env(database_url) if database_url else None,
        input=stdin,
        capture_output=True,
        timeout=TIMEOUT_S,
        check=False,
    )
    if result.returncode != 0:
        said = result.stderr.decode(errors="replace").strip().splitlines() or ["no output"]
        where = f" on {redacted(database_url)}" if database_url else ""
        raise click.ClickException(f"{args[0]}{where} failed: {said[-1]}")
    return result


def migrations_applied(database_url: str) -> list[str]:
    """The aerich history of the database; [] when it has none."""
    sql = (
        "SELECT version FROM aerich WHERE app = 'models' ORDER BY id"
        if _has_aerich(database_url)
        else "SELECT 1 WHERE false"
    )
    out = _run(["psql", "-XAtq", "-v", "ON_ERROR_STOP=1", "-c", sql], database_url)
    return out.stdout.decode().split()


def _has_aerich(database_url: str) -> bool:
    sql = "SELECT to_regclass('public.aerich') IS NOT NULL"
    out = _run(["psql", "-XAtq", "-v", "ON_ERROR_STOP=1", "-c", sql], database_url)
    return out.stdout.decode().strip() == "t"


def dump(database_url: str, target: Path) -> None:
    """A consistent snapshot (pg_dump runs in one repeatable-read transaction), custom format."""
    _run(["pg_dump", "-Fc", "--no-owner", "--no-privileges", "-f", str(target)], database_url)


def dump_tables(archive: Path) -> set[str]:
    """Tables whose data a dump holds; empty when the file is not a pg_dump archive."""
    result = subprocess.run(
        [_tool("pg_restore"), "--list", str(archive)], capture_output=True, check=False
    )
    if result.returncode != 0:
        return set()
    return set(TABLE_DATA.findall(result.stdout.decode(errors="replace")))


def restore(database_url: str, archive: Path) -> None:
    """Replace the database's `public` schema with the dump, all or nothing."""
    script = _run(["pg_restore", "--no-owner", "--no-privileges", "-f", "-", str(archive)], None)
    sql = EMPTY_SCHEMA.encode() + script.stdout
    _run(["psql", "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", "-f", "-"], database_url, stdin=sql)
