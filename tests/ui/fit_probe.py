"""Run by tests/ui/test_screen_fit.py in a subprocess on a small virtual screen (offscreen configfile).

Opens every window and dialog of the demo, in the language given, and prints one JSON line per window:
its frame, the screen's available area, its minimum size, and any visible button outside the window.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys

os.environ.setdefault("QT_API", "pyside6")

from PySide6.QtCore import QPoint, QRect  # noqa: E402
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QWidget  # noqa: E402

import qasync  # noqa: E402

from app.core.engine import Outcome  # noqa: E402
from app.simulator.demo_shop import open_demo  # noqa: E402
from app.ui import i18n  # noqa: E402
from app.ui.bootstrap import make_app  # noqa: E402


def _rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def _inside_scroll_area(widget: QWidget, top: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def describe(name: str, window: QWidget) -> dict:
    app = QApplication.instance()
    for _ in range(5):
        app.processEvents()
    screen = window.screen() or app.primaryScreen()
    outside = []
    inner = window.rect()
    for button in window.findChildren(QAbstractButton):
        if not button.isVisibleTo(window) or button.window() is not window or _inside_scroll_area(button, window):
            continue
        top_left = button.mapTo(window, QPoint(0, 0))
        if not inner.contains(QRect(top_left, button.size())):
            outside.append(button.objectName() or button.text())
    hint = window.minimumSizeHint()
    return {
        "name": name,
        "frame": _rect(window.frameGeometry()),
        "geometry": _rect(window.geometry()),
        "available": _rect(screen.availableGeometry()),
        "min_hint": [hint.width(), hint.height()],
        "min": [window.minimumWidth(), window.minimumHeight()],
        "outside": outside,
    }


def main() -> int:
    language = sys.argv[1] if len(sys.argv) > 1 else "en"
    app = make_app(["closeout"])
    i18n.install(app, language)
    loop = qasync.QEventLoop(app, already_running=True)
    asyncio.set_event_loop(loop)
    from app.ui.main_window import MainWindow

    workspace = open_demo(latency_scale=0.01)
    window = MainWindow(workspace)
    window.show()
    results = [describe("main_window", window)]

    def dialog(name: str, opener, attr: str) -> None:
        opener()
        shown = getattr(window, attr)
        results.append(describe(name, shown))
        shown.close()

    dialog("add_terminal", window.add_terminal, "_dialog")
    dialog("import_terminals", window.import_terminals, "_dialog")
    # The same dialog with a problem under every account field and the banner of a refused lookup: it grows,
    # and must stay on the screen.
    window.import_terminals()
    shown = window._dialog
    for key, value in (("customer_id", "12ab"), ("username", " "), ("secret", " x")):
        shown.input(key).setText(value)
        shown.input(key).textEdited.emit(value)
    shown.look_up()
    app.processEvents()
    results.append(describe("import_terminals_errors", shown))
    shown.close()
    window.table.selectRow(0)
    dialog("edit_terminal", window.edit_terminal, "_dialog")
    dialog("settings", window.edit_settings, "_settings_dialog")
    dialog("history", window.show_history, "_history_window")
    if hasattr(window, "show_shops"):
        dialog("shops", window.show_shops, "_shops_window")
    dialog("report", window.show_report, "_report_dialog")
    dialog("in_doubt", window.review_in_doubt, "_in_doubt_dialog")
    dialog("confirm_close", window.close_all, "_confirm")
    if hasattr(window, "show_about"):
        dialog("about", window.show_about, "_about_dialog")
    from app.ui.dialogs.close_run import RunSummaryDialog

    outcomes = [
        Outcome(t.id, t.name, t.provider, "live", kind, message)
        for t, kind, message in zip(
            workspace.history.terminals(),
            ["closed", "failed", "in_doubt", "skipped"] * 2,
            [
                "",
                "SUNBAY refused the close: terminal offline (code 2001). " * 3,
                "No answer came back after 3 attempts.",
                "Already closed today.",
            ]
            * 2,
        )
    ]
    summary = RunSummaryDialog(outcomes, window)
    summary.show()
    results.append(describe("run_summary", summary))
    for line in results:
        print(json.dumps(line), flush=True)
    workspace.close()
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
