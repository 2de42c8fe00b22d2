"""The closing report on paper: drawn with QPainter on A4 pages (a QPdfWriter or a QPrinter).

Used by the window (print preview, save as PDF) and by ``closeout report --pdf``, which has
no window: :func:`ensure_gui_app` gives it a QGuiApplication, offscreen when there is no display.
The PDF's text is real text (embedded font subsets), so it can be searched and copied.

The pages hold what :func:`app.core.report.render_html` shows (the window's preview): the same words
from :mod:`app.core.report`, translated through ``tr``, amounts in the language's format. They are
drawn directly rather than laid out by QTextDocument, whose table layout takes seconds for a day
with hundreds of terminals. Tables break between rows and repeat their header row on every page;
every value from the history or the settings is drawn as plain text (cleaned of control characters),
never read as markup.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Sequence

from PySide6.QtCore import QCoreApplication, QMarginsF, QPointF, QRectF, QTranslator
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPagedPaintDevice,
    QPainter,
    QPdfWriter,
    QPen,
    QTextLayout,
    QTextOption,
)

from app import APP_NAME
from app.core.i18n import format_date
from app.core.report import (
    AMOUNT_FIELDS,
    CONTEXT,
    OUTCOME_STYLE,
    ClosingReport,
    TerminalLine,
    Tr,
    amounts_by_currency,
    clock,
    day_label,
    environment_label,
    format_amount,
    next_step,
    outcome_label,
    summary,
    text,
    write_atomically,
)
from app.core.text import clean
from app.resources import translation_path

PDF_DPI = 300
MARGIN_MM = 15.0
FAMILY, MONO_FAMILY = "DejaVu Sans", "DejaVu Sans Mono"

# Colours of the report (as in its HTML): text, muted text, lines, header cells; outcomes: report.OUTCOME_STYLE.
INK, MUTED, HEADING = "#111827", "#4b5563", "#1f2937"
GRID, RULE, HEADER_FILL = "#9ca3af", "#e5e7eb", "#e5e7eb"
WARN = "#b91c1c"

# Text styles: (family, point size, bold, italic).
STYLES: dict[str, tuple[str, float, bool, bool]] = {
    "body": (FAMILY, 9, False, False),
    "bold": (FAMILY, 9, True, False),
    "title": (FAMILY, 16, True, False),
    "heading": (FAMILY, 11, True, False),
    "shop": (FAMILY, 12, True, False),
    "summary": (FAMILY, 10, True, False),
    "th": (FAMILY, 8, True, False),
    "cell": (FAMILY, 8.5, False, False),
    "cell_bold": (FAMILY, 8.5, True, False),
    "small": (FAMILY, 7.5, False, False),
    "small_italic": (FAMILY, 7.5, False, True),
    "mono": (MONO_FAMILY, 7.5, False, False),
}

# The tables' columns: (header, right-aligned, wraps). A column that does not wrap (numbers, times, ids)
# is as wide as its widest line; the columns that wrap share the rest of the table's width.
LINE_COLUMNS = (
    ("col_terminal", False, True),
    ("col_outcome", False, True),
    ("col_time", False, False),
    ("col_batch", False, False),
    ("col_count", True, False),
    ("col_currency", False, False),
    ("col_net", True, False),
    ("col_tip", True, False),
    ("col_surcharge", True, False),
    ("col_tax", True, False),
)
TOTAL_COLUMNS = (
    ("col_currency", False, True),
    ("col_batches", True, False),
    ("col_count", True, False),
    ("col_net", True, False),
    ("col_tip", True, False),
    ("col_surcharge", True, False),
    ("col_tax", True, False),
)
TOTALS_WIDTH = 75  # % of the page
REFERENCE_COLUMNS = (("col_terminal", False, True), ("col_request", False, False), ("col_trace", False, False))
STEP_NAME_WIDTH = 22  # % of the page


def qt_tr() -> Tr:
    """The report's strings through Qt's translators (identity while none is installed)."""
    return partial(QCoreApplication.translate, CONTEXT)


def report_tr(language: str) -> Tr:
    """The report's strings in ``language`` from Closeout's translation file, for ``closeout report``
    (a command installs no translators): the PDF speaks the command line's language."""
    translator = QTranslator()
    if language == "en" or not translator.load(str(translation_path(language))):
        return qt_tr()

    def tr(source: str) -> str:
        return translator.translate(CONTEXT, source) or source

    return tr


