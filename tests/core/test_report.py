"""The closing report from a real SQLite history: lines, totals per currency, next steps, HTML, CSV."""

from __future__ import annotations

import csv
import html
import re
import shutil
import subprocess
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from app.core import report as report_mod
from app.core.history import History
from app.core.report import (
    TEXT,
    Batch,
    build_report,
    csv_rows,
    day_bounds,
    format_amount,
    major,
    next_step,
    render_csv,
    render_html,
    write_atomically,
)
from app.core.settings import Settings
from app.core.terminals import environment, new_terminal

DAY = date(2026, 3, 14)
SHOP = Settings(shop_name="Café Müller & Söhne", shop_address="Hauptstrasse 1\n8001 Zürich")


def at(hour: int, minute: int, day: date = DAY) -> datetime:
    return datetime.combine(day, time(hour, minute)).astimezone()


def saferpay(name: str, terminal_id: str):
    return new_terminal(
        name,
        "saferpay",
        {"customer_id": "401234", "terminal_id": terminal_id, "username": "API_401234_1", "environment": "live"},
    )


def sunbay(name: str, sn: str):
    return new_terminal(
        name, "sunbay", {"app_id": "app_1", "merchant_id": "mch_1", "terminal_sn": sn, "channel_code": "TSYS"}
    )


def sunbay_data(batch_no: str, currency: str, count: int, net: int, tip: int = 0, surcharge: int = 0, tax: int = 0):
    return {
        "batchNo": batch_no,
        "terminalSn": "T",
        "batchTime": "2026-03-14T21:00:00Z",
        "transactionCount": count,
        "priceCurrency": currency,
        "netAmount": net,
        "tipAmount": tip,
        "surchargeAmount": surcharge,
        "taxAmount": tax,
    }


def record(history: History, terminal, outcome: str, when: datetime, *, attempts: int = 1, **finish) -> int:
    close_id = history.start_close(
        terminal, environment(terminal), f"req-{terminal.name}-{when.timestamp()}", started_at=when
    )
    history.record_attempt(close_id, attempts)
    history.finish_close(close_id, outcome, finished_at=when + timedelta(seconds=2), **finish)
    return close_id


FAIL_REASON = (
    "Saferpay did not accept the JSON API user or password; check them in the terminal's settings. "
    "[AUTHENTICATION_FAILED, HTTP 401]"
)


@pytest.fixture
def history(tmp_path):
    h = History(tmp_path / "history.db")
    yield h
    h.close()


@pytest.fixture
def shop(history):
    """A shop's day: both providers, two currencies, a failure, a close in doubt, a forgotten terminal,
    closes on the day before and after, a terminal closed twice, a terminal removed since."""
    t = {
        name: make
        for name, make in {
            "Counter 1": saferpay("Counter 1", "12345678"),
            "Counter 2": saferpay("Counter 2", "22345678"),
            "Bar": sunbay("Bar", "T1000000001"),
            "Patio": sunbay("Patio", "T1000000002"),
            "Terrace": sunbay("Terrace", "T1000000003"),
            "Back room": sunbay("Back room", "T1000000004"),
            "Kiosk": sunbay("Kiosk", "T1000000005"),
            "Old till": sunbay("Old till", "T1000000006"),
        }.items()
    }
    for terminal in t.values():
        history.add_terminal(terminal)
    record(history, t["Counter 1"], "closed", at(21, 5), message="Batch closed.")
    record(
        history,
        t["Bar"],
        "closed",
        at(21, 6),
        message="Batch closed.",
        trace_id="trace-bar",
        data=sunbay_data("000123", "USD", 42, 123456, tip=2000, surcharge=300, tax=9876),
    )
    # Patio closed twice (a forced second close): both batches count.
    record(
        history,
        t["Patio"],
        "closed",
        at(12, 0),
        message="Batch closed.",
        data=sunbay_data("000200", "USD", 3, 1000, tax=80),
    )
    record(
        history,
        t["Patio"],
        "closed",
        at(23, 59),
        message="Batch closed.",
        data=sunbay_data("000201", "USD", 1, 544, tip=100),
    )
    record(
        history,
        t["Terrace"],
        "closed",
        at(21, 7),
        message="Batch closed.",
        data=sunbay_data("000456", "EUR", 7, 45000, tax=7185),
    )
    record(
        history,
        t["Counter 2"],
        "failed",
        at(21, 8),
        message=FAIL_REASON,
        http_status=401,
        provider_code="AUTHENTICATION_FAILED",
    )
    record(
        history,
        t["Back room"],
        "in_doubt",
        at(21, 9),
        attempts=4,
        message="No answer came back; whether the close happened is unknown.",
    )
    # Kiosk: closed the business day before and the one after (04:00 starts it), never on DAY.
    record(
        history,
        t["Kiosk"],
        "closed",
        at(21, 0, DAY - timedelta(days=1)),
        message="Batch closed.",
        data=sunbay_data("000900", "USD", 99, 9_999_999),
    )
    record(
        history,
        t["Kiosk"],
        "closed",
        at(4, 0, DAY + timedelta(days=1)),
        message="Batch closed.",
        data=sunbay_data("000901", "USD", 98, 8_888_888),
    )
    record(
        history,
        t["Old till"],
        "closed",
        at(9, 30),
        message="Batch closed.",
        data=sunbay_data("000777", "JPY", 5, 12500),
    )
    history.remove_terminal(t["Old till"].id)
    return t


