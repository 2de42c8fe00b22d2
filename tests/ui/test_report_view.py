"""The "Closing report" dialog offscreen: preview, day picker, print preview, save as PDF and CSV.

Real parts underneath: a History on a temporary SQLite file, Qt's own PDF writer and printer.
Only the file dialog (the OS's) and the error box are replaced.
"""

from __future__ import annotations

import csv
from app.core.days import business_day
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDateEdit, QFileDialog, QMessageBox, QPushButton, QTextBrowser

from app.core.history import History
from app.core.settings import Settings
from app.core.terminals import new_terminal
from app.ui.report_view import ReportDialog

TODAY = business_day(datetime.now().astimezone())  # what the dialog opens on (at 01:00: yesterday)
SHOP = Settings(shop_name="Café Müller", shop_address="Hauptstrasse 1")


@pytest.fixture
def history(tmp_path):
    h = History(tmp_path / "history.db")
    counter = new_terminal(
        "Counter 1",
        "saferpay",
        {"customer_id": "401234", "terminal_id": "12345678", "username": "API_1", "environment": "live"},
    )
    bar = new_terminal("Bar", "sunbay", {"app_id": "a", "merchant_id": "m", "terminal_sn": "T1", "channel_code": "C"})
    kiosk = new_terminal(
        "Kiosk", "sunbay", {"app_id": "a", "merchant_id": "m", "terminal_sn": "T2", "channel_code": "C"}
    )
    for t in (counter, bar, kiosk):
        h.add_terminal(t)

    def close(terminal, outcome, day, **finish):
        when = datetime.combine(day, time(12, 30)).astimezone()
        close_id = h.start_close(terminal, "live", f"req-{terminal.name}-{day}", started_at=when)
        h.record_attempt(close_id, 1)
        h.finish_close(close_id, outcome, finished_at=when, **finish)

    close(counter, "failed", TODAY, message="Saferpay refused the close. [PERMISSION_DENIED, HTTP 403]")
    close(
        bar,
        "closed",
        TODAY,
        data={
            "batchNo": "000777",
            "priceCurrency": "USD",
            "transactionCount": 3,
            "netAmount": 4550,
            "tipAmount": 0,
            "surchargeAmount": 0,
            "taxAmount": 0,
        },
    )
    close(
        kiosk,
        "closed",
        TODAY - timedelta(days=1),
        data={
            "batchNo": "000555",
            "priceCurrency": "EUR",
            "transactionCount": 1,
            "netAmount": 100,
            "tipAmount": 0,
            "surchargeAmount": 0,
            "taxAmount": 0,
        },
    )
    yield h
    h.close()


@pytest.fixture
def dialog(qtbot, history):
    d = ReportDialog(history, SHOP)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def preview_text(d: ReportDialog) -> str:
    return " ".join(d.findChild(QTextBrowser, "report_preview").toPlainText().split())


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(str(path)).pages).split())


