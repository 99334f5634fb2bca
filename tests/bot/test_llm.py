"""The LLM layer: the offline grounded responder (and its tuned threshold), the OpenAI client.

`python -m tests.bot.test_llm` prints the threshold sweep on SciFact that `RELEVANCE_THRESHOLD`
in bot/llm/grounded.py was chosen from.
"""

from __future__ import annotations

import json
import logging
import random
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
from tortoise import connections

from bot.engine import Engine
from bot.i18n.catalogue import Texts
from bot.llm import ChatConfig, Exchange, GroundedResponder, LLMChooser, OpenAICompatibleLLM, Prompt
from bot.llm.grounded import RELEVANCE_THRESHOLD, best_score, split_sentences, terms
from bot.messages import ChannelName, InboundMessage
from bot.persona import Persona
from bot.rag import RetrievedChunk
from bot.settings import LLMSettings
from models import Bot, BotStatus, Creator, KnowledgeBase
from tests.fakes.openai_server import FakeOpenAI, Fault
from tests.fakes.retriever import FakeRetriever

PERSONA = Persona(
    name="Coach Ada",
    system_prompt="You are Coach Ada, a friendly running coach.",
    hidden_rules=("Never give medical diagnoses.",),
    sign_off="Happy running!",
)
WARMUP = RetrievedChunk(
    "c1",
    "doc-warmup",
    "Warm-up routine",
    "Always warm up for ten minutes before a run. Leg swings loosen the hips.",
    0.9,
)
WATER = RetrievedChunk(
    "c2",
    "doc-water",
    "Hydration",
    "Drink half a litre of water two hours before a long run.",
    0.5,
)
SECRET = "sk-test-0123456789abcdef"
FALLBACK = Texts().get("llm_unavailable")


# --- GroundedResponder ---------------------------------------------------------------------


async def test_grounded_reply_quotes_the_relevant_sentence_and_cites_it() -> None:
    prompt = Prompt(PERSONA, "How many minutes should I warm up?", (WATER, WARMUP))
    reply = await GroundedResponder().reply(prompt)

    assert reply.text == "Always warm up for ten minutes before a run.\n\nHappy running!"
    assert [(c.document, c.title) for c in reply.citations] == [("doc-warmup", "Warm-up routine")]
    assert reply.citations[0].snippet == "Always warm up for ten minutes before a run."


async def test_grounded_reply_says_it_does_not_know_when_nothing_is_relevant() -> None:
    for context in [(), (WARMUP, WATER)]:
        reply = await GroundedResponder().reply(Prompt(PERSONA, "Who wrote Hamlet?", context))
        assert "I don't know" in reply.text and "Coach Ada" in reply.text
        assert reply.citations == ()


async def test_grounded_reply_is_deterministic() -> None:
    prompt = Prompt(PERSONA, "water before a long run?", (WARMUP, WATER))
    replies = [await GroundedResponder().reply(prompt) for _ in range(3)]
    assert replies[0] == replies[1] == replies[2]
    assert "half a litre" in replies[0].text


async def test_a_chinese_answer_is_quoted_though_half_its_bigrams_straddle_words() -> None:
    bridge = RetrievedChunk(
        "z1",
        "doc-bridge",
        "长江大桥",
        "大桥于1957年建成，同年正式通车。桥上层是公路，下层是铁路。",
        0.9,
        language="zh",
    )
    # The answer holds 4 of the question's 18 bigrams (大桥 年建 建成 通车): under a quarter.
    # They cover 7 of its 19 characters: over a third.
    asked = Prompt(PERSONA, "请问这座跨江大桥是在哪一年建成并通车的？", (bridge,))
    reply = await GroundedResponder().reply(asked)
    assert reply.text.startswith("大桥于1957年建成，同年正式通车。")
    assert [c.document for c in reply.citations] == ["doc-bridge"]

    unrelated = Prompt(PERSONA, "叶绿体的基因保存在哪里？", (bridge,))
    assert (await GroundedResponder().reply(unrelated)).citations == ()


def test_sentences_and_terms() -> None:
    text = "Dr. Smith runs daily. He rests on Sundays!\n\n## Tips\n- Sleep 8 hours\n- Eat well"
    assert list(split_sentences(text)) == [
        "Dr. Smith runs daily.",
        "He rests on Sundays!",
        "## Tips",
        "- Sleep 8 hours",
        "- Eat well",
    ]
    assert terms("The runner was running and warming up") == {"runner", "run", "warm"}


# --- the threshold, measured on SciFact -------------------------------------------------------


@dataclass
class Split:
    relevant: list[float]
    unrelated: list[float]


