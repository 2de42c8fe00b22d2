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


# -- the shipped translations --------------------------------------------------------------------

import re  # noqa: E402
import xml.etree.ElementTree as ET  # noqa: E402

import pytest  # noqa: E402

TRANSLATED = ("de", "fr")  # every message must be finished; English uses the source text except for plurals


def _translator(language: str) -> QTranslator:
    translator = QTranslator()
    path = resources_dir() / "translations" / f"closeout_{language}.qm"
    assert translator.load(str(path)), path
    return translator


def _unfinished(language: str) -> list[str]:
    root = ET.parse(resources_dir() / "translations" / f"closeout_{language}.ts").getroot()
    missing = []
    for context in root.iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            forms = (
                [f.text for f in translation.findall("numerusform")]
                if message.get("numerus") == "yes"
                else [translation.text]
            )
            if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(forms):
                missing.append(f"{context.findtext('name')}: {message.findtext('source')!r}")
    return missing


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated(language):
    missing = _unfinished(language)
    assert not missing, f"{len(missing)} unfinished message(s) in closeout_{language}.ts:\n" + "\n".join(missing)


@pytest.mark.parametrize(
    ("language", "context", "source", "expected"),
    [
        ("de", "MainWindow", "Close a&ll", "A&lle abschließen"),
        ("fr", "MainWindow", "Close a&ll", "Clôturer &tout"),
        ("de", "MainWindow", "No terminals yet", "Noch keine Terminals"),
        ("fr", "SettingsDialog", "Settings", "Paramètres"),
        ("de", "InDoubtDialog", "Closes in doubt", "Ungewisse Abschlüsse"),
        ("fr", "InDoubtDialog", "Closes in doubt", "Clôtures incertaines"),
        ("de", "TerminalDialog", "Edit terminal '{name}'", "Terminal „{name}“ bearbeiten"),
        # translated at run time by helpers lupdate cannot follow: collected by build_translations.py
        ("de", "TerminalTableModel", "never", "nie"),
        ("fr", "HistoryTableModel", "In doubt", "Incertain"),
        ("de", "RemoveTerminal", "&Remove", "&Entfernen"),
        ("de", "ProviderForm", "Automatic", "Automatisch"),
        ("fr", "ProviderForm", "Show {secret}", "Afficher {secret}"),
        ("fr", "ClosingReport", "Closing report", "Rapport de clôture"),
    ],
)
def test_real_strings_translate(qapp, language, context, source, expected):
    assert _translator(language).translate(context, source, None, -1) == expected


@pytest.mark.parametrize(
    ("language", "one", "three"),
    [
        ("en", "Close the batch of 1 terminal?", "Close the batches of 3 terminals?"),
        ("de", "Tagesabschluss für 1 Terminal durchführen?", "Tagesabschluss für 3 Terminals durchführen?"),
        ("fr", "Clôturer le lot de 1 terminal\u00a0?", "Clôturer les lots de 3 terminaux\u00a0?"),
    ],
)
def test_plural_forms(qapp, language, one, three):
    translator = _translator(language)
    source = "Close the batch of %n terminal(s)?"
    # QTranslator gives the chosen form with %n left in; QCoreApplication.translate/tr() fill it in.
    assert translator.translate("ConfirmCloseDialog", source, None, 1).replace("%n", "1") == one
    assert translator.translate("ConfirmCloseDialog", source, None, 3).replace("%n", "3") == three


def test_french_uses_the_singular_for_zero(qapp):
    form = _translator("fr").translate("ImportTerminalsDialog", "%n terminal(s) added.", None, 0)
    assert form == "%n terminal ajouté."


def test_placeholders_and_mnemonics_survive_translation():
    for language in TRANSLATED:
        root = ET.parse(resources_dir() / "translations" / f"closeout_{language}.ts").getroot()
        for message in root.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            forms = [f.text or "" for f in translation.findall("numerusform")] or [translation.text or ""]
            for form in forms:
                where = f"{language}: {source!r} -> {form!r}"
                assert sorted(re.findall(r"\{\w+\}|%n", form)) == sorted(re.findall(r"\{\w+\}|%n", source)), where
                assert form.count("&") == source.count("&"), where


def test_no_message_sends_a_shop_owner_to_the_readme():
    """A shop owner has no README: the window says the thing itself (the scheduling note in Settings did not)."""
    for language in ("en", *TRANSLATED):
        root = ET.parse(resources_dir() / "translations" / f"closeout_{language}.ts").getroot()
        for message in root.iter("message"):
            if message.find("translation").get("type") in ("vanished", "obsolete"):
                continue
            texts = [message.findtext("source") or "", message.findtext("translation") or ""]
            assert not any("README" in text for text in texts), f"{language}: {texts[0]!r}"
