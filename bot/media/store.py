"""Storing a creator's media files and finding one by its `media:<id>` reference."""

from __future__ import annotations

import hashlib
import mimetypes
from uuid import UUID

from tortoise.exceptions import IntegrityError

from bot.errors import InvalidInput
from models import MediaFile

MEDIA_PREFIX = "media:"
MAX_BYTES = 10 * 1024 * 1024  # WhatsApp's and Telegram's photo limits are lower than documents'
IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})


def media_id(ref: str) -> UUID | None:
    """The id in a `media:<uuid>` reference; None for a URL or anything else."""
    if not ref.startswith(MEDIA_PREFIX):
        return None
    try:
        return UUID(ref[len(MEDIA_PREFIX) :])
    except ValueError:
        return None


def kind_of(mime_type: str) -> str:
    return "image" if mime_type in IMAGE_TYPES else "file"


async def save_media(creator_id: UUID, data: bytes, name: str, mime_type: str = "") -> MediaFile:
    """Store a file (the same bytes and name twice: the first row)."""
    if not data or len(data) > MAX_BYTES:
        raise InvalidInput(f"file: give 1 byte to {MAX_BYTES} bytes")
    name = (name or "file").replace("/", "_").replace("\\", "_")[:255]
    mime = mime_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
    digest = hashlib.sha256(data).hexdigest()
    try:
        return await MediaFile.create(
            creator_id=creator_id, name=name, mime_type=mime, kind=kind_of(mime),
            size_bytes=len(data), sha256=digest, data=data,
        )  # fmt: skip
    except IntegrityError:
        return await MediaFile.for_creator(creator_id).get(sha256=digest, name=name)


async def load_media(ref_or_id: str | UUID) -> MediaFile | None:
    """A stored file by reference or id (system read: senders and the signed URL route hold
    only the id; the signature or the outbox row already tie it to its creator)."""
    found = media_id(ref_or_id) if isinstance(ref_or_id, str) else ref_or_id
    return None if found is None else await MediaFile.get_or_none(id=found)


async def owned(creator_id: UUID, ref: str) -> bool:
    """Whether `media:<id>` is one of the creator's files (a program may only send its own)."""
    found = media_id(ref)
    return found is not None and await MediaFile.for_creator(creator_id).filter(id=found).exists()
