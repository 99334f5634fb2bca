"""`Settings`: the one configuration object, read from PARLEY_* variables and `.env`."""

from __future__ import annotations

import ipaddress
import secrets
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.errors import SettingsError

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]


class TelegramSettings(BaseModel):
    api_base: str = "https://api.telegram.org"
    # Telegram allows about 30 messages/s per bot, counted where they arrive. Our limiter counts
    # when a send starts, so 10% headroom absorbs the jitter in between (two processes at a
    # 30/s budget put 33 arrivals into one second on the fake Telegram; at 27/s, at most 30).
    send_per_second: float = 27.0
    send_per_chat_per_second: float = 1.0


class TwilioSettings(BaseModel):
    api_base: str = "https://api.twilio.com"
    send_per_second: float = 80.0  # Twilio's default WhatsApp throughput per sender


class ChromaSettings(BaseModel):
    mode: Literal["embedded", "http"] = "embedded"
    path: Path | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    ssl: bool = False
    # Sent as `X-Chroma-Token` to the token-checking proxy in front of a Chroma server (the
    # Chroma 1.x server itself enforces no authentication).
    token: SecretStr | None = None


class WorkerSettings(BaseModel):
    """Which background loops this process runs, and how often (web-only nodes turn them off)."""

    scheduler: bool = True
    outbox: bool = True
    outbox_channels: list[str] = []  # only these channels' rows (empty: every channel)
    scheduler_interval_s: float = Field(default=30.0, gt=0)
    inbox_recovery_interval_s: float = Field(default=30.0, gt=0)
    inbox_recovery_grace_s: float = Field(default=30.0, ge=0)
    inbox_lease_s: float = Field(default=300.0, gt=0)  # a dead process's turn waits this long
    outbox_lease_s: float = Field(default=300.0, gt=0)
    shutdown_grace_s: float = Field(default=20.0, ge=0)


class ClusterSettings(BaseModel):
    """How processes sharing one database find each other (PostgreSQL only)."""

    node_name: str = ""  # defaults to host:pid
    heartbeat_s: float = Field(default=15.0, gt=0)
    push_ack_timeout_s: float = Field(default=2.0, gt=0)


class LLMSettings(BaseModel):
    provider: str = "offline"  # a name in bot.llm.providers.PROVIDERS (checked by LLMChooser)
    base_url: str = "http://127.0.0.1:11434/v1"
    model: str = "llama3.1"
    api_key: SecretStr | None = None
    timeout_s: float = 30.0
    max_retries: int = 3


class RagSettings(BaseModel):
    embedder: Literal["minilm", "hashing"] = "minilm"  # the English (fast) embedder
    multilingual_embedder: Literal["multilingual", "hashing"] = "multilingual"
    knowledge_embedder: Literal["auto", "minilm", "multilingual"] = "auto"  # new KBs' choice
    top_k: int = 5
    candidates: int = 30
    dense_weight: float = 1.0
    sparse_weight: float = 1.0
    rrf_k: int = 60
    fusion: Literal["scores", "ranks"] = "scores"  # normalised scores (measured best) or RRF
    chunk_tokens: int = 200
    chunk_overlap: int = 40
    url_max_bytes: int = 5_000_000
    url_timeout_s: float = 15.0
    # URL ingestion reaches public addresses only, unless explicitly allowed (intranet wikis, tests)
    url_allow_private: bool = False
    url_allow_networks: list[str] = []
    docx_max_uncompressed_bytes: int = 100_000_000
    docx_max_ratio: int = 100
    pdf_max_pages: int = 2_000

    @field_validator("url_allow_networks")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        for network in value:
            ipaddress.ip_network(network)  # ValueError names the bad entry
        return value

    # How long a knowledge base's row (its ingest stamp) is trusted before it is re-read: an
    # ingest by another process (`parley kb add` beside the server) reaches answers within it.
    kb_rows_ttl_s: float = Field(default=5.0, ge=0, le=300)
    # Knowledge bases of up to this many chunks are searched exactly in memory (their vectors
    # held beside the BM25 index: 1.5 MB per 1000 chunks at 384 dimensions), larger ones by
    # Chroma's HNSW index; 0 sends every query to Chroma. See bot/rag/exact.py.
    exact_search_max_chunks: int = Field(default=10_000, ge=0)


