"""The history window on a real temporary SQLite history: lazy model, filters, details, CSV export."""

from __future__ import annotations

import csv
import os
import time
from datetime import date, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

from app.core.history import CloseFilter, History
from app.core.terminals import new_terminal
from app.ui.history_view import CSV_FIELDS, HistoryWindow, export_csv
from app.ui.models.history import COL_ATTEMPTS, COL_MESSAGE, COL_OUTCOME, COL_STARTED, COL_TERMINAL, HistoryTableModel
from tests.core.test_history_queries import close_values, insert_closes

NOW = datetime.now(timezone.utc).replace(microsecond=0)
SUNBAY_DATA = {
    "batchNo": "000042",
    "terminalSn": "P60000001",
    "batchTime": "2026-03-01T21:00:05+00:00",
    "transactionCount": 37,
    "priceCurrency": "EUR",
    "netAmount": 123456,
    "tipAmount": 1500,
    "surchargeAmount": 0,
    "taxAmount": 9800,
}


@pytest.fixture(autouse=True)
def english_numbers():
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(previous)


@pytest.fixture
def history(tmp_path):
    h = History(tmp_path / "history.db", tmp_path / "locks")
    yield h
    h.close()


class Shop:
    """Three terminals (one removed since), a SUNBAY close with batch data, a settled in-doubt close,
    a failure with the provider's code, and older routine closes."""

    def __init__(self, history: History) -> None:
        self.counter = new_terminal(
            "Counter 1",
            "saferpay",
            {
                "customer_id": "401234",
                "terminal_id": "12345678",
                "username": "API_401234_12345678",
                "environment": "live",
            },
        )
        self.bar = new_terminal(
            "Bar",
            "sunbay",
            {
                "app_id": "app_8a3f",
                "merchant_id": "M1001",
                "terminal_sn": "P60000001",
                "channel_code": "CARD",
                "environment": "live",
            },
        )
        self.kiosk = new_terminal(
            "Kiosk",
            "saferpay",
            {
                "customer_id": "401234",
                "terminal_id": "12345679",
                "username": "API_401234_12345678",
                "environment": "test",
            },
        )
        for t in (self.counter, self.bar, self.kiosk):
            history.add_terminal(t)
        # 100 routine closes over the last 50 days (half inside the default 30 days), oldest first.
        insert_closes(
            history,
            (
                close_values(
                    terminal_id=(self.counter if i % 2 else self.kiosk).id,
                    terminal_name=(self.counter if i % 2 else self.kiosk).name,
                    environment="live" if i % 2 else "test",
                    started_at=NOW - timedelta(days=50) + timedelta(hours=12 * i),
                    request_id=f"routine-{i:03d}",
                )
                for i in range(100)
            ),
        )
        self.sunbay_id = history.start_close(self.bar, "live", "sunbay-req-42", started_at=NOW - timedelta(hours=3))
        history.record_attempt(self.sunbay_id, 1)
        history.finish_close(
            self.sunbay_id,
            "closed",
            message="Batch closed.",
            http_status=200,
            provider_code="0",
            provider_message="success",
            trace_id="trace-7f3a9c",
            data=SUNBAY_DATA,
            finished_at=NOW - timedelta(hours=3) + timedelta(seconds=2),
        )
        self.failed_id = history.start_close(self.bar, "live", "sunbay-req-43", started_at=NOW - timedelta(hours=2))
        history.record_attempt(self.failed_id, 1)
        history.finish_close(
            self.failed_id,
            "failed",
            message="SUNBAY refused the close: Terminal is offline.",
            http_status=200,
            provider_code="T05",
            provider_message="Terminal is offline",
            trace_id="trace-offline-1",
        )
        self.doubt_id = history.start_close(
            self.counter, "live", "saferpay-req-doubt", started_at=NOW - timedelta(hours=1)
        )
        history.record_attempt(self.doubt_id, 3)
        history.finish_close(self.doubt_id, "in_doubt", message="No answer after 3 attempts.")
        history.settle(self.doubt_id, True, by="anna", note="seen in Backoffice")
        self.open_doubt_id = history.start_close(
            self.kiosk, "test", "kiosk-req-doubt", started_at=NOW - timedelta(minutes=30)
        )
        history.record_attempt(self.open_doubt_id, 2)
        history.finish_close(self.open_doubt_id, "in_doubt", message="No answer after 2 attempts.")
        history.remove_terminal(self.kiosk.id)  # its closes stay


