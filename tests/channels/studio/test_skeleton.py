"""The studio's frame: signing in lands on Home with every nav link; landmarks are there."""

from __future__ import annotations

from channels.studio.render import NAV
from tests.channels.studio.world import Studio, StudioClient


async def test_signed_in_owner_sees_home_with_nav_and_landmarks(as_owner: StudioClient) -> None:
    html = await as_owner.page("/studio/")
    assert "<h1>Home</h1>" in html
    for label, href in NAV:
        assert f'href="{href}"' in html and f">{label}</a>" in html
    for landmark in ("<header", "<nav", '<main id="main"', "<footer", 'aria-live="polite"'):
        assert landmark in html
    assert 'class="skip-link" href="#main"' in html
    assert "mine-bot" in html


async def test_anonymous_is_sent_to_sign_in(anonymous: StudioClient, studio: Studio) -> None:
    response = await anonymous.get("/studio/members")
    assert response.status == 302
    assert response.headers["Location"] == "/studio/login?next=/studio/members"
