"""Schema migrations: one aerich migration set per dialect, applied and generated from Python.

aerich writes dialect-specific SQL, so `migrations/sqlite/models/` and `migrations/postgres/models/`
hold parallel histories generated from the same model change. Applying, listing and downgrading
run in an isolated Tortoise context that closes its own connections; call them before `init_db()`
(or in a process of their own) because Tortoise rebinds the model classes to the dialect it opens.
Generating runs each dialect in a child process, since aerich keeps its diff state on its class.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import shutil
import sys
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aerich import Command
from aerich.migrate import Migrate
from aerich.utils import get_models_describe
from tortoise import connections
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.context import TortoiseContext
from tortoise.exceptions import OperationalError
from tortoise.utils import get_schema_sql

from models.db import dialect, redacted, tortoise_config
from models.pgbouncer import is_pgbouncer

APP = "models"
DIALECTS = ("sqlite", "postgres")
MIGRATIONS_ROOT = Path(__file__).resolve().parents[1] / "migrations"
# Generation is offline: these URLs only choose aerich's SQL dialect and are never connected to.
OFFLINE_URLS = {"sqlite": "sqlite://:memory:", "postgres": "postgres://offline@127.0.0.1:9/none"}
NAME_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,59}")
RESULT_MARK = "parley-migration:"
CHILD_TIMEOUT_S = 120.0


class MigrationError(RuntimeError):
    """A migration set is missing or inconsistent, or a name is unusable; the message says why."""


def migration_dir(dialect_name: str, root: Path = MIGRATIONS_ROOT) -> Path:
    """Where one dialect's migration files live (aerich appends the app label)."""
    return root / dialect_name / APP


def history_files(directory: Path) -> list[str]:
    """Migration file names of one set, oldest first (aerich orders by the numeric prefix)."""
    files = [p.name for p in directory.glob("*.py") if re.fullmatch(r"\d+_.+\.py", p.name)]
    return sorted(files, key=lambda name: int(name.split("_", 1)[0]))


def history(database_url: str, *, root: Path = MIGRATIONS_ROOT) -> list[str]:
    """Every migration of the set for this URL's dialect, oldest first."""
    return history_files(migration_dir(dialect(database_url), root))


@asynccontextmanager
async def _command(
    database_url: str, root: Path = MIGRATIONS_ROOT, *, offline: bool = False
) -> AsyncIterator[Command]:
    """An initialised aerich `Command` in a Tortoise context of its own, closed on exit."""
    async with TortoiseContext():
        location = str(root / dialect(database_url))
        command = Command(tortoise_config(database_url), app=APP, location=location)
        await command.init(offline=offline)
        yield command


def _ensure_sqlite_dir(database_url: str) -> None:
    if dialect(database_url) == "sqlite":
        path = expand_db_url(database_url)["credentials"]["file_path"]
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)


async def refuse_pgbouncer(database_url: str) -> None:
    """Schema changes need one session from start to end, which a transaction pooler does not
    give (and it breaks the advisory locks and prepared statements migrations rely on)."""
    if dialect(database_url) == "postgres" and await is_pgbouncer(database_url):
        raise MigrationError(
            f"{redacted(database_url)} is PgBouncer, not PostgreSQL: run migrations against "
            "PostgreSQL directly (its own host and port), and keep PgBouncer for the app"
        )


async def upgrade(database_url: str, *, root: Path = MIGRATIONS_ROOT) -> list[str]:
    """Apply every pending migration (a fresh empty database reaches head); returns their names."""
    await refuse_pgbouncer(database_url)
    if not history(database_url, root=root):
        directory = migration_dir(dialect(database_url), root)
        raise MigrationError(f"no migrations in {directory}: run `parley makemigrations --initial`")
    _ensure_sqlite_dir(database_url)
    async with _command(database_url, root) as command:
        return await command.upgrade(run_in_transaction=True)