def ensure_gui_app() -> QCoreApplication:
    """The running application, or a new QGuiApplication for a headless command.

    Qt needs one for fonts and text layout; on Linux without a display it runs offscreen.
    An existing application (the window's, or the tests') is reused as is.
    """
    app = QCoreApplication.instance()
    if app is not None:
        return app
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication([sys.argv[0] if sys.argv and sys.argv[0] else APP_NAME])
    ensure_gui_app.app = app  # type: ignore[attr-defined]  # keep it alive for the rest of the command
    return app


# -- what a table cell holds -------------------------------------------------------------------------


@dataclass(frozen=True)
class Piece:
    """One paragraph of a cell: text (wrapped to the cell's width), its style and colour."""

    text: str
    style: str = "cell"
    color: str = INK


Cell = Sequence[Piece]


@dataclass(frozen=True)
class Column:
    header: str
    right: bool = False  # numbers: right-aligned
    wraps: bool = True
    width: float = 0.0  # device pixels, once fitted (Pages.fit)


@dataclass(frozen=True)
class Row:
    cells: Sequence[Cell]
    background: str = ""
    span_last: bool = False  # the last cell runs to the table's right edge


def _one_line(value: object) -> str:
    return clean(value)


def line_row(line: TerminalLine, tr: Tr) -> Row:
    """A terminal's row of the terminals table (the same cells as the HTML's)."""
    color, background = OUTCOME_STYLE.get(line.outcome, (INK, ""))
    who = [
        Piece(_one_line(line.name), "cell_bold"),
        Piece(f"{line.provider_label} · {environment_label(line.environment, tr)}", "small", MUTED),
    ]
    if line.reference:
        who.append(Piece(_one_line(line.reference), "small", MUTED))
    if line.removed:
        who.append(Piece(text("removed", tr), "small_italic", MUTED))
    outcome = [Piece(outcome_label(line.outcome, tr), "cell_bold", color)]
    if line.closes > 1:
        outcome.append(Piece(text("closes_that_day", tr, n=line.closes), "small", MUTED))
    if line.attempts > 1:
        outcome.append(Piece(text("tries", tr, n=line.attempts), "small", MUTED))
    cells: list[Cell] = [who, outcome, [Piece(clock(line.time))]]
    sums = amounts_by_currency(line.batches)
    if sums:
        cells.append([Piece(_one_line(b.batch_no)) for b in line.batches if b.batch_no])
        cells.append([Piece(str(s.count)) for s in sums])
        cells.append([Piece(_one_line(s.currency)) for s in sums])
        cells += [[Piece(format_amount(getattr(s, k), s.currency)) for s in sums] for k in AMOUNT_FIELDS]
        return Row(cells, background)
    if line.outcome == "closed":
        cells.append([Piece(text("not_reported", tr, provider=line.provider_label), "small", MUTED)])
        return Row(cells, background, span_last=True)
    return Row(cells + [[] for _ in range(7)], background)


# -- drawing ---------------------------------------------------------------------------------------


