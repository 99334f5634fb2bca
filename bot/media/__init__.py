"""Outbound media: files stored once (`store`), referred to as `media:<id>` in attachments,
reached by channels through signed, expiring URLs (`links`); badge cards drawn (`cards`)."""

from bot.media.links import MediaLinks, attachments_json, media_links, media_secret
from bot.media.store import MEDIA_PREFIX, load_media, media_id, save_media

__all__ = [
    "MEDIA_PREFIX",
    "MediaLinks",
    "attachments_json",
    "load_media",
    "media_id",
    "media_links",
    "media_secret",
    "save_media",
]