def scifact_split(root: Path, *, seed: int = 7) -> Split:
    """Best-sentence scores for 100 claims answerable from a 300-abstract KB and 100 that are
    not (their source abstracts are left out; BM25 still returns the 5 nearest abstracts)."""
    import bm25s

    folder = root / "eval" / "retrieval" / "scifact"
    corpus = {d["_id"]: d for d in map(json.loads, (folder / "corpus.jsonl").open())}
    queries = {q["_id"]: q["text"] for q in map(json.loads, (folder / "queries.jsonl").open())}
    qrels: dict[str, set[str]] = {}
    for line in (folder / "qrels.tsv").read_text().splitlines()[1:]:
        query, doc, _ = line.split("\t")
        qrels.setdefault(query, set()).add(doc)
    rng = random.Random(seed)
    ids = sorted(qrels, key=int)
    rng.shuffle(ids)
    answerable, unanswerable = ids[:100], ids[100:200]
    kb = set().union(*(qrels[q] for q in answerable))
    banned = set().union(*(qrels[q] for q in unanswerable))
    others = [d for d in sorted(corpus) if d not in kb | banned]
    docs = sorted(kb | set(rng.sample(others, 300 - len(kb))))
    index = bm25s.BM25()
    index.index(
        bm25s.tokenize(
            [corpus[d]["title"] + ". " + corpus[d]["text"] for d in docs],
            stopwords="en",
            show_progress=False,
        ),
        show_progress=False,
    )

    def score(query_id: str) -> float:
        tokens = bm25s.tokenize([queries[query_id]], stopwords="en", show_progress=False)
        found, _ = index.retrieve(tokens, k=5, show_progress=False)
        chunks = [
            RetrievedChunk(docs[i], docs[i], corpus[docs[i]]["title"], corpus[docs[i]]["text"], 0)
            for i in found[0]
        ]
        return best_score(queries[query_id], chunks)

    return Split([score(q) for q in answerable], [score(q) for q in unanswerable])


def rates(split: Split, threshold: float) -> tuple[float, float]:
    answered = sum(s >= threshold for s in split.relevant) / len(split.relevant)
    refused = sum(s < threshold for s in split.unrelated) / len(split.unrelated)
    return answered, refused


def test_the_threshold_separates_answerable_from_unanswerable_claims(shared_dir: Path) -> None:
    answered, refused = rates(scifact_split(shared_dir), RELEVANCE_THRESHOLD)
    assert answered >= 0.75, answered
    assert refused >= 0.70, refused


# --- OpenAICompatibleLLM against the fake server ----------------------------------------------


@pytest.fixture
async def fake_openai() -> AsyncIterator[FakeOpenAI]:
    server = FakeOpenAI()
    await server.start()
    yield server
    await server.close()


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as client:
        yield client


