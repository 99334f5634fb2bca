"""The program format: what validates, and error lines that name the step and the field."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from bot.programs.loader import dump_text, load_file, load_text
from bot.programs.schema import ProgramInvalid, Quiz, validate_definition
from bot.schedule import Delay, parse_delay

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "programs"

BASE: dict[str, Any] = {
    "code": "mini",
    "title": "Mini",
    "steps": [
        {"id": "intro", "kind": "lesson", "text": "Hello"},
        {"id": "day-2", "kind": "question", "text": "Why?",
         "schedule": {"after": "1d at 09:00", "from": "enrollment"}},
        {"id": "day-3", "kind": "quiz", "text": "Pick",
         "options": [{"text": "A", "correct": True}, {"text": "B"}]},
    ],
}  # fmt: skip


def program(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    data.update(changes)
    return data


def with_step(index: int, **changes: Any) -> dict[str, Any]:
    data = program()
    data["steps"][index].update(changes)
    return data


def error_of(data: Any) -> str:
    with pytest.raises(ProgramInvalid) as info:
        validate_definition(data)
    return str(info.value)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.*")), ids=lambda p: p.name)
def test_every_example_program_validates(path: Path) -> None:
    definition = load_file(path)
    assert len(definition.steps) >= 5
    assert definition.badges, "examples show badges too"


def test_examples_cover_every_feature() -> None:
    definitions = [load_file(p) for p in sorted(EXAMPLES.glob("*.yaml"))]
    assert len(definitions) >= 2
    steps = [s for d in definitions for s in d.steps]
    assert {s.kind for s in steps} == {"lesson", "question", "quiz", "reflection", "checkpoint"}
    assert any(n.template for s in steps for n in s.nudges)
    assert {s.schedule.from_ for s in steps} == {"enrollment", "previous"}


def test_valid_definition_reads_back() -> None:
    definition = validate_definition(BASE)
    quiz = definition.steps[2]
    assert isinstance(quiz, Quiz)
    assert quiz.answer.text == "A" and quiz.points == 10 and quiz.retries == 1
    assert definition.steps[0].schedule.on_complete
    assert definition.steps[1].schedule.delay == parse_delay("1d at 09:00")
    assert definition.steps[0].schedule.delay == Delay()
    assert definition.after("intro") is definition.steps[1]
    assert definition.after("day-3") is None


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (with_step(2, options=[{"text": "A", "correct": True}]),
         "step 'day-3' (index 2): options: a quiz needs at least 2 options"),
        (with_step(2, options=[{"text": "A"}, {"text": "B"}]),
         "step 'day-3' (index 2): options: mark exactly one option `correct: true` (found 0)"),
        (with_step(2, options=[{"text": "A", "correct": True}, {"text": "a"}]),
         "step 'day-3' (index 2): options: option texts must differ"),
        (with_step(2, retries=9),
         "step 'day-3' (index 2): retries: Input should be less than or equal to 5"),
        (with_step(1, schedule={"after": "tomorrow", "from": "enrollment"}),
         "step 'day-2' (index 1): schedule.after: 'tomorrow' is not a delay"),
        (with_step(1, schedule={"after": "1d at 09:00"}),
         "step 'day-2' (index 1): schedule.from: Field required"),
        (with_step(1, schedule={"after": "1d", "from": "start"}),
         "step 'day-2' (index 1): schedule.from: Input should be 'enrollment' or 'previous'"),
        (with_step(1, schedule="later"),
         "step 'day-2' (index 1): schedule: 'later': write `on_complete` or a mapping"),
        (with_step(0, kind="video"),
         "step 'intro' (index 0): kind: must be one of lesson, question"),
        (with_step(0, colour="red"), "step 'intro' (index 0): colour: unknown field"),
        (with_step(0, text="  "), "step 'intro' (index 0): text: String should have at least 1"),
        (with_step(0, id="Day One"), "step 'Day One' (index 0): id: use 1-64 lowercase letters"),
        (with_step(0, media={"kind": "image", "url": "ftp://x"}),
         "step 'intro' (index 0): media.url: must be an http:// or https:// URL"),
        (with_step(1, nudges=[{"after_hours": 5, "text": "x"}] * 4),
         "step 'day-2' (index 1): nudges: List should have at most 3 items"),
        (with_step(1, nudges=[{"after_hours": 8, "text": "x"}, {"after_hours": 4, "text": "y"}]),
         "step 'day-2' (index 1): nudges: nudges must be listed by strictly increasing"),
        (with_step(1, nudges=[{"after_hours": 8, "text": "x", "template": {"content_sid": "1"}}]),
         "step 'day-2' (index 1): nudges.0.template.content_sid: a Twilio Content SID"),
        (with_step(2, id="intro"), "step 'intro' (index 2): id: repeats an earlier step"),
        (program(steps=[]), "steps: List should have at least 1 item"),
        (program(code="Bad Code"), "code: use 1-64 lowercase letters, digits"),
        (program(badges=[{"code": "b", "name": "B", "criteria": "hugs >= 1"}]),
         "badge 'b' (index 0): criteria.metric: Input should be 'messages_sent'"),
        (program(badges=[{"code": "b", "name": "B", "criteria": {"all": ["points > x"]}}]),
         "badge 'b' (index 0): criteria.all.0: 'points > x' is not a criterion"),
        ([1, 2], "a program must be a mapping"),
    ],
)  # fmt: skip
def test_errors_name_the_step_and_field(data: Any, expected: str) -> None:
    message = error_of(data)
    assert message.startswith(expected), message
    assert "\n" not in message


def test_missing_kind_is_explained() -> None:
    data = program()
    del data["steps"][1]["kind"]
    assert error_of(data).startswith("step 'day-2' (index 1): kind: must be one of lesson")


def test_export_round_trips_exactly() -> None:
    for path in sorted(EXAMPLES.glob("*.yaml")):
        definition = load_file(path)
        for fmt in ("yaml", "json"):
            text = dump_text(definition, fmt)
            again = load_text(text, fmt)
            assert again == definition
            assert dump_text(again, fmt) == text


def test_export_is_canonical_and_readable() -> None:
    text = dump_text(validate_definition(BASE), "json")
    data = json.loads(text)
    assert list(data["steps"][0]) == ["id", "kind", "text"]  # defaults left out, id+kind first
    assert data["steps"][1]["schedule"] == {"after": "1d at 09:00", "from": "enrollment"}
    spelled_out = with_step(0, schedule={"after": "0m", "from": "previous"})
    assert "schedule" not in validate_definition(spelled_out).to_data()["steps"][0]


def test_load_errors_name_the_file_and_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("code: x\nsteps: [\n  - oops: {\n")
    with pytest.raises(ProgramInvalid, match=r"^broken.yaml: not valid YAML at line \d+"):
        load_file(broken)
    bad_json = tmp_path / "p.json"
    bad_json.write_text('{"code": "x",}')
    with pytest.raises(ProgramInvalid, match=r"^p.json: not valid JSON at line 1"):
        load_file(bad_json)
    wrong = tmp_path / "p.txt"
    wrong.write_text("code: x")
    with pytest.raises(ProgramInvalid, match=r"use a .yaml, .yml or .json file"):
        load_file(wrong)
    invalid = tmp_path / "p.yml"
    text = dump_text(validate_definition(BASE), "yaml")
    invalid.write_text(text.replace("kind: quiz", "kind: q"))
    with pytest.raises(ProgramInvalid, match=r"^p.yml: step 'day-3' \(index 2\): kind: must be"):
        load_file(invalid)
