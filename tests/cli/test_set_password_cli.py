"""`parley creator set-password EMAIL`: the operator's way back in for a locked-out person."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

from bot import people
from bot.auth import verify_password
from models import Person, SignInFailure, StudioSession
from tests import factories
from tests.cli.conftest import PARLEY, cli_env


def parley(db: str, tmp: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = cli_env(db, tmp / "data")
    return subprocess.run(
        [PARLEY, *args], env=env, input=stdin, capture_output=True, text=True, timeout=120
    )


async def test_set_password_from_stdin_unlocks_and_signs_out(db: str, tmp_path: Path) -> None:
    creator = await factories.creator("locked@example.com")
    person = await Person.get(email=creator.email)
    now = datetime.now(UTC)
    await people.start_session(person, now=now)
    for _ in range(5):
        await people.record_failure(people.throttle_keys(person.email, "10.0.0.1"), now)
    out = parley(
        db,
        tmp_path,
        "creator",
        "set-password",
        "Locked@Example.com",
        "--password-stdin",
        stdin="a-brand-new-password\n",
    )
    assert out.returncode == 0, out.stderr
    assert "password changed for locked@example.com" in out.stdout
    person = await Person.get(id=person.id)
    assert verify_password(person.password_hash, "a-brand-new-password")
    assert not await StudioSession.filter(person=person, ended_at=None).exists()
    account_key = people.throttle_keys(person.email, "")[0]
    assert not await SignInFailure.filter(key=account_key).exists()
    assert await people.authenticate(
        person.email, "a-brand-new-password", address="10.0.0.2", now=now
    )


async def test_set_password_errors_are_one_line(db: str, tmp_path: Path) -> None:
    await factories.creator("short@example.com")
    out = parley(
        db,
        tmp_path,
        "creator",
        "set-password",
        "short@example.com",
        "--password-stdin",
        stdin="short\n",
    )
    assert out.returncode == 1 and "at least 8 characters" in out.stderr
    out = parley(
        db,
        tmp_path,
        "creator",
        "set-password",
        "nobody@example.com",
        "--password-stdin",
        stdin="long-enough-pw\n",
    )
    assert out.returncode == 1 and "no studio login with email nobody@example.com" in out.stderr
