"""Analytics pages in the studio over the hand-built week: each table equals its CSV, funnel
links list the learners behind them, bulk pause/resume, the learner page and its message,
viewers cannot act and another workspace's bot or learner is a 404 (both dialects)."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

import pytest

from models import EnrollmentStatus, Message, ProgramEnrollment, SenderType
from tests.bot.insight.world import CODE, NOW, RANGE, World, build_world
from tests.channels.studio.world import Studio, StudioClient


class Tables(HTMLParser):
    """Cell texts of every `<table data-chart-table=KEY>`."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.key: str | None = None
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table" and found.get("data-chart-table"):
            self.key = str(found["data-chart-table"])
            self.tables[self.key] = []
        elif self.key and tag == "tr":
            self.tables[self.key].append([])
        elif self.key and tag in ("td", "th"):
            self.cell = []

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self.key and tag in ("td", "th") and self.cell is not None:
            self.tables[self.key][-1].append("".join(self.cell).strip())
            self.cell = None
        elif tag == "table":
            self.key = None


@pytest.fixture
async def world(studio: Studio) -> World:
    studio.clock.set(NOW)
    mine, other = studio.mine, studio.other
    return await build_world(mine.creator, mine.bot, other.creator, other.bot)


def base(world: World) -> str:
    return f"/studio/bots/{world.bot.slug}"


