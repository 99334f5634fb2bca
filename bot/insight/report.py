"""Every analytics chart of a scope, in page order; one chart by key (for its CSV export); the
studio page's sections (one request each): one chart, or the charts one query serves together."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.errors import InvalidInput
from bot.insight import activity, engagement, funnel, nudges
from bot.insight.charts import TITLES, Chart
from bot.insight.scope import Scope
from models import Program
from models.replica import analytics_reads

BOT_CHARTS: dict[str, Callable[[Scope], Awaitable[Chart]]] = {
    "daily": activity.daily,
    "weekly": activity.weekly,
    "response": activity.response_times,
    "streaks": engagement.streaks,
    "badges": engagement.badges,
}
PROGRAM_CHARTS: dict[str, Callable[[Scope, Program], Awaitable[Chart]]] = {
    "funnel": funnel.funnel,
    "cohorts": funnel.cohorts,
    "nudge_rungs": nudges.by_rung,
    "nudge_hours": nudges.by_hour,
    "quiz": funnel.quiz,
}
KEYS = (*BOT_CHARTS, *PROGRAM_CHARTS)
# charts computed together (one query serves them), each group one section of the studio page
GROUPS: dict[str, tuple[tuple[str, ...], Callable[[Scope, Program], Awaitable[list[Chart]]]]] = {
    "nudges": (("nudge_rungs", "nudge_hours"), nudges.nudge_outcomes),
}
GROUP_TITLES = {"nudges": "Nudge replies within 24 h"}


def keys(scope: Scope) -> tuple[str, ...]:
    """The charts of a scope, in page order: the program's only when it names one."""
    return KEYS if scope.program is not None else tuple(BOT_CHARTS)


def sections(scope: Scope) -> tuple[str, ...]:
    """The studio page's sections of a scope, in page order."""
    return grouped(keys(scope))


def grouped(charts: tuple[str, ...]) -> tuple[str, ...]:
    """Chart keys as sections: each a chart's key, or a group's name in place of its charts."""
    out: list[str] = []
    for key in charts:
        name = next((g for g, (members, _) in GROUPS.items() if key in members), key)
        if name not in out:
            out.append(name)
    return tuple(out)


def section_title(name: str) -> str:
    return GROUP_TITLES.get(name) or TITLES[name]


async def section(scope: Scope, name: str) -> list[Chart]:
    """The charts of one section: a group's, computed together, else the chart `name`."""
    if name not in GROUPS:
        return [await chart(scope, name)]
    if scope.program is None:
        raise InvalidInput(f"section {name!r} needs program=CODE")
    with analytics_reads():
        return await GROUPS[name][1](scope, scope.program)


async def program_charts(scope: Scope) -> list[Chart]:
    program = scope.program
    if program is None:
        return []
    charts = [await funnel.funnel(scope, program), await funnel.cohorts(scope, program)]
    charts += await nudges.nudge_outcomes(scope, program)  # both nudge charts from one query
    charts.append(await funnel.quiz(scope, program))
    return charts


async def analytics(scope: Scope) -> list[Chart]:
    """The bot's charts, then (when the scope names a program) the program's."""
    with analytics_reads():
        charts = [await build(scope) for build in BOT_CHARTS.values()]
        return charts + await program_charts(scope)


async def chart(scope: Scope, key: str) -> Chart:
    """One chart; InvalidInput names the keys when `key` is unknown or needs a program."""
    if key not in KEYS:
        raise InvalidInput(f"unknown chart {key!r}: use one of {', '.join(KEYS)}")
    with analytics_reads():
        if key in BOT_CHARTS:
            return await BOT_CHARTS[key](scope)
        if scope.program is None:
            raise InvalidInput(f"chart {key!r} needs program=CODE")
        return await PROGRAM_CHARTS[key](scope, scope.program)
