"""Certificates and leaderboards over the real app: widget and Telegram learners, creator API."""

from __future__ import annotations

import io
import re
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from bot.auth import issue_api_key
from bot.scheduler import Scheduler
from models import Certificate, ChannelAccount
from tests import factories
from tests.channels.learners import Both, start_both

pytestmark = pytest.mark.filterwarnings("ignore:BasicAuth is deprecated:DeprecationWarning")
PDF_LINK = re.compile(r"http://parley\.test(/certificates/[A-Za-z0-9_-]+\.pdf)")


@pytest.fixture
async def both(db: str, tmp_path: Path) -> AsyncIterator[Both]:
    async for value in start_both(db, tmp_path):
        yield value


async def keys(both: Both) -> tuple[dict[str, str], dict[str, str]]:
    """(this creator's write key, another creator's write key) as headers."""
    mine = await issue_api_key(both.creator, ["read", "write"])
    theirs = await issue_api_key(await factories.creator(), ["read", "write"])
    return (
        {"Authorization": f"Bearer {mine.token}"},
        {"Authorization": f"Bearer {theirs.token}"},
    )


async def finish_mini(both: Both, session: str) -> list[str]:
    """Join, answer r1, wait for r2 to be sent, answer it: the replies to the last answer."""
    await both.web("join mini", session)
    await both.web("Python", session)
    both.clock.advance(timedelta(hours=2, minutes=1))
    await Scheduler(clock=both.clock).sweep_once()
    await both.flush()
    return await both.web("To build things", session)


async def test_completion_gives_a_pdf_certificate_that_verifies_until_revoked(
    both: Both,
) -> None:
    mine, theirs = await keys(both)
    await both.web("/name Ana Lima")
    replies = await finish_mini(both, "session-ann")
    link = next(m for r in replies if (m := PDF_LINK.search(r)))
    response = await both.client.get(link.group(1))
    assert response.status == 200 and response.content_type == "application/pdf"
    text = PdfReader(io.BytesIO(await response.read())).pages[0].extract_text()
    certificate = await Certificate.get()
    for shown in ("Ana Lima", "Mini Course", "Ana's Academy", "2026-03-02", certificate.code):
        assert shown in text
    page = await both.client.get(f"/c/{certificate.code}")
    html = await page.text()
    assert page.status == 200 and "Valid." in html and "Ana Lima" in html
    assert "session-ann" not in html and link.group(1) not in html
    assert (await both.client.get("/c/NOSUCHCODE")).status == 404
    assert (await both.client.get("/certificates/" + "x" * 32 + ".pdf")).status == 404
    export = await both.client.get(f"/api/v1/learners/{certificate.user_id}/export", headers=mine)
    exported = await export.json()
    assert [c["code"] for c in exported["certificates"]] == [certificate.code]
    assert exported["preferences"]["public_name"] == "Ana Lima"
    url = f"/api/v1/certificates/{certificate.code}"
    assert (await both.client.get(url, headers=theirs)).status == 404
    assert (await both.client.post(url + "/revoke", json={}, headers=theirs)).status == 404
    revoked = await both.client.post(url + "/revoke", json={"reason": "shared"}, headers=mine)
    assert revoked.status == 200 and (await revoked.json())["revoked_at"]
    html = await (await both.client.get(f"/c/{certificate.code}")).text()
    assert "Revoked." in html and "Valid." not in html
    gone = await both.client.get(link.group(1))
    assert gone.status == 410 and (await gone.json())["error"]["message"]


async def test_leaderboard_shows_only_opted_in_learners_by_their_chosen_names(
    both: Both,
) -> None:
    mine, theirs = await keys(both)
    board = f"/api/v1/bots/{both.bot.slug}/programs/mini/leaderboard"
    await both.web("join mini", "session-ana")
    assert "None of your programs" in (await both.web("/leaderboard", "session-ana"))[0]
    assert (await both.client.put(board, json={"enabled": True}, headers=theirs)).status == 404
    assert (await both.client.put(board, json={"enabled": True}, headers=mine)).status == 200
    assert "name" in (await both.web("/leaderboard on", "session-ana"))[0]  # a name first
    assert "32 characters" in (await both.web("/name +15551234567", "session-ana"))[0]
    await both.web("/name Ana", "session-ana")
    await both.web("/leaderboard on", "session-ana")
    await finish_mini(both, "session-ana")  # 10 points
    await both.web("join mini", "session-bo")
    await both.web("Rust", "session-bo")  # 5 points, never opted in
    await both.tg("join mini")
    await both.tg("Go")  # 5 points
    await both.tg("/name Cy")
    await both.tg("/leaderboard on")
    (reply,) = await both.web("/leaderboard", "session-ana")
    assert "1. Ana - 10" in reply and "2. Cy - 5" in reply and "You: #1" in reply
    assert "Bo" not in reply and "Ann" not in reply  # Telegram's first name is never shown
    (hidden,) = await both.web("/leaderboard all", "session-bo")
    assert "top points of all time" in hidden and "/leaderboard on" in hidden
    both.clock.advance(timedelta(days=8))  # Ana's points were earned over a week ago
    weekly = await (await both.client.get(board, headers=mine)).json()
    assert [(e["name"], e["points"]) for e in weekly["entries"]] == [("Ana", 0), ("Cy", 0)]
    ever = await (await both.client.get(board + "?period=all", headers=mine)).json()
    assert [(e["name"], e["points"], e["rank"]) for e in ever["entries"]] == [
        ("Ana", 10, 1),
        ("Cy", 5, 2),
    ]
    assert (await both.client.get(board + "?period=year", headers=mine)).status == 400
    assert (await both.client.get(board, headers=theirs)).status == 404
    await both.tg("/leaderboard off")
    (after,) = await both.web("/leaderboard all", "session-ana")
    assert "Cy" not in after


async def test_creator_links_and_unlinks_learners_through_the_api(both: Both) -> None:
    mine, theirs = await keys(both)
    await both.web("hello")
    await both.tg("hello")
    web = await ChannelAccount.get(channel="web")
    tg = await ChannelAccount.get(channel="telegram")
    url = f"/api/v1/learners/{web.end_user_id}"
    body = {"learner": str(tg.end_user_id)}
    reader = await issue_api_key(both.creator, ["read"])
    viewer = {"Authorization": f"Bearer {reader.token}"}
    assert (await both.client.post(url + "/link", json=body, headers=viewer)).status == 403
    assert (await both.client.get(url + "/accounts", headers=viewer)).status == 200
    assert (await both.client.post(url + "/link", json=body, headers=theirs)).status == 404
    linked = await both.client.post(url + "/link", json=body, headers=mine)
    assert linked.status == 200, await linked.text()
    channels = sorted(a["channel"] for a in (await linked.json())["accounts"])
    assert channels == ["telegram", "web"]
    again = await both.client.post(url + "/link", json=body, headers=mine)
    assert again.status == 404  # the joined learner is gone
    split = await both.client.delete(f"{url}/accounts/{tg.id}", headers=mine)
    assert split.status == 200
    assert [a["channel"] for a in (await split.json())["accounts"]] == ["telegram"]
    alone = await both.client.delete(f"{url}/accounts/{web.id}", headers=mine)
    assert alone.status == 409 and "not linked" in (await alone.json())["error"]["message"]
    other = await both.client.get(url + "/accounts", headers=theirs)
    assert other.status == 404
