"""API keys page: the secret shown once, the list (prefix, scopes, last used), revoking."""

from __future__ import annotations

import re

from bot.auth import verify_api_key
from models import ApiKey, AuditLog
from tests.channels.studio.world import Studio, StudioClient

SECRET = re.compile(r'id="new-key">(prl_[0-9a-f]+\.[\w-]+)<')


async def test_owner_creates_a_key_sees_it_once_and_revokes_it(
    studio: Studio, as_owner: StudioClient
) -> None:
    response = await as_owner.post(
        "/studio/api-keys", {"name": "Zapier", "scopes": ["read", "write"], "expires_days": "30"}
    )
    html = await response.text()
    assert response.status == 201
    token = SECRET.search(html)
    assert token, html
    key = await verify_api_key(token.group(1))
    assert key is not None and key.creator_id == studio.mine.creator.id
    assert key.scopes == ["read", "write"] and key.name == "Zapier"
    listing = await as_owner.page("/studio/api-keys")
    assert token.group(1) not in listing  # never shown again
    assert f"<code>{key.prefix}</code>" in listing and "read, write" in listing
    assert "active until" in listing and "never" not in listing  # verify_api_key used it
    revoked = await as_owner.post(f"/studio/api-keys/{key.id}/revoke")
    assert revoked.status == 303
    after = await as_owner.page("/studio/api-keys")
    assert f"Key {key.prefix} revoked" in after and "revoked" in after
    assert await verify_api_key(token.group(1)) is None
    actions = await AuditLog.filter(table_name="api_key").values_list("operation", "actor_id")
    assert sorted(actions) == [
        ("create", str(studio.mine.owner.id)),
        ("revoke", str(studio.mine.owner.id)),
    ]


async def test_a_key_needs_a_known_scope(as_owner: StudioClient) -> None:
    response = await as_owner.post("/studio/api-keys", {"name": "x", "scopes": ["root"]})
    assert response.status == 400
    assert "scopes must be some of admin, read, write" in await response.text()
    assert not await ApiKey.exists()


async def test_editors_see_keys_but_only_owners_manage_them(
    studio: Studio, as_editor: StudioClient
) -> None:
    html = await as_editor.page("/studio/api-keys")
    assert "Create a key" not in html
    refused = await as_editor.post("/studio/api-keys", {"name": "x", "scopes": ["read"]})
    assert refused.status == 403
    assert not await ApiKey.exists()
