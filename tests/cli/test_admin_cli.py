"""`parley creator|bot|apikey|demo`: what a creator types, what they see, what lands in the DB."""

from __future__ import annotations

import re

from tests.cli.conftest import Cli


def test_creator_bot_and_key_happy_path(cli: Cli) -> None:
    out = cli("creator", "create", "--email", "Coach@Example.com", "--password", "s3cret-pass")
    assert out.returncode == 0 and "created creator coach@example.com" in out.stdout
    out = cli("bot", "create", "--creator", "coach@example.com", "--slug", "habits", "--name", "H")
    assert out.returncode == 0 and re.search(r"widget key pk_\S+", out.stdout)
    out = cli("apikey", "create", "--creator", "coach@example.com", "--scopes", "read")
    assert out.returncode == 0
    token = out.stdout.strip()
    assert re.fullmatch(r"prl_[0-9a-f]{12}\.\S{40,}", token)
    assert "cannot be shown again" in out.stderr
    out = cli("bot", "publish", "--creator", "coach@example.com", "--slug", "habits")
    assert out.stdout.strip() == "published habits version 1"


def test_errors_are_one_line_with_nonzero_exit(cli: Cli) -> None:
    cli("creator", "create", "--email", "a@example.com", "--password", "password1", check=True)
    cases = [
        (
            ("creator", "create", "--email", "a@example.com", "--password", "password1"),
            "already exists",
        ),
        (
            ("creator", "create", "--email", "not-an-email", "--password", "password1"),
            "not an email address",
        ),
        (
            ("creator", "create", "--email", "b@example.com", "--password", "short"),
            "at least 8 characters",
        ),
        (
            ("bot", "create", "--creator", "nobody@example.com", "--slug", "abc", "--name", "X"),
            "no creator with email",
        ),
        (
            ("bot", "create", "--creator", "a@example.com", "--slug", "Bad Slug", "--name", "X"),
            "invalid slug",
        ),
        (("apikey", "create", "--creator", "a@example.com", "--scopes", "root"), "scopes must be"),
    ]
    for args, message in cases:
        out = cli(*args)
        assert out.returncode != 0, args
        assert message in out.stderr, (args, out.stderr)
        assert "Traceback" not in out.stderr
        assert len(out.stderr.strip().splitlines()) == 1, out.stderr


def test_duplicate_slug_across_creators_is_refused(cli: Cli) -> None:
    for email in ("a@example.com", "b@example.com"):
        cli("creator", "create", "--email", email, "--password", "password1", check=True)
    cli(
        "bot", "create", "--creator", "a@example.com", "--slug", "shared", "--name", "A", check=True
    )
    out = cli("bot", "create", "--creator", "b@example.com", "--slug", "shared", "--name", "B")
    assert out.returncode == 1 and "is taken" in out.stderr


def test_demo_is_idempotent(cli: Cli) -> None:
    first = cli("demo", check=True)
    assert "demo bot 'demo' is published" in first.stdout
    assert "password:" in first.stdout
    second = cli("demo", check=True)
    assert "password:" not in second.stdout
    key = re.search(r"widget key (\S+)", first.stdout)
    assert key and key.group(1) in second.stdout


def test_bad_setting_is_reported_before_anything_runs(cli: Cli) -> None:
    cli.env["PARLEY_PORT"] = "not-a-port"
    out = cli("creator", "create", "--email", "a@example.com", "--password", "password1")
    assert out.returncode == 1
    assert out.stderr.strip() == (
        "Error: PARLEY_PORT: Input should be a valid integer, unable to parse string as an "
        "integer (got 'not-a-port')"
    )


def test_unmigrated_database_says_what_to_do(cli: Cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    cli.env["PARLEY_DATABASE_URL"] = f"sqlite://{tmp_path / 'empty.sqlite3'}"
    out = cli("creator", "create", "--email", "a@example.com", "--password", "password1")
    assert out.returncode == 1 and "parley migrate" in out.stderr
