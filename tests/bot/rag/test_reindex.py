"""Chunk languages, the embedder choice per knowledge base, and re-indexing in the background."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence
from pathlib import Path

import pytest

from bot.rag.choice import mostly_english, wanted_model
from bot.rag.embedding import (
    E5_NAME,
    EMBEDDER_NAMES,
    HashingEmbedder,
    ProgressFn,
    Vectors,
)
from bot.rag.retrieval import Fusion
from bot.rag.service import KnowledgeService
from bot.settings import RagSettings
from models.bots import Bot
from models.knowledge import DocumentChunk, KnowledgeBase
from tests.bot.rag.conftest import rag_settings

GERMAN = (
    "# Aufwärmen\n\nVor jedem Lauf solltest du dich zehn Minuten lang aufwärmen. "
    "Beinschwingen lockert die Hüften und bereitet die Muskeln auf die Belastung vor.\n\n"
    "# Trinken\n\nTrinke zwei Stunden vor einem langen Lauf einen halben Liter Wasser."
)
CHINESE = "跑步前一定要热身十分钟。摆腿可以放松髋部。长跑前两小时喝半升水。"
ENGLISH = "Always warm up for ten minutes before a run. Leg swings loosen the hips."


def test_auto_follows_the_language_of_most_of_the_text() -> None:
    rag = RagSettings()
    assert mostly_english([("en", 300), ("de", 100), ("", 5000)])
    assert not mostly_english([("en", 100), ("de", 80), ("ru", 80)])
    assert mostly_english([])  # an empty knowledge base starts on the fast English model
    assert wanted_model("auto", [("de", 10)], rag) == E5_NAME
    assert wanted_model("auto", [("en", 10)], rag) == EMBEDDER_NAMES["minilm"]
    assert wanted_model("multilingual", [("en", 10)], rag) == E5_NAME
    assert wanted_model("minilm", [("hi", 10)], rag) == EMBEDDER_NAMES["minilm"]


async def test_every_chunk_is_stamped_with_its_language_and_embedder(
    service: KnowledgeService, bot: Bot
) -> None:
    for title, text in (("Laufen", GERMAN), ("跑步", CHINESE), ("Running", ENGLISH)):
        await service.add_json(bot.creator_id, bot.slug, None, title, text)
    rows = await DocumentChunk.all().values_list("document__title", "language", "embedding_model")
    assert {(title, lang) for title, lang, _ in rows} == {
        ("Laufen", "de"), ("跑步", "zh"), ("Running", "en"),
    }  # fmt: skip
    assert {model for _, _, model in rows} == {HashingEmbedder.name}
    kb = await service.knowledge_base(bot.creator_id, bot.slug)
    hits = await service.retriever.retrieve([kb.id], "热身多久？")
    assert hits[0].title == "跑步" and hits[0].language == "zh"
    hits = await service.retriever.retrieve([kb.id], "Wie lange soll ich mich aufwärmen?")
    assert hits[0].title == "Laufen" and hits[0].language == "de"


class GatedEmbedder(HashingEmbedder):
    """The hashing embedder that waits for the test's go-ahead before embedding a batch."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.go = threading.Event()

    def embed(self, texts: Sequence[str], *, progress: ProgressFn | None = None) -> Vectors:
        self.started.set()
        assert self.go.wait(10), "the test never let the re-index continue"
        return super().embed(texts, progress=progress)


async def test_the_old_index_serves_until_the_new_one_is_complete(
    service: KnowledgeService, bot: Bot
) -> None:
    await service.add_json(bot.creator_id, bot.slug, None, "Running", ENGLISH)
    kb = await service.knowledge_base(bot.creator_id, bot.slug)
    old = kb.collection_name
    gated = GatedEmbedder()
    reindex = asyncio.create_task(service.indexer.reindex(kb, gated))
    await asyncio.to_thread(gated.started.wait, 10)
    # mid re-index: answers still come, with dense scores, from the old collection
    hits = await service.retriever.retrieve([kb.id], "how long to warm up before a run")
    assert hits and hits[0].dense_score is not None
    assert (await KnowledgeBase.get(id=kb.id)).collection_name == old
    gated.go.set()
    await reindex
    kb = await KnowledgeBase.get(id=kb.id)
    assert kb.collection_name != old
    assert old not in {c.name for c in service.store.client.list_collections()}
    assert service.store.count(kb.collection_name) == await DocumentChunk.all().count()
    hits = await service.retriever.retrieve([kb.id], "how long to warm up before a run")
    assert hits and hits[0].dense_score is not None


@pytest.mark.slow
async def test_changing_the_embedder_reindexes_in_the_background(tmp_path: Path, bot: Bot) -> None:
    settings = rag_settings(tmp_path, multilingual_embedder="multilingual")  # the real e5
    service = KnowledgeService(settings)
    await service.add_json(bot.creator_id, bot.slug, None, "Laufen", GERMAN)
    kb = await service.knowledge_base(bot.creator_id, bot.slug)
    # auto + a German first document: the empty knowledge base went multilingual at once
    assert (kb.embedder, kb.embedding_model) == ("auto", E5_NAME)
    assert set(await DocumentChunk.all().values_list("embedding_model", flat=True)) == {E5_NAME}

    kb = await service.set_embedder(bot.creator_id, bot.slug, "minilm")
    assert service.reindexer.running(kb.id)
    await service.reindexer.wait()
    kb = await KnowledgeBase.get(id=kb.id)
    assert (kb.embedder, kb.embedding_model) == ("minilm", HashingEmbedder.name)
    models = set(await DocumentChunk.all().values_list("embedding_model", flat=True))
    assert models == {HashingEmbedder.name}
    assert service.store.count(kb.collection_name) == await DocumentChunk.all().count()

    # a process that died mid-way: the choice says multilingual, the vectors are hashing
    await KnowledgeBase.filter(id=kb.id).update(embedder="multilingual")
    restarted = KnowledgeService(settings)
    await restarted.reindexer.reconcile_all()
    await restarted.reindexer.wait()
    kb = await KnowledgeBase.get(id=kb.id)
    assert kb.embedding_model == E5_NAME
    hits = await restarted.retriever.retrieve([kb.id], "Wie viel Wasser vor dem Lauf?")
    assert hits[0].heading == "Trinken"
    await restarted.aclose()
    await service.aclose()


class EnglishOnly(HashingEmbedder):
    languages = frozenset({"en"})


def test_an_english_only_model_does_not_vote_on_other_languages() -> None:
    fusion = Fusion()
    assert fusion.votes(EnglishOnly(), "en") and fusion.votes(EnglishOnly(), "")
    assert not fusion.votes(EnglishOnly(), "hi")
    assert fusion.votes(HashingEmbedder(), "hi")  # a multilingual model votes everywhere
    assert Fusion(language_gate=False).votes(EnglishOnly(), "hi")  # for measuring only
