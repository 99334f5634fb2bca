"""The knowledge-gaps page (add an answer, re-tested on the spot) and the webhooks pages
(secret shown once, delivery log): roles, tenancy, what the page shows (both dialects)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.messages import ChannelName, InboundMessage
from bot.settings import RagSettings
from bot.webhooks import emit
from models import Webhook
from tests.channels.studio.world import Studio, StudioClient, running_studio

SECRET = re.compile(r'id="new-secret">(whsec_[\w-]+)<')
QUESTION = "Which shoes should I buy for trail running?"


async def ask(studio: Studio, text: str, n: int) -> None:
    slug = studio.mine.bot.slug
    await studio.services.engine.handle(InboundMessage(ChannelName.WEB, slug, "u1", f"m{n}", text))


async def test_a_refused_question_is_listed_and_an_added_answer_is_cited(
    studio: Studio, as_editor: StudioClient, as_viewer: StudioClient
) -> None:
    await ask(studio, QUESTION, 1)
    await ask(studio, QUESTION.lower(), 2)
    path = f"/studio/bots/{studio.mine.bot.slug}/gaps"
    html = await as_viewer.page(path)
    assert QUESTION in html and "Asked 2 time(s)" in html and "refused: 2" in html
    assert "Add the answer and test it" not in html  # viewers read only
    answer = {"question": QUESTION, "answer": "Buy trail shoes with a grippy lugged sole."}
    assert (await as_viewer.post(path + "/answers", answer)).status == 403
    await as_editor.page(path)
    response = await as_editor.post(path + "/answers", answer)
    html = await response.text()
    assert response.status == 201, html[:500]
    assert "The bot now answers" in html and "grippy lugged sole" in html
    assert "It cites your new answer." in html and "never cited" in html
    assert "not asked again without an answer since" in html


async def test_another_workspaces_gaps_are_404(
    studio: Studio, as_other_owner: StudioClient
) -> None:
    response = await as_other_owner.get(f"/studio/bots/{studio.mine.bot.slug}/gaps")
    assert response.status == 404


@pytest.fixture
async def local_studio(db: str, tmp_path: Path) -> AsyncIterator[Studio]:
    rag = RagSettings(embedder="hashing", url_allow_private=True)
    async with running_studio(db, tmp_path, rag=rag) as running:
        yield running


async def test_owner_adds_a_webhook_sees_the_secret_once_and_reads_its_log(
    local_studio: Studio,
) -> None:
    owner = await local_studio.signed_in(local_studio.mine.owner)
    editor = await local_studio.signed_in(local_studio.mine.editor)
    other = await local_studio.signed_in(local_studio.other.owner)
    await owner.page("/studio/webhooks")
    form = {"url": "http://127.0.0.1:9/hook", "events": ["enrolled", "badge_awarded"]}
    response = await owner.post("/studio/webhooks", form)
    html = await response.text()
    assert response.status == 201, html[:500]
    secret = SECRET.search(html)
    assert secret is not None
    hook = await Webhook.get(creator_id=local_studio.mine.creator.id)
    assert hook.secret == secret.group(1) and hook.events == ["enrolled", "badge_awarded"]
    listing = await owner.page("/studio/webhooks")
    assert secret.group(1) not in listing and "enrolled, badge_awarded" in listing
    await editor.page("/studio/webhooks")
    assert (await editor.post("/studio/webhooks", form)).status == 403
    await emit(hook.creator_id, "badge_awarded", {"badge": "x"}, now=datetime.now(UTC))
    log = await owner.page(f"/studio/webhooks/{hook.id}")
    assert "badge_awarded" in log and "pending" in log
    assert (await other.get(f"/studio/webhooks/{hook.id}")).status == 404


async def test_a_private_address_is_refused_with_the_reason(
    studio: Studio, as_owner: StudioClient
) -> None:
    await as_owner.page("/studio/webhooks")
    form = {"url": "http://127.0.0.1:9/hook", "events": ["enrolled"]}
    response = await as_owner.post("/studio/webhooks", form)
    assert response.status == 400
    assert "private, loopback" in await response.text()
    assert not await Webhook.exists()
