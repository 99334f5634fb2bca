"""`parley backup` / `parley restore`: the database (a SQLite snapshot or pg_dump -Fc), the Chroma
directory and the dev key in one .tar.gz, checked before anything is replaced."""

from __future__ import annotations

import asyncio
import json
import shutil
import sqlite3
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

import click
from tortoise.backends.base.config_generator import expand_db_url

from bot.settings import Settings
from channels.cli import pgdump
from channels.cli.runtime import settings_or_exit
from models import migrate as migrations
from models.db import dialect, redacted

ARCHIVE_FORMAT = "parley-backup"
MANIFEST = "manifest.json"
DB_MEMBER = "parley.sqlite3"
PG_MEMBER = "parley.pgdump"
CHROMA_MEMBER = "chroma"
KEY_MEMBER = "secret.key"


def sqlite_path(settings: Settings) -> Path:
    """The SQLite file of these settings."""
    return Path(expand_db_url(settings.db_url)["credentials"]["file_path"])


def is_postgres(settings: Settings) -> bool:
    return dialect(settings.db_url) == "postgres"


def refuse_pgbouncer(settings: Settings, verb: str) -> None:
    """pg_dump and a one-transaction restore need PostgreSQL itself, like migrations."""
    try:
        asyncio.run(migrations.refuse_pgbouncer(settings.db_url))
    except migrations.MigrationError as exc:
        raise click.ClickException(str(exc).replace("run migrations", f"run {verb}")) from None


def snapshot(source: Path, target: Path) -> None:
    """A consistent copy of a live SQLite database (sqlite3's online backup API)."""
    with (
        closing(sqlite3.connect(source)) as src,
        closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)


def _copy_tree(source: Path, target: Path) -> None:
    """Copy a directory; SQLite files inside it (Chroma's) are snapshotted, not byte-copied."""

    def copy(src: str, dst: str) -> None:
        if src.endswith(".sqlite3"):
            snapshot(Path(src), Path(dst))
        else:
            shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=copy)


def migrations_recorded(database: Path) -> list[str]:
    """The aerich history of a SQLite file; [] when it has none (not a Parley database)."""
    if not database.is_file():
        return []
    try:
        with closing(sqlite3.connect(database)) as conn:
            if conn.execute("PRAGMA integrity_check").fetchone() != ("ok",):
                return []
            rows = conn.execute("SELECT version FROM aerich WHERE app = 'models' ORDER BY id")
            return [row[0] for row in rows]
    except sqlite3.DatabaseError:
        return []


def _stage_database(settings: Settings, staging: Path) -> tuple[str, list[str]]:
    """Snapshot the database into `staging`; returns its member name and migration history."""
    if is_postgres(settings):
        recorded = pgdump.migrations_applied(settings.db_url)
        where = redacted(settings.db_url)
        if recorded:
            pgdump.dump(settings.db_url, staging / PG_MEMBER)
        member = PG_MEMBER
    else:
        database = sqlite_path(settings)
        snapshot(database, staging / DB_MEMBER)
        recorded, where, member = migrations_recorded(staging / DB_MEMBER), str(database), DB_MEMBER
    if not recorded:
        raise click.ClickException(f"{where} has no migration history: run `parley migrate`")
    return member, recorded


def _stage(settings: Settings, staging: Path) -> dict[str, Any]:
    member, recorded = _stage_database(settings, staging)
    members = [member]
    if settings.chroma_path.is_dir():
        _copy_tree(settings.chroma_path, staging / CHROMA_MEMBER)
        members.append(CHROMA_MEMBER)
    if (settings.data_dir / KEY_MEMBER).is_file():
        shutil.copy2(settings.data_dir / KEY_MEMBER, staging / KEY_MEMBER)
        members.append(KEY_MEMBER)
    return {
        "format": ARCHIVE_FORMAT,
        "version": 1,
        "created_at": datetime.now(UTC).isoformat(),
        "parley": version("parley"),
        "database": dialect(settings.db_url),
        "migrations": recorded,
        "members": members,
    }


def write_backup(settings: Settings, archive: Path) -> dict[str, Any]:
    """Pack a snapshot of the database, the Chroma directory and the dev key into `archive`."""
    if is_postgres(settings):
        refuse_pgbouncer(settings, "backups")
    elif not sqlite_path(settings).is_file():
        raise click.ClickException(f"no database at {sqlite_path(settings)}: nothing to back up")
    if archive.exists():
        raise click.ClickException(f"{archive} exists: choose a new path")
    partial = archive.with_name(archive.name + ".partial")
    with tempfile.TemporaryDirectory(prefix="parley-backup-") as tmp:
        manifest = _stage(settings, Path(tmp))
        (Path(tmp) / MANIFEST).write_text(json.dumps(manifest, indent=2))
        with tarfile.open(partial, "w:gz") as tar:
            for member in [MANIFEST, *manifest["members"]]:
                tar.add(Path(tmp) / member, arcname=member)
    partial.rename(archive)
    return manifest


