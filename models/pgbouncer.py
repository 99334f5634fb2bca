"""Is a PostgreSQL URL really PgBouncer? Migrations must reach the server itself.

PgBouncer answers a connection to the database named `pgbouncer` with its admin console: it lets
admin/stats users in (and then answers `SHOW VERSION`) and tells everyone else "not allowed"
(SQLSTATE 08P01). A PostgreSQL server says the database does not exist (3D000), or, if someone
did create a database of that name, does not know `SHOW VERSION`. The probe uses the URL's own
host, port, user, password and TLS setting, so it sees exactly what the migration would.
"""

from __future__ import annotations

from typing import Any

import asyncpg
from tortoise.backends.base.config_generator import expand_db_url

CONSOLE_DB = "pgbouncer"
PROBE_TIMEOUT_S = 5.0


def _probe_args(database_url: str) -> dict[str, Any]:
    credentials = expand_db_url(database_url)["credentials"]
    args = {key: credentials.get(key) for key in ("host", "port", "user", "password")}
    if "ssl" in credentials:
        args["ssl"] = credentials["ssl"]
    return args | {"database": CONSOLE_DB, "timeout": PROBE_TIMEOUT_S}


async def is_pgbouncer(database_url: str) -> bool:
    """True when the URL's host and port are a PgBouncer rather than PostgreSQL itself.

    Errors other than the two tell-tale answers (unreachable host, bad password) count as "not
    PgBouncer": the migration that follows meets the same error and reports it.
    """
    try:
        conn = await asyncpg.connect(**_probe_args(database_url))
    except asyncpg.ProtocolViolationError as exc:
        return "not allowed" in str(exc)
    except (OSError, TimeoutError, asyncpg.PostgresError):
        return False
    try:
        await conn.execute("SHOW VERSION")  # simple protocol: all the console speaks
    except asyncpg.PostgresError:
        return False
    finally:
        await conn.close()
    return True
