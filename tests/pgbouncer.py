"""A real PgBouncer (Debian's package) in transaction mode on a free loopback port, in front of
the test PostgreSQL server; `make test-services` installs it (CI must have it, a laptop may not)."""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from tests.dbs import PG_SERVER
from tests.localhost import free_port, require_installed

BINARY = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"


def write_config(tmp: Path, port: int, *, admin_users: str, pool_size: int) -> Path:
    user, _, server = PG_SERVER.partition("@")
    host, _, pg_port = server.partition(":")
    (tmp / "users.txt").write_text(f'"{user}" ""\n')
    config = tmp / "pgbouncer.ini"
    config.write_text(
        "[databases]\n"
        f"* = host={host} port={pg_port or 5432}\n"
        "[pgbouncer]\n"
        f"listen_addr = 127.0.0.1\nlisten_port = {port}\nunix_socket_dir =\n"
        f"auth_type = trust\nauth_file = {tmp / 'users.txt'}\n"
        f"pool_mode = transaction\ndefault_pool_size = {pool_size}\n"
        f"admin_users = {admin_users}\nlogfile = {tmp / 'pgbouncer.log'}\n"
    )
    return config


async def wait_listening(port: int, proc: asyncio.subprocess.Process, log: Path) -> None:
    for _ in range(100):
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            if proc.returncode is not None:
                break
            await asyncio.sleep(0.05)
            continue
        writer.close()
        await writer.wait_closed()
        return
    shown = log.read_text() if log.exists() else "no log"
    raise RuntimeError(f"pgbouncer did not start on {port}: {shown}")


@asynccontextmanager
async def running_pgbouncer(*, admin_users: str = "", pool_size: int = 2) -> AsyncIterator[str]:
    """Start PgBouncer; yield `user@127.0.0.1:PORT` (the PG_SERVER form of tests/dbs.py)."""
    require_installed(BINARY, "pgbouncer")
    # Not pytest's tmp_path: its parents are private to root, and PgBouncer runs as postgres.
    with tempfile.TemporaryDirectory(prefix="parley-pgbouncer-") as name:
        async with _started(Path(name), admin_users=admin_users, pool_size=pool_size) as server:
            yield server


@asynccontextmanager
async def _started(tmp: Path, *, admin_users: str, pool_size: int) -> AsyncIterator[str]:
    port = free_port()
    config = write_config(tmp, port, admin_users=admin_users, pool_size=pool_size)
    # PgBouncer refuses to run as root: drop to the PostgreSQL account, which must read the config.
    run_as = ["-u", "postgres"] if os.geteuid() == 0 else []
    if run_as:
        shutil.chown(tmp, "postgres")
        for path in tmp.iterdir():
            shutil.chown(path, "postgres")
    proc = await asyncio.create_subprocess_exec(
        BINARY, *run_as, str(config), stdout=asyncio.subprocess.DEVNULL
    )
    try:
        await wait_listening(port, proc, tmp / "pgbouncer.log")
        yield f"{PG_SERVER.partition('@')[0]}@127.0.0.1:{port}"
    finally:
        proc.terminate()
        await asyncio.wait_for(proc.wait(), 10)
