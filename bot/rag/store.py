"""The ChromaDB side: the client from settings and one cosine collection per knowledge base."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import UUID

from bot.errors import SettingsError
from bot.settings import ChromaSettings

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

    from bot.rag.embedding import Vectors

ADD_BATCH = 1000  # stays well below Chroma's max batch size
TOKEN_HEADER = "X-Chroma-Token"  # what deploy/nginx/chroma.conf.template checks


def chroma_client(settings: ChromaSettings, path: Path) -> ClientAPI:
    """Embedded `PersistentClient(path)` by default, `HttpClient` when mode == "http"."""
    import chromadb
    from chromadb.config import Settings as ChromaClientSettings

    options = ChromaClientSettings(anonymized_telemetry=False)
    if settings.mode == "http":
        token = settings.token.get_secret_value() if settings.token else None
        headers = {TOKEN_HEADER: token} if token else None
        try:
            return chromadb.HttpClient(
                host=settings.host,
                port=settings.port,
                ssl=settings.ssl,
                headers=headers,
                settings=options,
            )
        except ValueError as exc:  # raised when the server cannot be reached
            raise SettingsError(
                f"PARLEY_CHROMA__HOST/PORT: no Chroma server at {settings.host}:{settings.port} "
                f"({exc})"
            ) from None
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=options)


def collection_name(knowledge_base_id: UUID, model_name: str) -> str:
    """Per knowledge base and embedding model, so a re-index builds beside the live one."""
    model_tag = hashlib.sha1(model_name.encode()).hexdigest()[:8]
    return f"kb_{knowledge_base_id.hex}_{model_tag}"


class ChunkStore:
    """Vectors of chunks in Chroma. Every method blocks: call it through `asyncio.to_thread`."""

    def __init__(self, client: ClientAPI) -> None:
        self.client = client
        self._collections: dict[str, Collection] = {}
        self._lock = threading.Lock()

    def collection(self, name: str) -> Collection:
        with self._lock:
            if name not in self._collections:
                # embedding_function=None: we always pass vectors, nothing is ever downloaded.
                self._collections[name] = self.client.get_or_create_collection(
                    name, configuration={"hnsw": {"space": "cosine"}}, embedding_function=None
                )
            return self._collections[name]

    def add(
        self, name: str, ids: Sequence[str], vectors: Vectors, metadatas: Sequence[dict[str, Any]]
    ) -> None:
        collection = self.collection(name)
        for start in range(0, len(ids), ADD_BATCH):
            end = start + ADD_BATCH
            collection.upsert(
                ids=list(ids[start:end]),
                embeddings=vectors[start:end],
                metadatas=list(metadatas[start:end]),
            )

    def delete(self, name: str, ids: Sequence[str]) -> None:
        if ids:
            self.collection(name).delete(ids=list(ids))

    def query(self, name: str, vector: Vectors, n: int) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) of the `n` nearest chunks, best first."""
        collection = self.collection(name)
        result = collection.query(
            query_embeddings=vector[None, :], n_results=n, include=["distances"]
        )
        distances = (result["distances"] or [[]])[0]
        return [(id_, 1.0 - float(d)) for id_, d in zip(result["ids"][0], distances, strict=True)]

    def vectors(self, name: str, ids: Sequence[str]) -> tuple[list[str], Vectors]:
        """The stored vectors of these chunks (ids without one are left out), in batches."""
        import numpy as np

        collection = self.collection(name)
        found: list[str] = []
        parts: list[Vectors] = []
        for start in range(0, len(ids), ADD_BATCH):
            got = collection.get(ids=list(ids[start : start + ADD_BATCH]), include=["embeddings"])
            embeddings = got["embeddings"]
            if embeddings is not None and len(embeddings):
                found += got["ids"]
                parts.append(np.asarray(embeddings, dtype=np.float32))
        return found, np.concatenate(parts) if parts else np.zeros((0, 0), dtype=np.float32)

    def count(self, name: str) -> int:
        return self.collection(name).count()

    def drop(self, name: str) -> None:
        with self._lock:
            self._collections.pop(name, None)
        from chromadb.errors import NotFoundError

        try:
            self.client.delete_collection(name)
        except NotFoundError:
            return
