"""Full-text search over message text, in each database's own engine (DDL Tortoise cannot express).

SQLite: an FTS5 external-content table `message_fts` over `message.content` (keyed by the
message's rowid), kept in sync by triggers on insert, update of the text and delete, so an
erased message (bot/privacy.py blanks the text) drops out of the index in the same statement.
PostgreSQL: a generated column `content_tsv` (`to_tsvector('simple', content)`, stored) with a
GIN index; the database recomputes it on every write of the text, so it is always in sync.
Both tokenise without stemming ('simple' / unicode61): learners write in many languages.

`install()` is idempotent; it runs where the schema is generated (tests, dev) and in the
migration that creates these on a real database.
"""

from __future__ import annotations

from tortoise.backends.base.client import BaseDBAsyncClient

TS_CONFIG = "simple"
SQLITE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS message_fts USING fts5("
    "content, content='message', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS message_fts_insert AFTER INSERT ON message BEGIN"
    " INSERT INTO message_fts(rowid, content) VALUES (new.rowid, new.content); END",
    "CREATE TRIGGER IF NOT EXISTS message_fts_delete AFTER DELETE ON message BEGIN"
    " INSERT INTO message_fts(message_fts, rowid, content)"
    " VALUES ('delete', old.rowid, old.content); END",
    "CREATE TRIGGER IF NOT EXISTS message_fts_update AFTER UPDATE OF content ON message BEGIN"
    " INSERT INTO message_fts(message_fts, rowid, content)"
    " VALUES ('delete', old.rowid, old.content);"
    " INSERT INTO message_fts(rowid, content) VALUES (new.rowid, new.content); END",
    # rows written before the table existed (an upgrade) are indexed once
    "INSERT INTO message_fts(message_fts) VALUES ('rebuild')",
)
POSTGRES = (
    # stored, so a filter reads the vector instead of re-tokenising each row it checks
    "ALTER TABLE message ADD COLUMN IF NOT EXISTS content_tsv tsvector"
    f" GENERATED ALWAYS AS (to_tsvector('{TS_CONFIG}', content)) STORED",
    "CREATE INDEX IF NOT EXISTS message_content_fts ON message USING GIN (content_tsv)",
)


async def install(connection: BaseDBAsyncClient, dialect: str) -> None:
    """Create the full-text index of message text on `dialect` ('sqlite' or 'postgres')."""
    statements = POSTGRES if dialect == "postgres" else SQLITE
    for statement in statements:
        await connection.execute_script(statement)


def words(query: str) -> list[str]:
    """The words of a search box's text (punctuation dropped), at most 16."""
    cleaned = "".join(c if c.isalnum() else " " for c in query)
    return cleaned.split()[:16]


def sqlite_match(query: str) -> str:
    """An FTS5 MATCH expression: every word present (quoted, so no FTS syntax gets through)."""
    return " ".join(f'"{word}"' for word in words(query))


def postgres_query(query: str) -> str:
    """Text for `plainto_tsquery`: every word present."""
    return " ".join(words(query))
