"""Reading and writing program definitions as YAML or JSON text and files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

import yaml

from bot.programs.schema import ProgramDefinition, ProgramInvalid, validate_definition

Format = Literal["yaml", "json"]
SUFFIXES: dict[str, Format] = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}


def format_of(path: Path) -> Format:
    try:
        return SUFFIXES[path.suffix.lower()]
    except KeyError:
        raise ProgramInvalid(f"{path.name}: use a .yaml, .yml or .json file") from None


def parse_text(text: str, fmt: Format) -> Any:
    """The raw data in a YAML or JSON document, or ProgramInvalid with the line of the error."""
    try:
        return yaml.safe_load(text) if fmt == "yaml" else json.loads(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise ProgramInvalid(f"not valid YAML{where}: {getattr(exc, 'problem', exc)}") from None
    except json.JSONDecodeError as exc:
        raise ProgramInvalid(f"not valid JSON at line {exc.lineno}: {exc.msg}") from None


def load_text(text: str, fmt: Format) -> ProgramDefinition:
    return validate_definition(parse_text(text, fmt))


def load_file(path: Path) -> ProgramDefinition:
    """Read and validate a definition file; errors start with the file name."""
    fmt = format_of(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProgramInvalid(f"{path}: cannot read: {exc}") from None
    try:
        return load_text(text, fmt)
    except ProgramInvalid as exc:
        raise ProgramInvalid(f"{path.name}: {exc}") from None


def dump_text(definition: ProgramDefinition, fmt: Format) -> str:
    """Canonical text: loading it again gives back an equal definition."""
    data = definition.to_data()
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
