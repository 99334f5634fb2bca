"""deploy/compose.yaml against the Compose specification (check-jsonschema's vendored schema,
offline), and the promises deploy/README.md makes about it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
CHECK = str(Path(sys.executable).with_name("check-jsonschema"))


def check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CHECK, "--builtin-schema", "vendor.compose-spec", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    return loaded


def test_the_compose_file_follows_the_compose_specification() -> None:
    result = check(DEPLOY / "compose.yaml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_validator_rejects_a_broken_compose_file(tmp_path: Path) -> None:
    broken = compose()
    broken["services"]["app"]["depends_on"]["migrate"]["condition"] = "when_it_feels_like_it"
    (tmp_path / "compose.yaml").write_text(yaml.safe_dump(broken))

    result = check(tmp_path / "compose.yaml")
    assert result.returncode == 1 and "depends_on" in result.stdout


def test_migrate_runs_once_before_the_scalable_app() -> None:
    services = compose()["services"]

    assert services["migrate"]["command"] == ["parley", "migrate"]
    assert services["migrate"]["restart"] == "no"
    assert services["app"]["depends_on"]["migrate"] == {
        "condition": "service_completed_successfully"
    }
    # Scalable: no fixed container name or host port on the app.
    assert "container_name" not in services["app"] and "ports" not in services["app"]
    assert services["app"]["environment"]["PARLEY_CHROMA__HOST"] == "chroma-proxy"
    assert services["chroma"]["command"][:2] == ["chroma", "run"]


def test_secrets_come_from_the_env_file_and_are_required() -> None:
    text = (DEPLOY / "compose.yaml").read_text()
    example = (DEPLOY / ".env.example").read_text()

    for name in ("POSTGRES_PASSWORD", "CHROMA_TOKEN", "PARLEY_SERVER_NAME"):
        assert re.search(rf"\$\{{{name}:\?", text), name  # compose refuses to start without it
        assert re.search(rf"^{name}=", example, re.MULTILINE), name
    assert re.search(r"^PARLEY_SECRET_KEY=$", example, re.MULTILINE)
    mounted = [
        v.split(":")[0] for s in compose()["services"].values() for v in s.get("volumes", [])
    ]
    for source in (m for m in mounted if m.startswith("./nginx/")):
        assert (DEPLOY / source).is_file(), source