class WidgetSettings(BaseModel):
    max_text_chars: int = 4000
    session_per_minute: int = 30
    ip_per_minute: int = 120


class LimitsSettings(BaseModel):
    learner_messages_per_minute: int = Field(default=20, ge=0)  # 0: no limit


class Settings(BaseSettings):
    """Every knob of a Parley process; only the composition root and the CLI create one."""

    model_config = SettingsConfigDict(
        env_prefix="PARLEY_",
        env_nested_delimiter="__",
        env_file=".env",
        extra="ignore",
    )

    env: Literal["dev", "production"] = "dev"
    data_dir: Path = Path("./data")
    database_url: str = ""
    database_replica_url: str = ""  # analytics reads only (metrics API, studio analytics)
    redis_url: str = ""  # shared rate limits across processes
    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=1, le=65535)
    public_url: str = "http://127.0.0.1:8080"
    secret_key: SecretStr | None = None
    old_secret_keys: list[SecretStr] = []
    log_level: LogLevel = "INFO"
    turn_deadline_s: float = Field(default=20.0, gt=0, le=600)  # LLM retries included
    log_format: Literal["text", "json"] = "text"
    metrics_token: SecretStr | None = None  # when set, /metrics asks for it as a bearer token
    telegram: TelegramSettings = TelegramSettings()
    twilio: TwilioSettings = TwilioSettings()
    chroma: ChromaSettings = ChromaSettings()
    llm: LLMSettings = LLMSettings()
    rag: RagSettings = RagSettings()
    widget: WidgetSettings = WidgetSettings()
    workers: WorkerSettings = WorkerSettings()
    cluster: ClusterSettings = ClusterSettings()
    limits: LimitsSettings = LimitsSettings()
    # sections of channels added later, by channel name (PARLEY_CHANNELS__<NAME>__<KEY>); each
    # channel validates its own with its settings model
    channels: dict[str, dict[str, Any]] = {}
    # PostgreSQL row-level security on tenant tables for API requests (models/rls.py)
    row_level_security: bool = False

    @field_validator("database_url", "database_replica_url")
    @classmethod
    def _known_scheme(cls, value: str) -> str:
        if value and value.split(":", 1)[0] not in {"sqlite", "postgres", "postgresql", "asyncpg"}:
            raise ValueError("must start with sqlite:// or postgres://")
        return value

    @field_validator("redis_url")
    @classmethod
    def _redis_scheme(cls, value: str) -> str:
        if value and value.split(":", 1)[0] not in {"redis", "rediss", "unix"}:
            raise ValueError("must start with redis:// or rediss://")
        return value

    @field_validator("public_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// URL")
        return value.rstrip("/")

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite://{self.data_dir / 'parley.sqlite3'}"

    @property
    def chroma_path(self) -> Path:
        return self.chroma.path or self.data_dir / "chroma"

    def secret_keys(self) -> list[str]:
        """Encryption keys, newest first; in dev mode a key is generated once under data_dir."""
        keys = [k.get_secret_value() for k in [self.secret_key, *self.old_secret_keys] if k]
        if self.secret_key is not None:
            return keys
        if self.env != "dev":
            raise SettingsError(
                "PARLEY_SECRET_KEY: missing; it encrypts channel tokens at rest and is required "
                "when PARLEY_ENV=production"
            )
        return [dev_secret_key(self.data_dir), *keys]


def dev_secret_key(data_dir: Path) -> str:
    """Read (or create, mode 0600) the development key kept under the data directory."""
    path = data_dir / "secret.key"
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(32)
    path.touch(mode=0o600)
    path.write_text(key)
    return key


def describe_error(error: ValidationError) -> str:
    """One line naming the first bad variable and what is wrong with it."""
    first = error.errors()[0]
    name = "PARLEY_" + "__".join(str(p).upper() for p in first["loc"])
    value = first.get("input")
    shown = "" if isinstance(value, dict) or first["type"] == "missing" else f" (got {value!r})"
    return f"{name}: {first['msg']}{shown}"


def load_settings(**overrides: object) -> Settings:
    """Build `Settings` from the environment or fail with one clear line."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise SettingsError(describe_error(exc)) from None
