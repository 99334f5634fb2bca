"""Shared model pieces: tenant scoping, timestamps, the encrypted text field."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar, Self

from tortoise import fields
from tortoise.models import Model
from tortoise.queryset import QuerySet

from models.secrets import PREFIX, keyring


class EncryptedTextField(fields.TextField):
    """Text stored as Fernet ciphertext; Python code only ever sees the plaintext.

    Values read from the database carry a version prefix and are decrypted; a plaintext
    assigned in code is encrypted on save. Never filter on this field.
    """

    def to_db_value(self, value: Any, instance: Any) -> str | None:
        if value is None:
            return None
        text = str(value)
        return text if text.startswith(PREFIX) else keyring.encrypt(text)

    def to_python_value(self, value: Any) -> str | None:
        if value is None:
            return None
        return keyring.decrypt(str(value))


class TenantModel(Model):
    """A table whose rows belong to one creator; `creator_path` is the filter that reaches it."""

    creator_path: ClassVar[str] = "creator_id"

    id = fields.UUIDField(primary_key=True, default=uuid.uuid4)

    class Meta:
        abstract = True

    @classmethod
    def for_creator(cls, creator_id: uuid.UUID | str) -> QuerySet[Self]:
        """The only way tenant rows are queried: everything below is scoped to one creator."""
        return cls.filter(**{cls.creator_path: creator_id})


def scoped(model: type[TenantModel], creator_id: uuid.UUID | str) -> QuerySet[Any]:
    """Function form of `Model.for_creator`, handy where the model is a variable."""
    return model.for_creator(creator_id)


def created_at() -> fields.DatetimeField[Any]:
    return fields.DatetimeField(auto_now_add=True)


def updated_at() -> fields.DatetimeField[Any]:
    return fields.DatetimeField(auto_now=True)
