"""CLI commands for metrics: `parley metrics rollup` fills the daily metric tables."""

from __future__ import annotations

from datetime import date

import click

from bot.clock import SystemClock
from bot.errors import InvalidInput
from bot.metrics import MAX_RANGE_DAYS, DateRange, DayReport, parse_day, rollup, yesterday
from bot.settings import Settings
from channels.cli.runtime import run


@click.group("metrics")
def metrics_group() -> None:
    """Engagement metrics and program analytics."""


def report_line(report: DayReport) -> str:
    c = report.changes
    return (
        f"{report.day} {report.creator_email}: {report.engagement_rows} engagement and "
        f"{report.program_rows} program values ({c.created} new, {c.updated} updated, "
        f"{c.deleted} removed, {c.unchanged} unchanged)"
    )


def days_to_roll(day: str | None, days: int) -> list[date]:
    try:
        last = parse_day(day) if day else yesterday(SystemClock().now())
        return DateRange.ending(last, days).days()
    except InvalidInput as exc:
        raise click.ClickException(str(exc)) from None


@metrics_group.command("rollup")
@click.option(
    "--date",
    "day",
    metavar="YYYY-MM-DD",
    help="Last day to roll up (default: yesterday UTC); days are each workspace's local days.",
)
@click.option(
    "--days",
    type=click.IntRange(1, MAX_RANGE_DAYS),
    default=1,
    show_default=True,
    help="How many days, ending with --date; re-running a day is safe (idempotent).",
)
def rollup_command(day: str | None, days: int) -> None:
    """Compute the daily metrics of every creator for local days and store them."""
    chosen = days_to_roll(day, days)

    async def go(_: Settings) -> list[str]:
        reports = await rollup(chosen)
        return [report_line(r) for r in reports] or ["no creators: nothing to roll up"]

    for line in run(go):
        click.echo(line)
    click.echo(f"rolled up {len(chosen)} day(s): {chosen[0]} .. {chosen[-1]}")


COMMANDS: list[click.Command] = [metrics_group]
