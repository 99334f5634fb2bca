"""Exact dense search in memory: Chroma's ranking and scores, and vectors that follow changes."""

from __future__ import annotations

from pathlib import Path

import chromadb
import numpy as np
import pytest

from bot.rag.embedding import HashingEmbedder
from bot.rag.exact import ExactIndex
from bot.rag.service import KnowledgeService
from bot.rag.store import ChunkStore
from models.bots import Bot
from models.knowledge import DocumentChunk
from tests.bot.rag.conftest import rag_settings

TEAS = {
    "Sencha": "Sencha is steamed green tea, brewed at seventy degrees for one minute.",
    "Assam": "Assam is a malty black tea from India, brewed with boiling water.",
    "Oolong": "Oolong is partly oxidised and can be infused many times.",
    "Rooibos": "Rooibos is a caffeine-free herbal infusion from South Africa.",
}
QUESTIONS = ["how hot for green tea", "tea without caffeine", "malty black tea", "infuse again"]


def test_exact_search_ranks_and_scores_as_chroma_does(tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    vectors = rng.standard_normal((400, 48)).astype(np.float32)
    vectors[:10] *= 5.0  # lengths differ: cosine, not dot product
    ids = [f"chunk-{i}" for i in range(len(vectors))]
    store = ChunkStore(chromadb.PersistentClient(path=str(tmp_path / "chroma")))
    store.add("kb-exact", ids, vectors, [{"i": i} for i in range(len(ids))])
    found, stored = store.vectors("kb-exact", [*ids, "no-such-chunk"])
    assert sorted(found) == sorted(ids)
    index = ExactIndex(found, stored)
    near = (vectors[3] + 0.3 * rng.standard_normal(48)).astype(np.float32)
    for query in (near, rng.standard_normal(48).astype(np.float32)):
        chroma = store.query("kb-exact", query, 10)
        exact = index.search(query, 10)
        assert [cid for cid, _ in exact] == [cid for cid, _ in chroma]
        assert [s for _, s in exact] == pytest.approx([s for _, s in chroma], abs=1e-5)
    assert len(index.search(vectors[0], 1000)) == len(ids)
    assert ExactIndex([], np.zeros((0, 0), dtype=np.float32)).search(vectors[0], 5) == []


async def answers(service: KnowledgeService, bot: Bot) -> list[list[tuple[str, float | None]]]:
    kb = await service.knowledge_base(bot.creator_id, bot.slug)
    return [
        [(hit.title, hit.dense_score) for hit in await service.retriever.retrieve([kb.id], q)]
        for q in QUESTIONS
    ]


async def test_small_knowledge_bases_answer_as_chroma_does(bot: Bot, tmp_path: Path) -> None:
    in_memory = KnowledgeService(rag_settings(tmp_path))
    for title, text in TEAS.items():
        await in_memory.add_json(bot.creator_id, bot.slug, None, title, text)
    by_chroma = KnowledgeService(rag_settings(tmp_path, exact_search_max_chunks=0))
    got, expected = await answers(in_memory, bot), await answers(by_chroma, bot)
    assert [[title for title, _ in hits] for hits in got] == [
        [title for title, _ in hits] for hits in expected
    ]
    assert [hits[0][0] for hits in got] == ["Sencha", "Rooibos", "Assam", "Oolong"]
    for mine, theirs in zip(got, expected, strict=True):
        assert [score for _, score in mine] == pytest.approx([s for _, s in theirs], abs=1e-5)
    kb = await in_memory.knowledge_base(bot.creator_id, bot.slug)
    held = await in_memory.indexes.get(kb)
    assert held.exact is not None and len(held.exact) == len(TEAS)
    assert (await by_chroma.indexes.get(kb)).exact is None


async def test_vectors_caught_up_elsewhere_reach_a_process_holding_them(
    bot: Bot, tmp_path: Path
) -> None:
    """A re-index's catch-up adds vectors without a new document: it must still give the KB a
    new stamp, or a process that read the vectors before keeps answering without them."""
    service = KnowledgeService(rag_settings(tmp_path))
    await service.add_json(bot.creator_id, bot.slug, None, "Sencha", TEAS["Sencha"])
    kb = await service.knowledge_base(bot.creator_id, bot.slug)
    # As between a re-index's swap and its catch-up: the chunk's vector is not in the collection.
    ids = [str(i) for i in await DocumentChunk.all().values_list("id", flat=True)]
    service.store.delete(kb.collection_name, ids)
    await DocumentChunk.all().update(embedding_model="the-old-model")
    elsewhere = KnowledgeService(rag_settings(tmp_path, kb_rows_ttl_s=0))  # another process
    hits = await elsewhere.retriever.retrieve([kb.id], "green tea")
    assert [(h.title, h.dense_score) for h in hits] == [("Sencha", None)]
    await service.indexer.catch_up(kb, HashingEmbedder())
    hits = await elsewhere.retriever.retrieve([kb.id], "green tea")
    assert hits[0].title == "Sencha" and hits[0].dense_score is not None
