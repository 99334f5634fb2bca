"""The audit trail records sensitive operations, scoped to the creator, with no secret in it."""

from __future__ import annotations

from datetime import UTC, datetime

from bot import accounts
from bot.auth import issue_api_key
from channels.whatsapp.setup import add_channel
from models import AuditLog
from tests import factories


async def test_sensitive_operations_leave_secret_free_audit_rows(db: str) -> None:
    owner, stranger = await factories.creator(), await factories.creator()
    bot = await factories.bot(owner, "audited")
    issued = await issue_api_key(owner, ["read"])
    await accounts.publish_bot(bot)
    await add_channel(
        "audited",
        account_sid="AC" + "1" * 32,
        auth_token="twilio-auth-token-value",
        sender="whatsapp:+14155238886",
    )
    await accounts.soft_delete_bot(bot, now=datetime(2026, 11, 21, tzinfo=UTC))
    rows = await AuditLog.for_creator(owner.id).order_by("created_at")
    assert [(r.table_name, r.operation) for r in rows] == [
        ("api_key", "create"),
        ("bot", "publish"),
        ("channel", "connect"),
        ("bot", "delete"),
    ]
    assert rows[1].new_values == {"slug": "audited", "version": 1}
    dumped = " ".join(str(r.new_values) for r in rows)
    assert "twilio-auth-token-value" not in dumped
    assert issued.token.split(".")[1] not in dumped
    assert await AuditLog.for_creator(stranger.id).count() == 0
