"""Fixtures for knowledge tests: a service on a temp Chroma with the hashing embedder, a bot."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from bot.rag.service import KnowledgeService
from bot.settings import RagSettings, Settings
from models.bots import Bot
from models.creators import Creator


def rag_settings(tmp_path: Path, **rag: object) -> Settings:
    """Settings for a test: data under tmp_path, the hashing embedder (for English and other
    languages alike unless a test asks for the real multilingual one), small chunks."""
    values: dict[str, object] = {
        "embedder": "hashing",
        "multilingual_embedder": "hashing",
        "chunk_tokens": 60,
        "chunk_overlap": 12,
    }
    values.update(rag)
    return Settings(data_dir=tmp_path, rag=RagSettings.model_validate(values))


@pytest.fixture
def service(tmp_path: Path) -> KnowledgeService:
    return KnowledgeService(rag_settings(tmp_path))


async def make_bot(slug: str) -> Bot:
    creator = await Creator.create(email=f"{slug}-{uuid.uuid4().hex[:6]}@x.test", password_hash="x")
    return await Bot.create(creator=creator, slug=slug, name=slug.title())


@pytest.fixture
async def bot(db: str) -> Bot:
    return await make_bot("coach")
