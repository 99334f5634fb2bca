"""API parity: members, invitations, API keys and the audit log on `/api/v1` (admin scope)."""

from __future__ import annotations

from bot.auth import issue_api_key, verify_api_key
from models import Membership, Person, Role
from tests.channels.studio.world import PASSWORD, Studio, StudioClient


async def bearer(studio: Studio, *scopes: str) -> dict[str, str]:
    issued = await issue_api_key(studio.mine.creator, list(scopes))
    return {"Authorization": f"Bearer {issued.token}"}


async def test_invite_accept_and_manage_members_over_the_api(
    studio: Studio, anonymous: StudioClient
) -> None:
    admin = await bearer(studio, "admin")
    api = anonymous.http
    made = await api.post("/api/v1/invitations", json={"role": "editor"}, headers=admin)
    assert made.status == 201
    invitation = await made.json()
    assert invitation["role"] == "editor" and invitation["path"].startswith("/studio/invitations/")
    # The link the API returned works in the studio.
    await anonymous.page(invitation["path"])
    joined = await anonymous.post(
        invitation["path"], {"email": "api@example.com", "password": PASSWORD}
    )
    assert joined.status == 303
    listed = await (await api.get("/api/v1/members", headers=admin)).json()
    emails = {m["email"]: m for m in listed["members"]}
    assert emails["api@example.com"]["role"] == "editor"
    assert studio.other.owner.email not in emails
    member_id = emails["api@example.com"]["id"]
    changed = await api.patch(
        f"/api/v1/members/{member_id}", json={"role": "viewer"}, headers=admin
    )
    assert changed.status == 200 and (await changed.json())["role"] == "viewer"
    gone = await api.delete(f"/api/v1/members/{member_id}", headers=admin)
    assert gone.status == 204
    person = await Person.get(email="api@example.com")
    assert not await Membership.exists(person=person)


async def test_members_api_needs_admin_scope_and_hides_other_workspaces(
    studio: Studio, anonymous: StudioClient
) -> None:
    api = anonymous.http
    write = await bearer(studio, "read", "write")
    refused = await api.post("/api/v1/invitations", json={"role": "owner"}, headers=write)
    assert refused.status == 403 and "'admin' scope" in (await refused.json())["error"]["message"]
    admin = await bearer(studio, "admin")
    theirs = await Membership.get(person=studio.other.editor)
    for method, path in (
        ("PATCH", f"/api/v1/members/{theirs.id}"),
        ("DELETE", f"/api/v1/members/{theirs.id}"),
    ):
        response = await api.request(method, path, json={"role": "viewer"}, headers=admin)
        assert response.status == 404, (method, path)
    assert (await Membership.get(id=theirs.id)).role == Role.EDITOR
    bad = await api.post("/api/v1/invitations", json={"role": "king"}, headers=admin)
    assert bad.status == 400


async def test_api_keys_and_audit_over_the_api(studio: Studio, anonymous: StudioClient) -> None:
    api = anonymous.http
    admin = await bearer(studio, "admin")
    made = await api.post(
        "/api/v1/api-keys", json={"scopes": ["read"], "name": "ci"}, headers=admin
    )
    assert made.status == 201
    body = await made.json()
    assert await verify_api_key(body["token"]) is not None
    listed = await (await api.get("/api/v1/api-keys", headers=admin)).json()
    assert {k["prefix"] for k in listed["api_keys"]} >= {body["prefix"]}
    assert all("token" not in k and "key_hash" not in k for k in listed["api_keys"])
    assert (await api.delete(f"/api/v1/api-keys/{body['id']}", headers=admin)).status == 204
    assert await verify_api_key(body["token"]) is None
    log = await (await api.get("/api/v1/audit?action=api_key.revoke", headers=admin)).json()
    assert [e["action"] for e in log["entries"]] == ["api_key.revoke"]
