"""Studio fixtures: a running studio with two workspaces and a signed-in client per role."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.channels.studio.world import Studio, StudioClient, running_studio


@pytest.fixture
async def studio(db: str, tmp_path: Path) -> AsyncIterator[Studio]:
    async with running_studio(db, tmp_path) as running:
        yield running


@pytest.fixture
async def as_owner(studio: Studio) -> StudioClient:
    return await studio.signed_in(studio.mine.owner)


@pytest.fixture
async def as_editor(studio: Studio) -> StudioClient:
    return await studio.signed_in(studio.mine.editor)


@pytest.fixture
async def as_viewer(studio: Studio) -> StudioClient:
    return await studio.signed_in(studio.mine.viewer)


@pytest.fixture
async def as_other_owner(studio: Studio) -> StudioClient:
    """The owner of the second workspace (the other tenant)."""
    return await studio.signed_in(studio.other.owner)


@pytest.fixture
async def anonymous(studio: Studio) -> StudioClient:
    return await studio.client()
