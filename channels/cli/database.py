"""CLI commands for the schema (migrate, downgrade, makemigrations) and SQLite backup/restore."""

from __future__ import annotations

import asyncio
import json
import shutil
import sqlite3
import tarfile
import tempfile
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any, TypeVar

import click
from tortoise.backends.base.config_generator import expand_db_url

from bot.settings import Settings
from channels.cli.runtime import run, settings_or_exit
from models import migrate as migrations
from models.db import dialect

T = TypeVar("T")

ARCHIVE_FORMAT = "parley-backup"
MANIFEST = "manifest.json"
DB_MEMBER = "parley.sqlite3"
CHROMA_MEMBER = "chroma"
KEY_MEMBER = "secret.key"


def _run_migrations(fn: Callable[[Settings], Awaitable[T]]) -> T:
    """Run a migration call with settings; its own errors become one line, like the runtime's."""
    try:
        return run(fn, db=False)
    except migrations.MigrationError as exc:
        raise click.ClickException(str(exc)) from None


# --- schema ------------------------------------------------------------------------------


@click.command("migrate")
@click.option("--status", is_flag=True, help="List applied and pending migrations; change nothing.")
def migrate_command(status: bool) -> None:
    """Bring the database schema to head (a fresh, empty database included)."""
    if status:
        for line in _run_migrations(_status_lines):
            click.echo(line)
        return
    done = _run_migrations(lambda s: migrations.upgrade(s.db_url))
    for name in done:
        click.echo(f"applied {name}")
    if not done:
        click.echo("already at head")


async def _status_lines(settings: Settings) -> list[str]:
    todo = set(await migrations.pending(settings.db_url))
    names = migrations.history(settings.db_url)
    return [f"{'pending' if n in todo else 'applied'}  {n}" for n in names]


@click.command("downgrade")
@click.option("--steps", type=click.IntRange(min=1), default=1, show_default=True)
@click.confirmation_option(prompt="Downgrading undoes schema changes and drops their data. Go on?")
def downgrade_command(steps: int) -> None:
    """Undo the last applied migration(s); the initial one drops every Parley table."""
    undone = _run_migrations(lambda s: migrations.downgrade(s.db_url, steps))
    for name in undone:
        click.echo(f"undid {name}")
    if not undone:
        click.echo("nothing to undo: no migration is applied")


@click.command("makemigrations")
@click.argument("name", required=False)
@click.option("--initial", is_flag=True, help="Regenerate the initial migration of every dialect.")
@click.option("--check", is_flag=True, help="Fail if the models changed without a migration.")
def makemigrations_command(name: str | None, initial: bool, check: bool) -> None:
    """(Developers) Write the next migration for SQLite and PostgreSQL from model changes."""
    if check:
        changed = _offline(migrations.unmigrated_changes())
        if changed:
            raise click.ClickException("models changed without a migration: run makemigrations")
        click.echo("models and migrations agree")
        return
    if not initial and not name:
        raise click.UsageError("give a NAME (e.g. add_bot_avatar) or --initial")
    made = _offline(migrations.make_initial() if initial else migrations.make_migration(name or ""))
    for path in made:
        click.echo(f"wrote {path}")
    if not made:
        click.echo("no changes detected")


def _offline(work: Coroutine[Any, Any, T]) -> T:
    try:
        return asyncio.run(work)
    except migrations.MigrationError as exc:
        raise click.ClickException(str(exc)) from None


# --- backup and restore (SQLite) ---------------------------------------------------------


def sqlite_path(settings: Settings, verb: str) -> Path:
    """The SQLite file of these settings; PostgreSQL has its own tools."""
    if dialect(settings.db_url) == "postgres":
        raise click.ClickException(
            f"parley {verb} covers the SQLite default; on PostgreSQL use pg_dump -Fc / pg_restore "
            f"and copy {settings.chroma_path} and your PARLEY_SECRET_KEY yourself"
        )
    return Path(expand_db_url(settings.db_url)["credentials"]["file_path"])


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


def _stage(settings: Settings, database: Path, staging: Path) -> dict[str, Any]:
    snapshot(database, staging / DB_MEMBER)
    recorded = migrations_recorded(staging / DB_MEMBER)
    if not recorded:
        raise click.ClickException(f"{database} has no migration history: run `parley migrate`")
    members = [DB_MEMBER]
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
        "migrations": recorded,
        "members": members,
    }


def write_backup(settings: Settings, archive: Path) -> dict[str, Any]:
    """Pack a snapshot of the database, the Chroma directory and the dev key into `archive`."""
    database = sqlite_path(settings, "backup")
    if not database.is_file():
        raise click.ClickException(f"no database at {database}: nothing to back up")
    if archive.exists():
        raise click.ClickException(f"{archive} exists: choose a new path")
    partial = archive.with_name(archive.name + ".partial")
    with tempfile.TemporaryDirectory(prefix="parley-backup-") as tmp:
        manifest = _stage(settings, database, Path(tmp))
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
    if not migrations_recorded(staging / DB_MEMBER):
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
    database = sqlite_path(settings, "restore")
    with _staging(settings) as staging:
        manifest = read_backup(archive, staging)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        wal = [database.with_name(database.name + suffix) for suffix in ("-wal", "-shm")]
        targets = [(DB_MEMBER, database), (CHROMA_MEMBER, settings.chroma_path)]
        if (staging / KEY_MEMBER).is_file():
            targets.append((KEY_MEMBER, settings.data_dir / KEY_MEMBER))
        kept = _set_aside([*(path for _, path in targets), *wal], stamp)
        for member, path in targets:
            if (staging / member).exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(staging / member, path)
    return manifest, kept


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(path: Path) -> None:
    """Write a .tar.gz of the SQLite database, Chroma data and dev key (safe while serving)."""
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


COMMANDS: list[click.Command] = [
    migrate_command,
    downgrade_command,
    makemigrations_command,
    backup_command,
    restore_command,
]
