"""`Settings`: the one configuration object, read from PARLEY_* variables and `.env`."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.errors import SettingsError

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]


class TelegramSettings(BaseModel):
    api_base: str = "https://api.telegram.org"
    send_per_second: float = 30.0
    send_per_chat_per_second: float = 1.0


class TwilioSettings(BaseModel):
    api_base: str = "https://api.twilio.com"


class ChromaSettings(BaseModel):
    mode: Literal["embedded", "http"] = "embedded"
    path: Path | None = None
    host: str = "127.0.0.1"
    port: int = 8000


class LLMSettings(BaseModel):
    provider: str = "offline"  # a name in bot.llm.providers.PROVIDERS (checked by LLMChooser)
    base_url: str = "http://127.0.0.1:11434/v1"
    model: str = "llama3.1"
    api_key: SecretStr | None = None
    timeout_s: float = 30.0
    max_retries: int = 3


class RagSettings(BaseModel):
    embedder: Literal["minilm", "hashing"] = "minilm"
    top_k: int = 5
    candidates: int = 30
    dense_weight: float = 1.0
    sparse_weight: float = 1.0
    rrf_k: int = 60
    chunk_tokens: int = 200
    chunk_overlap: int = 40
    url_max_bytes: int = 5_000_000
    url_timeout_s: float = 15.0


class WidgetSettings(BaseModel):
    max_text_chars: int = 4000
    session_per_minute: int = 30
    ip_per_minute: int = 120


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
    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=1, le=65535)
    public_url: str = "http://127.0.0.1:8080"
    secret_key: SecretStr | None = None
    old_secret_keys: list[SecretStr] = []
    log_level: LogLevel = "INFO"
    telegram: TelegramSettings = TelegramSettings()
    twilio: TwilioSettings = TwilioSettings()
    chroma: ChromaSettings = ChromaSettings()
    llm: LLMSettings = LLMSettings()
    rag: RagSettings = RagSettings()
    widget: WidgetSettings = WidgetSettings()
    # sections of channels added later, by channel name (PARLEY_CHANNELS__<NAME>__<KEY>); each
    # channel validates its own with its settings model
    channels: dict[str, dict[str, Any]] = {}

    @field_validator("database_url")
    @classmethod
    def _known_scheme(cls, value: str) -> str:
        if value and value.split(":", 1)[0] not in {"sqlite", "postgres", "postgresql", "asyncpg"}:
            raise ValueError("must start with sqlite:// or postgres://")
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