class Slots(HTMLParser):
    """The `hx-get` of every chart section the analytics shell loads, and its fallback link."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.links: list[str] = []
        self.inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("hx-get") and found.get("hx-trigger") == "load":
            self.urls.append(str(found["hx-get"]))
            self.inside = True
        elif self.inside and tag == "a":
            self.links.append(str(found["href"]))
            self.inside = False


async def sections(client: StudioClient, page: str) -> dict[str, list[list[str]]]:
    """Every chart's table, each from the fragment the shell's section asks for (as htmx)."""
    slots = Slots()
    slots.feed(await client.page(page))
    assert slots.links == slots.urls  # without JavaScript, the same URL as a page of its own
    parser = Tables()
    for url in slots.urls:
        fragment = await client.get(url, headers={"HX-Request": "true"})
        assert fragment.status == 200, url
        html = await fragment.text()
        assert "<html" not in html and "Download" in html, url  # the block, not a whole page
        parser.feed(html)
    return parser.tables


async def test_every_table_equals_its_csv(world: World, as_viewer: StudioClient) -> None:
    tables = await sections(as_viewer, f"{base(world)}/analytics?program={CODE}&{RANGE}")
    assert set(tables) >= {"daily", "weekly", "funnel", "cohorts", "nudge_rungs", "nudge_hours"}
    assert "quiz" in tables
    assert tables["funnel"][2][:6] == ["lesson-2", "2", "0", "33.3", "3", "2"]
    for key, table in tables.items():
        response = await as_viewer.get(f"{base(world)}/analytics/{key}.csv?program={CODE}&{RANGE}")
        assert response.status == 200 and response.content_type == "text/csv"
        assert list(csv.reader(io.StringIO(await response.text()))) == table, key


async def test_the_shell_computes_no_chart_and_lists_them_in_order(
    world: World, as_viewer: StudioClient
) -> None:
    html = await as_viewer.page(f"{base(world)}/analytics?program={CODE}&{RANGE}")
    assert "data-chart-table" not in html and "Loading Program funnel" in html
    slots = Slots()
    slots.feed(html)
    keys = [url.split("/charts/")[1].split("?")[0] for url in slots.urls]
    bot_keys = ["daily", "weekly", "response", "streaks", "badges"]
    assert keys == [*bot_keys, "funnel", "cohorts", "nudges", "quiz"]
    bot_only = Slots()
    bot_only.feed(await as_viewer.page(f"{base(world)}/analytics?program=&{RANGE}"))
    assert len(bot_only.urls) == 5 and all("program=" not in u for u in bot_only.urls)


async def test_a_chart_without_javascript_is_a_page_with_its_table(
    world: World, as_viewer: StudioClient
) -> None:
    html = await as_viewer.page(f"{base(world)}/analytics/charts/funnel?program={CODE}&{RANGE}")
    assert "<html" in html and "<h1>Program funnel</h1>" in html
    parser = Tables()
    parser.feed(html)
    assert parser.tables["funnel"][2][:6] == ["lesson-2", "2", "0", "33.3", "3", "2"]
    assert f"/analytics/funnel.csv?bot={world.bot.slug}&amp;program={CODE}" in html


async def test_both_nudge_charts_come_from_one_section(
    world: World, as_viewer: StudioClient
) -> None:
    hx = {"HX-Request": "true"}
    group = await as_viewer.get(
        f"{base(world)}/analytics/charts/nudges?program={CODE}&{RANGE}", headers=hx
    )
    together = Tables()
    together.feed(await group.text())
    assert together.tables["nudge_rungs"] == [
        ["rung", "nudges", "replied_24h", "replied_pct"],
        ["1", "2", "1", "50.0"],
        ["2", "1", "1", "100.0"],
    ]
    for key in ("nudge_rungs", "nudge_hours"):  # the same tables as each chart on its own
        alone = Tables()
        alone.feed(
            await as_viewer.page(f"{base(world)}/analytics/charts/{key}?program={CODE}&{RANGE}")
        )
        assert alone.tables[key] == together.tables[key], key
    page = await as_viewer.page(f"{base(world)}/analytics/charts/nudges?program={CODE}&{RANGE}")
    assert "<h1>Nudge replies within 24 h</h1>" in page
    assert "<h2>Nudge replies within 24 h, per rung</h2>" in page
    no_program = await as_viewer.get(f"{base(world)}/analytics/charts/nudges?{RANGE}", headers=hx)
    assert no_program.status == 400


async def test_chart_fragments_keep_to_their_workspace(
    world: World, as_viewer: StudioClient, as_other_owner: StudioClient
) -> None:
    path = f"{base(world)}/analytics/charts/daily?{RANGE}"
    hx = {"HX-Request": "true"}
    assert (await as_other_owner.get(path, headers=hx)).status == 404
    theirs = f"/studio/bots/{world.other_bot.slug}/analytics/charts/daily?{RANGE}"
    assert (await as_viewer.get(theirs, headers=hx)).status == 404
    unknown = await as_viewer.get(f"{base(world)}/analytics/charts/nope?{RANGE}", headers=hx)
    assert unknown.status == 400


async def test_funnel_step_lists_learners_and_bulk_pause(
    world: World, as_editor: StudioClient
) -> None:
    html = await as_editor.page(f"{base(world)}/analytics/charts/funnel?program={CODE}&{RANGE}")
    link = f"/analytics/learners?program={CODE}&amp;step=lesson-2&amp;stuck=3"
    assert link in html
    page = await as_editor.page(
        f"{base(world)}/analytics/learners?program={CODE}&step=lesson-2&stuck=3&{RANGE}"
    )
    assert "Ada" in page and "Dov" in page and "Bea" not in page
    ada = world.users["A"].id
    form = {"action": "pause", "learner": str(ada), "program": CODE, "back": "/studio/"}
    response = await as_editor.post(f"{base(world)}/analytics/learners", form)
    assert response.status == 302
    enrolment = await ProgramEnrollment.get(user_id=ada)
    assert enrolment.status == EnrollmentStatus.PAUSED
    form["action"] = "resume"
    await as_editor.post(f"{base(world)}/analytics/learners", form)
    assert (await ProgramEnrollment.get(user_id=ada)).status == EnrollmentStatus.ACTIVE


async def test_viewer_cannot_act(world: World, as_viewer: StudioClient) -> None:
    ada = world.users["A"].id
    form = {"action": "pause", "learner": str(ada), "program": CODE}
    response = await as_viewer.post(f"{base(world)}/analytics/learners", form)
    assert response.status == 403
    assert (await ProgramEnrollment.get(user_id=ada)).status == EnrollmentStatus.ACTIVE


async def test_other_workspace_is_not_found(world: World, as_other_owner: StudioClient) -> None:
    ada = world.users["A"].id
    assert (await as_other_owner.get(f"{base(world)}/analytics")).status == 404
    mine = f"/studio/bots/{world.other_bot.slug}"
    assert (await as_other_owner.get(f"{mine}/learners/{ada}")).status == 404
    response = await as_other_owner.post(
        f"{mine}/analytics/learners", {"action": "pause", "learner": str(ada), "program": CODE}
    )
    assert response.status == 404
    assert (await ProgramEnrollment.get(user_id=ada)).status == EnrollmentStatus.ACTIVE


async def test_learner_page_and_one_off_message(world: World, as_owner: StudioClient) -> None:
    ada = world.users["A"]
    page = await as_owner.page(f"{base(world)}/learners/{ada.id}")
    for text in ("Ada", "a-handle", "Focus", "Early bird", "streak", "lesson-2"):
        assert text.lower() in page.lower(), text
    response = await as_owner.post(
        f"{base(world)}/learners/{ada.id}/actions", {"action": "message", "text": "Need help?"}
    )
    assert response.status == 302
    sent = await Message.filter(conversation__user_id=ada.id, sender_type=SenderType.CREATOR)
    assert [m.content for m in sent] == ["Need help?"]
    await as_owner.post(
        f"{base(world)}/learners/{ada.id}/actions", {"action": "stop", "program": CODE}
    )
    assert (await ProgramEnrollment.get(user_id=ada.id)).status == EnrollmentStatus.STOPPED
