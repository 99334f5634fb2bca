"""Knowledge bases, their documents and the chunks indexed in ChromaDB."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar
from uuid import UUID

from tortoise import fields

from models.base import TenantModel, created_at, updated_at

if TYPE_CHECKING:
    from models.creators import Creator


class ProcessingStatus(StrEnum):
    PENDING = "pending"
    PROCESSING = "processing"
    READY = "ready"
    FAILED = "failed"


class KnowledgeBase(TenantModel):
    """A creator's collection of documents; one Chroma collection holds its chunks."""

    creator_id: UUID
    creator: fields.ForeignKeyRelation[Creator] = fields.ForeignKeyField(
        "models.Creator", related_name="knowledge_bases", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=255)
    description = fields.TextField(default="")
    settings: fields.JSONField[Any] = fields.JSONField(default=dict)
    created_at = created_at()
    updated_at = updated_at()
    is_active = fields.BooleanField(default=True)
    document_count = fields.IntField(default=0)
    total_size_bytes = fields.BigIntField(default=0)
    embedding_model = fields.CharField(max_length=128, default="")
    collection_name = fields.CharField(max_length=128, default="")
    # The creator's choice: "minilm" | "multilingual" | "auto" (by the language of its text);
    # `embedding_model` names what its vectors are now, until a re-index catches up.
    embedder = fields.CharField(max_length=16, default="auto")

    class Meta:
        table = "knowledge_base"
        indexes = (("creator_id", "is_active"),)


class Document(TenantModel):
    """A source document; its content hash makes re-adding the same file a no-op."""

    creator_path: ClassVar[str] = "knowledge_base__creator_id"

    knowledge_base_id: UUID
    knowledge_base: fields.ForeignKeyRelation[KnowledgeBase] = fields.ForeignKeyField(
        "models.KnowledgeBase", related_name="documents", on_delete=fields.CASCADE
    )
    title = fields.CharField(max_length=500)
    content = fields.TextField()
    source = fields.CharField(max_length=2000, default="")
    file_path = fields.CharField(max_length=1000, null=True)
    file_type = fields.CharField(max_length=50, null=True)
    file_size_bytes = fields.BigIntField(null=True)
    content_hash = fields.CharField(max_length=64)
    metadata: fields.JSONField[Any] = fields.JSONField(default=dict)
    processing_status = fields.CharEnumField(
        ProcessingStatus, max_length=16, default=ProcessingStatus.PENDING, db_index=True
    )
    processing_error = fields.TextField(null=True)
    # percent done while the background ingestion worker processes it (0-100)
    progress = fields.SmallIntField(default=0)
    embedding_status = fields.CharEnumField(
        ProcessingStatus, max_length=16, default=ProcessingStatus.PENDING, db_index=True
    )
    status = fields.CharField(max_length=16, default="active")
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)
    updated_at = updated_at()
    processed_at = fields.DatetimeField(null=True)
    chunk_count = fields.IntField(default=0)
    deleted_at = fields.DatetimeField(null=True)
    hard_delete_at = fields.DatetimeField(null=True)

    class Meta:
        table = "document"
        unique_together = (("knowledge_base", "content_hash"),)
        indexes = (("knowledge_base_id", "processing_status", "created_at"),)


class DocumentChunk(TenantModel):
    """A retrievable piece of a document; `embedding_id` is its id in ChromaDB."""

    creator_path: ClassVar[str] = "document__knowledge_base__creator_id"

    document_id: UUID
    document: fields.ForeignKeyRelation[Document] = fields.ForeignKeyField(
        "models.Document", related_name="chunks", on_delete=fields.CASCADE
    )
    chunk_index = fields.IntField()
    content = fields.TextField()
    heading = fields.CharField(max_length=500, default="")
    token_count = fields.IntField(default=0)
    metadata: fields.JSONField[Any] = fields.JSONField(default=dict)
    embedding_id = fields.CharField(max_length=255, null=True, db_index=True)
    embedding_model = fields.CharField(max_length=128, default="")
    language = fields.CharField(max_length=16, default="")  # detected at ingestion, "" unknown
    created_at = created_at()

    class Meta:
        table = "document_chunk"
        unique_together = (("document", "chunk_index"),)
