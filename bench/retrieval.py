"""Retrieval benchmark: hybrid query latency vs a raw Chroma query, ingest vs the raw embedder.

Run: python bench/retrieval.py [--scales 10000,100000] [--queries 200] [--ingest-chunks 200]

Query latency is measured on collections of N chunks filled through the production indexer
with the deterministic *hashing* embedder (precomputed-style vectors: embedding 100k chunks with
MiniLM would take hours on 2 cores), so both sides pay the same, near-zero query-embedding cost
and the ratio shows what hybrid retrieval adds on top of Chroma (BM25, fusion, the KB lookup).
Ingest throughput uses the real MiniLM embedder: the full production path (chunking, database
rows, Chroma) vs `embedder.embed` alone on the same texts. Figures are medians of this run;
compare the ratios, not absolute numbers, on a shared machine.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tortoise import Tortoise

from bot.rag.embedding import load_embedder
from bot.rag.evaluation import scratch_settings
from bot.rag.lexical import indexed_text
from bot.rag.service import KnowledgeService
from bot.rag.sources import Source
from bot.settings import RagSettings, Settings
from models.bots import Bot
from models.creators import Creator
from models.db import close_db, init_db
from models.knowledge import DocumentChunk, KnowledgeBase

# A Zipf-distributed vocabulary of 24,389 pseudo-words, so BM25 postings look like real text.
SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"][:29]
WORDS = [a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES]
ZIPF = list(itertools.accumulate(1 / rank for rank in range(1, len(WORDS) + 1)))
BATCH_DOCS = 500


def synthetic_text(rng: random.Random, words: int) -> str:
    sentences = []
    while words > 0:
        n = min(words, rng.randint(8, 16))
        sentences.append(" ".join(rng.choices(WORDS, cum_weights=ZIPF, k=n)).capitalize() + ".")
        words -= n
    return " ".join(sentences)


def percentiles(samples: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49], cuts[94]


async def timed_pairs(
    first: Callable[[str], Awaitable[object]],
    second: Callable[[str], Awaitable[object]],
    queries: list[str],
) -> tuple[list[float], list[float]]:
    """Milliseconds of each query through both paths, interleaved so both see the same noise."""
    samples: tuple[list[float], list[float]] = ([], [])
    for query in queries:
        for fn, out in ((first, samples[0]), (second, samples[1])):
            started = time.perf_counter()
            await fn(query)
            out.append((time.perf_counter() - started) * 1000)
    return samples


async def fresh_kb(service: KnowledgeService, slug: str) -> KnowledgeBase:
    creator = await Creator.create(email=f"{slug}@bench.invalid", password_hash="-")
    await Bot.create(creator=creator, slug=slug, name=slug)
    return await service.knowledge_base(creator.id, slug)


async def query_latency(service: KnowledgeService, scale: int, queries: int) -> None:
    rng = random.Random(scale)
    kb = await fresh_kb(service, f"q{scale}")
    started = time.perf_counter()
    for start in range(0, scale, BATCH_DOCS):  # ~60-word documents: one chunk each
        batch = [synthetic_text(rng, 60) for _ in range(min(BATCH_DOCS, scale - start))]
        sources = [Source(f"d{start + i}", t, "bench", "txt", len(t)) for i, t in enumerate(batch)]
        await service.indexer.ingest(kb, sources)
    print(f"  built {scale} chunks in {time.perf_counter() - started:.0f} s (hashing vectors)")
    texts = [synthetic_text(rng, 6) for _ in range(queries)]
    embedder = load_embedder("hashing")
    collection = service.store.collection(kb.collection_name)
    await service.retriever.retrieve([kb.id], texts[0])  # builds the BM25 index once

    async def raw(text: str) -> object:
        vector = embedder.embed([text])
        return await asyncio.to_thread(collection.query, query_embeddings=vector, n_results=5)

    async def hybrid(text: str) -> object:
        return await service.retriever.retrieve([kb.id], text, k=5)

    raw_ms, ours_ms = await timed_pairs(raw, hybrid, texts)
    (raw_p50, raw_p95), (ours_p50, ours_p95) = percentiles(raw_ms), percentiles(ours_ms)
    print(f"  raw Chroma query (k=5):     p50 {raw_p50:6.2f} ms  p95 {raw_p95:6.2f} ms")
    print(f"  hybrid retrieve (k=5, {service.retriever.fusion.candidates} candidates/side): "
          f"p50 {ours_p50:6.2f} ms  p95 {ours_p95:6.2f} ms")  # fmt: skip
    verdict = "OK" if ours_p50 <= 2 * raw_p50 else "OVER GOAL"
    print(f"  ratio p50 {ours_p50 / raw_p50:.2f}x (goal <= 2x: {verdict})")


async def ingest_throughput(directory: Path, chunks: int) -> None:
    """The production ingest path vs `embed()` alone on exactly the chunk texts it produced."""
    service = KnowledgeService(scratch_settings(Settings(rag=RagSettings()), directory))
    rng = random.Random(7)
    embedder = load_embedder("minilm")
    embedder.embed([synthetic_text(rng, 60) for _ in range(64)])  # warm-up: full-size batches
    kb = await fresh_kb(service, "ingest")
    docs = [synthetic_text(rng, 60) for _ in range(chunks)]
    sources = [Source(f"i{i}", t, "bench", "txt", len(t)) for i, t in enumerate(docs)]
    started = time.perf_counter()
    await service.indexer.ingest(kb, sources)
    ours_seconds = time.perf_counter() - started
    rows = await DocumentChunk.filter(document__knowledge_base_id=kb.id).values_list(
        "document__title", "heading", "content"
    )
    texts = [indexed_text(title, heading, text) for title, heading, text in rows]
    started = time.perf_counter()
    embedder.embed(texts)
    raw_rate = len(texts) / (time.perf_counter() - started)
    ours_rate = len(texts) / ours_seconds
    print(f"  raw MiniLM embed:       {raw_rate:6.1f} chunks/s ({len(texts)} chunks)")
    print(f"  production ingest path: {ours_rate:6.1f} chunks/s (chunk, embed, rows, Chroma)")
    verdict = "OK" if ours_rate >= 0.9 * raw_rate else "UNDER GOAL"
    print(f"  ratio {ours_rate / raw_rate:.0%} of the raw embedder (goal >= 90%: {verdict})")


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="parley-bench-") as tmp:
        rag = RagSettings(embedder="hashing")
        settings = scratch_settings(Settings(rag=rag), Path(tmp))
        await init_db(settings.db_url)
        try:
            await Tortoise.generate_schemas()
            service = KnowledgeService(settings)
            for scale in args.scales:
                print(f"query latency at {scale} chunks:")
                await query_latency(service, scale, args.queries)
            if args.ingest_chunks:
                print("ingest throughput (MiniLM):")
                await ingest_throughput(Path(tmp), args.ingest_chunks)
        finally:
            await close_db()


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scales", type=lambda s: [int(x) for x in s.split(",")], default=[10_000, 100_000]
    )
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--ingest-chunks", type=int, default=200)
    return parser.parse_args()


if __name__ == "__main__":
    asyncio.run(main(parse_args()))
