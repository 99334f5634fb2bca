"""Joined reads on the hot path: a SELECT of several models' columns written once from the
models' own column lists, its rows hydrated with `Model._init_from_db` (as the ORM's own select
does), without the query builder. Used by `bot.sender` and `bot.programs.enrollments`."""

from __future__ import annotations

import contextlib
from collections.abc import Collection, Sequence
from datetime import datetime
from functools import cache
from typing import Any
from uuid import UUID

from tortoise.fields import DatetimeField
from tortoise.models import Model

Parts = Sequence[tuple[type[Model], str]]  # (model, alias) in the order their columns come


@cache
def columns(model: type[Model]) -> tuple[str, ...]:
    return tuple(model._meta.db_fields)


@cache
def moments(model: type[Model]) -> frozenset[str]:
    """The model's timestamp columns."""
    fields = model._meta.fields_map
    by_column = {field.source_field or name: field for name, field in fields.items()}
    return frozenset(c for c in columns(model) if isinstance(by_column.get(c), DatetimeField))


def parsed(values: Sequence[Any], names: Sequence[str], model: type[Model]) -> dict[str, Any]:
    """Column -> value, SQLite's timestamp text parsed by the C parser (the field then makes it
    tz-aware exactly as after its own, slower, parser); anything it refuses is left to the field."""
    row = dict(zip(names, values, strict=True))
    for name in moments(model):
        value = row[name]
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                row[name] = datetime.fromisoformat(value)
    return row


def selected(parts: Parts) -> str:
    """The select list: every column of every part, qualified by its alias."""
    return ", ".join(f'{alias}."{column}"' for model, alias in parts for column in columns(model))


def hydrate(
    values: Sequence[Any], parts: Parts, *, required: str, shared: Collection[str] = ()
) -> dict[str, Model | None]:
    """Each part's model built from its slice of `values` (None for an outer join that found
    no row; the `required` alias is always built); the values after them are left over.

    `shared`: aliases of rows the caller only reads (the bot): a row whose values are the same
    as last time is the instance built then, not a new one."""
    built: dict[str, Model | None] = {}
    start = 0
    for model, alias in parts:
        names = columns(model)
        chunk = tuple(values[start : start + len(names)])
        start += len(names)
        if alias != required and all(v is None for v in chunk):
            built[alias] = None
        elif alias in shared:
            built[alias] = _shared(model, names, chunk)
        else:
            built[alias] = model._init_from_db(**parsed(chunk, names, model))
    return built


_SHARED: dict[tuple[type[Model], Any], tuple[tuple[Any, ...], Model]] = {}
_SHARED_MAX = 10_000


def _shared(model: type[Model], names: tuple[str, ...], chunk: tuple[Any, ...]) -> Model:
    """The instance last built from these exact values (by primary key), else a new one."""
    key = (model, chunk[names.index(model._meta.db_pk_column)])
    known = _SHARED.get(key)
    if known is not None and known[0] == chunk:
        return known[1]
    instance = model._init_from_db(**parsed(chunk, names, model))
    if len(_SHARED) >= _SHARED_MAX:
        _SHARED.clear()
    _SHARED[key] = (chunk, instance)
    return instance


def width(parts: Parts) -> int:
    """How many values the parts take at the start of a row."""
    return sum(len(columns(model)) for model, _ in parts)


def driver_id(value: UUID | str, postgres: bool) -> UUID | str:
    """Ids as each driver takes them (SQLite stores text; asyncpg wants a uuid)."""
    return UUID(str(value)) if postgres else str(value)