class _Pages:
    """Draws blocks down the pages of ``device``; starts a new page when the next one does not fit."""

    def __init__(self, device: QPagedPaintDevice, running_head: str) -> None:
        self.device = device
        self.dpi = device.logicalDpiY()
        layout = device.pageLayout()
        full = QRectF(layout.fullRectPixels(self.dpi))
        paint = QRectF(layout.paintRectPixels(self.dpi))
        margin = self.mm(MARGIN_MM)
        wanted = full.adjusted(margin, margin, -margin, -margin)  # in page coordinates
        # The painter's origin is the device's paintable area (a printer's own margins).
        area = wanted.intersected(paint).translated(-paint.left(), -paint.top())
        self.left, self.top, self.width = area.left(), area.top(), area.width()
        self.footer = self.pt(12)  # the page number's band at the bottom
        self.bottom = area.bottom() - self.footer
        self.running_head = running_head
        self.fonts: dict[str, QFont] = {}
        self.metrics: dict[str, QFontMetricsF] = {}
        for key, (family, size, bold, italic) in STYLES.items():
            font = QFont(family)
            font.setPointSizeF(size)
            font.setBold(bold)
            font.setItalic(italic)
            if hasattr(font, "setFeature"):  # Qt 6.7+: no "fi" ligatures, so the PDF's text reads and searches as typed
                font.setFeature(QFont.Tag("liga"), 0)
            self.fonts[key] = font
            self.metrics[key] = QFontMetricsF(font, device)
        self.spacing = {key: metrics.lineSpacing() for key, metrics in self.metrics.items()}
        self.ascent = {key: metrics.ascent() for key, metrics in self.metrics.items()}
        self.painter = QPainter()
        if not self.painter.begin(device):
            raise OSError("Qt could not start drawing the report.")
        self.page = 1
        self.y = self.page_top = self.top
        self._style = ""
        self._color = ""
        self._advances: dict[tuple[str, str], float] = {}

    # units
    def mm(self, value: float) -> float:
        return value * self.dpi / 25.4

    def pt(self, value: float) -> float:
        return value * self.dpi / 72

    def percent(self, value: float) -> float:
        return self.width * value / 100

    # pages
    def room(self) -> float:
        return self.bottom - self.y

    def body_height(self) -> float:
        """The height a continued page offers (below its running head)."""
        return self.bottom - self.top - self._head_height()

    def _head_height(self) -> float:
        return self.spacing["small"] + self.pt(6)

    def empty(self) -> bool:
        return self.y <= self.page_top + 0.5

    def new_page(self) -> None:
        self._number_page()
        if not self.device.newPage():
            raise OSError("Qt could not start a new page of the report.")
        self.page += 1
        self.y = self.top
        if self.running_head:  # which report a loose page belongs to
            self.draw_line(self.running_head, self.left, self.y, "small", MUTED)
            self.y += self._head_height()
        self.page_top = self.y

    def ensure(self, height: float) -> None:
        """A new page unless ``height`` fits below (or the page is still empty)."""
        if height > self.room() and not self.empty():
            self.new_page()

    def finish(self) -> None:
        self._number_page()
        self.painter.end()

    def _number_page(self) -> None:
        label = str(self.page)
        fm = self.metrics["small"]
        x = self.left + self.width - fm.horizontalAdvance(label)
        self.draw_line(label, x, self.bottom + self.footer - fm.descent(), "small", MUTED, baseline=True)

    # text
    def _use(self, style: str, color: str) -> None:
        if style != self._style:
            self.painter.setFont(self.fonts[style])
            self._style = style
        if color != self._color:
            self.painter.setPen(QColor(color))
            self._color = color

    def draw_line(self, line: str, x: float, y: float, style: str, color: str, *, baseline: bool = False) -> None:
        """One line of text with its top (or baseline) at ``y``."""
        self._use(style, color)
        self.painter.drawText(QPointF(x, y if baseline else y + self.ascent[style]), line)

    def advance(self, value: str, style: str) -> float:
        """How wide ``value`` is drawn in ``style`` (remembered: a report repeats many of its words)."""
        key = (value, style)
        width = self._advances.get(key)
        if width is None:
            width = self._advances[key] = self.metrics[style].horizontalAdvance(value)
        return width

    def wrap(self, value: str, style: str, width: float) -> list[str]:
        """``value`` broken into lines no wider than ``width`` (at spaces, or anywhere in a long word)."""
        if not value:
            return []
        if self.advance(value, style) <= width:
            return [value]
        layout = QTextLayout(value, self.fonts[style], self.device)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        lines = []
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            lines.append(value[line.textStart() : line.textStart() + line.textLength()].rstrip())
        layout.endLayout()
        return lines

    def paragraph(
        self, value: str, style: str = "body", color: str = INK, *, width: float | None = None, after: float = 3
    ) -> None:
        """Wrapped text; its lines flow on to the next page."""
        spacing = self.spacing[style]
        for line in self.wrap(value, style, width or self.width):
            self.ensure(spacing)
            self.draw_line(line, self.left, self.y, style, color)
            self.y += spacing
        self.y += self.pt(after)

    def heading(self, value: str, keep: float) -> None:
        """A section heading, on the page of the first ``keep`` height that follows it."""
        height = self.pt(12) + self.spacing["heading"] + self.pt(4)
        self.ensure(height + keep)
        if not self.empty():
            self.y += self.pt(12)
        self.draw_line(value, self.left, self.y, "heading", HEADING)
        self.y += self.spacing["heading"] + self.pt(4)

    # tables
    def fit(self, columns: Sequence[Column], rows: Sequence[Row], width: float) -> list[Column]:
        """``columns`` with widths that fill ``width``: each at least its longest word (a column that does not
        wrap: its longest line); what is left goes to the columns that wrap, up to their longest line first."""
        pad = 2 * self.pt(3) + 1
        least, most = [], []
        for i, column in enumerate(columns):
            pieces = [Piece(column.header, "th")]
            for row in rows:
                if i < len(row.cells) and not (row.span_last and i >= len(row.cells) - 1):
                    pieces += row.cells[i]
            longest = max(self.advance(p.text, p.style) for p in pieces)
            if column.wraps:
                words = {(word, p.style) for p in pieces for word in p.text.split()}
                shortest = max((self.advance(word, style) for word, style in words), default=0.0)
            else:
                shortest = longest
            least.append(shortest + pad)
            most.append(longest + pad)
        if sum(least) >= width:  # too much for the page: everything narrows, long values wrap anywhere
            return [replace(c, width=w * width / sum(least)) for c, w in zip(columns, least)]
        widths = list(least)
        left = width - sum(least)
        wants = [m - w if c.wraps else 0.0 for c, w, m in zip(columns, least, most)]
        share = min(1.0, left / sum(wants)) if sum(wants) else 0.0
        widths = [w + want * share for w, want in zip(widths, wants)]
        left -= sum(wants) * share
        wrapping = [i for i, c in enumerate(columns) if c.wraps] or list(range(len(columns)))
        for i in wrapping:  # the table fills its width
            widths[i] += left / len(wrapping)
        return [replace(c, width=w) for c, w in zip(columns, widths)]

    def table(self, columns: Sequence[Column], rows: Sequence[Row], *, grid: bool = True, header: bool = True) -> None:
        """Rows never break across pages unless one is taller than a page; the header row repeats on each page."""
        pad = self.pt(3)
        head = Row([[Piece(c.header, "th")] for c in columns], HEADER_FILL) if header else None
        head_lines = self._row_lines(head, columns, pad) if head else None
        head_height = self._height(head_lines, pad) if head_lines else 0.0
        for index, row in enumerate(rows):
            lines = self._row_lines(row, columns, pad)
            height = self._height(lines, pad)
            with_head = index == 0
            if height + (head_height if with_head else 0) > self.room() and not self.empty():
                # On to the next page, unless the row is taller than any page and enough room is left to begin it.
                if head_height + height <= self.body_height() or self.room() < head_height + 4 * pad + self.pt(30):
                    self.new_page()
                    with_head = True
            while True:  # a row taller than the room left goes on in slices, page after page
                if with_head and head is not None and head_lines is not None:
                    self._draw_row(head, head_lines, columns, pad, grid)
                taken, rest = self._fit(lines, pad)
                self._draw_row(row, taken, columns, pad, grid)
                if not any(rest):
                    break
                self.new_page()
                lines, with_head = rest, True
        self.y += self.pt(8)

    def _row_lines(self, row: Row, columns: Sequence[Column], pad: float) -> list[list[tuple[str, str, str]]]:
        widths = [c.width for c in columns]
        if row.span_last:
            widths = widths[: len(row.cells) - 1] + [sum(widths[len(row.cells) - 1 :])]
        out = []
        for cell, width in zip(row.cells, widths):
            lines: list[tuple[str, str, str]] = []
            for piece in cell:
                lines += [(t, piece.style, piece.color) for t in self.wrap(piece.text, piece.style, width - 2 * pad)]
            out.append(lines)
        return out

    def _height(self, lines: list[list[tuple[str, str, str]]], pad: float) -> float:
        return 2 * pad + max((sum(self.spacing[s] for _, s, _ in cell) for cell in lines), default=0)

    def _fit(self, lines: list[list[tuple[str, str, str]]], pad: float):
        """The lines of each cell that fit in the room left, and the rest."""
        if self._height(lines, pad) <= self.room():
            return lines, [[] for _ in lines]
        taken, rest = [], []
        for cell in lines:
            used, count = 2 * pad, 0
            for _, style, _ in cell:
                step = self.spacing[style]
                if used + step > self.room():
                    break
                used += step
                count += 1
            count = max(count, 1 if cell else 0)
            taken.append(cell[:count])
            rest.append(cell[count:])
        return taken, rest

    def _draw_row(self, row: Row, lines, columns: Sequence[Column], pad: float, grid: bool) -> None:
        height = self._height(lines, pad)
        widths = [c.width for c in columns]
        rights = [c.right for c in columns]
        if row.span_last:
            n = len(row.cells)
            widths, rights = widths[: n - 1] + [sum(widths[n - 1 :])], rights[: n - 1] + [False]
        total = sum(c.width for c in columns)
        if row.background:
            self.painter.fillRect(QRectF(self.left, self.y, total, height), QColor(row.background))
        x = self.left
        for cell, width, right in zip(lines, widths, rights):
            y = self.y + pad
            for line, style, color in cell:
                at = x + width - pad - self.advance(line, style) if right else x + pad
                self.draw_line(line, at, y, style, color)
                y += self.spacing[style]
            x += width
        pen = QPen(QColor(GRID if grid else RULE))
        pen.setWidthF(self.pt(0.5))
        self.painter.setPen(pen)
        self._color = ""
        if grid:
            self.painter.drawRect(QRectF(self.left, self.y, total, height))
            x = self.left
            for width in widths[:-1]:
                x += width
                self.painter.drawLine(QPointF(x, self.y), QPointF(x, self.y + height))
        else:
            self.painter.drawLine(QPointF(self.left, self.y + height), QPointF(self.left + total, self.y + height))
        self.y += height


