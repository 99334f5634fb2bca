"""Run the real `parley` console script against a fresh, migrated database of each dialect."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.dbs import fresh_database

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


@pytest.fixture(params=["sqlite", "postgres"])
async def cli(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Cli]:
    """`parley` on an empty, migrated database (SQLite file or a throwaway PostgreSQL db)."""
    async with fresh_database(request.param, tmp_path) as url:
        runner = Cli(env=cli_env(url, tmp_path / "data"), data_dir=tmp_path / "data")
        runner("migrate", check=True)
        yield runner