def open_window(qtbot, history: History) -> HistoryWindow:
    window = HistoryWindow(history)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wait_loaded(qtbot, window)
    return window


def wait_loaded(qtbot, window: HistoryWindow) -> None:
    qtbot.waitUntil(lambda: window.model.first_page_loaded and not window.model.loading, timeout=5000)


def apply(qtbot, window: HistoryWindow) -> None:
    window.apply_filters_now()
    wait_loaded(qtbot, window)


def column(window: HistoryWindow, col: int) -> list[str]:
    model = window.model
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_model_passes_qt_model_tester_while_it_pages(qtbot, qtmodeltester, history):
    insert_closes(
        history,
        (close_values(started_at=NOW - timedelta(minutes=i), outcome=("closed", "failed")[i % 2]) for i in range(180)),
    )
    model = HistoryTableModel(history, CloseFilter(), page_size=50)
    qtmodeltester.check(model, force_py=True)  # keeps checking every signal from here on
    qtbot.waitUntil(lambda: model.first_page_loaded)
    while model.canFetchMore():
        model.fetchMore()
        qtbot.waitUntil(lambda: not model.loading)
    assert model.rowCount() == 180 and model.total == 180
    model.set_filters(CloseFilter(outcome="failed"))
    qtbot.waitUntil(lambda: model.first_page_loaded)
    model.reload()
    qtbot.waitUntil(lambda: model.first_page_loaded)
    assert model.rowCount() == 50 and model.index(0, COL_OUTCOME).data() == "Failed"
    model.release()


