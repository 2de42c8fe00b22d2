"""The closing report's PDF pages: drawn directly, paginated, headers repeated, every terminal on paper.

Real parts: a History on a temporary SQLite file, the report built from it, Qt's own PDF writer;
the pages are read back with poppler's ``pdftotext`` (as a bookkeeper's search would) and pypdf.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.core import i18n as core_i18n
from app.core.history import History
from app.core.report import build_report, render_html
from app.core.settings import Settings
from app.core.terminals import new_terminal
from app.ui.report_render import ensure_gui_app, report_tr, write_pdf

DAY = datetime(2026, 3, 14).date()
SHOP = Settings(shop_name="Café Müller", shop_address="Hauptstrasse 1\n8001 Zürich")

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")


def pages_text(pdf: Path) -> list[str]:
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8").split("\f")[:-1]  # a form feed ends each page


def _close(history: History, terminal, outcome: str, *, minute: int = 0, **finish) -> None:
    when = datetime.combine(DAY, time(18, 0)).astimezone() + timedelta(minutes=minute)
    close_id = history.start_close(terminal, "live", f"req-{terminal.name}-{minute}", started_at=when)
    history.record_attempt(close_id, 1)
    history.finish_close(close_id, outcome, finished_at=when, **finish)


@pytest.fixture
def big_day(tmp_path, qapp):
    """500 Saferpay terminals, each closed once on DAY (no amounts: one row height for all)."""
    history = History(tmp_path / "history.db")
    for i in range(500):
        terminal = new_terminal(
            f"Kiosk {i:03d}",
            "saferpay",
            {"customer_id": "401234", "terminal_id": f"{18800000 + i}", "username": "API_1", "environment": "live"},
        )
        history.add_terminal(terminal)
        _close(history, terminal, "closed", minute=i % 300, message="Batch closed.")
    yield history
    history.close()


def test_500_terminals_fill_pages_of_equal_rows_with_the_header_on_each(big_day, tmp_path):
    report = build_report(big_day, SHOP, DAY)
    pdf = write_pdf(report, tmp_path / "big.pdf")
    pages = pages_text(pdf)
    assert len(PdfReader(str(pdf)).pages) == len(pages)

    names = [f"Kiosk {i:03d}" for i in range(500)]
    found_in_table: list[str] = []
    rows_per_page = []
    in_table = True  # the terminals table runs until the totals' heading
    for number, page in enumerate(pages, start=1):
        assert page.rstrip().endswith(str(number)), f"page {number} is numbered"
        if number > 1:
            assert page.startswith("Closing report · Saturday 2026-03-14 · Café Müller"), "running head"
        if not in_table:
            continue
        table = page.partition("Totals per currency")[0]
        assert "Terminal" in table and "Outcome" in table and "Surcharge" in table, f"header on page {number}"
        found = re.findall(r"Kiosk \d{3}", table)
        found_in_table += found
        rows_per_page.append(len(found))
        if "Totals per currency" in page:
            in_table = False
    assert found_in_table == names  # every terminal once, in order
    middle = rows_per_page[1:-1]
    assert middle and len(set(middle)) == 1, f"equal rows on full pages: {rows_per_page}"
    assert rows_per_page[0] < middle[0] and rows_per_page[-1] <= middle[0]
    text = " ".join(pages)
    assert text.count("Saferpay reports no batch number or amounts") == 500
    assert "500 of 500 terminals closed" in text
    assert "Amounts in major units of each currency" in pages[-1]


def test_the_pdf_says_what_the_html_preview_says(tmp_path, qapp):
    history = History(tmp_path / "history.db")
    try:
        counter = new_terminal(
            "Counter <b>1</b>",  # outside text: drawn as it is, never read as markup
            "saferpay",
            {"customer_id": "401234", "terminal_id": "12345678", "username": "API_1", "environment": "live"},
        )
        bar = new_terminal(
            "Bar", "sunbay", {"app_id": "a", "merchant_id": "m", "terminal_sn": "T1", "channel_code": "C"}
        )
        kiosk = new_terminal(
            "Kiosk", "sunbay", {"app_id": "a", "merchant_id": "m", "terminal_sn": "T2", "channel_code": "C"}
        )
        for t in (counter, bar, kiosk):
            history.add_terminal(t)
        _close(history, counter, "failed", message="Saferpay refused the close.\x1b[31m [PERMISSION_DENIED, HTTP 403]")
        for minute, net in ((0, 123456), (30, 4550)):
            _close(
                history,
                bar,
                "closed",
                minute=minute,
                data={
                    "batchNo": f"00077{minute // 30}",
                    "priceCurrency": "USD",
                    "transactionCount": 3,
                    "netAmount": net,
                    "tipAmount": 100,
                    "surchargeAmount": 0,
                    "taxAmount": 7,
                },
            )
        report = build_report(history, SHOP, DAY)
    finally:
        history.close()
    pdf_words = " ".join(pages_text(write_pdf(report, tmp_path / "r.pdf"))).split()
    html = render_html(report)
    html_words = re.sub(r"<(style|title)>.*?</\1>", " ", html, flags=re.S)
    html_words = re.sub(r"<[^>]+>", " ", html_words)
    import html as html_mod

    expected = html_mod.unescape(html_words).split()
    assert "Counter <b>1</b>" in " ".join(pdf_words)
    assert "\x1b" not in " ".join(pdf_words) and "[31m" not in " ".join(pdf_words)
    assert "1,280.06" in pdf_words  # the day's USD net, in the language's format
    missing = sorted(set(expected) - set(pdf_words))
    assert missing == [], missing


def test_a_german_report_speaks_german_with_german_numbers_and_dates(big_day, tmp_path):
    ensure_gui_app()
    core_i18n.set_language("de")
    try:
        report = build_report(big_day, SHOP, DAY)
        pages = pages_text(write_pdf(report, tmp_path / "de.pdf", report_tr("de")))
    finally:
        core_i18n.set_language("en")
    text = " ".join(" ".join(pages).split())
    assert "Abschlussbericht" in pages[0][:100]
    assert "Samstag 14.03.2026" in text
    assert "500 von 500 Terminals abgeschlossen" in text
    assert "Closing report" not in text and "Outcome" not in text
    assert pages[1].startswith("Abschlussbericht · Samstag 14.03.2026 · Café Müller")
    assert all(f"Kiosk {i:03d}" in text for i in range(500))


def test_a_row_taller_than_a_page_goes_on_over_the_next_pages(tmp_path, qapp):
    history = History(tmp_path / "history.db")
    try:
        till = new_terminal(
            "Till", "sunbay", {"app_id": "a", "merchant_id": "m", "terminal_sn": "T9", "channel_code": "C"}
        )
        history.add_terminal(till)
        reason = " ".join(f"word{i:04d}" for i in range(1500)) + " THE-END."
        _close(history, till, "failed", message=reason)
        report = build_report(history, SHOP, DAY)
    finally:
        history.close()
    pages = pages_text(write_pdf(report, tmp_path / "long.pdf"))
    assert len(pages) >= 2
    words = " ".join(pages).split()
    assert [w for w in words if w.startswith("word")][:1500] == [f"word{i:04d}" for i in range(1500)]
    assert "THE-END." in words


def test_an_address_longer_than_a_page_goes_on_overleaf(tmp_path, qapp):
    history = History(tmp_path / "history.db")
    try:
        lines = [f"line{i:03d}" for i in range(180)]
        report = build_report(history, Settings(shop_name="Kiosk", shop_address="\n".join(lines)), DAY)
    finally:
        history.close()
    pages = pages_text(write_pdf(report, tmp_path / "address.pdf"))
    assert len(pages) >= 2
    assert [w for w in " ".join(pages).split() if w.startswith("line")] == lines
    assert "No terminals are configured and none closed on this day." in pages[-1]
