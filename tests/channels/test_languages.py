"""Learners in their own language, end to end through a channel fake: replies, command texts."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.i18n.catalogue import catalogue
from bot.rag import RetrievedChunk
from models import EndUser, KnowledgeBase
from tests.channels.harness import Harness, running

pytestmark = pytest.mark.filterwarnings("ignore:BasicAuth is deprecated:DeprecationWarning")
SPANISH = "Calienta siempre diez minutos antes de correr. Los balanceos de piernas ayudan."
LEARNER = "+34600111222"


@pytest.fixture
async def wa(db: str) -> AsyncIterator[Harness]:
    async with running("whatsapp") as built:
        kb = await KnowledgeBase.filter(bots__id=built.bot.id).first()
        assert kb is not None
        # the coach's notes exist in English (the harness's) and in Spanish
        built.retriever.add(
            kb.id, RetrievedChunk("es:0", "doc-es", "Calentamiento", SPANISH, 0.0, language="es")
        )
        yield built


async def say(wa: Harness, text: str) -> str:
    before = len(wa.replies(LEARNER))
    assert await wa.post_text(LEARNER, text, f"SM{wa.new_id()}") == 200
    await wa.settle()
    replies = wa.replies(LEARNER)[before:]
    assert len(replies) == 1, replies
    return replies[0]


async def test_a_spanish_speaking_learner_on_whatsapp_gets_spanish_replies_and_commands(
    wa: Harness,
) -> None:
    spanish = catalogue("es")
    answer = await say(wa, "¿Cuántos minutos debo calentar antes de correr?")
    quoted, cited = answer.split("\n\n")
    assert quoted == "Calienta siempre diez minutos antes de correr."  # the Spanish notes
    assert cited == "Fuentes: Calentamiento"  # the source label in Spanish too

    user = await EndUser.get(external_id__isnull=False, channel="whatsapp", bot_id=wa.bot.id)
    assert (user.language, user.language_source) == ("es", "detected")

    # commands carry no language of their own: the stored one answers them
    assert await say(wa, "/progress") == spanish["no_program"]
    assert await say(wa, "/pause") == spanish["no_program"]
    assert await say(wa, "/resume") == spanish["nothing_paused"]
    help_text = await say(wa, "/help")
    assert spanish["help_body"] in help_text
    assert f"/pause - {spanish['help_pause']}" in help_text
    assert f"/badges - {spanish['help_badges']}" in help_text
    assert (await say(wa, "/bailar")).startswith("No conozco el comando /bailar.")
    badges = await say(wa, "/badges")
    assert badges.startswith("Puntos: ") and spanish["badges_none"] in badges

    nothing = await say(wa, "¿Quién escribió el libro sobre los planetas del sistema solar?")
    assert nothing.startswith("Lo siento, no sé la respuesta")


async def test_a_creator_override_reaches_the_learner_in_their_language(wa: Harness) -> None:
    wa.bot.settings = {
        "texts": {"no_program": {"es": "Aún no te has unido: escribe join y tu código."}}
    }
    await wa.bot.save(update_fields=["settings"])
    await say(wa, "Hola, ¿cuántos minutos debo calentar antes de correr?")
    assert await say(wa, "/progress") == "Aún no te has unido: escribe join y tu código."
