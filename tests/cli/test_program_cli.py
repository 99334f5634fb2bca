"""`parley program import|export|publish|list` through the real console script."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.cli.conftest import Cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "programs"
HABIT = EXAMPLES / "habit-7.yaml"


def with_bot(cli: Cli, slug: str = "coach") -> None:
    cli("creator", "create", "--email", "c@example.com", "--password", "password1", check=True)
    cli("bot", "create", "--creator", "c@example.com", "--slug", slug, "--name", "C", check=True)


def test_import_list_publish_export(cli: Cli, tmp_path: Path) -> None:
    with_bot(cli)
    out = cli("program", "import", "--bot", "coach", str(HABIT), check=True)
    assert out.stdout.strip() == (
        "imported habit-7 into coach: 8 steps, 2 badges (draft; publish to make it live)"
    )
    cli("program", "import", "--bot", "coach", str(EXAMPLES / "focus-course.yaml"), check=True)
    listing = cli("program", "list", "--bot", "coach", check=True).stdout.splitlines()
    assert listing == [
        "focus-course\tdraft\tv0\t8 steps\t0 enrolled\tFocus in Five Lessons",
        "habit-7\tdraft\tv0\t8 steps\t0 enrolled\tSeven Days, One Small Habit",
    ]
    assert cli("program", "publish", "--bot", "coach", "habit-7").stdout == (
        "published habit-7 version 1\n"
    )
    assert cli("program", "publish", "--bot", "coach", "habit-7").stdout == (
        "published habit-7 version 2\n"
    )
    listing = cli("program", "list", "--bot", "coach", check=True).stdout.splitlines()
    assert listing[1].startswith("habit-7\tpublished\tv2\t")

    exported = cli("program", "export", "--bot", "coach", "habit-7", check=True).stdout
    assert yaml.safe_load(exported) == yaml.safe_load(
        cli("program", "export", "--bot", "coach", "habit-7", "--format", "json").stdout
    )
    # Round trip: the exported file imports into another bot and exports byte for byte.
    copy = tmp_path / "copy.yaml"
    copy.write_text(exported)
    cli("bot", "create", "--creator", "c@example.com", "--slug", "other", "--name", "O", check=True)
    cli("program", "import", "--bot", "other", str(copy), check=True)
    assert cli("program", "export", "--bot", "other", "habit-7").stdout == exported


def test_invalid_file_is_one_line_naming_step_and_field(cli: Cli, tmp_path: Path) -> None:
    with_bot(cli)
    data = yaml.safe_load(HABIT.read_text())
    data["steps"][3]["options"] = data["steps"][3]["options"][:1]
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data, sort_keys=False))
    out = cli("program", "import", "--bot", "coach", str(bad))
    assert out.returncode == 1
    assert out.stderr == (
        "Error: bad.yaml: step 'day-3' (index 3): options: a quiz needs at least 2 options\n"
    )
    assert cli("program", "list", "--bot", "coach").stdout == "no programs on coach\n"


def test_other_errors_are_one_line(cli: Cli, tmp_path: Path) -> None:
    with_bot(cli)
    cases = [
        (("program", "list", "--bot", "ghost"), "no bot 'ghost'"),
        (("program", "publish", "--bot", "coach", "nope"), "no program 'nope' on bot 'coach'"),
        (("program", "export", "--bot", "coach", "nope"), "no program 'nope' on bot 'coach'"),
        (("program", "import", "--bot", "coach", str(tmp_path / "missing.yaml")), "cannot read"),
        (("program", "export", "--bot", "coach", "x", "--format", "xml"), "'xml' is not one of"),
    ]
    for args, message in cases:
        out = cli(*args)
        assert out.returncode != 0, args
        assert message in out.stderr, (args, out.stderr)
        assert "Traceback" not in out.stderr
        assert len(out.stderr.strip().splitlines()) == 1 or "Usage:" in out.stderr, out.stderr
