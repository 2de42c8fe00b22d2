"""Guards against a Qt binding that corrupts memory in a long-running window."""

from __future__ import annotations

import sys

from app.ui.models.terminals import TerminalTableModel


def test_signal_emits_do_not_leak_references_to_true_or_none(qapp):
    # PySide6-Essentials 6.12.0 drops one reference to True (and None) per emit from Python: after
    # enough status updates the process aborts with "bool_dealloc". pyproject caps the version.
    model = TerminalTableModel()
    before_true, before_none = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(500):
        model.checkedChanged.emit()
        model.tick()
    assert abs(sys.getrefcount(True) - before_true) < 50
    assert abs(sys.getrefcount(None) - before_none) < 50
