"""Files a bot sends (lesson images and documents, badge cards), stored in the database so
every process can serve and send them."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from tortoise import fields

from models.base import TenantModel, created_at

if TYPE_CHECKING:
    from models.creators import Creator


class MediaFile(TenantModel):
    """One stored file; served only through a signed, expiring URL (`bot.media.links`)."""

    creator_id: UUID
    creator: fields.ForeignKeyRelation[Creator] = fields.ForeignKeyField(
        "models.Creator", related_name="media_files", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=255)
    mime_type = fields.CharField(max_length=127)
    kind = fields.CharField(max_length=16)  # image | file
    size_bytes = fields.IntField()
    sha256 = fields.CharField(max_length=64)
    data = fields.BinaryField()
    created_at = created_at()

    class Meta:
        table = "media_file"
        unique_together = (("creator", "sha256", "name"),)
