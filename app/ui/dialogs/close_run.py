"""The two dialogs around a run: the confirmation before, the summary after."""

from __future__ import annotations

import html
from typing import Callable, Iterable

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
)

from app.core import providers
from app.core.engine import Reason
from app.core.service import ClosePlan, RunSummary, Skip
from app.core.engine import Outcome
from app.core.providers.base import Terminal
from app.core.terminals import display_id, environment
from app.ui import theme
from app.ui.widgets.text import heading
from app.core.states import CloseStatus


class ConfirmCloseDialog(QDialog):
    """What will really be sent (live terminals marked), and apart from it what will be skipped and why.

    Enter never closes anything: Cancel is the default button and the close button takes no Enter
    (``autoDefault`` off); closing needs a click, Space on the focused button, or its mnemonic (Alt+C).
    """

    def __init__(
        self,
        plan: Callable[[bool], ClosePlan],
        parent=None,
        *,
        in_doubt: frozenset[str] = frozenset(),
        open_batches: dict[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("confirm_close")
        self.setWindowTitle(self.tr("Close batches"))
        self.setMinimumWidth(480)
        self._plan_for = plan
        self._in_doubt = in_doubt
        self._open_batches = open_batches or {}
        self.plan = plan(False)
        forcible = any(s.reason == Reason.ALREADY_CLOSED for s in self.plan.skip)

        layout = QVBoxLayout(self)
        self.title = heading("", object_name="confirm_title")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)

        warning = QLabel(
            self.tr(
                "A batch close cannot be undone: the day's card payments go to the acquirer "
                "and the money starts moving."
            )
        )
        warning.setWordWrap(True)
        layout.addWidget(warning)

        self.listing = QTextBrowser()
        self.listing.setObjectName("confirm_list")
        self.listing.setAccessibleName(self.tr("Terminals to close"))
        self.listing.setMinimumHeight(120)
        layout.addWidget(self.listing, 1)

        self.live_note = QLabel()
        self.live_note.setObjectName("confirm_live")
        self.live_note.setStyleSheet(f"color:{theme.color('live')}; font-weight:bold")
        self.live_note.setWordWrap(True)
        layout.addWidget(self.live_note)

        self.force_box = QCheckBox(self.tr("Close again the terminals already closed this business day"))
        self.force_box.setObjectName("confirm_force")
        self.force_box.setVisible(forcible)
        self.force_box.toggled.connect(self._replan)
        layout.addWidget(self.force_box)

        buttons = QDialogButtonBox()
        self.close_button = buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button.setObjectName("confirm_ok")
        self.close_button.setAutoDefault(False)  # focused by Tab, Enter still goes to Cancel
        self.close_button.setDefault(False)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("confirm_cancel")
        self.cancel_button.setDefault(True)  # a stray Enter must not close batches
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._show(self.plan)
        self.cancel_button.setFocus()

    @property
    def force(self) -> bool:
        return self.force_box.isChecked()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.cancel_button.setFocus()

    def keyPressEvent(self, event) -> None:
        # Enter anywhere in the dialog (the list, the check box, the close button) means Cancel.
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            self.reject()
            return
        super().keyPressEvent(event)

    def _replan(self) -> None:
        self.plan = self._plan_for(self.force)
        self._show(self.plan)

    def _line(self, t: Terminal) -> str:
        badge = (
            (f"<b style='color:{theme.color('live')}'>" + html.escape(self.tr("LIVE")) + "</b>")
            if environment(t) == "live"
            else html.escape(self.tr("test"))
        )
        note = ""
        if self._open_batches.get(t.id):
            note += (
                f" <span style='color:{theme.color('muted')}'>· " + html.escape(self._open_batches[t.id]) + "</span>"
            )
        if t.id in self._in_doubt:
            note += (
                f" <span style='color:{theme.color('warning')}'>"
                + html.escape(
                    self.tr("its last close is in doubt: that same close is re-sent first, never a second one")
                )
                + "</span>"
            )
        return (
            f"<li><b>{html.escape(t.name)}</b> — {html.escape(providers.get(t.provider).LABEL)} "
            f"{html.escape(display_id(t))}, {badge}{note}</li>"
        )

    def skip_reason(self, skip: Skip) -> str:
        if skip.reason == Reason.ALREADY_CLOSED:
            when = QLocale().toString(skip.at.time(), QLocale.FormatType.ShortFormat) if skip.at else ""
            return self.tr("already closed this business day at {time}; tick the box below to close it again").format(
                time=when
            )
        if skip.reason == Reason.NOTHING_TO_CLOSE:
            return self.tr("nothing to close: the open batch has no transactions")
        if skip.reason == Reason.SAME_TERMINAL:
            return self.tr("the same physical terminal as another entry of this run, which is closed once")
        if skip.reason == Reason.CLOCK:
            return self.tr(
                "this PC's clock looks wrong (a recorded close lies in the future): set the date and time first"
            )
        return skip.message

    def _show(self, plan: ClosePlan) -> None:
        count = len(plan.send)
        self.title.setText(
            self.tr("Close the batch of %n terminal(s)?", "", count) if count else self.tr("Nothing to close")
        )
        parts = []
        if plan.send:
            parts.append(
                "<p><b>"
                + html.escape(self.tr("Will be closed (%n):", "", count))
                + "</b></p><ul>"
                + "".join(self._line(t) for t in plan.send)
                + "</ul>"
            )
        if plan.skip:
            parts.append(
                "<p><b>"
                + html.escape(self.tr("Skipped, nothing is sent (%n):", "", len(plan.skip)))
                + "</b></p><ul>"
                + "".join(
                    f"<li><b>{html.escape(s.terminal.name)}</b> — {html.escape(self.skip_reason(s))}</li>"
                    for s in plan.skip
                )
                + "</ul>"
            )
        self.listing.setHtml("".join(parts))
        live = [t for t in plan.send if environment(t) == "live"]
        self.live_note.setText(self.tr("%n LIVE terminal(s): real money.", "", len(live)) if live else "")
        self.live_note.setVisible(bool(live))
        self.close_button.setText(self.tr("&Close %n batch(es)", "", count))
        self.close_button.setEnabled(count > 0)


class RunSummaryDialog(QDialog):
    """What closed, what failed and why (the provider's own words), what is in doubt."""

    def __init__(self, outcomes: Iterable[Outcome], parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("run_summary")
        self.setWindowTitle(self.tr("Closing finished"))
        self.setMinimumSize(560, 360)
        outcomes = list(outcomes)
        summary = RunSummary.of(outcomes)  # the same counts the CLI prints
        groups = {
            k: [o for o in outcomes if o.outcome == k]
            for k in (CloseStatus.CLOSED, CloseStatus.FAILED, CloseStatus.IN_DOUBT, CloseStatus.SKIPPED)
        }
        layout = QVBoxLayout(self)

        headline = heading(
            self.tr("{closed} closed, {failed} failed, {doubt} in doubt, {skipped} skipped").format(
                closed=summary.closed, failed=summary.failed, doubt=summary.in_doubt, skipped=summary.skipped
            ),
            object_name="summary_headline",
        )
        layout.addWidget(headline)

        parts = []
        if groups[CloseStatus.IN_DOUBT]:
            parts.append(
                self._section(
                    self.tr("In doubt: these may have closed"),
                    theme.color("warning"),
                    groups[CloseStatus.IN_DOUBT],
                    self.tr(
                        "No answer came back, so nobody knows yet whether these batches closed. Do not close them "
                        "by other means. Retry safely settles them without closing twice (Closeout sends the same "
                        "close again, or asks the provider about that close), or check in the provider's back office."
                    ),
                )
            )
        if groups[CloseStatus.FAILED]:
            parts.append(
                self._section(
                    self.tr("Failed: not closed"),
                    theme.color("error"),
                    groups[CloseStatus.FAILED],
                    self.tr("Fix the reason shown, then close these terminals again."),
                )
            )
        if groups[CloseStatus.CLOSED]:
            parts.append(
                self._section(self.tr("Closed"), theme.color("ok"), groups[CloseStatus.CLOSED], None, details=False)
            )
        if groups[CloseStatus.SKIPPED]:
            parts.append(self._skipped(groups[CloseStatus.SKIPPED]))
        body = QTextBrowser()
        body.setObjectName("summary_body")
        body.setAccessibleName(self.tr("Closing summary"))
        body.setOpenExternalLinks(False)
        body.setHtml("".join(parts))
        layout.addWidget(body)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.groups = groups

    def _skipped(self, items: list[Outcome]) -> str:
        """Skipped terminals under their reason, each reason once: a day with 500 empty batches reads as one
        sentence and the names, not 500 times the same sentence (and lays out in a blink)."""
        title = self.tr("Skipped")
        out = [f"<h3 style='color:{theme.color('muted')}; margin-bottom:2px'>{html.escape(title)} ({len(items)})</h3>"]
        by_reason: dict[str, list[str]] = {}
        for o in items:
            by_reason.setdefault(o.message or "", []).append(o.name)
        for reason, names in by_reason.items():
            if reason:
                out.append(f"<p style='margin-bottom:0'>{html.escape(reason)}</p>")
            out.append(f"<p style='margin-top:0'><b>{html.escape(', '.join(names))}</b></p>")
        return "".join(out)

    def _section(self, title: str, color: str, items: list[Outcome], advice: str | None, details: bool = True) -> str:
        out = [f"<h3 style='color:{color}; margin-bottom:2px'>{html.escape(title)} ({len(items)})</h3>"]
        if advice:
            out.append(f"<p style='margin-top:0'>{html.escape(advice)}</p>")
        if not details:  # names only (the closed ones): one paragraph, quick to lay out for 1,000 terminals
            out.append("<p>" + html.escape(", ".join(o.name for o in items)) + "</p>")
            return "".join(out)
        out.append("<ul>")
        for o in items:
            line = f"<b>{html.escape(o.name)}</b>"
            if details and o.message:
                line += f": {html.escape(o.message)}"
            if details and o.trace_id and o.trace_id not in (o.message or ""):
                line += f" <span style='color:{theme.color('muted')}'>(trace {html.escape(o.trace_id)})</span>"
            out.append(f"<li>{line}</li>")
        out.append("</ul>")
        return "".join(out)
