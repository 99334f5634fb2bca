"""Creators and their bots: creating, finding and publishing them, always scoped to a creator."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from bot import audit
from bot.auth import hash_password
from bot.errors import Conflict, InvalidInput, NotFound
from bot.live import invalidate_bot
from bot.people import normalize_email
from models import Bot, BotStatus, BotVersion, Creator, Membership, Person, Role

SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{1,62}[a-z0-9])$")
PERSONA_FIELDS = (
    "persona_name",
    "description",
    "system_prompt",
    "traits",
    "backstory",
    "hidden_rules",
    "languages",
    "greeting",
    "sign_off",
)


def check_slug(slug: str) -> str:
    if not SLUG.match(slug):
        raise InvalidInput(
            f"invalid slug {slug!r}: use 3-64 lowercase letters, digits and inner hyphens"
        )
    return slug


async def create_creator(email: str, password: str, **fields: Any) -> Creator:
    """A new workspace and its owner's studio login (an existing login keeps its password)."""
    email = normalize_email(email)
    password_hash = hash_password(password)
    if await Creator.exists(email=email):
        raise Conflict(f"a creator with email {email} already exists")
    try:
        async with in_transaction():
            creator = await Creator.create(email=email, password_hash="", **fields)
            person = await Person.get_or_none(email=email)
            if person is None:
                name = f"{creator.first_name} {creator.last_name}".strip()
                person = await Person.create(
                    email=email, password_hash=password_hash, display_name=name
                )
            await Membership.create(creator=creator, person=person, role=Role.OWNER)
            return creator
    except IntegrityError:
        raise Conflict(f"a creator with email {email} already exists") from None


async def get_creator(email: str) -> Creator:
    creator = await Creator.get_or_none(email=normalize_email(email))
    if creator is None:
        raise NotFound(f"no creator with email {email}")
    return creator


async def create_bot(creator: Creator, slug: str, name: str, **fields: Any) -> Bot:
    slug = check_slug(slug)
    if not name.strip():
        raise InvalidInput("a bot needs a name")
    if await Bot.exists(slug=slug):
        raise Conflict(f"the slug {slug!r} is taken; choose another")
    try:
        return await Bot.create(creator=creator, slug=slug, name=name.strip(), **fields)
    except IntegrityError:
        raise Conflict(f"the slug {slug!r} is taken; choose another") from None


async def get_bot(creator_id: UUID, slug: str) -> Bot:
    """A creator's live bot by slug; another creator's bot is as absent as a missing one."""
    bot = await Bot.for_creator(creator_id).exclude(status=BotStatus.DELETED).get_or_none(slug=slug)
    if bot is None:
        raise NotFound(f"no bot {slug!r} for this creator")
    return bot


def persona_snapshot(bot: Bot) -> dict[str, Any]:
    return {name: getattr(bot, name) for name in PERSONA_FIELDS} | {"name": bot.name}


async def publish_bot(
    bot: Bot,
    *,
    note: str = "",
    now: datetime | None = None,
    snapshot: Callable[[Bot], dict[str, Any]] = persona_snapshot,
) -> BotVersion:
    """Freeze the current persona (`snapshot` of the row) as a new version; mark it published."""
    async with in_transaction():
        await bot.refresh_from_db()
        bot.current_version += 1
        bot.status = BotStatus.PUBLISHED
        bot.published_at = now or datetime.now(UTC)
        await bot.save(update_fields=["current_version", "status", "published_at", "updated_at"])
        version = await BotVersion.create(
            bot=bot,
            version=bot.current_version,
            system_prompt=bot.system_prompt,
            persona=snapshot(bot),
            note=note,
        )
        invalidate_bot(bot)
        await audit.record(
            bot.creator_id,
            table="bot",
            operation="publish",
            record_id=bot.id,
            new={"slug": bot.slug, "version": version.version},
        )
        return version


async def soft_delete_bot(bot: Bot, *, now: datetime, grace_days: int = 30) -> None:
    """Hide a bot now; the retention sweep removes it for good after the grace period."""
    bot.status = BotStatus.DELETED
    bot.deleted_at = now
    bot.hard_delete_at = now + timedelta(days=grace_days)
    await bot.save(update_fields=["status", "deleted_at", "hard_delete_at", "updated_at"])
    invalidate_bot(bot)
    await audit.record(
        bot.creator_id,
        table="bot",
        operation="delete",
        record_id=bot.id,
        new={"slug": bot.slug, "hard_delete_at": bot.hard_delete_at.isoformat()},
    )
