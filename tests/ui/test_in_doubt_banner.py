"""The in-doubt banner on its own (app/ui/widgets/in_doubt_banner.py): its words, its buttons, its signals."""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import Qt

from app.core.history import CloseRow
from app.ui.widgets.in_doubt_banner import InDoubtBanner


def row(close_id: int, terminal_id: str, name: str) -> CloseRow:
    return CloseRow(
        id=close_id,
        terminal_id=terminal_id,
        terminal_name=name,
        provider="saferpay",
        environment="test",
        request_id=f"req-{close_id}",
        started_at=datetime(2026, 11, 20, 21, 0, tzinfo=timezone.utc),
        finished_at=None,
        attempts=1,
        outcome="in_doubt",
        http_status=None,
        provider_code=None,
        provider_message=None,
        message="No answer",
        trace_id=None,
        data=None,
        forced=False,
        owner=None,
    )


def test_hidden_without_doubts_and_says_which_terminals_with_them(qtbot):
    banner = InDoubtBanner()
    qtbot.addWidget(banner)
    banner.show_doubts([])
    assert banner.isHidden() and banner.count == 0

    banner.show_doubts([row(1, "t-kiosk", "Kiosk"), row(2, "t-bar", "Bar"), row(3, "t-kiosk", "Kiosk")])
    assert not banner.isHidden() and banner.count == 3
    text = banner.text.text()  # "close(s)" until a translator (English too) is installed
    assert text.startswith("3 close") and "in doubt (Bar, Kiosk)" in text
    assert banner.btn_retry.isEnabled()

    banner.show_doubts([])
    assert banner.isHidden()


def test_retry_is_off_while_every_terminal_in_doubt_is_being_closed(qtbot):
    banner = InDoubtBanner()
    qtbot.addWidget(banner)
    doubts = [row(1, "t-kiosk", "Kiosk"), row(2, "t-bar", "Bar")]
    banner.show_doubts(doubts, busy={"t-kiosk", "t-bar", "t-other"})
    assert not banner.btn_retry.isEnabled()
    banner.show_doubts(doubts, busy={"t-kiosk"})
    assert banner.btn_retry.isEnabled()


def test_the_buttons_ask_for_a_safe_retry_and_a_review(qtbot):
    banner = InDoubtBanner()
    qtbot.addWidget(banner)
    banner.show_doubts([row(1, "t-kiosk", "Kiosk")])
    banner.show()
    with qtbot.waitSignal(banner.retryRequested, timeout=1000):
        qtbot.mouseClick(banner.btn_retry, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(banner.reviewRequested, timeout=1000):
        qtbot.mouseClick(banner.btn_review, Qt.MouseButton.LeftButton)
    assert banner.objectName() == "in_doubt_banner" and banner.btn_retry.objectName() == "btn_retry_doubt"
