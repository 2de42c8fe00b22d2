"""The one way Closeout writes CSV: every cell is plain text that no spreadsheet runs as a formula.

Spreadsheet programs run a cell that begins with ``=``, ``+``, ``-`` or ``@`` as a formula (and a
leading tab or carriage return can hide one), so a provider message such as
``=HYPERLINK("http://evil", "Click")`` in an export would become a live link or worse. OWASP's advice
for CSV injection is followed for every column, provider-supplied or not: such a cell gets a leading
single quote, which the spreadsheet shows as text; every cell is quoted, so a separator inside a value
cannot start a new cell; and outside text loses its control characters and line breaks first
(:func:`app.core.text.clean`). A real number stays a number, negative ones included: ``-12.50`` is an
amount, not a formula.

Every CSV goes through :func:`cell`: the CLI's ``history --csv``, the closing report and the window's
history export.
"""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence, TextIO

from app.core.files import write_atomically
from app.core.text import clean

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A plain decimal number (an amount, a count): what a spreadsheet reads as a number and never as a formula.
_NUMBER = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?")

Row = Mapping[str, Any] | Sequence[Any]


def cell(value: Any) -> str:
    """One CSV cell: None is empty, numbers stay numbers, text is cleaned and never starts a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (float, Decimal)) and value == value and abs(value) != float("inf"):
        return format(Decimal(str(value)), "f")  # fixed point: "1E-7" would be text to some spreadsheets
    text = clean(value)
    if _NUMBER.fullmatch(text):
        return text
    if text.lstrip(" ")[:1] in FORMULA_START:
        return "'" + text
    return text


class CsvWriter:
    """csv.writer with :func:`cell` applied to every cell; rows are dicts (by ``fieldnames``) or sequences."""

    def __init__(self, stream: TextIO, fieldnames: Sequence[str], *, lineterminator: str = "\r\n") -> None:
        self.fieldnames = tuple(fieldnames)
        self._writer = csv.writer(stream, quoting=csv.QUOTE_ALL, lineterminator=lineterminator)

    def writeheader(self) -> None:
        self._writer.writerow([cell(name) for name in self.fieldnames])

    def writerow(self, row: Row) -> None:
        if isinstance(row, Mapping):
            values: Iterable[Any] = (row.get(name) for name in self.fieldnames)
        else:
            values = row
        self._writer.writerow([cell(v) for v in values])

    def writerows(self, rows: Iterable[Row]) -> int:
        count = 0
        for row in rows:
            self.writerow(row)
            count += 1
        return count


def write_csv(stream: TextIO, fieldnames: Sequence[str], rows: Iterable[Row], *, lineterminator: str = "\r\n") -> int:
    """A header and ``rows`` to an open text stream; returns how many rows."""
    writer = CsvWriter(stream, fieldnames, lineterminator=lineterminator)
    writer.writeheader()
    return writer.writerows(rows)


def save_csv(path: Path | str, fieldnames: Sequence[str], rows: Iterable[Row]) -> Path:
    """A CSV file (UTF-8 with a byte-order mark, which spreadsheet programs need to read accents right),
    written atomically and readable by its owner only. Returns the path; raises OSError."""

    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
            write_csv(handle, fieldnames, rows)

    return write_atomically(path, write)