def paint_report(report: ClosingReport, device: QPagedPaintDevice, tr: Tr | None = None) -> int:
    """Draw ``report`` on the pages of ``device`` (a QPdfWriter or a QPrinter); returns the page count."""
    tr = tr or qt_tr()
    title = text("title", tr)
    shop = _one_line(report.shop_name) or text("no_shop", tr)
    pages = _Pages(device, f"{title} · {day_label(report.day, tr)} · {shop}")
    try:
        _paint(report, pages, tr, title, shop)
    finally:
        pages.finish()
    return pages.page


def _paint(report: ClosingReport, pages: _Pages, tr: Tr, title: str, shop: str) -> None:

    # The head: title, day and time made on the left; the shop on the right.
    left_width, right_width = pages.percent(58), pages.percent(42)
    top = pages.y
    pages.draw_line(title, pages.left, pages.y, "title", INK)
    pages.y += pages.spacing["title"] + pages.pt(2)
    label = f"{text('day', tr)}: "
    pages.draw_line(label, pages.left, pages.y, "bold", INK)
    pages.draw_line(
        day_label(report.day, tr), pages.left + pages.metrics["bold"].horizontalAdvance(label), pages.y, "body", INK
    )
    pages.y += pages.spacing["body"] + pages.pt(3)
    made = format_date(report.generated_at) + report.generated_at.strftime(" %H:%M")
    pages.paragraph(f"{text('generated', tr)}: {made}", "body", MUTED, width=left_width)
    left_bottom, pages.y = pages.y, top
    right = pages.left + pages.width
    for line in pages.wrap(shop, "shop", right_width):
        pages.draw_line(line, right - pages.metrics["shop"].horizontalAdvance(line), pages.y, "shop", INK)
        pages.y += pages.spacing["shop"]
    pages.y += pages.pt(3)
    for address_line in (_one_line(a) for a in report.shop_address.splitlines()):
        for line in pages.wrap(address_line.strip(), "body", right_width):
            pages.ensure(pages.spacing["body"])  # an address of a hundred short lines goes on overleaf
            pages.draw_line(line, right - pages.advance(line, "body"), pages.y, "body", MUTED)
            pages.y += pages.spacing["body"]
    pages.y = (max(pages.y, left_bottom) if pages.page == 1 else pages.y) + pages.pt(6)
    pages.paragraph(summary(report, tr), "summary", WARN if report.problems else INK, after=2)

    # Terminals
    pages.heading(text("terminals", tr), keep=pages.pt(60))
    if report.lines:
        rows = [line_row(line, tr) for line in report.lines]
        columns = [Column(text(key, tr), right, wraps) for key, right, wraps in LINE_COLUMNS]
        pages.table(pages.fit(columns, rows, pages.width), rows)
    else:
        pages.paragraph(text("no_terminals", tr))

    # Totals
    pages.heading(text("totals", tr), keep=pages.pt(40))
    if report.totals:
        columns = [Column(text(key, tr), right, wraps) for key, right, wraps in TOTAL_COLUMNS]
        rows = []
        for total in report.totals:
            currency: list[Piece] = [Piece(_one_line(total.currency))]
            if total.environment != "live":
                currency.append(Piece(text("test_totals", tr), "small", MUTED))
            amounts = [[Piece(format_amount(getattr(total, k), total.currency))] for k in AMOUNT_FIELDS]
            rows.append(Row([currency, [Piece(str(total.batches))], [Piece(str(total.count))], *amounts]))
        pages.table(pages.fit(columns, rows, pages.percent(TOTALS_WIDTH)), rows)
    else:
        pages.paragraph(text("no_totals", tr))
    if report.without_amounts:
        names = ", ".join(_one_line(line.name) for line in report.without_amounts)
        labels = ", ".join(sorted({line.provider_label for line in report.without_amounts}))
        pages.paragraph(text("totals_leave_out", tr, names=names, providers=labels), "body", MUTED)

    # What to do next
    pages.heading(text("next_steps", tr), keep=pages.pt(30))
    if report.problems:
        columns = [
            Column("", width=pages.percent(STEP_NAME_WIDTH)),
            Column("", width=pages.percent(100 - STEP_NAME_WIDTH)),
        ]
        rows = [
            Row(
                [
                    [
                        Piece(_one_line(p.name), "cell_bold"),
                        Piece(outcome_label(p.kind, tr), "cell_bold", OUTCOME_STYLE.get(p.kind, (INK, ""))[0]),
                    ],
                    [Piece(_one_line(next_step(p, tr)))],
                ]
            )
            for p in report.problems
        ]
        pages.table(columns, rows, grid=False, header=False)
    else:
        pages.paragraph(text("all_done", tr))

    # References for support
    refs = [line for line in report.lines if line.request_id or line.trace_id]
    if refs:
        pages.heading(text("references", tr), keep=pages.pt(30))
        columns = [Column(text(key, tr), right, wraps) for key, right, wraps in REFERENCE_COLUMNS]
        rows = [
            Row(
                [
                    [Piece(_one_line(line.name), "small")],
                    [Piece(_one_line(line.request_id or ""), "mono")],
                    [Piece(_one_line(line.trace_id or ""), "mono")],
                ]
            )
            for line in refs
        ]
        pages.table(pages.fit(columns, rows, pages.width), rows)
    pages.y += pages.pt(2)
    pages.paragraph(text("footer", tr), "small", MUTED)


def write_pdf(report: ClosingReport, path: Path | str, tr: Tr | None = None) -> Path:
    """The report as an A4 PDF at ``path``, replacing any existing file in one step. Raises OSError."""
    tr = tr or qt_tr()
    title = f"{text('title', tr)} {report.day.isoformat()}"

    def write(tmp: Path) -> None:
        writer = QPdfWriter(str(tmp))
        writer.setResolution(PDF_DPI)
        writer.setTitle(title)
        writer.setCreator(APP_NAME)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(0, 0, 0, 0),
                QPageLayout.Unit.Millimeter,
            )
        )
        paint_report(report, writer, tr)
        del writer  # finishes and closes the file
        if not tmp.stat().st_size:
            raise OSError(f"Qt could not write the PDF to {tmp}.")

    return write_atomically(path, write)
