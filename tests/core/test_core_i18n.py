"""The core's words and numbers in the user's language (gettext catalogs, no Qt)."""

from __future__ import annotations

import pytest

from app.core import i18n
from app.core.providers import saferpay
from app.core.report import format_amount
from app.core.validation import ValidationError


@pytest.fixture
def german():
    i18n.set_language("de")
    yield
    i18n.set_language("en")


def test_validation_messages_are_german(german):
    field = next(f for f in saferpay.FIELDS if f.key == "terminal_id")
    with pytest.raises(ValidationError) as caught:
        field.validate("terminal_id", "1234567")
    assert caught.value.message == "'1234567' ist ungültig: erwartet wird genau 8 Ziffern, z. B. 12341234."


def test_amounts_follow_the_language(german):
    assert format_amount(105044, "EUR") == "1.050,44"
    assert format_amount(105044, "EUR", grouped=False) == "1050.44"  # spreadsheets read a plain point
    i18n.set_language("fr")
    assert format_amount(105044, "EUR") == "1\u202f050,44"
    i18n.set_language("en")
    assert format_amount(105044, "EUR") == "1,050.44"


def test_every_catalog_message_is_translated_and_keeps_its_placeholders():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "resources" / "locale"
    for lang in ("de", "fr"):
        text = (root / lang / "LC_MESSAGES" / "closeout.po").read_text(encoding="utf-8")
        for block in text.split("\n\n")[1:]:
            ids = re.findall(r'^msgid(?:_plural)? "(.*)"$', block, re.M)
            strs = re.findall(r'^msgstr(?:\[\d\])? "(.*)"$', block, re.M)
            assert ids and all(strs), f"{lang}: untranslated {ids}"
            wanted = set(re.findall(r"\{[a-z_]+\}", ids[0]))
            for translated in strs:
                assert set(re.findall(r"\{[a-z_]+\}", translated)) == wanted, (lang, ids[0], translated)


@pytest.mark.parametrize("environ, expected", [
    ({"LANG": "de_CH.UTF-8"}, "de"), ({"LC_ALL": "fr_FR.UTF-8", "LANG": "de_DE"}, "fr"),
    ({"LANG": "it_IT.UTF-8"}, "en"), ({"LC_ALL": "C.UTF-8", "LANG": "de_DE"}, "en"), ({}, "en"),
])
def test_the_cli_language_follows_the_system_locale(monkeypatch, environ, expected):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    assert i18n.system_language() == expected
