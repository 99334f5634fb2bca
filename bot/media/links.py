"""Signed, expiring URLs for stored media: `{public_url}/media/{id}?exp=<unix>&sig=<hex>`."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from datetime import datetime, timedelta
from urllib.parse import urlencode

from bot.media.store import media_id
from bot.messages import Attachment

DEFAULT_TTL = timedelta(hours=24)  # Twilio fetches a MediaUrl at send time; the widget re-signs


def media_secret(secret_keys: Sequence[str]) -> bytes:
    """The signing key, derived from the process's first secret key (never the key itself)."""
    return hashlib.sha256(b"parley-media-v1:" + secret_keys[0].encode()).digest()


class MediaLinks:
    """Signs and checks media URLs; a URL attachment (an https:// link) passes unchanged."""

    def __init__(self, *, secret: bytes, public_url: str, ttl: timedelta = DEFAULT_TTL) -> None:
        self._secret = secret
        self.public_url = public_url.rstrip("/")
        self.ttl = ttl

    def signature(self, file_id: str, expires: int) -> str:
        message = f"{file_id}.{expires}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()

    def url(self, attachment: Attachment, now: datetime) -> str:
        """Where a channel (or Twilio) fetches the attachment from."""
        found = media_id(attachment.ref)
        if found is None:
            return attachment.ref
        expires = int((now + self.ttl).timestamp())
        query = urlencode({"exp": expires, "sig": self.signature(str(found), expires)})
        return f"{self.public_url}/media/{found}?{query}"

    def valid(self, file_id: str, expires: str, signature: str, now: datetime) -> bool:
        if not expires.isdigit() or int(expires) < now.timestamp():
            return False
        return hmac.compare_digest(self.signature(file_id, int(expires)), signature)


class ProcessLinks:
    """The process's `MediaLinks`, configured once by the composition root (like
    `models.secrets.keyring`), so every channel renders attachments the same way."""

    def __init__(self) -> None:
        self.links: MediaLinks | None = None

    def configure(self, links: MediaLinks) -> None:
        self.links = links

    def url(self, attachment: Attachment, now: datetime) -> str | None:
        """The attachment's URL; None for stored media before `configure` ran."""
        if media_id(attachment.ref) is None:
            return attachment.ref
        return self.links.url(attachment, now) if self.links is not None else None


media_links = ProcessLinks()


def attachments_json(attachments: Sequence[Attachment], now: datetime) -> list[dict[str, str]]:
    """Attachments as the widget renders them: `{url, kind: image|file, name}`."""
    shown = []
    for attachment in attachments:
        url = media_links.url(attachment, now)
        if url is not None:
            kind = "image" if attachment.kind in ("image", "photo") else "file"
            shown.append({"url": url, "kind": kind, "name": attachment.name or kind})
    return shown
