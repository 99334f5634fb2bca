"""`parley kb add|list|remove`: what a creator types, what they see, what lands in the index."""

from __future__ import annotations

import re
from pathlib import Path

from tests.cli.conftest import Cli

GUIDE = "# Green tea\nSteep at eighty degrees.\n\n# Black tea\nUse boiling water.\n"


def setup_bot(cli: Cli) -> None:
    cli("creator", "create", "--email", "a@example.com", "--password", "password1", check=True)
    cli("bot", "create", "--creator", "a@example.com", "--slug", "tea", "--name", "Tea", check=True)


def test_add_list_remove(cli: Cli, tmp_path: Path) -> None:
    setup_bot(cli)
    guide, notes = tmp_path / "guide.md", tmp_path / "notes.txt"
    guide.write_text(GUIDE)
    notes.write_text("Oolong is partly oxidised.")
    out = cli("kb", "add", "--bot", "tea", str(guide), str(notes), check=True)
    added = re.findall(r"^added ([0-9a-f-]{36}) (.+) \((\d+) chunks\)$", out.stdout, re.M)
    assert [(title, chunks) for _, title, chunks in added] == [
        ("Green tea", "2"),  # a Markdown file is titled by its first H1
        ("notes.txt", "1"),
    ]
    assert "embedding" in out.stderr  # the progress bar
    again = cli("kb", "add", "--bot", "tea", str(guide), check=True)
    assert again.stdout.startswith(f"unchanged {added[0][0]} Green tea")
    listing = cli("kb", "list", "--bot", "tea", check=True).stdout.splitlines()
    assert [line.split()[:3] for line in listing] == [
        [added[0][0], "ready", "2"],
        [added[1][0], "ready", "1"],
    ]
    out = cli("kb", "reindex", "--bot", "tea", check=True)
    assert re.fullmatch(r"re-indexed Tea knowledge with hashing-384 into kb_\w+\n", out.stdout)
    out = cli("kb", "remove", "--bot", "tea", added[0][0], check=True)
    assert out.stdout.strip() == f"removed {added[0][0]} Green tea"
    listing = cli("kb", "list", "--bot", "tea", check=True).stdout.splitlines()
    assert [line.split()[0] for line in listing] == [added[1][0]]


def test_errors_are_one_line_with_nonzero_exit(cli: Cli, tmp_path: Path) -> None:
    setup_bot(cli)
    (tmp_path / "deck.pptx").write_bytes(b"PK")
    (tmp_path / "empty.txt").write_text("")
    cases = [
        (
            ("kb", "add", "--bot", "nobody", str(tmp_path / "deck.pptx")),
            "no bot with slug 'nobody'",
        ),
        (("kb", "add", "--bot", "tea", str(tmp_path / "deck.pptx")), "unsupported file type"),
        (("kb", "add", "--bot", "tea", str(tmp_path / "empty.txt")), "the file is empty"),
        (("kb", "add", "--bot", "tea", "http://127.0.0.1:9/x.html"), "refused: 127.0.0.1 is a"),
        (("kb", "remove", "--bot", "tea", "not-a-uuid"), "is not a document id"),
        (("kb", "remove", "--bot", "tea", "0" * 8 + "-0000-0000-0000-" + "0" * 12), "no document"),
        (("kb", "list", "--bot", "nobody"), "no bot with slug"),
    ]
    for args, message in cases:
        out = cli(*args)
        assert out.returncode == 1, (args, out.stdout, out.stderr)
        assert "Traceback" not in out.stderr
        assert out.stderr.strip().splitlines() == [out.stderr.strip()], out.stderr
        assert message in out.stderr, (args, out.stderr)
    assert "no documents for bot tea" in cli("kb", "list", "--bot", "tea", check=True).stdout
