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


def test_a_terminals_settings_are_checked_in_german(german):
    from app.core.validation import validate_fields

    with pytest.raises(ValidationError) as caught:
        validate_fields(saferpay.FIELDS, {"customer_id": "", "terminal_id": "12341234"}, saferpay.LABEL)
    assert caught.value.message == "fehlt: geben Sie Kunden-ID ein."
    with pytest.raises(ValidationError) as caught:
        validate_fields(saferpay.FIELDS, {"colour": "red"}, saferpay.LABEL)
    assert caught.value.message == "ist keine Einstellung von Saferpay-Terminals."
    environment = next(f for f in saferpay.FIELDS if f.key == "environment")
    with pytest.raises(ValidationError) as caught:
        environment.validate("environment", "prod")
    assert caught.value.message == "muss einer dieser Werte sein: test, live."


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


def test_every_providers_copy_is_marked_and_translated():
    """The providers' copy for people (intros, labels, help, placeholders, choice words) is in the catalogs."""
    import gettext

    from app.core import providers

    catalogs = {
        lang: gettext.translation(i18n.DOMAIN, str(i18n.locale_dir()), languages=[lang])._catalog  # type: ignore[attr-defined]
        for lang in ("de", "fr")
    }
    texts = []
    for provider in providers.PROVIDERS.values():
        texts += [provider.HELP, provider.IMPORT_HELP, provider.SECRET_LABEL]
        for field in provider.FIELDS:
            texts += [field.label, field.help, field.placeholder, field.empty_choice]
            texts += [words for _value, words in field.choice_labels]
    missing = [(lang, text) for text in texts if text for lang, catalog in catalogs.items() if not catalog.get(text)]
    assert not missing, missing
    assert all(provider.HELP for provider in providers.PROVIDERS.values())


def test_a_providers_copy_is_shown_in_german(german):
    field = next(f for f in saferpay.FIELDS if f.key == "customer_id")
    assert i18n._(field.label) == "Kunden-ID"
    assert i18n._(field.placeholder) == "1 bis 8 Ziffern, z. B. 123456"
    i18n.set_language("fr")
    assert i18n._(saferpay.SECRET_LABEL) == "mot de passe JSON API"  # used inside sentences: the form capitalises


@pytest.mark.parametrize(
    "environ, expected",
    [
        ({"LANG": "de_CH.UTF-8"}, "de"),
        ({"LC_ALL": "fr_FR.UTF-8", "LANG": "de_DE"}, "fr"),
        ({"LANG": "it_IT.UTF-8"}, "en"),
        ({"LC_ALL": "C.UTF-8", "LANG": "de_DE"}, "en"),
        ({}, "en"),
    ],
)
def test_the_cli_language_follows_the_system_locale(monkeypatch, environ, expected):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    assert i18n.system_language() == expected


def test_names_plans_settles_and_history_speak_german(german, tmp_path):
    """The core's own sentences (name checks, the close plan, duplicates, settling, stopped closes) in German;
    names and numbers stay as they were given."""
    from datetime import datetime, timedelta, timezone

    from app.core import service
    from app.core.history import History
    from app.core.terminals import new_terminal, validate_name

    with pytest.raises(ValidationError) as caught:
        validate_name("  ")
    assert caught.value.message == "fehlt: geben Sie dem Terminal einen Namen, z. B. 'Kasse 1'."
    with pytest.raises(ValidationError) as caught:
        validate_name("Kasse\u202e1")
    assert "(U+202E)" in caught.value.message and caught.value.message.startswith("enthält ein unsichtbares")

    history = History(tmp_path / "history.db")
    settings = {"customer_id": "1", "terminal_id": "12345678", "username": "u", "environment": "test"}
    a, twin, b = (
        new_terminal(name, "saferpay", dict(settings, terminal_id=tid))
        for name, tid in (("Kasse", "12345678"), ("Kasse alt", "12345678"), ("Bar", "87654321"))
    )
    for t in (a, b):
        history.add_terminal(t)
    assert service.duplicates_notice([a, twin]) == (
        "Einige Einträge sind dasselbe physische Terminal: 'Kasse' = 'Kasse alt'. Jedes wird pro Lauf einmal "
        "abgeschlossen; entfernen Sie die überzähligen Einträge."
    )
    now = datetime.now(timezone.utc)
    history.finish_close(history.start_close(a, "test", "req-1"), "closed", message="ok")
    history.finish_close(history.start_close(b, "test", "req-2", started_at=now + timedelta(hours=2)), "closed")
    plan = service.plan_close(history, [a, twin, b], now=now)
    said = {s.terminal.name: s.message for s in plan.skip}
    assert said["Kasse"].startswith("An diesem Geschäftstag bereits um ")
    assert said["Kasse alt"] == "Dasselbe physische Terminal wie 'Kasse'; wird einmal abgeschlossen."
    assert said["Bar"].startswith("Die Uhr dieses PCs scheint falsch zu gehen")
    assert service.settle_refusal(1, history.close_row(1)) == (
        "Abschluss 1 ist abgeschlossen, nicht ungewiss; es gibt nichts zu klären."
    )
    assert service.settle_refusal(99, None).startswith("Es gibt keinen Abschluss Nummer 99 im Verlauf.")

    doubt = history.start_close(b, "test", "req-3")
    history.finish_close(doubt, "in_doubt", message="lost")
    settled = service.settle(history, doubt, closed=False, note="Backoffice", by="Anna")
    assert settled.message == (
        "Von Anna nach Rückfrage beim Anbieter als nicht abgeschlossen markiert. Notiz: Backoffice"
    )
    stopped = history.start_close(b, "test", "req-4")  # cut off before any attempt left: nothing was sent
    assert history.finish_unfinished() == 1
    assert history.close_row(stopped).message == (
        "Closeout wurde beendet, bevor dieser Abschluss gesendet wurde; nichts hat den Anbieter erreicht."
    )
    history.close()