def words(text: str) -> str:
    return " ".join(text.split())


# -- building -------------------------------------------------------------------------------------


def test_one_line_per_terminal_in_order_with_the_day_latest_close(history, shop):
    report = build_report(history, SHOP, DAY)
    assert [(line.name, line.outcome) for line in report.lines] == [
        ("Counter 1", "closed"),
        ("Counter 2", "failed"),
        ("Bar", "closed"),
        ("Patio", "closed"),
        ("Terrace", "closed"),
        ("Back room", "in_doubt"),
        ("Kiosk", "not_closed"),
        ("Old till", "closed"),
    ]
    lines = {line.name: line for line in report.lines}
    assert lines["Old till"].removed and lines["Old till"].reference == "T"
    assert lines["Counter 1"].provider_label == "Saferpay" and lines["Counter 1"].reference == "12345678"
    assert lines["Counter 1"].environment == "live" and lines["Counter 1"].batches == ()
    assert lines["Bar"].batches == (Batch("000123", "USD", 42, 123456, 2000, 300, 9876),)
    assert lines["Bar"].trace_id == "trace-bar" and lines["Bar"].request_id.startswith("req-Bar-")
    assert lines["Back room"].attempts == 4 and lines["Back room"].time == at(21, 9)
    assert lines["Patio"].closes == 2 and [b.batch_no for b in lines["Patio"].batches] == ["000200", "000201"]
    assert lines["Kiosk"].closes == 0 and lines["Kiosk"].time is None and lines["Kiosk"].batches == ()
    assert report.shop_name == "Café Müller & Söhne" and report.day == DAY
    assert report.generated_at.tzinfo is not None
    assert [line.name for line in report.without_amounts] == ["Counter 1"]


def test_totals_per_currency_leave_out_other_days(history, shop):
    report = build_report(history, SHOP, DAY)
    totals = {t.currency: t for t in report.totals}
    assert sorted(totals) == ["EUR", "JPY", "USD"]
    usd = totals["USD"]  # Bar + both Patio batches; Kiosk's closes on the days around are not in it
    assert (usd.batches, usd.count, usd.net, usd.tip, usd.surcharge, usd.tax) == (3, 46, 125_000, 2100, 300, 9956)
    assert (totals["EUR"].count, totals["EUR"].net, totals["EUR"].tax) == (7, 45000, 7185)
    assert (totals["JPY"].batches, totals["JPY"].net) == (1, 12500)
    assert all(t.environment == "live" for t in report.totals)


def test_next_steps_name_each_problem_terminal_with_what_to_do(history, shop):
    report = build_report(history, SHOP, DAY)
    steps = {p.name: next_step(p) for p in report.problems}
    assert list(steps) == ["Counter 2", "Back room", "Kiosk"]
    assert "AUTHENTICATION_FAILED" in steps["Counter 2"] and "Close it again after fixing that." in steps["Counter 2"]
    assert "may have gone through" in steps["Back room"] and "re-sends the same close" in steps["Back room"]
    assert "SUNBAY back office" in steps["Back room"]
    assert steps["Kiosk"] == "Not closed on this day. Close it now."
    assert report.closed == 5 and report.count("not_closed") == 1


def test_a_day_without_closes_shows_every_terminal_not_closed(history, shop):
    report = build_report(history, SHOP, DAY + timedelta(days=5))
    assert {line.outcome for line in report.lines} == {"not_closed"}
    assert "Old till" not in [line.name for line in report.lines]  # removed, and no close that day
    assert report.totals == () and len(report.problems) == 7


