"""The terminal list: the columns fit what they show after a close or a preview; the status takes the rest."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.ui.models.terminals import COL_LAST, COL_OPEN, COL_STATUS
from tests.ui.test_main_window import make_window


def test_columns_fit_again_when_a_preview_or_a_close_changes_them(qtbot, demo_workspace):
    window = make_window(qtbot, demo_workspace)
    window.resize(1366, 700)
    table, model = window.table, window.model
    terminal = model.terminal_at(0)
    before = table.columnWidth(COL_OPEN)
    text = "11 transactions, 436.92 USD open"  # wider than the column was fitted for at start
    model.set_open_batch(terminal.id, text)
    needed = table.fontMetrics().horizontalAdvance(text)
    assert needed > before
    qtbot.waitUntil(lambda: table.columnWidth(COL_OPEN) >= needed, timeout=3000)  # not "11 transacti…"
    header = table.horizontalHeader()
    fitted = sum(table.columnWidth(c) for c in range(COL_STATUS))
    assert header.sectionSize(COL_STATUS) >= table.viewport().width() - fitted - 2  # the status takes the rest
    tip = model.index(0, COL_OPEN).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(text)  # the whole text also on hover


def test_last_close_tooltip_carries_the_whole_text(qtbot, demo_workspace):
    window = make_window(qtbot, demo_workspace)
    model = window.model
    for row in range(model.rowCount()):
        shown = model.index(row, COL_LAST).data()
        tip = model.index(row, COL_LAST).data(Qt.ItemDataRole.ToolTipRole)
        if shown and shown != "—" and tip is not None:
            assert tip.startswith(shown)
