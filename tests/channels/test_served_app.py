"""`parley serve` settles the heap once started: what start-up loaded is collected once and then
frozen out of the collector's generations, so no request pays a full collection's walk over it."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from channels.app import served_app, settle_heap
from tests.channels.studio.world import studio_settings


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()  # the rest of the suite runs with an ordinary collector


def test_the_served_app_settles_the_heap_after_every_start_up_step(tmp_path: Path) -> None:
    app = served_app(studio_settings("sqlite://:memory:", tmp_path))
    startup = list(app.on_startup)
    assert startup[-1] is settle_heap  # after the cleanup contexts' start: warm-up included
    assert settle_heap not in startup[:-1]


async def test_settling_collects_garbage_and_freezes_the_rest(unfrozen: None) -> None:
    class Node:
        def __init__(self) -> None:
            self.me = self  # a cycle: only the collector frees it

    kept = Node()
    dropped = weakref.ref(Node())  # garbage at once, freed only by a collection
    assert gc.get_freeze_count() == 0
    await settle_heap(None)  # type: ignore[arg-type]  # the app is not used
    frozen = gc.get_freeze_count()
    assert frozen > 0
    assert dropped() is None  # collected first, not frozen alive
    assert kept.me is kept and not [o for o in gc.get_objects() if isinstance(o, Node)]
    assert gc.collect() >= 0 and gc.get_freeze_count() == frozen  # collections leave them alone
