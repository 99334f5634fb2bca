"""Encryption at rest for secrets (bot tokens, Twilio auth tokens, LLM keys)."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

PREFIX = "enc:v1:"


class SecretKeyMissing(RuntimeError):
    """Raised when an encrypted value is read or written before a key is configured."""


class SecretUndecryptable(RuntimeError):
    """Raised when a stored secret was encrypted with a key we no longer hold."""


def fernet_key(secret: str) -> bytes:
    """Derive a Fernet key from an operator secret of any length (a stable SHA-256 stretch)."""
    digest = hashlib.sha256(b"parley-fernet-v1:" + secret.encode()).digest()
    return base64.urlsafe_b64encode(digest)


class Keyring:
    """The process's encryption keys: the first encrypts, every key may decrypt (rotation)."""

    def __init__(self) -> None:
        self._fernet: MultiFernet | None = None

    def configure(self, secrets: Sequence[str]) -> None:
        keys = [Fernet(fernet_key(s)) for s in secrets if s]
        if not keys:
            raise SecretKeyMissing("no secret key given: set PARLEY_SECRET_KEY")
        self._fernet = MultiFernet(keys)

    def clear(self) -> None:
        self._fernet = None

    def _require(self) -> MultiFernet:
        if self._fernet is None:
            raise SecretKeyMissing("encryption key not configured: set PARLEY_SECRET_KEY")
        return self._fernet

    def encrypt(self, plaintext: str) -> str:
        return PREFIX + self._require().encrypt(plaintext.encode()).decode()

    def decrypt(self, stored: str) -> str:
        if not stored.startswith(PREFIX):
            return stored
        try:
            return self._require().decrypt(stored[len(PREFIX) :].encode()).decode()
        except InvalidToken as exc:
            raise SecretUndecryptable(
                "a stored secret cannot be decrypted with PARLEY_SECRET_KEY "
                "(was the key changed? list the old one in PARLEY_OLD_SECRET_KEYS)"
            ) from exc


keyring = Keyring()
