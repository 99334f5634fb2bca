"""Hybrid retrieval: fusion arithmetic, and dense + BM25 together beating either alone."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.rag.analysis import char_grams, query_terms
from bot.rag.lexical import IndexedChunk, LexicalIndex
from bot.rag.retrieval import Fusion, fuse, fuse_ranks, lexical_weights
from bot.rag.service import KnowledgeService
from bot.rag.sources import Source
from models.bots import Bot
from tests.bot.rag.conftest import make_bot, rag_settings


def test_fusion_adds_weighted_reciprocal_ranks() -> None:
    dense = [("a", 0.9), ("b", 0.8)]
    sparse = [("b", 12.0), ("c", 3.0)]
    fused = dict(fuse_ranks([(1.0, dense), (2.0, sparse)], 10))
    assert fused == pytest.approx({"a": 1 / 11, "b": 1 / 12 + 2 / 11, "c": 2 / 12})
    only_dense = fuse_ranks([(1.0, dense), (0.0, sparse)], 10)
    assert [cid for cid, _ in only_dense][:2] == ["a", "b"]


def test_fusion_adds_weighted_min_max_normalised_scores() -> None:
    dense = [("a", 0.9), ("b", 0.8), ("c", 0.5)]
    stems = [("b", 12.0), ("c", 3.0)]
    grams = [("c", 40.0)]  # one candidate: normalised to 1
    fused = dict(fuse([(2.0, dense), (1.0, stems), (1.0, grams)], Fusion()))
    assert fused == pytest.approx({"a": 2.0, "b": 2 * 0.75 + 1.0, "c": 0.0 + 0.0 + 1.0})
    # a list without a vote (weight 0) still offers its candidates, after the others'
    lexical = [("b", 12.0), ("c", 3.0), ("d", 1.0)]
    assert [cid for cid, _ in fuse([(0.0, dense), (1.0, lexical)], Fusion())][:2] == ["b", "c"]
    assert fuse([(1.0, dense), (1.0, stems)], Fusion(method="ranks"))[0][0] == "b"


def test_the_lexical_lists_share_their_weight() -> None:
    assert lexical_weights(Fusion(sparse_weight=1.0)) == (0.5, 0.5)
    assert lexical_weights(Fusion(sparse_weight=1.0, gram_weight=0.0)) == (1.0, 0.0)


# Paraphrase questions favour the dense side; product codes and names favour BM25.
CORPUS = {
    "refund": "Refunds. If you are not satisfied, we give your money back within 30 days.",
    "shipping": "Delivery. Parcels leave our warehouse within two working days.",
    "password": "Account access. Forgot your login? Use the reset link on the sign-in page.",
    "sku": "Spare parts. The replacement filter has part number XK-4471-B.",
    "warranty": "Warranty. Devices are covered for two years against manufacturing defects.",
    "contact": "Support hours. Call Marta Lindqvist at the helpdesk on weekdays.",
    "cancel": "Subscriptions. You can end your plan at any time from the billing page.",
}
QUERIES = {
    "can I get my money back if I don't like it": "refund",
    "I can't remember how to sign in": "password",
    "how quickly will my order be sent": "shipping",
    "XK-4471-B": "sku",
    "Lindqvist": "contact",
    "stop paying for the plan": "cancel",
}


async def hits_at_1(service: KnowledgeService, kb_id: object, fusion: Fusion) -> int:
    service.retriever.fusion = fusion
    hits = 0
    for query, expected in QUERIES.items():
        best = (await service.retriever.retrieve([kb_id], query, k=1))[0]  # type: ignore[list-item]
        hits += best.source == expected
    return hits


@pytest.mark.slow
async def test_hybrid_beats_or_matches_each_component(db: str, tmp_path: Path) -> None:
    service = KnowledgeService(rag_settings(tmp_path, embedder="minilm"))
    bot = await make_bot("shop")
    kb = await service.knowledge_base(bot.creator_id, bot.slug)
    sources = [Source(key, text, key, "txt", len(text)) for key, text in CORPUS.items()]
    await service.indexer.ingest(kb, sources)
    dense = await hits_at_1(service, kb.id, Fusion(1.0, 0.0))
    sparse = await hits_at_1(service, kb.id, Fusion(0.0, 1.0))
    hybrid = await hits_at_1(service, kb.id, Fusion(1.0, 1.0))
    assert hybrid >= max(dense, sparse)
    assert hybrid == len(QUERIES), (dense, sparse, hybrid)


async def test_retrieval_spans_several_knowledge_bases(
    service: KnowledgeService, bot: Bot, tmp_path: Path
) -> None:
    other = await Bot.create(creator_id=bot.creator_id, slug="other", name="Other")
    for owner, text in ((bot, "Oolong is partly oxidised."), (other, "Matcha is ground.")):
        path = tmp_path / f"{owner.slug}.txt"
        path.write_text(text)
        await service.add(owner.creator_id, owner.slug, path)
    kbs = [await service.knowledge_base(b.creator_id, b.slug) for b in (bot, other)]
    hits = await service.retriever.retrieve([kb.id for kb in kbs], "matcha oolong", k=5)
    assert {h.text for h in hits} == {"Oolong is partly oxidised.", "Matcha is ground."}
    only_first = await service.retriever.retrieve([kbs[0].id], "matcha oolong", k=5)
    assert [h.text for h in only_first] == ["Oolong is partly oxidised."]
    assert await service.retriever.retrieve([kbs[0].id], "   ") == []


async def test_search_indexes_follow_changes_made_by_another_process(
    bot: Bot, tmp_path: Path
) -> None:
    service = KnowledgeService(rag_settings(tmp_path, kb_rows_ttl_s=0.3))
    first = tmp_path / "a.txt"
    first.write_text("Genmaicha mixes green tea with roasted rice.")
    await service.add(bot.creator_id, bot.slug, first)
    kb = await service.knowledge_base(bot.creator_id, bot.slug)
    assert len(await service.retriever.retrieve([kb.id], "genmaicha")) == 1
    # A second service stands for another process (e.g. `parley kb add` beside the server).
    elsewhere = KnowledgeService(rag_settings(tmp_path))
    second = tmp_path / "b.txt"
    second.write_text("Kukicha is made from the stems of the tea plant.")
    await elsewhere.add(bot.creator_id, bot.slug, second)
    await asyncio.sleep(0.35)  # the KB row is trusted for kb_rows_ttl_s, then re-read
    hits = await service.retriever.retrieve([kb.id], "kukicha stems")
    assert hits[0].text.startswith("Kukicha") and hits[0].sparse_score is not None
    assert hits[0].dense_score is not None  # the in-memory vectors were read again too


def test_character_grams_find_a_compound_the_stems_miss() -> None:
    texts = {
        "leben": "Die Lebensversicherung schützt die Familie im Todesfall.",
        "kurs": "Der Kurs ist gut und beginnt am Montag mit einer Einführung.",
    }
    index = LexicalIndex([IndexedChunk(k, k, k, "", t, k, "de") for k, t in texts.items()])
    question = "Wofür ist eine Versicherung gut?"
    assert [cid for cid, _ in index.search(question, 5, language="de")] == ["kurs"]  # "gut"
    grams = index.search_grams(question, 5, language="de")
    assert grams[0][0] == "leben" and grams[0][1] > 2 * grams[1][1]  # "versicherung" in it


def test_bm25_search_ranks_as_bm25s_retrieve_does() -> None:
    """The index scores one query directly (no batch `retrieve`): same chunks, scores, order."""
    chunks = [IndexedChunk(k, k, k, "", t, k, "en") for k, t in CORPUS.items()]
    index = LexicalIndex(chunks)
    for query in [*QUERIES, "warranty refund days", "nothing matches zzz"]:
        for k in (1, 3, len(chunks)):
            for bm25, terms in (
                (index._stems, query_terms(query, ["en"])),
                (index._grams, char_grams(query, "en")),
            ):
                found, scores = bm25.retrieve([terms], k=k, show_progress=False)
                expected = [(chunks[int(i)].chunk_id, float(s))
                            for i, s in zip(found[0], scores[0], strict=True) if s > 0]  # fmt: skip
                assert index._retrieve(bm25, terms, k) == expected, (query, k)