async def applied(database_url: str, *, root: Path = MIGRATIONS_ROOT) -> list[str]:
    """Migrations recorded in the database, oldest first ([] for a fresh database)."""
    _ensure_sqlite_dir(database_url)
    async with _command(database_url, root):
        try:
            done = set(await Command.get_applied_migrations(APP))
        except OperationalError:  # no aerich table yet
            return []
    known = history(database_url, root=root)
    return [name for name in known if name in done] + sorted(done - set(known))


async def pending(database_url: str, *, root: Path = MIGRATIONS_ROOT) -> list[str]:
    """Migrations of the set that this database has not applied yet, oldest first."""
    done = set(await applied(database_url, root=root))
    return [name for name in history(database_url, root=root) if name not in done]


async def downgrade(
    database_url: str, steps: int = 1, *, root: Path = MIGRATIONS_ROOT
) -> list[str]:
    """Undo the last `steps` applied migrations, newest first; returns what was undone."""
    await refuse_pgbouncer(database_url)
    undone: list[str] = []
    async with _command(database_url, root) as command:
        for _ in range(steps):
            if await Migrate.get_last_version() is None:
                break
            undone += await command.downgrade(version=-1, delete=False)
    return undone


# --- generating migrations ---------------------------------------------------------------


def _drop_statements(upgrade_sql: str) -> str:
    """Downgrade of the initial migration: drop its tables, newest first, keeping aerich's own."""
    tables = re.findall(r'CREATE TABLE (?:IF NOT EXISTS )?"([^"]+)"', upgrade_sql)
    return "\n".join(f'DROP TABLE IF EXISTS "{t}";' for t in reversed(tables) if t != "aerich")


def _raw_sql(text: str) -> str:
    """aerich's template puts SQL in plain triple-quoted strings, so `\\n` in a column comment
    became a newline; raw strings keep the SQL byte for byte as Tortoise generated it."""
    return text.replace('return """', 'return r"""')


def _write_initial(directory: Path, stamp: str) -> Path:
    """The initial migration: the whole schema, `IF NOT EXISTS`, with a downgrade that drops it."""
    schema = get_schema_sql(connections.get("default"), safe=True)
    text = Migrate.build_migration_file_text(
        upgrade_sql=schema,
        downgrade_sql=_drop_statements(schema),
        models_state=get_models_describe(APP),
    )
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"0_{stamp}_init.py"
    path.write_text(_raw_sql(text), encoding="utf-8")
    return path


async def generate(
    dialect_name: str,
    name: str,
    *,
    root: Path = MIGRATIONS_ROOT,
    stamp: str,
    database_url: str | None = None,
) -> Path | None:
    """Write one dialect's next migration; None when the models did not change.

    Offline (the default) diffs the models against the last file's recorded state; with
    `database_url` (a database at head) aerich diffs against the state the database recorded.
    Run it once per process: aerich accumulates diff operations on its class.
    """
    directory = migration_dir(dialect_name, root)
    url = database_url or OFFLINE_URLS[dialect_name]
    if dialect_name == "sqlite":
        _sqlite_type_changes_as_no_ops()
    async with _command(url, root, offline=database_url is None) as command:
        if not history_files(directory):
            return _write_initial(directory, stamp)
        version = await command.migrate(name, no_input=True, offline=database_url is None)
    if not version:
        return None
    written = directory / version
    written.write_text(_raw_sql(written.read_text(encoding="utf-8")), encoding="utf-8")
    return written.rename(directory / f"{version.split('_', 1)[0]}_{stamp}_{name}.py")


