"""Placeholders for raw statements on both dialects (a leaf module: any of `bot` may use it)."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient


class Params:
    """The placeholders (`?` or `$n`) and values of one raw statement."""

    def __init__(self, db: BaseDBAsyncClient) -> None:
        self.postgres = db.capabilities.dialect == "postgres"
        self.values: list[Any] = []

    def __call__(self, value: Any) -> str:
        self.values.append(value)
        return f"${len(self.values)}" if self.postgres else "?"

    def among(self, values: Collection[Any]) -> str:
        """The right-hand side of `column IN values`."""
        if self.postgres:
            return f"= ANY({self(list(values))})"
        return "IN (" + ",".join(self(v) for v in values) + ")"
