"""The closing report on paper: its HTML (from :mod:`app.core.report`) laid out by Qt on A4.

Used by the window (print preview, save as PDF) and by ``closeout report --pdf``, which has
no window: :func:`ensure_gui_app` gives it a QGuiApplication, offscreen when there is no display.
The PDF's text is real text (embedded font subsets), so it can be searched and copied.
"""

from __future__ import annotations

import os
import sys
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import QFont, QGuiApplication, QPageLayout, QPageSize, QPagedPaintDevice, QPdfWriter, QTextDocument

from app import APP_NAME
from app.core.report import CONTEXT, ClosingReport, Tr, render_html, text, write_atomically

PDF_DPI = 300


def qt_tr() -> Tr:
    """The report's strings through Qt's translators (identity while none is installed)."""
    return partial(QCoreApplication.translate, CONTEXT)


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


def document(html: str) -> QTextDocument:
    doc = QTextDocument()
    font = QFont("DejaVu Sans", 9)
    if hasattr(font, "setFeature"):  # Qt 6.7+: no "fi"/"ffi" ligatures, so the PDF's text reads and searches as typed
        font.setFeature(QFont.Tag("liga"), 0)
    doc.setDefaultFont(font)
    doc.setHtml(html)
    return doc


def print_html(html: str, device: QPagedPaintDevice) -> None:
    """Lay ``html`` out on the pages of ``device`` (a QPrinter or QPdfWriter).

    Left unpaginated, QTextDocument.print_ adds 2 cm margins inside the device's own margins
    and numbers the pages at the bottom right.
    """
    document(html).print_(device)


def write_pdf(report: ClosingReport, path: Path | str, tr: Tr | None = None) -> Path:
    """The report as an A4 PDF at ``path``, replacing any existing file in one step. Raises OSError."""
    tr = tr or qt_tr()
    html = render_html(report, tr)
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
        print_html(html, writer)
        del writer  # finishes and closes the file
        if not tmp.stat().st_size:
            raise OSError(f"Qt could not write the PDF to {tmp}.")

    return write_atomically(path, write)
