"""`parley metrics rollup` through the real console script: output, stored rows, bad dates."""

from __future__ import annotations

import sqlite3

import asyncpg

from tests.cli.conftest import Cli


async def stored_metrics(cli: Cli) -> list[tuple[str, str, str]]:
    """(date, metric, value) of the totals written, read straight from the database."""
    url = cli.env["PARLEY_DATABASE_URL"]
    sql = (
        "SELECT date, metric_type, metric_value FROM engagement_metric"
        " WHERE bot_id IS NULL ORDER BY date, metric_type"
    )
    if url.startswith("sqlite://"):
        with sqlite3.connect(url.removeprefix("sqlite://")) as conn:
            rows = conn.execute(sql).fetchall()
    else:
        conn = await asyncpg.connect(url)
        try:
            rows = await conn.fetch(sql)
        finally:
            await conn.close()
    return [(str(d), m, f"{float(v):.2f}") for d, m, v in rows]


async def test_rollup_prints_what_it_wrote_and_rejects_bad_dates(cli: Cli) -> None:
    cli("creator", "create", "--email", "m@example.com", "--password", "password1", check=True)
    out = cli("metrics", "rollup", "--date", "2024-03-10", "--days", "2", check=True)
    assert out.stdout.splitlines() == [
        "2024-03-09 m@example.com: 4 engagement and 0 program values "
        "(4 new, 0 updated, 0 removed, 0 unchanged)",
        "2024-03-10 m@example.com: 4 engagement and 0 program values "
        "(4 new, 0 updated, 0 removed, 0 unchanged)",
        "rolled up 2 day(s): 2024-03-09 .. 2024-03-10",
    ]
    metrics = ("active_users", "messages_in", "messages_out", "new_users")
    assert await stored_metrics(cli) == [
        (day, metric, "0.00") for day in ("2024-03-09", "2024-03-10") for metric in metrics
    ]
    bad = cli("metrics", "rollup", "--date", "2024-02-30")
    assert (bad.returncode, bad.stdout) == (1, "")
    assert bad.stderr == "Error: date must be a date as YYYY-MM-DD, got '2024-02-30'\n"
