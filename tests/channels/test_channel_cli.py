"""`parley channel add ...` and `parley telegram set-webhook`, run as the real console script.

The tests share one database and run in file order: errors first, then the happy paths.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.cli.conftest import PARLEY, cli_env
from tests.fakes.telegram_api import FakeTelegramAPI

TOKEN = "123456:cli-token"


@dataclass
class Result:
    code: int
    out: str
    err: str


async def parley(env: dict[str, str], *args: str) -> Result:
    """The CLI in a subprocess, awaited, so the fake API in this event loop keeps answering."""
    proc = await asyncio.create_subprocess_exec(
        PARLEY, *args, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await asyncio.wait_for(proc.communicate(), timeout=120)
    return Result(proc.returncode or 0, out.decode(), err.decode())


@pytest.fixture(scope="module")
async def setup(
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[tuple[dict[str, str], FakeTelegramAPI, Path]]:
    """One migrated database with a creator and bot for the module (the CLI is slow to start)."""
    tmp_path = tmp_path_factory.mktemp("cli")
    fake = FakeTelegramAPI()
    fake.tokens.add(TOKEN)
    await fake.start()
    db_file = tmp_path / "cli.sqlite3"
    env = cli_env(f"sqlite://{db_file}", tmp_path / "data")
    env |= {"PARLEY_TELEGRAM__API_BASE": fake.base_url, "PARLEY_PUBLIC_URL": "https://p.example"}
    for args in [
        ("migrate",),
        ("creator", "create", "--email", "a@example.com", "--password", "password1"),
        ("bot", "create", "--creator", "a@example.com", "--slug", "coach", "--name", "Coach"),
    ]:
        result = await parley(env, *args)
        assert result.code == 0, result.err
    yield env, fake, db_file
    await fake.close()


async def test_channel_errors_are_one_line(
    setup: tuple[dict[str, str], FakeTelegramAPI, Path],
) -> None:
    env, _, _ = setup
    cases = [
        (("channel", "add", "telegram", "--bot", "coach", "--token", "999:wrong"), "rejected"),
        (("channel", "add", "telegram", "--bot", "nope", "--token", TOKEN), "no bot 'nope'"),
        (("telegram", "set-webhook", "--bot", "coach"), "no Telegram channel"),
        (
            ("channel", "add", "whatsapp", "--bot", "coach", "--account-sid", "AC1",
             "--auth-token", "t", "--from", "whatsapp:+14155238886"),
            "--account-sid",
        ),
    ]  # fmt: skip
    for args, message in cases:
        result = await parley(env, *args)
        assert result.code == 1, args
        assert message in result.err and len(result.err.strip().splitlines()) == 1, result.err


async def test_telegram_add_stores_token_encrypted_and_sets_webhook(
    setup: tuple[dict[str, str], FakeTelegramAPI, Path],
) -> None:
    env, fake, db_file = setup
    added = await parley(env, "channel", "add", "telegram", "--bot", "coach", "--token", TOKEN)
    assert added.code == 0, added.err
    assert "@parley_test_bot" in added.out and TOKEN not in added.out + added.err
    with sqlite3.connect(db_file) as conn:
        secret, hook_secret = conn.execute("SELECT secret, webhook_secret FROM channel").fetchone()
    assert secret.startswith("enc:v1:") and TOKEN not in secret
    assert hook_secret.startswith("enc:v1:")
    hooked = await parley(env, "telegram", "set-webhook", "--bot", "coach")
    assert hooked.out.strip() == "webhook set: https://p.example/telegram/coach/webhook"
    (call,) = fake.calls_of("setWebhook")
    assert call.token == TOKEN and len(call.params["secret_token"]) >= 32


async def test_whatsapp_add_prints_the_webhook_url(
    setup: tuple[dict[str, str], FakeTelegramAPI, Path],
) -> None:
    env, _, db_file = setup
    sid = "AC" + "a" * 32
    result = await parley(
        env, "channel", "add", "whatsapp", "--bot", "coach", "--account-sid", sid,
        "--auth-token", "tw-secret", "--from", "whatsapp:+14155238886",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "https://p.example/whatsapp/coach/webhook" in result.out
    with sqlite3.connect(db_file) as conn:
        (secret,) = conn.execute("SELECT secret FROM channel").fetchone()
    assert secret.startswith("enc:v1:") and "tw-secret" not in secret