class Sleeps:
    """Records the back-off delays instead of waiting them out."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


def client(
    server: FakeOpenAI, session: aiohttp.ClientSession, sleeps: Sleeps, **config: object
) -> OpenAICompatibleLLM:
    settings = {"base_url": server.base_url, "model": "llama3.1", "api_key": SECRET, **config}
    return OpenAICompatibleLLM(session, ChatConfig(**settings), sleep=sleeps)  # type: ignore[arg-type]


async def test_request_has_persona_rules_numbered_context_and_recent_history(
    fake_openai: FakeOpenAI, session: aiohttp.ClientSession
) -> None:
    history = tuple(
        Exchange("user" if i % 2 == 0 else "assistant", f"message {i} " + "word " * 40)
        for i in range(10)
    )
    llm = client(fake_openai, session, Sleeps(), prompt_tokens=400)
    reply = await llm.reply(Prompt(PERSONA, "How long to warm up?", (WARMUP, WATER), history))

    (request,) = fake_openai.requests
    assert request.headers["Authorization"] == f"Bearer {SECRET}"
    assert request.body["model"] == "llama3.1"
    system, *middle, question = request.body["messages"]
    assert system["role"] == "system"
    assert "You are Coach Ada" in system["content"]
    assert "- Never give medical diagnoses." in system["content"]
    assert "[1] Warm-up routine\nAlways warm up" in system["content"]
    assert "[2] Hydration" in system["content"]
    assert question == {"role": "user", "content": "How long to warm up?"}
    # ~52 tokens per history message: only the newest that fit the budget, oldest first
    kept = [m["content"].split()[1] for m in middle]
    assert 0 < len(kept) < 10
    assert kept == [str(i) for i in range(10 - len(kept), 10)]
    assert [m["role"] for m in middle] == [h.role for h in history[10 - len(kept) :]]
    assert reply.text == "Warm up for ten minutes [1].\n\nHappy running!"
    assert [c.document for c in reply.citations] == ["doc-warmup"]


async def test_429_is_retried_after_retry_after_then_succeeds(
    fake_openai: FakeOpenAI, session: aiohttp.ClientSession
) -> None:
    fake_openai.faults.extend([Fault(429, {"Retry-After": "3"}), Fault(503)])
    sleeps = Sleeps()
    reply = await client(fake_openai, session, sleeps, backoff_s=0.5).reply(
        Prompt(PERSONA, "warm up?", (WARMUP,))
    )

    assert len(fake_openai.requests) == 3
    assert sleeps.delays == [3.0, 1.0]  # Retry-After honoured, then exponential back-off
    assert reply.text.startswith("Warm up for ten minutes [1].")


async def test_persistent_500_gives_a_fallback_with_the_retrieved_sources(
    fake_openai: FakeOpenAI, session: aiohttp.ClientSession
) -> None:
    fake_openai.faults.extend([Fault(500)] * 10)
    sleeps = Sleeps()
    reply = await client(fake_openai, session, sleeps, max_retries=3, backoff_s=0.5).reply(
        Prompt(PERSONA, "warm up?", (WARMUP, WATER))
    )

    assert len(fake_openai.requests) == 4
    assert sleeps.delays == [0.5, 1.0, 2.0]
    assert reply.text.startswith(FALLBACK)
    assert [c.document for c in reply.citations] == ["doc-warmup", "doc-water"]


async def test_a_client_error_is_not_retried(
    fake_openai: FakeOpenAI, session: aiohttp.ClientSession
) -> None:
    fake_openai.faults.append(Fault(401))
    reply = await client(fake_openai, session, Sleeps()).reply(Prompt(PERSONA, "warm up?"))
    assert len(fake_openai.requests) == 1
    assert reply.text == FALLBACK and reply.citations == ()


async def test_a_timeout_is_retried_and_then_falls_back(
    fake_openai: FakeOpenAI, session: aiohttp.ClientSession
) -> None:
    fake_openai.faults.extend([Fault(delay_s=5), Fault(delay_s=5)])
    sleeps = Sleeps()
    llm = client(fake_openai, session, sleeps, timeout_s=0.2, max_retries=1)
    failed = await llm.reply(Prompt(PERSONA, "warm up?", (WARMUP,)))
    recovered = await llm.reply(Prompt(PERSONA, "warm up?", (WARMUP,)))

    assert len(fake_openai.requests) == 3
    assert failed.text.startswith(FALLBACK)
    assert recovered.text.startswith("Warm up for ten minutes")


async def test_the_api_key_is_never_logged(
    fake_openai: FakeOpenAI, session: aiohttp.ClientSession, caplog: pytest.LogCaptureFixture
) -> None:
    fake_openai.faults.extend([Fault(500)] * 3)
    with caplog.at_level(logging.DEBUG):
        await client(fake_openai, session, Sleeps(), max_retries=2).reply(
            Prompt(PERSONA, "warm up?")
        )
    assert caplog.records, "the failure should have been logged"
    assert SECRET not in caplog.text
    assert SECRET not in repr(ChatConfig(base_url="x", model="m", api_key=SECRET))


# --- choosing a bot's LLM, end to end through the engine ---------------------------------------


async def test_a_bot_configured_for_openai_uses_its_encrypted_key_end_to_end(
    db: str, fake_openai: FakeOpenAI
) -> None:
    creator = await Creator.create(email="ada@example.com", password_hash="x")
    bot = await Bot.create(
        creator=creator,
        slug="ada",
        name="Ada",
        status=BotStatus.PUBLISHED,
        persona_name="Coach Ada",
        llm_api_key=SECRET,
        settings={"llm": {"provider": "openai", "base_url": fake_openai.base_url, "model": "m1"}},
    )
    kb = await KnowledgeBase.create(creator=creator, name="notes")
    await bot.knowledge_bases.add(kb)
    retriever = FakeRetriever({kb.id: [WARMUP]})
    (raw,) = await connections.get("default").execute_query_dict("SELECT llm_api_key FROM bot")
    assert raw["llm_api_key"].startswith("enc:") and SECRET not in raw["llm_api_key"]

    chooser = LLMChooser(LLMSettings(api_key="sk-default"))  # type: ignore[arg-type]
    engine = Engine(retriever=retriever, llm_for=chooser)
    try:
        first = await engine.handle(InboundMessage(ChannelName.WEB, "ada", "u1", "q1", "warm up?"))
        await engine.handle(InboundMessage(ChannelName.WEB, "ada", "u1", "q2", "and after?"))
    finally:
        await chooser.aclose()

    assert first.replies[0].citations[0].document == "doc-warmup"
    assert [r.headers["Authorization"] for r in fake_openai.requests] == [f"Bearer {SECRET}"] * 2
    assert {r.body["model"] for r in fake_openai.requests} == {"m1"}
    second = fake_openai.requests[1].body["messages"]
    assert [(m["role"], m["content"].split("\n")[0]) for m in second[1:]] == [
        ("user", "warm up?"),
        ("assistant", "Warm up for ten minutes [1]."),
        ("user", "and after?"),
    ]


async def test_bots_default_to_the_offline_responder() -> None:
    chooser = LLMChooser(LLMSettings())
    assert isinstance(chooser(Bot(slug="x", name="x", settings={})), GroundedResponder)
    openai_bot = Bot(slug="y", name="y", settings={"llm": {"provider": "openai"}})
    assert isinstance(chooser(openai_bot), OpenAICompatibleLLM)
    await chooser.aclose()


if __name__ == "__main__":
    split = scifact_split(Path(__file__).resolve().parents[3] / "shared")
    for step in range(20, 65, 5):
        answered, refused = rates(split, step / 100)
        print(
            f"threshold {step / 100:.2f}: answers {answered:.2f} of answerable claims, "
            f"refuses {refused:.2f} of unanswerable, balanced {(answered + refused) / 2:.3f}"
        )
