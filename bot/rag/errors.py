"""Errors of knowledge ingestion; each message says what to fix."""

from __future__ import annotations

from bot.errors import ParleyError


class IngestFailed(ParleyError):
    """A source could not be read or indexed; the message says what to fix."""


class UnsupportedFileType(IngestFailed):
    """The file's content (or a URL's content type) is not one Parley can read."""
