"""The account page: profile (name, report time zone) and password change."""

from __future__ import annotations

from bot.auth import verify_password
from models import Person, StudioSession
from tests.channels.studio.world import PASSWORD, Studio, StudioClient


async def test_profile_saves_name_and_time_zone(studio: Studio, as_viewer: StudioClient) -> None:
    response = await as_viewer.post(
        "/studio/account/profile", {"display_name": "Vera Viewer", "time_zone": "Europe/Paris"}
    )
    assert response.status == 302
    html = await as_viewer.page("/studio/account")
    assert "Profile saved." in html
    assert 'value="Vera Viewer"' in html and "<option selected>Europe/Paris</option>" in html
    person = await Person.get(id=studio.mine.viewer.id)
    assert (person.display_name, person.time_zone) == ("Vera Viewer", "Europe/Paris")


async def test_unknown_time_zone_is_refused_next_to_the_form(
    studio: Studio, as_viewer: StudioClient
) -> None:
    response = await as_viewer.post(
        "/studio/account/profile", {"display_name": "V", "time_zone": "Mars/Olympus"}
    )
    assert response.status == 400
    assert "unknown time zone &#39;Mars/Olympus&#39;" in await response.text()
    assert (await Person.get(id=studio.mine.viewer.id)).time_zone == "UTC"


async def test_password_change_needs_the_current_one_and_ends_other_sessions(
    studio: Studio, as_editor: StudioClient
) -> None:
    other_device = await studio.signed_in(studio.mine.editor)
    wrong = await as_editor.post(
        "/studio/account/password", {"current_password": "nope", "new_password": "brand-new-pw"}
    )
    assert wrong.status == 400 and "the current password is wrong" in await wrong.text()
    short = await as_editor.post(
        "/studio/account/password", {"current_password": PASSWORD, "new_password": "short"}
    )
    assert short.status == 400 and "at least 8 characters" in await short.text()
    ok = await as_editor.post(
        "/studio/account/password", {"current_password": PASSWORD, "new_password": "brand-new-pw"}
    )
    assert ok.status == 302
    assert "Password changed." in await as_editor.page("/studio/account")
    person = await Person.get(id=studio.mine.editor.id)
    assert verify_password(person.password_hash, "brand-new-pw")
    assert await StudioSession.filter(person=person, ended_at=None).count() == 1
    kicked = await other_device.get("/studio/account")
    assert kicked.status == 302 and kicked.headers["Location"].startswith("/studio/login")
