"""Settings: environment and .env, nested sections, one-line errors, the secret key rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import SettingsError
from bot.settings import load_settings


def test_defaults_are_embedded_and_local(clean_env: Path) -> None:
    settings = load_settings()
    assert settings.db_url == "sqlite://data/parley.sqlite3"
    assert (settings.host, settings.port) == ("127.0.0.1", 8080)
    assert settings.telegram.api_base == "https://api.telegram.org"
    assert settings.chroma_path == Path("data/chroma")


def test_environment_and_nested_sections(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARLEY_DATABASE_URL", "postgres://u@127.0.0.1:5432/x")
    monkeypatch.setenv("PARLEY_TELEGRAM__API_BASE", "http://127.0.0.1:9999")
    monkeypatch.setenv("PARLEY_LOG_LEVEL", "debug")
    settings = load_settings()
    assert settings.db_url == "postgres://u@127.0.0.1:5432/x"
    assert settings.telegram.api_base == "http://127.0.0.1:9999"
    assert settings.log_level == "DEBUG"


def test_dotenv_file_is_read(clean_env: Path) -> None:
    (clean_env / ".env").write_text(
        "PARLEY_PORT=9090\nPARLEY_PUBLIC_URL=https://chat.example.com/\n"
    )
    settings = load_settings()
    assert settings.port == 9090
    assert settings.public_url == "https://chat.example.com"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("PARLEY_PORT", "eighty", "PARLEY_PORT: Input should be a valid integer"),
        ("PARLEY_PORT", "70000", "PARLEY_PORT: Input should be less than or equal to 65535"),
        ("PARLEY_DATABASE_URL", "mysql://x", "PARLEY_DATABASE_URL: Value error, must start with"),
        ("PARLEY_LOG_LEVEL", "LOUD", "PARLEY_LOG_LEVEL: Input should be 'DEBUG'"),
        (
            "PARLEY_PUBLIC_URL",
            "chat.example.com",
            "PARLEY_PUBLIC_URL: Value error, must be an http",
        ),
        ("PARLEY_RAG__TOP_K", "many", "PARLEY_RAG__TOP_K: Input should be a valid integer"),
    ],
)
def test_bad_values_fail_with_one_line_naming_the_variable(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, name: str, value: str, message: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_secret_key_required_in_production(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARLEY_ENV", "production")
    with pytest.raises(SettingsError, match="PARLEY_SECRET_KEY: missing"):
        load_settings().secret_keys()
    monkeypatch.setenv("PARLEY_SECRET_KEY", "k1")
    monkeypatch.setenv("PARLEY_OLD_SECRET_KEYS", '["k0"]')
    assert load_settings().secret_keys() == ["k1", "k0"]


def test_dev_mode_generates_and_keeps_a_private_key(clean_env: Path) -> None:
    first = load_settings().secret_keys()
    again = load_settings().secret_keys()
    key_file = clean_env / "data" / "secret.key"
    assert first == again and len(first[0]) >= 32
    assert key_file.stat().st_mode & 0o777 == 0o600