def test_failed_after_an_earlier_success_says_so(history):
    till = sunbay("Till", "T9")
    history.add_terminal(till)
    record(history, till, "closed", at(10, 0), data=sunbay_data("000010", "CHF", 2, 990))
    record(history, till, "failed", at(11, 0), message="SUNBAY refused the close: busy [code E1]")
    [line] = build_report(history, SHOP, DAY).lines
    assert line.outcome == "failed" and line.earlier_success is not None
    step = next_step(build_report(history, SHOP, DAY).problems[0])
    assert "SUNBAY refused the close: busy [code E1] Close it again" in step
    assert "An earlier close at 10:00 went through" in step
    assert [b.batch_no for b in line.batches] == ["000010"]  # its money still counts


def test_test_terminals_are_totalled_apart_from_live_money(history):
    demo = new_terminal(
        "Demo",
        "sunbay",
        {
            "app_id": "a",
            "merchant_id": "m",
            "terminal_sn": "S1",
            "channel_code": "TSYS",
            "base_url": "http://127.0.0.1:9/sunbay",
        },
    )
    live = sunbay("Live", "S2")
    history.add_terminal(demo)
    history.add_terminal(live)
    record(history, demo, "closed", at(20, 0), data=sunbay_data("1", "USD", 1, 100))
    record(history, live, "closed", at(20, 1), data=sunbay_data("2", "USD", 1, 200))
    report = build_report(history, SHOP, DAY)
    assert [(t.environment, t.currency, t.net) for t in report.totals] == [("live", "USD", 200), ("test", "USD", 100)]
    assert "Test terminals (not real money)" in render_html(report)


def test_odd_provider_data_is_read_safely():
    assert Batch.from_data(None) is None
    assert Batch.from_data({"batchNo": "1"}) is None  # no currency, no amounts
    assert Batch.from_data(
        {"priceCurrency": "usd", "netAmount": "150", "transactionCount": 2.0, "tipAmount": True, "taxAmount": 1.5}
    ) == Batch("", "USD", 2, 150, 0, 0, 0)


def test_day_bounds_are_local_midnights():
    start, end = day_bounds(DAY)
    assert start.tzinfo is not None and start.astimezone().replace(tzinfo=None) == datetime(2026, 3, 14)
    assert end.astimezone().replace(tzinfo=None) == datetime(2026, 3, 15)


@pytest.mark.parametrize(
    "minor, currency, shown",
    [
        (123456, "EUR", "1,234.56"),
        (5, "USD", "0.05"),
        (-150, "CHF", "-1.50"),
        (0, "GBP", "0.00"),
        (12500, "JPY", "12,500"),
        (1234, "KWD", "1.234"),
        (100, "XYZ", "1.00"),
        (100, "", "1.00"),
    ],
)
def test_amounts_in_major_units_by_currency_exponent(minor, currency, shown):
    assert format_amount(minor, currency) == shown
    assert format_amount(minor, currency, grouped=False) == shown.replace(",", "")
    assert major(minor, currency) == Decimal(shown.replace(",", ""))


# -- HTML -----------------------------------------------------------------------------------------


def test_html_has_header_lines_totals_and_next_steps(history, shop):
    page = render_html(build_report(history, SHOP, DAY))
    plain = words(html.unescape(re.sub(r"<[^>]+>", " ", page)))
    assert "Closing report" in plain and "Saturday 2026-03-14" in plain
    assert "Café Müller & Söhne" in plain and "8001 Zürich" in plain
    assert "5 of 8 terminals closed · 1 failed · 1 in doubt · 1 not closed" in plain
    assert "NOT CLOSED" in plain and "In doubt" in plain and "Failed" in plain
    assert "USD 3 46 1,250.00 21.00 3.00 99.56" in plain  # the USD totals row
    assert "EUR 1 7 450.00 0.00 0.00 71.85" in plain
    assert "JPY 1 5 12,500 0 0 0" in plain
    assert "000123" in plain and "000900" not in plain and "000901" not in plain
    assert "The totals leave out Counter 1: Saferpay does not report" in plain
    assert "Kiosk NOT CLOSED Not closed on this day. Close it now." in plain
    assert "trace-bar" in plain