def read_backup(archive: Path, staging: Path) -> dict[str, Any]:
    """Unpack `archive` into `staging` and prove it is ours; raises before anything is replaced."""
    refuse = f"{archive} is not a Parley backup"
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(staging, filter="data")
        manifest = json.loads((staging / MANIFEST).read_text())
    except FileNotFoundError:
        raise click.ClickException(f"{refuse} (no manifest, or the file does not exist)") from None
    except (tarfile.TarError, OSError, EOFError, ValueError) as exc:
        raise click.ClickException(f"{refuse} ({type(exc).__name__}: {exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != ARCHIVE_FORMAT:
        raise click.ClickException(f"{refuse} (unknown manifest)")
    if (staging / PG_MEMBER).is_file():
        ours = "aerich" in pgdump.dump_tables(staging / PG_MEMBER)
    else:
        ours = bool(migrations_recorded(staging / DB_MEMBER))
    if not ours:
        raise click.ClickException(f"{refuse} (no Parley database with a migration history)")
    return manifest


@contextmanager
def _staging(settings: Settings) -> Iterator[Path]:
    """A scratch directory on the data volume, so restored files move in with a rename."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".restore-", dir=settings.data_dir) as tmp:
        yield Path(tmp)


def _set_aside(paths: list[Path], stamp: str) -> list[Path]:
    kept = []
    for path in paths:
        if path.exists():
            kept.append(Path(shutil.move(path, path.with_name(f"{path.name}.bak-{stamp}"))))
    return kept


def restore_backup(settings: Settings, archive: Path) -> tuple[dict[str, Any], list[Path]]:
    """Replace the database, Chroma directory and dev key with the archive's; returns set-asides."""
    if is_postgres(settings):
        refuse_pgbouncer(settings, "restores")
    with _staging(settings) as staging:
        manifest = read_backup(archive, staging)
        held = "postgres" if (staging / PG_MEMBER).is_file() else "sqlite"
        if held != dialect(settings.db_url):
            raise click.ClickException(
                f"{archive} holds a {held} database but PARLEY_DATABASE_URL is "
                f"{dialect(settings.db_url)}: restore into the same kind of database"
            )
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        targets = [(CHROMA_MEMBER, settings.chroma_path)]
        if (staging / KEY_MEMBER).is_file():
            targets.append((KEY_MEMBER, settings.data_dir / KEY_MEMBER))
        if held == "postgres":
            kept = _keep_postgres(settings, stamp)
            pgdump.restore(settings.db_url, staging / PG_MEMBER)
        else:
            database = sqlite_path(settings)
            wal = [database.with_name(database.name + suffix) for suffix in ("-wal", "-shm")]
            kept = _set_aside([database, *wal], stamp)
            targets.append((DB_MEMBER, database))
        kept += _set_aside([path for _, path in targets], stamp)
        for member, path in targets:
            if (staging / member).exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(staging / member, path)
    return manifest, kept


def _keep_postgres(settings: Settings, stamp: str) -> list[Path]:
    """Dump the database about to be replaced next to the data, as SQLite's file is kept."""
    if not pgdump.migrations_applied(settings.db_url):
        return []
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    kept = settings.data_dir / f"{PG_MEMBER}.bak-{stamp}"
    pgdump.dump(settings.db_url, kept)
    return [kept]


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(path: Path) -> None:
    """Write a .tar.gz of the database (SQLite snapshot or pg_dump -Fc), Chroma data and dev key
    (safe while serving)."""
    manifest = write_backup(settings_or_exit(), path)
    click.echo(f"backed up {', '.join(manifest['members'])} to {path}")


@click.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def restore_command(path: Path) -> None:
    """Restore a `parley backup` archive (stop the server first); current files are kept aside."""
    settings = settings_or_exit()
    manifest, kept = restore_backup(settings, path)
    click.echo(f"restored {path} (made {manifest.get('created_at', '?')})")
    for old in kept:
        click.echo(f"kept the previous {old}")
    newer = set(migrations.history(settings.db_url)) - set(manifest.get("migrations", []))
    if newer:
        click.echo(f"{len(newer)} newer migration(s) pending: run `parley migrate`")


COMMANDS: list[click.Command] = [backup_command, restore_command]
