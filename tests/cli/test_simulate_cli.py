"""`parley simulate` through the real console script: habit-7 for three learners over 7 days."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime
from pathlib import Path

import pytest

from tests.cli.conftest import Cli

HABIT = Path(__file__).resolve().parents[2] / "examples" / "programs" / "habit-7.yaml"
DAYS = [f"day-{n}" for n in range(1, 8)]


@pytest.mark.parametrize("cli", ["sqlite"], indirect=True)  # the copy is dialect-neutral ORM code
def test_simulate_prints_a_seven_day_timeline(cli: Cli) -> None:
    cli("creator", "create", "--email", "c@example.com", "--password", "password1", check=True)
    cli("bot", "create", "--creator", "c@example.com", "--slug", "coach", "--name", "C", check=True)
    cli("program", "import", "--bot", "coach", str(HABIT), check=True)
    cli("program", "publish", "--bot", "coach", "habit-7", check=True)
    out = cli(
        "simulate", "--bot", "coach", "--program", "habit-7", "--days", "7", "--users", "3",
        "--tz", "America/Los_Angeles", "--start", "2026-03-02T17:00Z", "--json", check=True,
    )  # fmt: skip
    events = [json.loads(line) for line in out.stdout.splitlines()]
    by_user: dict[str, list[dict[str, str]]] = defaultdict(list)
    for event in events:
        assert set(event) == {"at", "local", "user", "channel", "kind", "step", "text"}
        by_user[event["user"]].append(event)

    assert sorted(by_user) == ["learner-1", "learner-2", "learner-3"]
    for user, timeline in by_user.items():
        steps = [e for e in timeline if e["kind"] == "step"]
        assert [e["step"] for e in steps] == ["welcome", *DAYS], user
        for n, event in enumerate(e for e in steps if e["step"] in DAYS[1:]):
            local = datetime.fromisoformat(event["local"])
            assert (local.day, local.hour, local.minute) == (3 + n, 9, 0), event
        # Sunday 8 March is the US spring-forward day: 09:00 PDT is 16:00 UTC
        assert steps[-1]["at"] == "2026-03-08T16:00:00+00:00"
        assert steps[-1]["local"] == "2026-03-08T09:00:00-07:00"
        assert [e["kind"] for e in timeline[-3:]] == ["completion", "badge", "badge"]
        assert {e["text"] for e in timeline if e["kind"] == "badge"} == {"Week Keeper", "Unbroken"}
    # learner-3 goes silent on days 1 and 3: the checkpoint nudges come 8 h after delivery
    nudges = [e for e in by_user["learner-3"] if e["kind"] == "nudge"]
    assert [(e["step"], e["local"]) for e in nudges] == [
        ("day-2", "2026-03-03T17:00:00-08:00"),
        ("day-4", "2026-03-05T17:00:00-08:00"),
    ]
    assert not any(e["kind"] == "nudge" for e in by_user["learner-1"])
    # learner-2 gets the quiz wrong first, then right
    quiz = [
        e["text"] for e in by_user["learner-2"] if e["kind"] == "reply" and e["step"] == "day-3"
    ]
    assert quiz == ["quiz:day-3:2", "quiz:day-3:1"]

    table = cli("simulate", "--bot", "coach", "--program", "nope", "--days", "1")
    assert table.returncode == 1
    assert table.stderr.strip().splitlines()[-1] == "Error: no program 'nope' on bot 'coach'"
