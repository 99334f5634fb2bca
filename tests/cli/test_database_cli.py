"""`parley migrate|makemigrations|backup|restore` run as the real console script."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import tarfile
import uuid
from contextlib import closing
from pathlib import Path
from typing import Any

import asyncpg
import click
import pytest

from bot.settings import Settings
from channels.cli.backup import restore_backup
from models import migrate
from tests.cli.conftest import Cli, cli_env
from tests.dbs import fresh_database

FILLERS = {"JSON": "{}", "INT": 0, "TIMESTAMP": "2026-01-01T00:00:00+00:00"}


def sqlite_cli(tmp_path: Path) -> Cli:
    data = tmp_path / "data"
    return Cli(env=cli_env(f"sqlite://{data / 'parley.sqlite3'}", data), data_dir=data)


def add_creator(database: Path, email: str) -> None:
    """Insert a creator row, filling every required column by its type (models may grow)."""
    with closing(sqlite3.connect(database)) as conn:
        columns = conn.execute('PRAGMA table_info("creator")').fetchall()
        row = {c[1]: FILLERS.get(c[2], "x") for c in columns if c[3] or c[5]}
        row |= {"id": str(uuid.uuid4()), "email": email}
        marks = ", ".join("?" for _ in row)
        names = ", ".join(f'"{name}"' for name in row)
        conn.execute(f'INSERT INTO "creator" ({names}) VALUES ({marks})', list(row.values()))
        conn.commit()


def emails(database: Path) -> set[str]:
    with closing(sqlite3.connect(database)) as conn:
        return {row[0] for row in conn.execute('SELECT email FROM "creator"')}


def one_line_error(out: object) -> str:
    stderr: str = getattr(out, "stderr", "")
    assert getattr(out, "returncode", 0) == 1, stderr
    assert "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1, stderr
    return stderr


async def applied_count(url: str) -> int:
    if url.startswith("sqlite"):
        with closing(sqlite3.connect(url.removeprefix("sqlite://"))) as conn:
            count: int = conn.execute("SELECT count(*) FROM aerich").fetchone()[0]
            return count
    conn = await asyncpg.connect(url)
    try:
        value: int = await conn.fetchval("SELECT count(*) FROM aerich")
        return value
    finally:
        await conn.close()


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
async def test_migrate_reaches_head_once(kind: str, tmp_path: Path) -> None:
    async with fresh_database(kind, tmp_path) as url:
        cli = Cli(env=cli_env(url, tmp_path / "data"), data_dir=tmp_path / "data")
        first, second, status = cli("migrate"), cli("migrate"), cli("migrate", "--status")
        count = await applied_count(url)

    names = migrate.history(url)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines() == [f"applied {name}" for name in names]
    assert second.stdout.strip() == "already at head"
    assert status.stdout.splitlines() == [f"applied  {name}" for name in names]
    assert count == len(names)


def test_makemigrations_check_agrees_with_the_models(tmp_path: Path) -> None:
    out = sqlite_cli(tmp_path)("makemigrations", "--check")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "models and migrations agree"


def test_backup_then_restore_round_trips_data(tmp_path: Path) -> None:
    cli = sqlite_cli(tmp_path)
    database, chroma, key = (cli.data_dir / n for n in ("parley.sqlite3", "chroma", "secret.key"))
    cli("migrate", check=True)
    add_creator(database, "kept@example.com")
    (chroma / "segment").mkdir(parents=True)
    (chroma / "segment" / "data.bin").write_bytes(b"vectors-v1")
    key.write_text("dev-key-one")

    out = cli("backup", str(tmp_path / "parley.tar.gz"), check=True)
    assert "parley.sqlite3, chroma, secret.key" in out.stdout
    add_creator(database, "later@example.com")
    (chroma / "segment" / "data.bin").write_bytes(b"vectors-v2")
    key.write_text("dev-key-two")
    out = cli("restore", str(tmp_path / "parley.tar.gz"), check=True)

    assert emails(database) == {"kept@example.com"}
    assert (chroma / "segment" / "data.bin").read_bytes() == b"vectors-v1"
    assert key.read_text() == "dev-key-one"
    kept = {p.name.split(".bak-")[0]: p for p in cli.data_dir.glob("*.bak-*")}
    assert set(kept) == {"parley.sqlite3", "chroma", "secret.key"}
    assert emails(kept["parley.sqlite3"]) == {"kept@example.com", "later@example.com"}
    assert out.stdout.count("kept the previous") == 3
    assert cli("migrate").stdout.strip() == "already at head"


def test_backup_snapshot_skips_an_uncommitted_write(tmp_path: Path) -> None:
    cli = sqlite_cli(tmp_path)
    database = cli.data_dir / "parley.sqlite3"
    cli("migrate", check=True)
    add_creator(database, "committed@example.com")
    with closing(sqlite3.connect(database, isolation_level=None)) as writer:
        writer.execute("BEGIN IMMEDIATE")  # a server mid-transaction
        writer.execute('UPDATE "creator" SET email = ?', ["uncommitted@example.com"])
        out = cli("backup", str(tmp_path / "live.tar.gz"))
        writer.execute("ROLLBACK")

    assert out.returncode == 0, out.stderr
    with tarfile.open(tmp_path / "live.tar.gz") as tar:
        tar.extract("parley.sqlite3", tmp_path / "unpacked", filter="data")
        manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
    assert emails(tmp_path / "unpacked" / "parley.sqlite3") == {"committed@example.com"}
    assert manifest["migrations"] == migrate.history(f"sqlite://{database}")


def tar_gz(path: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def plain_sqlite(path: Path) -> bytes:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.commit()
    return path.read_bytes()


MANIFEST = json.dumps({"format": "parley-backup", "version": 1}).encode()


def bad_archives(tmp: Path) -> dict[str, tuple[Path, str]]:
    """Name -> (archive, what the one-line refusal mentions)."""
    tmp.mkdir()
    garbage = tmp / "garbage.tar.gz"
    garbage.write_bytes(b"this is not an archive")
    return {
        "garbage": (garbage, "not a gzip file"),
        "missing": (tmp / "nowhere.tar.gz", "does not exist"),
        "no manifest": (tar_gz(tmp / "a.tar.gz", {"notes.txt": b"hi"}), "no manifest"),
        "foreign manifest": (
            tar_gz(tmp / "b.tar.gz", {"manifest.json": b'{"format": "other"}'}),
            "unknown manifest",
        ),
        "no aerich table": (
            tar_gz(
                tmp / "c.tar.gz",
                {"manifest.json": MANIFEST, "parley.sqlite3": plain_sqlite(tmp / "x.db")},
            ),
            "no Parley database",
        ),
        "escaping path": (tar_gz(tmp / "d.tar.gz", {"../evil": b"x"}), "is not a Parley backup"),
    }


def snapshot_of(directory: Path) -> dict[str, str]:
    return {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def test_restore_refuses_what_is_not_a_backup(tmp_path: Path, clean_env: Path) -> None:
    cli = sqlite_cli(tmp_path)
    cli("migrate", check=True)
    add_creator(cli.data_dir / "parley.sqlite3", "owner@example.com")
    (cli.data_dir / "secret.key").write_text("dev-key")
    before = snapshot_of(cli.data_dir)
    settings = Settings(data_dir=cli.data_dir, database_url=cli.env["PARLEY_DATABASE_URL"])
    cases = bad_archives(tmp_path / "bad")

    for name in ("garbage", "no aerich table"):  # through the console script: exit 1, one line
        archive, reason = cases[name]
        stderr = one_line_error(cli("restore", str(archive)))
        assert f"{archive} is not a Parley backup" in stderr and reason in stderr, stderr
    for name, (archive, reason) in cases.items():  # every kind of refusal, in process
        with pytest.raises(click.ClickException) as refused:
            restore_backup(settings, archive)
        assert "is not a Parley backup" in refused.value.message, name
        assert reason in refused.value.message, (name, refused.value.message)
        assert snapshot_of(cli.data_dir) == before, name
    assert not (tmp_path / "evil").exists()
    assert sorted(p.name for p in cli.data_dir.iterdir()) == ["parley.sqlite3", "secret.key"]


def test_backup_refuses_to_overwrite_or_to_save_a_database_without_history(tmp_path: Path) -> None:
    cli = sqlite_cli(tmp_path)
    cli.data_dir.mkdir()
    plain_sqlite(cli.data_dir / "parley.sqlite3")
    assert "no migration history" in one_line_error(cli("backup", str(tmp_path / "a.tar.gz")))
    cli("migrate", check=True)
    (tmp_path / "taken.tar.gz").write_bytes(b"precious")

    assert "exists" in one_line_error(cli("backup", str(tmp_path / "taken.tar.gz")))
    assert (tmp_path / "taken.tar.gz").read_bytes() == b"precious"
    assert not list(tmp_path.glob("*.partial"))


async def pg_rows(url: str, sql: str) -> list[tuple[Any, ...]]:
    conn = await asyncpg.connect(url)
    try:
        return [tuple(row) for row in await conn.fetch(sql)]
    finally:
        await conn.close()


async def add_pg_creator(url: str, email: str) -> None:
    """Insert a creator row on PostgreSQL, filling every required column by its type."""
    columns = await pg_rows(
        url,
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_name = 'creator' AND is_nullable = 'NO'",
    )
    fill = {"jsonb": "'{}'", "boolean": "false", "timestamp with time zone": "now()"}
    row = {name: fill.get(kind, "'x'") for name, kind in columns}
    row |= {"id": f"'{uuid.uuid4()}'", "email": f"'{email}'"}
    names = ", ".join(f'"{name}"' for name in row)
    await pg_rows(url, f'INSERT INTO "creator" ({names}) VALUES ({", ".join(row.values())})')


async def test_postgres_backup_then_restore_round_trips_data(tmp_path: Path) -> None:
    async with fresh_database("postgres", tmp_path) as url:
        cli = Cli(env=cli_env(url, tmp_path / "data"), data_dir=tmp_path / "data")
        cli("migrate", check=True)
        await add_pg_creator(url, "kept@example.com")
        chroma = cli.data_dir / "chroma" / "segment"
        chroma.mkdir(parents=True)
        (chroma / "data.bin").write_bytes(b"vectors-v1")

        backup = cli("backup", str(tmp_path / "pg.tar.gz"), check=True)
        await add_pg_creator(url, "later@example.com")
        await pg_rows(url, 'CREATE TABLE "stray" (id int)')  # as if from a newer schema
        (chroma / "data.bin").write_bytes(b"vectors-v2")
        restore = cli("restore", str(tmp_path / "pg.tar.gz"), check=True)

        after = {r[0] for r in await pg_rows(url, 'SELECT email FROM "creator"')}
        stray = await pg_rows(url, "SELECT to_regclass('public.stray')")
        partitioned = await pg_rows(url, "SELECT pg_get_partkeydef('user_interaction'::regclass)")
        again = cli("migrate")

    with tarfile.open(tmp_path / "pg.tar.gz") as tar:
        manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
    assert "parley.pgdump, chroma" in backup.stdout
    assert manifest["database"] == "postgres"
    assert manifest["migrations"] == migrate.history(url)
    assert after == {"kept@example.com"}
    assert stray == [(None,)]  # the restored database holds exactly the dump
    assert partitioned == [("RANGE (created_at)",)]
    assert (chroma / "data.bin").read_bytes() == b"vectors-v1"
    # The replaced database was dumped beside the data first, as SQLite's file is kept.
    kept = list(cli.data_dir.glob("parley.pgdump.bak-*"))
    assert len(kept) == 1 and f"kept the previous {kept[0]}" in restore.stdout
    assert again.stdout.strip() == "already at head"


async def test_restore_refuses_a_backup_of_the_other_database_kind(tmp_path: Path) -> None:
    sqlite = sqlite_cli(tmp_path)
    sqlite("migrate", check=True)
    sqlite("backup", str(tmp_path / "lite.tar.gz"), check=True)
    async with fresh_database("postgres", tmp_path) as url:
        cli = Cli(env=cli_env(url, tmp_path / "pgdata"), data_dir=tmp_path / "pgdata")
        cli("migrate", check=True)
        await add_pg_creator(url, "still@example.com")
        stderr = one_line_error(cli("restore", str(tmp_path / "lite.tar.gz")))
        emails_after = {r[0] for r in await pg_rows(url, 'SELECT email FROM "creator"')}

    assert "holds a sqlite database but PARLEY_DATABASE_URL is postgres" in stderr
    assert emails_after == {"still@example.com"}


def test_migrate_against_an_unreachable_database_is_one_line(tmp_path: Path) -> None:
    url = "postgres://parley:hunter2@127.0.0.1:9/parley"  # nothing listens on the discard port
    cli = Cli(env=cli_env(url, tmp_path / "data"), data_dir=tmp_path / "data")
    stderr = one_line_error(cli("migrate"))
    assert "cannot open the database" in stderr and "hunter2" not in stderr