def test_html_escapes_everything_from_the_history_and_settings(history):
    evil = sunbay("<b>Till</b> & <script>x()</script>", "S<1>")
    history.add_terminal(evil)
    record(history, evil, "failed", at(8, 0), message="<img src=x onerror=alert(1)> refused")
    page = render_html(build_report(history, Settings(shop_name="<i>Shop</i>", shop_address="<u>x</u>"), DAY))
    for raw in ("<b>Till</b>", "<script>", "<img", "<i>Shop</i>", "<u>x</u>", "S<1>"):
        assert raw not in page
    assert "&lt;script&gt;" in page and "&lt;i&gt;Shop&lt;/i&gt;" in page


def test_every_string_goes_through_tr(history, shop):
    marked = render_html(build_report(history, SHOP, DAY), tr=lambda s: "⟦" + s + "⟧")
    plain = html.unescape(re.sub(r"<[^>]+>", " ", marked))
    for key in ("title", "terminals", "totals", "next_steps", "outcome_not_closed", "step_not_closed", "col_net"):
        assert "⟦" + TEXT[key].split("{")[0] in plain, key
    assert "⟦5 of 8 terminals closed⟧" in plain  # placeholders are filled after translating


def test_strings_are_extractable_by_qt_linguist(tmp_path):
    lupdate = shutil.which("pyside6-lupdate")
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    ts = tmp_path / "report.ts"
    subprocess.run([lupdate, report_mod.__file__, "-ts", str(ts)], check=True, capture_output=True, timeout=60)
    found = html.unescape(ts.read_text(encoding="utf-8"))
    assert "<name>ClosingReport</name>" in found
    missing = [key for key, value in TEXT.items() if f"<source>{value}</source>" not in found]
    assert missing == []


# -- CSV ------------------------------------------------------------------------------------------


def test_csv_rows_per_terminal_then_totals(history, shop, tmp_path):
    path = render_csv(build_report(history, SHOP, DAY), tmp_path / "report.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # spreadsheet programs read the accents right
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    terminals = [r for r in rows if r["row"] == "terminal"]
    totals = {r["currency"]: r for r in rows if r["row"] == "total"}
    assert [r["terminal"] for r in terminals] == [
        "Counter 1",
        "Counter 2",
        "Bar",
        "Patio",
        "Terrace",
        "Back room",
        "Kiosk",
        "Old till",
    ]
    bar = next(r for r in terminals if r["terminal"] == "Bar")
    assert (bar["outcome"], bar["batch_no"], bar["currency"], bar["transaction_count"], bar["net"], bar["tip"]) == (
        "closed",
        "000123",
        "USD",
        "42",
        "1234.56",
        "20.00",
    )
    patio = next(r for r in terminals if r["terminal"] == "Patio")
    assert (patio["batch_no"], patio["net"], patio["closes"]) == ("000200 000201", "15.44", "2")
    kiosk = next(r for r in terminals if r["terminal"] == "Kiosk")
    assert kiosk["outcome"] == "not_closed" and kiosk["next_step"] == "Not closed on this day. Close it now."
    assert next(r for r in terminals if r["terminal"] == "Counter 2")["message"] == FAIL_REASON
    usd = totals["USD"]
    assert (usd["net"], usd["tax"], usd["transaction_count"]) == ("1250.00", "99.56", "46")
    assert (totals["JPY"]["net"], totals["EUR"]["net"]) == ("12500", "450.00")
    assert all(r["day"] == "2026-03-14" and r["shop"] == "Café Müller & Söhne" for r in rows)


def test_csv_rows_match_the_report_lines(history, shop):
    rows = csv_rows(build_report(history, SHOP, DAY))
    assert sum(1 for r in rows if r["row"] == "terminal") == 8


def test_atomic_write_replaces_whole_or_not_at_all(tmp_path):
    target = tmp_path / "r.csv"
    target.write_text("old")

    def fail(tmp: Path) -> None:
        tmp.write_text("half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        write_atomically(target, fail)
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.csv"]  # no temporary file left behind
    write_atomically(target, lambda tmp: tmp.write_text("new"))
    assert target.read_text() == "new" and sorted(p.name for p in tmp_path.iterdir()) == ["r.csv"]


def test_report_dates_follow_the_language(history, shop):
    from app.core import i18n

    try:
        i18n.set_language("de")
        plain = words(html.unescape(re.sub(r"<[^>]+>", " ", render_html(build_report(history, SHOP, DAY)))))
        assert "14.03.2026" in plain and "2026-03-14" not in plain
        i18n.set_language("fr")
        plain = words(html.unescape(re.sub(r"<[^>]+>", " ", render_html(build_report(history, SHOP, DAY)))))
        assert "14/03/2026" in plain
    finally:
        i18n.set_language("en")
    assert i18n.format_date(DAY) == "2026-03-14"