def _sqlite_type_changes_as_no_ops() -> None:
    """SQLite cannot ALTER a column, and its declared types are affinities it does not enforce
    (a VARCHAR(16) holds any text): a field whose Python type changes while its column stays
    (CharEnumField -> CharField) needs no SQL there. aerich refuses the whole migration instead;
    here such a change writes nothing, and so does a changed description (SQLite has no column
    comments). A real type change would still show: the migration tests compare each column's
    declared type with the one Tortoise generates."""
    from aerich.ddl.sqlite import SqliteDDL

    def nothing(*args: Any, **kwargs: Any) -> str:
        return ""

    SqliteDDL.modify_column = nothing  # type: ignore[method-assign]
    SqliteDDL.set_comment = nothing  # type: ignore[method-assign]


async def _generate_in_child(dialect_name: str, name: str, root: Path, stamp: str) -> Path | None:
    args = ["-m", "models.migrate", "generate", dialect_name, name, str(root), stamp]
    proc = await asyncio.create_subprocess_exec(
        sys.executable, *args, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await asyncio.wait_for(proc.communicate(), CHILD_TIMEOUT_S)
    marks = [line for line in out.decode().splitlines() if line.startswith(RESULT_MARK)]
    if proc.returncode != 0 or not marks:
        last = (err.decode().strip().splitlines() or ["no output"])[-1]
        raise MigrationError(f"generating the {dialect_name} migration failed: {last}")
    result = marks[-1].removeprefix(RESULT_MARK).strip()
    return Path(result) if result else None


def _check_sets(root: Path) -> None:
    counts = {d: len(history_files(migration_dir(d, root))) for d in DIALECTS}
    if len(set(counts.values())) != 1:
        shown = ", ".join(f"{d}: {n}" for d, n in counts.items())
        raise MigrationError(f"the dialect sets differ in length ({shown}): fix {root} first")


async def make_migration(name: str, *, root: Path = MIGRATIONS_ROOT) -> list[Path]:
    """Generate the next migration for every dialect from the model changes; [] if none."""
    if not NAME_PATTERN.fullmatch(name):
        raise MigrationError(f"migration name {name!r}: use lowercase letters, digits and _")
    _check_sets(root)
    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    made = [await _generate_in_child(d, name, root, stamp) for d in DIALECTS]
    created = [path for path in made if path is not None]
    if created and len(created) != len(DIALECTS):
        raise MigrationError(f"only some dialects changed ({created}): review them by hand")
    return created


async def make_initial(*, root: Path = MIGRATIONS_ROOT) -> list[Path]:
    """Regenerate the initial migration of every dialect (only while it is the only one)."""
    for dialect_name in DIALECTS:
        files = history_files(migration_dir(dialect_name, root))
        if len(files) > 1:
            raise MigrationError(
                f"{migration_dir(dialect_name, root)} has {len(files)} migrations: "
                "regenerating the initial one would rewrite applied history"
            )
        for file in files:
            (migration_dir(dialect_name, root) / file).unlink()
    return await make_migration("init", root=root)


async def unmigrated_changes(*, root: Path = MIGRATIONS_ROOT) -> list[Path]:
    """The migrations the current models would need (generated in a scratch copy, then dropped)."""
    with tempfile.TemporaryDirectory(prefix="parley-migrations-") as tmp:
        for dialect_name in DIALECTS:
            shutil.copytree(
                migration_dir(dialect_name, root), migration_dir(dialect_name, Path(tmp))
            )
        made = await make_migration("check", root=Path(tmp))
        return [root / path.relative_to(tmp) for path in made]


def main(argv: list[str] | None = None) -> None:
    """Child-process entry: `python -m models.migrate generate DIALECT NAME ROOT STAMP`."""
    parser = argparse.ArgumentParser(prog="python -m models.migrate")
    parser.add_argument("action", choices=["generate"])
    parser.add_argument("dialect", choices=DIALECTS)
    parser.add_argument("name")
    parser.add_argument("root", type=Path)
    parser.add_argument("stamp")
    args = parser.parse_args(argv)
    path = asyncio.run(generate(args.dialect, args.name, root=args.root, stamp=args.stamp))
    print(RESULT_MARK, path or "")


if __name__ == "__main__":
    main()
