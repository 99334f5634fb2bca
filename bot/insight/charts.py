"""A chart as data: the columns and rows drawn, shown as a table and exported as CSV, unchanged.

`links` (optional, one per row) is the drill-down query string of the learners behind a row;
`cell_links` does the same per (row, column) for grids such as the cohort table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Cell = str | int | float | None

# each chart's title by key, in page order (the studio's headings before a chart is computed)
TITLES = {
    "daily": "Activity per day",
    "weekly": "Active learners per week",
    "response": "Reply time",
    "streaks": "Streaks at risk today",
    "badges": "Badges earned",
    "funnel": "Program funnel",
    "cohorts": "Retention by enrolment week",
    "nudge_rungs": "Nudge replies within 24 h, per rung",
    "nudge_hours": "Nudge replies within 24 h, per local send hour",
    "quiz": "Quiz correctness per question",
}


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    kind: str  # "line", "bar" or "grid" (a table only)
    columns: list[str]
    rows: list[list[Cell]]
    links: list[str | None] = field(default_factory=list)
    cell_links: dict[tuple[int, int], str] = field(default_factory=dict)
    note: str = ""

    def text_rows(self) -> list[list[str]]:
        """The rows as the CSV export and the page's table show them (blank for no value)."""
        return [["" if c is None else str(c) for c in row] for row in self.rows]

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "kind": self.kind,
            "columns": self.columns,
            "rows": self.rows,
            "note": self.note,
        }

    def link(self, row: int) -> str | None:
        return self.links[row] if row < len(self.links) else None


def ratio(part: int, whole: int) -> float | None:
    """A percentage with one decimal, None when nothing to divide."""
    return round(100.0 * part / whole, 1) if whole else None
