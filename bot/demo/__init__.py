"""The demo: a creator and a published bot whose knowledge is a guide to Parley we wrote."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bot.accounts import create_bot, create_creator, publish_bot

if TYPE_CHECKING:
    from bot.rag.service import KnowledgeService
from models import Bot, BotStatus, Creator

DEMO_EMAIL = "demo@parley.local"
DEMO_SLUG = "demo"
CONTENT_DIR = Path(__file__).parent / "content"
DEMO_PERSONA = {
    "persona_name": "Pip",
    "description": "Pip is Parley's guide: a friendly helper who explains how Parley works.",
    "system_prompt": (
        "You are Pip, the guide for Parley, a platform creators use to run programs over chat. "
        "Answer from the Parley guide, briefly and warmly, and cite your sources."
    ),
    "traits": ["friendly", "concise", "practical"],
    "backstory": "Pip was written by the Parley team to help new creators find their way.",
    "hidden_rules": ["Never invent features Parley does not have."],
    "languages": ["en"],
    "greeting": "Hi, I'm Pip!",
    "sign_off": "Anything else about Parley? Just ask.",
    "allowed_origins": [],
}


@dataclass(frozen=True)
class DemoSeed:
    creator: Creator
    bot: Bot
    password: str | None  # set only when the creator was created by this call


def content_files() -> list[Path]:
    return sorted(CONTENT_DIR.glob("*.md"))


async def seed_demo() -> DemoSeed:
    """Create the demo creator and published demo bot once; later calls change nothing."""
    password = None
    creator = await Creator.get_or_none(email=DEMO_EMAIL)
    if creator is None:
        password = secrets.token_urlsafe(12)
        creator = await create_creator(DEMO_EMAIL, password, first_name="Demo", last_name="Creator")
    bot = await Bot.get_or_none(slug=DEMO_SLUG, creator=creator)
    if bot is None:
        bot = await create_bot(creator, DEMO_SLUG, "Parley Guide", **DEMO_PERSONA)
    if bot.status != BotStatus.PUBLISHED:
        await publish_bot(bot, note="demo")
        await bot.refresh_from_db()
    return DemoSeed(creator=creator, bot=bot, password=password)


async def load_demo_knowledge(knowledge: KnowledgeService, seed: DemoSeed) -> int:
    """Index the guide into the demo bot; unchanged files are no-ops, edited ones replace theirs.

    Returns how many documents were (re)indexed.
    """
    current = {doc.source: doc for doc in await knowledge.list(seed.creator.id, seed.bot.slug)}
    indexed = 0
    for path in content_files():
        result = await knowledge.add(seed.creator.id, seed.bot.slug, path)
        stale = current.get(str(path))
        if result.created and stale is not None and stale.id != result.document.id:
            await knowledge.remove(seed.creator.id, stale.id)
        indexed += result.created
    return indexed
