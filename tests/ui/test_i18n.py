"""Language choice and the shipped translation files."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QTranslator

from app.resources import resources_dir
from app.ui.i18n import SUPPORTED, choose_language


def test_choice_follows_override_then_system_then_english():
    assert choose_language("fr", QLocale("de_CH")) == "fr"
    assert choose_language("", QLocale("de_CH")) == "de"
    assert choose_language("", QLocale("fr_BE")) == "fr"
    assert choose_language("", QLocale("it_IT")) == "en"


def test_every_language_has_a_loadable_compiled_file(qapp):
    for language in SUPPORTED:
        path = resources_dir() / "translations" / f"closeout_{language}.qm"
        assert path.exists(), path
        assert QTranslator().load(str(path)), path