def test_fetch_more_reads_2500_closes_in_pages_without_repeats(qtbot, history):
    insert_closes(history, (close_values(started_at=NOW - timedelta(seconds=i // 2)) for i in range(2500)))
    model = HistoryTableModel(history)
    qtbot.waitUntil(lambda: model.first_page_loaded)
    assert model.rowCount() == 200 and model.canFetchMore()
    qtbot.waitUntil(lambda: model.total == 2500)  # counted after the first page, for the status line
    pages = 1
    while model.canFetchMore():
        with qtbot.waitSignal(model.pageLoaded, timeout=5000):
            model.fetchMore()
        pages += 1
    assert pages == 13 and model.rowCount() == 2500
    ids = [model.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(model.rowCount())]
    assert ids == [r.id for r in history.closes()]
    model.release()


def test_the_view_opens_on_a_real_history_file_with_the_last_30_days(qtbot, history):
    shop = Shop(history)
    window = open_window(qtbot, history)
    assert window.objectName() == "history_window"
    today = date.today()
    assert window.from_edit.date().toPython() == today - timedelta(days=29)
    assert window.to_edit.date().toPython() == today
    expected = history.count_closes(since=window.current_filters().since, until=window.current_filters().until)
    assert 50 < expected < 104  # the routine closes of the last 30 days and the four of today
    qtbot.waitUntil(lambda: window.model.total == expected)
    assert window.status.text() == f"Matching closes: {expected}"
    rows = window.model.rowCount()
    assert rows == expected
    assert column(window, COL_TERMINAL)[:4] == ["Kiosk", "Counter 1", "Bar", "Bar"]  # newest first
    assert column(window, COL_OUTCOME)[:4] == ["In doubt", "Marked closed", "Failed", "Closed"]
    assert column(window, COL_ATTEMPTS)[:4] == ["2", "3", "1", "1"]
    assert column(window, COL_MESSAGE)[2] == "SUNBAY refused the close: Terminal is offline."
    started = window.model.index(0, COL_STARTED).data()
    assert started == (NOW - timedelta(minutes=30)).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    assert window.model.index(0, COL_OUTCOME).data(Qt.ItemDataRole.DecorationRole) is not None
    assert window.select_close(shop.sunbay_id)
    # Every control is named for screen readers, and every label has its control as buddy.
    for widget in (
        window.from_edit,
        window.to_edit,
        window.terminal_combo,
        window.outcome_combo,
        window.search_edit,
        window.table,
        window.details,
        window.export_button,
    ):
        assert widget.accessibleName(), widget.objectName()
    buddies = {label.buddy() for label in window.findChildren(QLabel) if label.buddy() is not None}
    assert {
        window.from_edit,
        window.to_edit,
        window.terminal_combo,
        window.outcome_combo,
        window.search_edit,
    } <= buddies


def test_terminal_filter_lists_removed_terminals_by_name(qtbot, history):
    shop = Shop(history)
    window = open_window(qtbot, history)
    choices = window.terminal_choices()
    assert [c.label for c in choices] == ["All terminals", "Counter 1", "Bar", "Kiosk (removed)"]
    assert [c.removed for c in choices] == [False, False, False, True]
    window.set_terminal(shop.bar.id)
    apply(qtbot, window)
    assert set(column(window, COL_TERMINAL)) == {"Bar"} and window.model.rowCount() == 2
    window.set_terminal(shop.kiosk.id)
    apply(qtbot, window)
    assert set(column(window, COL_TERMINAL)) == {"Kiosk"} and window.model.rowCount() > 10


def test_outcome_filter(qtbot, history):
    shop = Shop(history)
    window = open_window(qtbot, history)
    window.set_outcome("in_doubt")
    apply(qtbot, window)
    assert [window.model.close_at(r).id for r in range(window.model.rowCount())] == [shop.open_doubt_id]
    window.set_outcome("failed")
    apply(qtbot, window)
    assert column(window, COL_OUTCOME) == ["Failed"]
    window.set_outcome("closed")
    apply(qtbot, window)
    assert "Failed" not in column(window, COL_OUTCOME) and "Marked closed" in column(window, COL_OUTCOME)


def test_date_range_is_local_days(qtbot, history, monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Zurich")
    time.tzset()
    try:
        insert_closes(
            history,
            [
                close_values(request_id="late-evening", started_at=datetime(2026, 3, 1, 22, 30, tzinfo=timezone.utc)),
                close_values(request_id="after-midnight", started_at=datetime(2026, 3, 1, 23, 30, tzinfo=timezone.utc)),
            ],
        )
        window = open_window(qtbot, history)
        window.set_dates(date(2026, 3, 1), date(2026, 3, 1))  # 23:30 in Zurich (UTC+1)
        apply(qtbot, window)
        assert [window.model.close_at(r).request_id for r in range(window.model.rowCount())] == ["late-evening"]
        assert window.model.index(0, COL_STARTED).data() == "2026-03-01 23:30:00"
        window.set_dates(date(2026, 3, 2), date(2026, 3, 2))  # 00:30 the next local day
        apply(qtbot, window)
        assert [window.model.close_at(r).request_id for r in range(window.model.rowCount())] == ["after-midnight"]
        window.set_dates(date(2026, 3, 2), date(2026, 3, 1))  # the wrong way round: taken as meant
        apply(qtbot, window)
        assert window.model.rowCount() == 2
        assert window.model.filters.since == datetime(2026, 2, 28, 23, tzinfo=timezone.utc)
    finally:
        monkeypatch.undo()
        time.tzset()


def test_search_waits_for_typing_to_pause_and_matches_ids_codes_and_messages(qtbot, history):
    Shop(history)
    window = open_window(qtbot, history)
    window.set_search("T05")
    assert window.model.filters.text == ""  # not on every key press
    qtbot.waitUntil(lambda: window.model.filters.text == "T05" and window.model.first_page_loaded, timeout=3000)
    assert column(window, COL_MESSAGE) == ["SUNBAY refused the close: Terminal is offline."]
    for text, request_id in (
        ("trace-7f3a", "sunbay-req-42"),
        ("SAFERPAY-REQ-DOUBT", "saferpay-req-doubt"),
        ("backoffice", "saferpay-req-doubt"),
        ("kiosk doubt", "kiosk-req-doubt"),
    ):
        window.set_search(text)
        apply(qtbot, window)
        assert [window.model.close_at(r).request_id for r in range(window.model.rowCount())] == [request_id], text
    window.set_search("no such close")
    apply(qtbot, window)
    assert window.model.rowCount() == 0
    assert window.status.text() == "No closes match these filters."


def test_details_of_a_sunbay_close_with_batch_data(qtbot, history):
    shop = Shop(history)
    window = open_window(qtbot, history)
    assert "Select a close" in window.details.toPlainText()
    assert window.select_close(shop.sunbay_id)
    text = window.details.toPlainText()
    for expected in (
        "Bar — Closed",
        "sunbay-req-42",
        "trace-7f3a9c",
        "HTTP status\n200",
        "Code\n0",
        "success",
        "Batch number\n000042",
        "Transactions\n37",
        "Net amount\nEUR 1,234.56",
        "Tip\nEUR 15.00",
        "Tax\nEUR 98.00",
        "Attempts\n1",
        "SUNBAY, LIVE",
    ):
        assert expected in text, expected
    assert "Surcharge" not in text  # zero amounts are left out
    started = (NOW - timedelta(hours=3)).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    assert f"Started\n{started} (UTC" in text and "Finished\n" in text
    assert window.details.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard


def test_details_of_a_settled_in_doubt_close_say_who_settled_it(qtbot, history):
    shop = Shop(history)
    window = open_window(qtbot, history)
    assert window.select_close(shop.doubt_id)
    text = window.details.toPlainText()
    assert "Counter 1 — Marked closed" in text
    for expected in (
        "Settled by a person",
        "Marked\nclosed",
        "By\nanna",
        "Note\nseen in Backoffice",
        "Attempts\n3",
        "Marked closed by anna after checking with the provider.",
    ):
        assert expected in text, expected
    row = window.model.row_of(shop.doubt_id)
    assert "anna" in window.model.index(row, COL_OUTCOME).data(Qt.ItemDataRole.ToolTipRole)


def read_csv(path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_export_csv_writes_exactly_the_filtered_rows_and_no_secrets(history, tmp_path):
    shop = Shop(history)
    insert_closes(
        history,
        [
            close_values(
                terminal_id=shop.bar.id,
                terminal_name="Bar",
                provider="sunbay",
                started_at=NOW - timedelta(days=2, minutes=i),
                message='=HYPERLINK("x")' if i == 0 else "Batch closed.",
            )
            for i in range(250)
        ],
    )
    filters = CloseFilter(since=NOW - timedelta(days=5), terminal_id=shop.bar.id)
    path = tmp_path / "out" / "bar.csv"
    path.parent.mkdir()
    progress = []
    assert export_csv(history, filters, path, progress=progress.append, chunk=100) == 252
    assert progress == [100, 200]
    rows = read_csv(path)
    assert tuple(rows[0]) == CSV_FIELDS
    assert len(rows) == 253
    records = [dict(zip(rows[0], r)) for r in rows[1:]]
    assert [int(r["id"]) for r in records] == [
        r.id for r in history.closes(since=filters.since, terminal_id=shop.bar.id)
    ]
    sunbay = next(r for r in records if r["request_id"] == "sunbay-req-42")
    assert (
        sunbay["batch_no"],
        sunbay["currency"],
        sunbay["transaction_count"],
        sunbay["net"],
        sunbay["tip"],
        sunbay["tax"],
        sunbay["trace_id"],
        sunbay["http_status"],
        sunbay["outcome"],
    ) == ("000042", "EUR", "37", "1234.56", "15.00", "98.00", "trace-7f3a9c", "200", "closed")
    failed = next(r for r in records if r["request_id"] == "sunbay-req-43")
    assert (failed["provider_code"], failed["provider_message"], failed["net"]) == ("T05", "Terminal is offline", "")
    assert any(r["message"] == '\'=HYPERLINK("x")' for r in records)  # no formula for the spreadsheet
    raw = path.read_text(encoding="utf-8-sig")
    assert history.owner not in raw and "gone-process" not in raw  # process tokens stay inside
    assert "API_401234" not in raw and "app_8a3f" not in raw  # no terminal settings either
    assert not {"owner", "settings", "password", "secret", "data"} & set(rows[0])
    assert [p.name for p in path.parent.iterdir()] == ["bar.csv"]  # written atomically, no leftovers

    everything = tmp_path / "all.csv"
    assert export_csv(history, CloseFilter(), everything) == history.count_closes()


def test_export_from_the_window_runs_on_a_worker(qtbot, qloop, history, tmp_path):
    Shop(history)
    window = open_window(qtbot, history)
    window.set_outcome("closed")
    apply(qtbot, window)
    qtbot.waitUntil(lambda: window.model.total is not None)
    path = tmp_path / "closed.csv"
    with qtbot.waitSignal(window.exportFinished, timeout=10000) as done:
        window.export_to(path)
    assert done.args == [window.model.total, str(path)]
    assert len(read_csv(path)) == window.model.total + 1
    assert "Exported" in window.status.text() and "closed.csv" in window.status.text()
    assert window.export_button.text() == "&Export CSV…"


def test_export_failure_is_explained(qtbot, qloop, history, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    Shop(history)
    window = open_window(qtbot, history)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    with qtbot.waitSignal(window.exportFinished, timeout=10000) as done:
        window.export_to(tmp_path / "missing-folder" / "x.csv")
    assert done.args == [0, ""]
    assert shown and "could not be exported" in shown[0] and "Choose another folder" in shown[0]


def test_refresh_after_a_run_shows_new_closes_and_keeps_the_selection(qtbot, history):
    shop = Shop(history)
    window = open_window(qtbot, history)
    assert window.select_close(shop.failed_id)
    new_id = history.start_close(shop.counter, "live", "after-the-run")
    history.finish_close(new_id, "closed", message="Batch closed.")
    with qtbot.waitSignal(window.model.pageLoaded):
        window.refresh()
    assert window.model.close_at(0).id == new_id
    assert window.selected_close().id == shop.failed_id
    assert "Terminal is offline" in window.details.toPlainText()


def test_a_burst_of_filter_changes_shows_only_the_last(qtbot, history):
    shop = Shop(history)
    window = open_window(qtbot, history)
    for text in ("a", "ba", "bar", "Bar", "trace"):
        window.set_search(text)
        window.apply_filters_now()
    window.set_terminal(shop.bar.id)
    apply(qtbot, window)
    qtbot.wait(50)  # anything stale that still arrives must be dropped
    assert window.model.filters.text == "trace" and window.model.filters.terminal_id == shop.bar.id
    assert sorted(window.model.close_at(r).request_id for r in range(window.model.rowCount())) == [
        "sunbay-req-42",
        "sunbay-req-43",
    ]


def test_keyboard_find_escape_and_closing_releases_the_workers(qtbot, history):
    Shop(history)
    window = open_window(qtbot, history)
    window.activateWindow()
    qtbot.waitActive(window)
    assert window.search_edit.hasFocus()  # typing searches at once
    window.table.setFocus()
    assert window.table.hasFocus()
    window.findChild(QAction, "act_history_find").trigger()  # Ctrl+F
    assert window.search_edit.hasFocus()
    qtbot.keyClicks(window.search_edit, "bar")
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Escape)
    assert window.search_edit.text() == ""
    window.close()
    assert window.model.released and not window.model.canFetchMore()
    window.refresh()  # a run finished while the window is closed: nothing is read now
    assert window.model.released
    window.show()  # shown again: reads afresh
    wait_loaded(qtbot, window)
    assert not window.model.released and window.model.rowCount() > 0


def test_a_history_that_cannot_be_read_is_said_in_the_status_line(qtbot, history, monkeypatch):
    from app.core.history import HistoryError, HistoryReader

    Shop(history)
    window = open_window(qtbot, history)

    def broken(self, *args, **kwargs):
        raise HistoryError("The history file is busy in another Closeout window; try again in a moment.")

    monkeypatch.setattr(HistoryReader, "close_page", broken)
    window.set_outcome("failed")
    window.apply_filters_now()
    qtbot.waitUntil(lambda: window.model.error is not None)
    assert window.status.text() == (
        "The history could not be read: The history file is busy in another Closeout window; try again in a moment."
    )
    assert window.model.rowCount() == 0 and not window.model.canFetchMore()
    monkeypatch.undo()
    window.refresh()  # F5 tries again
    wait_loaded(qtbot, window)
    assert window.model.error is None and window.model.rowCount() == 1


def test_screenshot(qtbot, history, tmp_path):
    """Renders the window with a selected close (CLOSEOUT_SCREENSHOT=path keeps the picture)."""
    shop = Shop(history)
    window = open_window(qtbot, history)
    window.select_close(shop.sunbay_id)
    qtbot.wait(50)
    target = os.environ.get("CLOSEOUT_SCREENSHOT") or str(tmp_path / "history.png")
    assert window.grab().save(target)


def test_reads_run_on_the_windows_background_pool_and_closing_ends_their_connections(qtbot, history, monkeypatch):
    import sqlite3
    import threading

    Shop(history)
    readers, threads = [], []
    real_reader = History.reader

    def reader(self):
        threads.append(threading.current_thread().name)
        readers.append(real_reader(self))
        return readers[-1]

    monkeypatch.setattr(History, "reader", reader)
    window = open_window(qtbot, history)
    qtbot.waitUntil(lambda: window.model.total is not None)
    assert readers and all(name.startswith("closeout-ui_") for name in threads)  # app/ui/background.py
    window.close()  # released: the lanes stop and close their read-only connections

    def closed(reader) -> bool:
        try:
            reader._db.execute("SELECT 1")
        except sqlite3.ProgrammingError:  # "Cannot operate on a closed database."
            return True
        return False

    qtbot.waitUntil(lambda: all(closed(r) for r in readers), timeout=5000)
