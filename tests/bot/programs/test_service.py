"""Import/export/publish/enroll on a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.errors import Conflict, NotFound
from bot.programs import service
from bot.programs.loader import dump_text, load_file, load_text
from bot.programs.schema import ProgramInvalid
from models import (
    Badge,
    Bot,
    EndUser,
    EnrollmentStatus,
    KnowledgeBase,
    Program,
    ProgramEnrollment,
    ProgramStatus,
    ProgramVersion,
)
from tests import factories

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "programs"
HABIT = EXAMPLES / "habit-7.yaml"
NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


async def a_bot() -> Bot:
    return await factories.bot(await factories.creator())


async def published(bot: Bot) -> Program:
    program = await service.import_program(bot, load_file(HABIT))
    await service.publish_program(bot, program.code, now=NOW)
    return program


async def test_import_creates_a_draft_and_the_badges(db: str) -> None:
    bot = await a_bot()
    program = await service.import_program(bot, load_file(HABIT))
    assert (program.code, program.name, program.status, program.version) == (
        "habit-7", "Seven Days, One Small Habit", ProgramStatus.DRAFT, 0,
    )  # fmt: skip
    stored = await Program.get(id=program.id)
    assert [s["id"] for s in stored.flow_definition["steps"]][:3] == ["welcome", "day-1", "day-2"]
    badges = await Badge.for_creator(bot.creator_id).order_by("code")
    assert [(b.code, b.name, b.bot_id) for b in badges] == [
        ("habit-7-finisher", "Week Keeper", bot.id),
        ("habit-7-streak", "Unbroken", bot.id),
    ]
    assert badges[0].criteria == {"program_completed": "habit-7"}


async def test_reimport_updates_in_place(db: str) -> None:
    bot = await a_bot()
    first = await service.import_program(bot, load_file(HABIT))
    text = (
        HABIT.read_text()
        .replace("Seven Days, One Small Habit", "Seven Days")
        .replace("name: Unbroken", "name: Chain Keeper")
    )
    second = await service.import_program(bot, load_text(text, "yaml"))
    assert second.id == first.id
    assert await Program.filter(bot=bot).count() == 1
    assert (await Program.get(id=first.id)).name == "Seven Days"
    assert await Badge.filter(creator_id=bot.creator_id).count() == 2
    assert (await Badge.get(code="habit-7-streak")).name == "Chain Keeper"


async def test_import_links_a_named_knowledge_base_of_the_same_creator(db: str) -> None:
    bot = await a_bot()
    other = await a_bot()
    await KnowledgeBase.create(creator_id=other.creator_id, name="handbook")
    text = HABIT.read_text().replace("code: habit-7\n", "code: habit-7\nknowledge: handbook\n", 1)
    with pytest.raises(ProgramInvalid, match="knowledge: no knowledge base named 'handbook'"):
        await service.import_program(bot, load_text(text, "yaml"))
    assert await Program.all().count() == 0
    kb = await KnowledgeBase.create(creator_id=bot.creator_id, name="handbook")
    program = await service.import_program(bot, load_text(text, "yaml"))
    assert program.knowledge_base_id == kb.id


async def test_export_round_trips_exactly(db: str) -> None:
    bot = await a_bot()
    await service.import_program(bot, load_file(HABIT))
    for fmt in ("yaml", "json"):
        exported = await service.export_program(bot, "habit-7", fmt)
        assert load_text(exported, fmt) == load_file(HABIT)
        other = await a_bot()
        await service.import_program(other, load_text(exported, fmt))
        assert await service.export_program(other, "habit-7", fmt) == exported


async def test_programs_are_scoped_to_their_bot_and_creator(db: str) -> None:
    mine, theirs = await a_bot(), await a_bot()
    await service.import_program(theirs, load_file(HABIT))
    with pytest.raises(NotFound, match="no program 'habit-7' on bot"):
        await service.export_program(mine, "habit-7")
    assert await service.list_programs(mine) == []
    assert [p.code for p in await service.list_programs(theirs)] == ["habit-7"]


async def test_publish_freezes_versions_and_enrollments_keep_theirs(db: str) -> None:
    bot = await a_bot()
    await published(bot)
    early = await service.enroll(await factories.end_user(bot), "habit-7", source="web", now=NOW)
    # Edit: drop the welcome lesson, republish; the early learner still starts with it.
    text = HABIT.read_text()
    edited = text[: text.index("  - id: welcome")] + text[text.index("  - id: day-1") :]
    await service.import_program(bot, load_text(edited, "yaml"))
    v2 = await service.publish_program(bot, "habit-7", now=NOW + timedelta(days=1))
    late = await service.enroll(await factories.end_user(bot), "habit-7", now=NOW)

    versions = await ProgramVersion.filter(program__bot=bot).order_by("version")
    assert [v.version for v in versions] == [1, 2] and v2.version == 2
    assert versions[0].definition["steps"][0]["id"] == "welcome"
    assert versions[1].definition["steps"][0]["id"] == "day-1"
    program = await Program.get(bot=bot)
    assert (program.version, program.status, program.published_at) == (
        2, ProgramStatus.PUBLISHED, NOW + timedelta(days=1),
    )  # fmt: skip
    await early.refresh_from_db()
    assert (early.program_version_id, early.current_step) == (versions[0].id, "welcome")
    assert (late.program_version_id, late.current_step) == (versions[1].id, "day-1")
    frozen = service.definition_of(await early.program_version)
    assert frozen.steps[0].id == "welcome"


async def test_enrolling_needs_a_published_program(db: str) -> None:
    bot = await a_bot()
    await service.import_program(bot, load_file(HABIT))
    user = await factories.end_user(bot)
    with pytest.raises(Conflict, match="'habit-7' is not published yet"):
        await service.enroll(user, "habit-7")
    with pytest.raises(NotFound, match="no program 'nope'"):
        await service.enroll(user, "nope")
    assert await ProgramEnrollment.all().count() == 0


async def test_enrolling_twice_returns_the_same_enrollment(db: str) -> None:
    bot = await a_bot()
    await published(bot)
    user = await factories.end_user(bot)
    first = await service.enroll(user, "habit-7", source="telegram", now=NOW)
    again = await service.enroll(user, "habit-7", source="web", now=NOW)
    assert again.id == first.id and again.source == "telegram"
    racing = await asyncio.gather(*(service.enroll(user, "habit-7") for _ in range(3)))
    assert {e.id for e in racing} == {first.id}
    assert await ProgramEnrollment.filter(user=user).count() == 1
    assert (await Program.get(bot=bot)).enrollment_count == 1


async def test_pause_resume_stop_and_reenroll(db: str) -> None:
    bot = await a_bot()
    await published(bot)
    user: EndUser = await factories.end_user(bot)
    enrollment = await service.enroll(user, "habit-7", now=NOW)
    until = NOW + timedelta(days=3)

    await service.pause(enrollment, until=until, now=NOW + timedelta(hours=1))
    row = await ProgramEnrollment.get(id=enrollment.id)
    assert (row.status, row.paused_at, row.paused_until) == (
        EnrollmentStatus.PAUSED, NOW + timedelta(hours=1), until,
    )  # fmt: skip
    await service.resume(row, now=NOW + timedelta(days=1))
    row = await ProgramEnrollment.get(id=enrollment.id)
    assert (row.status, row.paused_until) == (EnrollmentStatus.ACTIVE, None)
    assert row.last_activity_at == NOW + timedelta(days=1)

    await service.stop(row, now=NOW + timedelta(days=2))
    row = await ProgramEnrollment.get(id=enrollment.id)
    assert (row.status, row.stopped_at) == (EnrollmentStatus.STOPPED, NOW + timedelta(days=2))
    with pytest.raises(Conflict, match="cannot pause an enrollment that is stopped"):
        await service.pause(row)
    assert (await service.stop(row)).status == EnrollmentStatus.STOPPED

    back = await service.enroll(user, "habit-7", now=NOW + timedelta(days=5))
    assert back.id == enrollment.id
    row = await ProgramEnrollment.get(id=enrollment.id)
    assert (row.status, row.stopped_at, row.current_step) == (
        EnrollmentStatus.ACTIVE, None, "welcome",
    )  # fmt: skip
    assert (await Program.get(bot=bot)).enrollment_count == 1


async def test_completed_enrollment_cannot_be_stopped_or_reopened(db: str) -> None:
    bot = await a_bot()
    await published(bot)
    enrollment = await service.enroll(await factories.end_user(bot), "habit-7", now=NOW)
    enrollment.status = EnrollmentStatus.COMPLETED
    await enrollment.save()
    with pytest.raises(Conflict, match="cannot stop an enrollment that is completed"):
        await service.stop(enrollment)
    user = await enrollment.user
    assert (await service.enroll(user, "habit-7")).status == EnrollmentStatus.COMPLETED


async def test_get_enrollment_is_scoped_to_the_creator(db: str) -> None:
    bot, other = await a_bot(), await a_bot()
    await published(bot)
    enrollment = await service.enroll(await factories.end_user(bot), "habit-7", now=NOW)
    assert (await service.get_enrollment(bot.creator_id, enrollment.id)).id == enrollment.id
    with pytest.raises(NotFound):
        await service.get_enrollment(other.creator_id, enrollment.id)


def test_exported_yaml_is_what_an_author_would_write() -> None:
    text = dump_text(load_file(HABIT), "yaml")
    assert text.startswith("code: habit-7\ntitle: Seven Days, One Small Habit\n")
    assert "- id: day-2\n  kind: checkpoint\n" in text
    assert "schedule:\n    after: 1d at 09:00\n    from: enrollment\n" in text
