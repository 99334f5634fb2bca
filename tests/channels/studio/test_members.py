"""Members: invitation links (one use, 7 days), accepting, roles, removal, switching workspace."""

from __future__ import annotations

import re
from datetime import timedelta

from models import AuditLog, Invitation, Membership, Person, Role
from tests.channels.studio.world import PASSWORD, Studio, StudioClient

LINK = re.compile(r'id="invitation-link">http://parley\.test(/studio/invitations/[\w-]+)<')


async def invite(owner: StudioClient, role: str, email: str = "") -> str:
    response = await owner.post("/studio/members/invitations", {"role": role, "email": email})
    html = await response.text()
    assert response.status == 201, html
    assert "it is not shown again" in html
    found = LINK.search(html)
    assert found, html
    return found.group(1)


async def test_owner_sees_members_with_roles(studio: Studio, as_owner: StudioClient) -> None:
    html = await as_owner.page("/studio/members")
    for person, role in ((studio.mine.editor, "editor"), (studio.mine.viewer, "viewer")):
        assert re.search(re.escape(person.email) + r"</small></td>\s*<td>" + role, html)
    assert "Create invitation link" in html
    assert studio.other.owner.email not in html


async def test_a_viewer_sees_members_but_no_controls(as_viewer: StudioClient) -> None:
    html = await as_viewer.page("/studio/members")
    assert "Create invitation link" not in html and "Change role" not in html


async def test_invited_newcomer_creates_a_login_and_joins_as_editor(
    studio: Studio, as_owner: StudioClient
) -> None:
    path = await invite(as_owner, "editor", "newbie@example.com")
    newcomer = await studio.client()
    page = await newcomer.page(path)
    assert "You are invited as <strong>editor</strong>" in page
    assert 'value="newbie@example.com"' in page
    joined = await newcomer.post(
        path, {"email": "newbie@example.com", "password": PASSWORD, "display_name": "Newbie"}
    )
    assert joined.status == 303
    home = await newcomer.page("/studio/")
    assert "Welcome to the workspace." in home and "mine-bot" in home
    person = await Person.get(email="newbie@example.com")
    member = await Membership.get(person=person)
    assert member.creator_id == studio.mine.creator.id and member.role == Role.EDITOR
    # The link worked once.
    again = await (await studio.client()).get(path)
    assert again.status == 404 and "already used" in await again.text()


async def test_invitation_expires_after_seven_days(studio: Studio, as_owner: StudioClient) -> None:
    path = await invite(as_owner, "viewer")
    studio.clock.advance(timedelta(days=7, seconds=1))
    expired = await (await studio.client()).get(path)
    assert expired.status == 404 and "expired" in await expired.text()


async def test_someone_from_another_workspace_joins_and_switches(
    studio: Studio, as_owner: StudioClient, as_other_owner: StudioClient
) -> None:
    path = await invite(as_owner, "viewer")
    await as_other_owner.page(path)
    joined = await as_other_owner.post(path)
    assert joined.status == 303
    home = await as_other_owner.page("/studio/")
    assert "mine-bot" in home  # the new workspace is now the current one
    assert '<label for="workspace-switch">Workspace</label>' in home
    back = await as_other_owner.post("/studio/switch", {"workspace": str(studio.other.creator.id)})
    assert back.status == 302
    home = await as_other_owner.page("/studio/")
    assert "other-bot" in home and "mine-bot" not in home
    # A workspace one is not a member of cannot be switched to.
    stranger = await studio.signed_in(studio.mine.viewer)
    refused = await stranger.post("/studio/switch", {"workspace": str(studio.other.creator.id)})
    assert refused.status == 404


async def test_owner_changes_a_role_and_removes_a_member(
    studio: Studio, as_owner: StudioClient
) -> None:
    member = await Membership.get(person=studio.mine.viewer)
    response = await as_owner.post(f"/studio/members/{member.id}/role", {"role": "editor"})
    assert response.status == 303
    assert "is now editor" in await as_owner.page("/studio/members")
    assert (await Membership.get(id=member.id)).role == Role.EDITOR
    assert await AuditLog.filter(table_name="membership", operation="role").exists()
    removed = await as_owner.post(f"/studio/members/{member.id}/remove")
    assert removed.status == 303
    assert not await Membership.exists(id=member.id)


async def test_the_last_owner_cannot_be_demoted_or_removed(
    studio: Studio, as_owner: StudioClient
) -> None:
    own = await Membership.get(person=studio.mine.owner)
    demote = await as_owner.post(f"/studio/members/{own.id}/role", {"role": "viewer"})
    assert demote.status == 409
    assert "at least one owner" in await demote.text()
    leave = await as_owner.post(f"/studio/members/{own.id}/remove")
    assert leave.status == 409
    assert (await Membership.get(id=own.id)).role == Role.OWNER


async def test_revoked_invitation_link_stops_working(
    studio: Studio, as_owner: StudioClient
) -> None:
    path = await invite(as_owner, "viewer")
    row = await Invitation.get(creator_id=studio.mine.creator.id, revoked_at=None)
    response = await as_owner.post(f"/studio/members/invitations/{row.id}/revoke")
    assert response.status == 303
    dead = await (await studio.client()).get(path)
    assert dead.status == 404 and "not valid" in await dead.text()


async def test_bad_role_is_named(as_owner: StudioClient) -> None:
    response = await as_owner.post("/studio/members/invitations", {"role": "king"})
    assert response.status == 400
    assert "role must be owner, editor or viewer" in await response.text()
