"""Hypothesis inside async tests: examples drawn in a worker thread, each checked on the loop.

Bounded and deterministic: `derandomize=True` (the same examples on every run, no example
database), `PARLEY_FUZZ_EXAMPLES` raises the count for a long local run.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

T = TypeVar("T")
EXAMPLES = int(os.environ.get("PARLEY_FUZZ_EXAMPLES", "40"))


@dataclass
class FuzzLog:
    """What a fuzz run tried and what came back: status codes by count."""

    tried: int = 0
    statuses: dict[int, int] = field(default_factory=dict)

    def saw(self, status: int) -> None:
        self.tried += 1
        self.statuses[status] = self.statuses.get(status, 0) + 1

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)


async def fuzz(
    strategy: st.SearchStrategy[T],
    check: Callable[[T], Awaitable[None]],
    *,
    examples: int = EXAMPLES,
) -> None:
    """Run `check` on `examples` values of `strategy`; a failing value is shrunk and raised."""
    loop = asyncio.get_running_loop()

    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def run(value: T) -> None:
        asyncio.run_coroutine_threadsafe(check(value), loop).result(timeout=60)

    await asyncio.to_thread(run)


def json_values(max_leaves: int = 12) -> st.SearchStrategy[Any]:
    """Any JSON document: the shapes a hostile or broken client can send."""
    scalars = (
        st.none()
        | st.booleans()
        | st.integers(min_value=-(2**70), max_value=2**70)
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.text(max_size=40)
    )
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=12), inner, max_size=5),
        max_leaves=max_leaves,
    )


def awkward_text(max_size: int = 300) -> st.SearchStrategy[str]:
    """Text with the characters that break storage and parsers (NUL, RTL marks, emoji, long)."""
    special = st.sampled_from(["\x00", "\u202e", "\ud7ff", "😀", "'", '"', "\\", "%s", "\n", "/"])
    return st.lists(special | st.text(max_size=20), max_size=max_size // 20).map("".join) | st.text(
        max_size=max_size
    )