def save_to(monkeypatch, path: Path | None, seen: list | None = None) -> None:
    def ask(parent, title, suggested, filter_):
        if seen is not None:
            seen.append((title, suggested, filter_))
        return (str(path) if path else "", "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(ask))


def test_opens_on_today_with_every_terminal_in_the_preview(dialog):
    day = dialog.findChild(QDateEdit, "report_day")
    today = business_day(datetime.now().astimezone())  # the business day: at 01:00 still yesterday's evening
    assert day.date() == QDate(today.year, today.month, today.day)
    text = preview_text(dialog)
    for expected in (
        "Closing report",
        "Café Müller",
        "Counter 1",
        "Bar",
        "Kiosk",
        "Failed",
        "NOT CLOSED",
        "000777",
        "45.50",
        "PERMISSION_DENIED",
        "Close it now.",
    ):
        assert expected in text, expected
    assert "000555" not in text  # Kiosk closed yesterday, not today
    assert {b.objectName() for b in dialog.findChildren(QPushButton)} >= {
        "report_print",
        "report_save_pdf",
        "report_save_csv",
        "report_refresh",
    }


def test_picking_another_day_rebuilds_the_report(dialog, qtbot):
    yesterday = TODAY - timedelta(days=1)
    dialog.findChild(QDateEdit, "report_day").setDate(QDate(yesterday.year, yesterday.month, yesterday.day))
    qtbot.waitUntil(lambda: "000555" in preview_text(dialog))
    text = preview_text(dialog)
    assert (TODAY - timedelta(days=1)).isoformat() in text and "000777" not in text
    assert dialog.report.day == TODAY - timedelta(days=1)


def test_refresh_shows_closes_made_while_open(dialog, history):
    kiosk = history.terminal_by_name("Kiosk")
    when = datetime.combine(TODAY, time(12, 45)).astimezone()
    close_id = history.start_close(kiosk, "live", "req-kiosk-late", started_at=when)
    history.record_attempt(close_id, 1)
    history.finish_close(close_id, "in_doubt", finished_at=when, message="No answer.")
    assert "In doubt" not in preview_text(dialog)
    dialog.findChild(QPushButton, "report_refresh").click()
    assert "In doubt" in preview_text(dialog) and "back office" in preview_text(dialog)


def test_save_as_pdf_writes_a_readable_pdf(dialog, monkeypatch, tmp_path):
    seen: list = []
    target = tmp_path / "today"  # no suffix typed: .pdf is added
    save_to(monkeypatch, target, seen)
    dialog.findChild(QPushButton, "report_save_pdf").click()
    written = target.with_name("today.pdf")
    assert written.exists()
    text = pdf_text(written)
    for expected in ("Café Müller", "Counter 1", "Bar", "Kiosk", "Failed", "NOT CLOSED", "000777", "USD 1 3 45.50"):
        assert expected in text, expected
    title, suggested, filter_ = seen[0]
    assert suggested.endswith(f"closing-report-{TODAY.isoformat()}.pdf") and "*.pdf" in filter_
    assert str(written) in dialog.findChild(type(dialog.status), "report_status").text()
    # The next save starts in the folder of this one.
    save_to(monkeypatch, None, seen)
    dialog.findChild(QPushButton, "report_save_csv").click()
    assert seen[1][1] == str(tmp_path / f"closing-report-{TODAY.isoformat()}.csv")


def test_save_as_csv(dialog, monkeypatch, tmp_path):
    target = tmp_path / "report.csv"
    save_to(monkeypatch, target)
    assert dialog.save_csv() == target
    with open(target, encoding="utf-8-sig", newline="") as handle:
        rows = {r["terminal"]: r for r in csv.DictReader(handle) if r["row"] == "terminal"}
    assert {n: r["outcome"] for n, r in rows.items()} == {"Counter 1": "failed", "Bar": "closed", "Kiosk": "not_closed"}


def test_cancelled_file_dialog_writes_nothing(dialog, monkeypatch, tmp_path):
    save_to(monkeypatch, None)
    assert dialog.save_pdf() is None
    assert list(tmp_path.glob("*.pdf")) == []


def test_unwritable_folder_says_so(dialog, monkeypatch, tmp_path):
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: warnings.append(text)))
    save_to(monkeypatch, tmp_path / "missing" / "r.pdf")
    assert dialog.save_pdf() is None
    assert "could not be saved" in warnings[0] and "missing" in warnings[0]
    assert dialog.status.text() == "Not saved."


def test_print_preview_lays_the_report_out(dialog, qtbot):
    preview = dialog.make_print_preview()
    assert isinstance(preview, QPrintPreviewDialog)
    painted: list[QPrinter] = []
    preview.paintRequested.connect(painted.append)
    preview.show()
    qtbot.waitUntil(lambda: bool(painted), timeout=5000)
    assert painted[0].docName() == f"Closing report {TODAY.isoformat()}"
    preview.close()
    preview.deleteLater()


def test_print_button_opens_the_preview(dialog, monkeypatch):
    opened: list[QPrintPreviewDialog] = []
    monkeypatch.setattr(QPrintPreviewDialog, "exec", lambda self: opened.append(self) or 0)
    dialog.findChild(QPushButton, "report_print").click()
    assert len(opened) == 1 and opened[0].objectName() == "report_print_preview"
