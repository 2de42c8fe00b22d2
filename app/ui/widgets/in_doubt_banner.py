"""The banner over the terminal list while closes are in doubt: which terminals, "Retry safely", "Review…".

A close is in doubt when its request may have reached the provider but no answer came back
(docs/reliability.md).
"""

from __future__ import annotations

from typing import Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from app.core.history import CloseRow
from app.ui import icons, theme


class InDoubtBanner(QFrame):
    retryRequested = Signal()  # re-send every close in doubt with its original id
    reviewRequested = Signal()  # open the list of closes in doubt

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("in_doubt_banner")
        self.setStyleSheet(
            theme.banner_style("in_doubt", "#in_doubt_banner") + f" QLabel {{ color:{theme.BANNERS['in_doubt'][0]}; }}"
        )
        self.count = 0
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 6, 4)
        icon = QLabel()
        icon.setPixmap(icons.icon("in_doubt").pixmap(20, 20))
        self.text = QLabel()
        self.text.setObjectName("in_doubt_text")
        self.text.setWordWrap(True)
        self.btn_retry = QPushButton(self.tr("Retry safely"))
        self.btn_retry.setObjectName("btn_retry_doubt")
        self.btn_retry.setToolTip(self.tr("Re-send the same closes with their original ids: they cannot close twice"))
        self.btn_retry.clicked.connect(lambda: self.retryRequested.emit())
        self.btn_review = QPushButton(self.tr("Review…"))
        self.btn_review.setObjectName("btn_review_doubt")
        self.btn_review.clicked.connect(lambda: self.reviewRequested.emit())
        row.addWidget(icon)
        row.addWidget(self.text, 1)
        row.addWidget(self.btn_retry)
        row.addWidget(self.btn_review)
        self.setVisible(False)

    def show_doubts(self, doubts: list[CloseRow], busy: Iterable[str] = ()) -> None:
        """Show the closes in doubt (hidden when there are none); "Retry safely" is off while every one of
        their terminals is being closed."""
        self.count = len(doubts)
        if doubts:
            names = sorted({r.terminal_name for r in doubts})
            self.text.setText(
                self.tr(
                    "%n close(s) in doubt ({names}): they may have gone through. Closeout will not close these "
                    "terminals again blindly.",
                    "",
                    len(doubts),
                ).format(names=", ".join(names))
            )
        self.setVisible(bool(doubts))
        self.btn_retry.setEnabled(bool(doubts) and not ({r.terminal_id for r in doubts} <= set(busy)))
