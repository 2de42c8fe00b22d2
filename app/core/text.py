"""Text from outside is text: provider answers, terminal names, anything Closeout did not write itself.

Such text may carry terminal escape sequences (ESC [ ... colours, cursor moves, an OSC 8 link, a
title change), a bell, bidi overrides that show "lanimret" for "terminal", or line breaks that
forge an extra log line or an extra CSV row. :func:`clean` makes it one plain line before it
reaches a terminal, a log line, a CSV or a PDF. The raw answer itself stays in the history's data
for support; only what is shown is cleaned.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Iterable, TextIO

# Whole escape sequences first, so "ESC[31mred" becomes "red", not "[31mred":
# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), other two-character escapes (ESC x), and the
# 8-bit C1 forms of CSI (U+009B) and OSC (U+009D).
_SEQUENCES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
)
# Line breaks of every kind become a space; every other control character goes.
_BREAKS = re.compile(r"[\t\n\v\f\r\x1c-\x1e\x85\u2028\u2029]+")
# C0 and DEL, C1, and the invisible bidi controls (embeddings, overrides, isolates, marks).
CONTROL_CHARS = "\x00-\x08\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROLS = re.compile(f"[{CONTROL_CHARS}]")


def clean(value: Any) -> str:
    """``value`` as one line of plain text: escape sequences and control characters removed, line
    breaks and tabs turned into single spaces. None is the empty string."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if text.isprintable():  # the common case: nothing to do (printable excludes every character above)
        return text
    text = _SEQUENCES.sub("", text)
    text = _BREAKS.sub(" ", text)
    return _CONTROLS.sub("", text)


def clean_lines(text: str) -> str:
    """Like :func:`clean` for text that may span lines (what the CLI prints): newlines are kept."""
    if text.isprintable():
        return text
    return "\n".join(clean(line) for line in text.split("\n"))


def name_key(name: str) -> str:
    """What makes two names the same name: Unicode case folding of the NFC form ("Straße" is "STRASSE")."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name.strip()).casefold())


def has_controls(text: str) -> bool:
    """True when ``text`` holds anything :func:`clean` would change, apart from plain spaces."""
    return clean(text) != text


class CleanStream:
    """A text stream that passes everything written through :func:`clean_lines`.

    The CLI writes through it: whatever a provider or an old database row says, no escape
    sequence or bidi override reaches the user's terminal. JSON output is unaffected (``json.dumps``
    escapes control characters itself).
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(clean_lines(text))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:  # flush, fileno, isatty, encoding, buffer ...
        return getattr(self._stream, name)
