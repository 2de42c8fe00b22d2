"""Words and numbers of the core in the user's language: standard gettext catalogs, no Qt.

The core's sentences (engine outcomes, the reasons Closeout phrases for a provider's answer, the open
batch, the CLI's words) are marked ``_("...")`` / ``ngettext(...)``; ``N_()`` marks text kept in a table and
translated where it is used. Catalogs are ``resources/locale/<lang>/LC_MESSAGES/closeout.po``, compiled to
``.mo`` by ``resources/locale/build_catalogs.py`` (GNU gettext's xgettext, msgmerge, msgfmt) and read with
Python's ``gettext``. The provider's own code and text are never translated: they stay verbatim beside.

The window sets the language it shows (Settings, else the system's); the CLI follows Settings, else the
system locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``).
"""

from __future__ import annotations

import gettext
import os
from datetime import date
from decimal import Decimal
from pathlib import Path

DOMAIN = "closeout"
SUPPORTED = ("en", "de", "fr")

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def locale_dir() -> Path:
    from app.resources import resources_dir

    return resources_dir() / "locale"


def system_language() -> str:
    """The language of the system locale when Closeout speaks it, else English."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):  # POSIX: the first one set decides ("C" is English)
        value = os.environ.get(variable, "")
        if value:
            code = value.split(".")[0].split("_")[0].split("-")[0].lower()
            return code if code in SUPPORTED else "en"
    return "en"


def set_language(code: str) -> str:
    """Speak ``code`` (en, de, fr; anything else is English) from now on; returns the language set."""
    global _translation, _language
    code = code if code in SUPPORTED else "en"
    _translation = gettext.translation(DOMAIN, str(locale_dir()), languages=[code], fallback=True)
    _language = code
    return code


def language() -> str:
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark text for the catalog without translating it here (it is translated where it is shown)."""
    return message


# Grouping and decimal marks by language: 1,050.44 / 1.050,44 / 1 050,44 (narrow no-break space).
_MARKS = {"en": (",", "."), "de": (".", ","), "fr": ("\u202f", ",")}


def format_decimal(value: float | Decimal, places: int, *, grouped: bool = True) -> str:
    """``value`` with ``places`` decimals in the current language's marks (grouped for reading)."""
    text = f"{value:,.{places}f}" if grouped else f"{value:.{places}f}"
    group, point = _MARKS.get(_language, _MARKS["en"])
    return text.replace(",", "\0").replace(".", point).replace("\0", group if grouped else "")


# Dates by language: 2026-12-01 / 01.12.2026 / 01/12/2026 (files and CSV keep ISO dates: machines read them).
_DATES = {"en": "%Y-%m-%d", "de": "%d.%m.%Y", "fr": "%d/%m/%Y"}


def format_date(day: date) -> str:
    """A ``date`` (or ``datetime``'s date) as people of the current language write it."""
    return day.strftime(date_format())


def date_format() -> str:
    """The current language's ``strftime`` pattern for dates (the window's date fields show the same)."""
    return _DATES.get(_language, _DATES["en"])
