"""The workspace's time zone: the days of its analytics and rollups are its local days."""

from __future__ import annotations

from uuid import UUID
from zoneinfo import ZoneInfo

from bot.errors import InvalidInput, NotFound
from bot.schedule import zone
from models import Creator, Person


def zone_or_utc(name: str | None) -> ZoneInfo:
    try:
        return zone(name or "UTC")
    except InvalidInput:
        return zone("UTC")


async def creator_zone(creator_id: UUID) -> ZoneInfo:
    """`Creator.settings["time_zone"]`, else the owner's (the person with the creator's email)
    profile zone, else UTC."""
    creator = await Creator.get_or_none(id=creator_id)
    if creator is None:
        raise NotFound("no such creator")
    return await zone_of(creator)


async def zone_of(creator: Creator) -> ZoneInfo:
    name = (creator.settings or {}).get("time_zone")
    if not name:
        owner = await Person.get_or_none(email=creator.email)
        name = owner.time_zone if owner else None
    return zone_or_utc(str(name) if name else None)
