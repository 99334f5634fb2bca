"""Run the real `parley` console script against a fresh, migrated database of each dialect."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from models.db import dialect
from tests.dbs import fresh_database, fresh_postgres_database, postgres_available, require_postgres

PARLEY = str(Path(sys.executable).with_name("parley"))


@dataclass
class Cli:
    env: dict[str, str]
    data_dir: Path

    def __call__(self, *args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [PARLEY, *args], env=self.env, capture_output=True, text=True, timeout=120
        )
        if check and result.returncode != 0:
            raise AssertionError(f"parley {' '.join(args)} failed:\n{result.stderr}")
        return result


def cli_env(url: str, data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARLEY_")}
    env |= {
        "PARLEY_DATABASE_URL": url,
        "PARLEY_DATA_DIR": str(data_dir),
        "PARLEY_SECRET_KEY": "cli-test-secret",
        "PARLEY_RAG__EMBEDDER": "hashing",
    }
    return env


@pytest.fixture(scope="session")
async def migrated(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[dict[str, str]]:
    """One database per dialect migrated by the real `parley migrate`, once per test process:
    each test starts from a copy (`migrate` from scratch has tests of its own)."""
    tmp = tmp_path_factory.mktemp("cli-template")
    made: dict[str, str] = {}
    async with AsyncExitStack() as stack:
        for kind in ("sqlite", "postgres"):
            if kind == "postgres" and await postgres_available() is not None:
                continue  # the test itself asks for PostgreSQL (and fails under CI=true)
            url = await stack.enter_async_context(fresh_database(kind, tmp))
            Cli(env=cli_env(url, tmp / f"data-{kind}"), data_dir=tmp)("migrate", check=True)
            made[kind] = url
        yield made


@asynccontextmanager
async def copy_of(template: str, tmp_path: Path) -> AsyncIterator[str]:
    """A new database holding what `template` holds (SQLite: the file; PostgreSQL: TEMPLATE)."""
    if dialect(template) == "sqlite":
        copied = tmp_path / f"parley-{uuid.uuid4().hex[:8]}.sqlite3"
        shutil.copyfile(template.removeprefix("sqlite://"), copied)
        yield f"sqlite://{copied}"
        return
    async with fresh_postgres_database(template=template.rsplit("/", 1)[1]) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgres"])
async def cli(
    request: pytest.FixtureRequest, tmp_path: Path, migrated: dict[str, str]
) -> AsyncIterator[Cli]:
    """`parley` on an empty, migrated database (SQLite file or a throwaway PostgreSQL db)."""
    if request.param not in migrated:
        await require_postgres()
    async with copy_of(migrated[request.param], tmp_path) as url:
        yield Cli(env=cli_env(url, tmp_path / "data"), data_dir=tmp_path / "data")
