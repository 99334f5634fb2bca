"""Message catalogues: complete in every shipped language, compiled from .po without a build
step, the fallback chain (pt-BR -> pt -> en), and a creator's per-bot overrides."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from babel.messages.pofile import read_po

from bot.i18n.catalogue import (
    LOCALES,
    Texts,
    available,
    catalogue,
    keys,
    placeholders,
    validate_overrides,
)

SHIPPED = {"en", "es", "pt", "fr", "de", "hi", "ar", "id"}


def po_texts(language: str) -> dict[str, str]:
    """key -> text (a plural's first form) as the .po source says, read without compiling."""
    with (LOCALES / language / "LC_MESSAGES" / "parley.po").open("rb") as handle:
        messages = [m for m in read_po(handle) if m.id]
    first = lambda value: value[0] if isinstance(value, tuple) else value  # noqa: E731
    return {str(first(m.id)): str(first(m.string)) for m in messages}


def test_every_shipped_language_has_every_text_with_the_same_placeholders() -> None:
    assert available() >= SHIPPED
    english = catalogue("en")
    assert len(english) >= 40
    for language in available():
        texts = catalogue(language)
        assert set(texts) == set(english), language
        for key, text in texts.items():
            assert text.strip(), (language, key)
            assert placeholders(text) == placeholders(english[key]), (language, key)


def test_translations_are_real_not_copies_of_english() -> None:
    for language in SHIPPED - {"en"}:
        same = [k for k, v in catalogue(language).items() if v == catalogue("en")[k]]
        assert len(same) <= 2, (language, same)  # e.g. "{error}. Try /pause 3d." style lines


def test_compiled_catalogue_matches_the_po_source_and_keeps_right_to_left_text() -> None:
    for language in SHIPPED:
        assert dict(catalogue(language)) == po_texts(language)
    arabic = catalogue("ar")["unknown_command"]
    assert arabic.startswith("لا أعرف الأمر")
    # a left-to-right mark keeps "/help" reading left to right inside the Arabic sentence
    assert "\u200e/help" in arabic


def test_fallback_chain_regional_then_base_then_default() -> None:
    assert Texts.for_language("pt-BR").chain == ("pt-BR", "pt", "en")
    assert Texts.for_language("pt-BR").get("reset") == catalogue("pt")["reset"]
    assert Texts.for_language("pt-BR").language == "pt"
    assert Texts.for_language("sw").get("reset") == catalogue("en")["reset"]
    assert Texts.for_language("").get("not_text") == catalogue("en")["not_text"]
    # the bot's default language comes before English for a learner we have no catalogue for
    spanish_bot = {"default_language": "es"}
    assert (
        Texts.for_language("sw", bot_settings=spanish_bot).get("reset") == catalogue("es")["reset"]
    )


def test_placeholders_are_filled() -> None:
    text = Texts.for_language("de").get("paused_until", title="Yoga", when="Di 3 Mär, 09:00")
    assert text == "Yoga ist bis Di 3 Mär, 09:00 pausiert. Sende /resume, um weiterzumachen."
    with pytest.raises(KeyError):
        Texts().get("no_such_text")


def test_creator_overrides_per_language_and_for_every_language() -> None:
    settings = {
        "texts": {
            "dont_know": {"pt-BR": "Não sei, {name}!", "*": "No idea ({name})."},
            "reset": {"es": "¡Borrón y cuenta nueva!"},
        }
    }
    assert Texts.for_language("pt-BR", bot_settings=settings).get("dont_know", name="A") == (
        "Não sei, A!"
    )
    # no pt override: the creator's text for every language beats our catalogue
    assert Texts.for_language("pt", bot_settings=settings).get("dont_know", name="A") == (
        "No idea (A)."
    )
    assert Texts.for_language("es-MX", bot_settings=settings).get("reset") == (
        "¡Borrón y cuenta nueva!"
    )
    assert Texts.for_language("fr", bot_settings=settings).get("reset") == catalogue("fr")["reset"]


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"no_such": {"es": "x"}}, "unknown text key 'no_such'"),
        ({"reset": {"not a tag": "x"}}, "is not a language tag"),
        ({"dont_know": {"es": "No sé."}}, r"placeholders must be exactly: \{name\}"),
        ({"reset": {"es": "Hola {name}"}}, "placeholders must be exactly: none"),
    ],
)
def test_invalid_overrides_are_refused_with_a_reason(
    overrides: dict[str, dict[str, str]], error: str
) -> None:
    with pytest.raises(ValueError, match=error):
        validate_overrides(overrides)


def test_valid_overrides_are_normalised() -> None:
    cleaned = validate_overrides({"reset": {"pt_br": "Recomeçar!", "*": "Again!", "es": " "}})
    assert cleaned == {"reset": {"pt-BR": "Recomeçar!", "*": "Again!"}}
    assert keys() == set(catalogue("en"))


def test_plural_forms_follow_each_language_rule() -> None:
    english, french = Texts.for_language("en"), Texts.for_language("fr")
    assert english.count("badges_streak", 1, days=1) == "Streak: 1 day"
    assert english.count("badges_streak", 0, days=0) == "Streak: 0 days"
    assert french.count("badges_streak", 0, days=0) == "Série : 0 jour"  # French: 0 is singular
    arabic = Texts.for_language("ar")
    assert arabic.count("badges_streak", 3, days=3).endswith("3 أيام")
    assert arabic.count("badges_streak", 11, days=11).endswith("11 يومًا")


def test_a_bots_first_language_comes_before_english() -> None:
    bot = SimpleNamespace(languages=["es", "en"], settings={})
    assert Texts.for_bot("", bot).get("reset") == catalogue("es")["reset"]
    assert Texts.for_bot("sw", bot).chain == ("sw", "es", "en")
    assert Texts.for_bot("de", bot).get("reset") == catalogue("de")["reset"]
