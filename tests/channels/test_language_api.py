"""Creator API for languages: a bot's text overrides, its knowledge base's embedder choice."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.auth import issue_api_key
from bot.rag.embedding import E5_NAME, HashingEmbedder
from models import Bot, Document, DocumentChunk, ProcessingStatus
from tests import factories
from tests.channels.conftest import Running, start
from tests.channels.test_knowledge_uploads import drain


@pytest.fixture
async def api(
    db: str, tmp_path: Path
) -> AsyncIterator[tuple[Running, dict[str, str], dict[str, str]]]:
    async for running in start(db, tmp_path):
        write = await issue_api_key(running.creator, ["read", "write"])
        read = await issue_api_key(running.creator, ["read"])
        yield (
            running,
            {"Authorization": f"Bearer {write.token}"},
            {"Authorization": f"Bearer {read.token}"},
        )


async def test_text_overrides_are_validated_stored_and_scoped(
    api: tuple[Running, dict[str, str], dict[str, str]],
) -> None:
    running, write, read = api
    client = running.client
    shown = await (await client.get("/api/v1/bots/guide/texts", headers=read)).json()
    assert shown["texts"] == {} and "dont_know" in shown["keys"]
    assert {"en", "es", "pt", "fr", "de", "hi", "ar", "id"} <= set(shown["languages"])

    bad = await client.put(
        "/api/v1/bots/guide/texts", json={"texts": {"dont_know": {"es": "No sé."}}}, headers=write
    )
    assert bad.status == 400 and "{name}" in (await bad.json())["error"]["message"]
    unknown = await client.put(
        "/api/v1/bots/guide/texts", json={"texts": {"nope": {"es": "x"}}}, headers=write
    )
    assert (
        unknown.status == 400 and "unknown text key" in (await unknown.json())["error"]["message"]
    )
    refused = await client.put("/api/v1/bots/guide/texts", json={"texts": {}}, headers=read)
    assert refused.status == 403

    texts = {"dont_know": {"pt_br": "Não sei isso, fale com {name}.", "*": "Ask {name}."}}
    saved = await client.put("/api/v1/bots/guide/texts", json={"texts": texts}, headers=write)
    assert saved.status == 200
    expected = {"dont_know": {"pt-BR": "Não sei isso, fale com {name}.", "*": "Ask {name}."}}
    assert (await saved.json())["texts"] == expected
    bot = await Bot.get(slug="guide")
    assert bot.settings["texts"] == expected

    other = await factories.bot(await factories.creator(), "elsewhere")
    hidden = await client.put(f"/api/v1/bots/{other.slug}/texts", json={"texts": {}}, headers=write)
    assert hidden.status == 404


@pytest.mark.slow
async def test_choosing_the_multilingual_embedder_reindexes_in_the_background(
    api: tuple[Running, dict[str, str], dict[str, str]],
) -> None:
    running, write, read = api
    client = running.client
    before = await (await client.get("/api/v1/bots/guide/knowledge", headers=read)).json()
    assert before == {
        "embedder": "auto", "embedding_model": HashingEmbedder.name, "reindexing": False,
        "documents": 1,
    }  # fmt: skip
    bad = await client.put("/api/v1/bots/guide/knowledge", json={"embedder": "w2v"}, headers=write)
    assert bad.status == 400 and "embedder" in (await bad.json())["error"]["message"]

    changed = await client.put(
        "/api/v1/bots/guide/knowledge", json={"embedder": "multilingual"}, headers=write
    )
    assert changed.status == 202
    assert (await changed.json())["embedder"] == "multilingual"
    await running.services.knowledge.reindexer.wait()
    after = await (await client.get("/api/v1/bots/guide/knowledge", headers=read)).json()
    assert (after["embedding_model"], after["reindexing"]) == (E5_NAME, False)
    assert set(await DocumentChunk.all().values_list("embedding_model", flat=True)) == {E5_NAME}
    reply = await client.post(
        "/api/v1/bots/guide/documents", json={"text": "Quiet hours can be changed per bot."},
        headers=write,
    )  # fmt: skip
    assert reply.status == 202
    await drain(running)
    added = await Document.get(id=(await reply.json())["document"]["id"])
    assert added.processing_status == ProcessingStatus.READY  # indexed with the new model
    assert set(await DocumentChunk.all().values_list("embedding_model", flat=True)) == {E5_NAME}
