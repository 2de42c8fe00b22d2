"""Translations: English, German and French, following the system language unless the owner chose one.

Sources are Qt Linguist ``.ts`` files in ``resources/translations/`` (updated and compiled by
``resources/translations/build_translations.py``); the compiled ``.qm`` files ship with the app.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from app.core import i18n as core_i18n
from app.resources import translation_path

log = logging.getLogger(__name__)

SUPPORTED = ("en", "de", "fr")


def choose_language(preferred: str = "", system: QLocale | None = None) -> str:
    """The owner's choice, else the system language if we have it, else English."""
    if preferred in SUPPORTED:
        return preferred
    for name in (system or QLocale.system()).uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in SUPPORTED:
            return code
    return "en"


def install(app: QApplication, preferred: str = "") -> str:
    """Load Closeout's and Qt's own translations for the chosen language; returns its code."""
    language = choose_language(preferred)
    translators = []
    ours = QTranslator(app)
    path = translation_path(language)
    if ours.load(str(path)):
        translators.append(ours)
    else:
        log.warning("no translation file %s", path)
    if language != "en":
        qt = QTranslator(app)  # Qt's standard buttons (OK, Cancel, Save...)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(QLocale(language), "qtbase", "_", qt_dir):
            translators.append(qt)
    for translator in translators:
        app.installTranslator(translator)
    app._closeout_translators = translators  # keep them alive
    QLocale.setDefault(QLocale(language))
    core_i18n.set_language(language)  # the core's sentences (engine, providers) and numbers, same language
    log.info("language: %s", language)
    return language
