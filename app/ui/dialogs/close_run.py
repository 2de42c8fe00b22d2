"""The two dialogs around a run: the confirmation before, the summary after."""

from __future__ import annotations

import html
from typing import Iterable

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
)

from app.core import providers
from app.core.engine import Outcome
from app.core.providers.base import Terminal
from app.core.terminals import display_id, environment
from app.ui.widgets.text import heading


class ConfirmCloseDialog(QDialog):
    """Lists what will be closed, marks live terminals, warns about ones closed today."""

    def __init__(self, terminals: list[Terminal], closed_today: dict[str, str], parent=None,
                 in_doubt: frozenset[str] = frozenset(), open_batches: dict[str, str] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confirm_close")
        self.setWindowTitle(self.tr("Close batches"))
        self.setMinimumWidth(520)
        self.terminals = terminals
        live = [t for t in terminals if environment(t) == "live"]

        layout = QVBoxLayout(self)
        count = len(terminals)
        layout.addWidget(heading(self.tr("Close the batch of %n terminal(s)?", "", count), object_name="confirm_title"))

        warning = QLabel(self.tr("A batch close cannot be undone: the day's card payments go to the acquirer "
                                 "and the money starts moving."))
        warning.setWordWrap(True)
        layout.addWidget(warning)

        rows = []
        for t in terminals:
            badge = ("<b style='color:#b45309'>" + html.escape(self.tr("LIVE")) + "</b>") if environment(t) == "live" \
                else html.escape(self.tr("test"))
            note = ""
            if t.id in closed_today:
                note = (" <span style='color:#b91c1c'>" + html.escape(
                    self.tr("already closed today at {time}: skipped unless you tick the box below")
                    .format(time=closed_today[t.id])) + "</span>")
            if open_batches and open_batches.get(t.id):
                note += " <span style='color:#475569'>· " + html.escape(open_batches[t.id]) + "</span>"
            if t.id in in_doubt:
                note += (" <span style='color:#b45309'>" + html.escape(
                    self.tr("its last close is in doubt: that same close is re-sent first, never a second one"))
                    + "</span>")
            rows.append(f"<li><b>{html.escape(t.name)}</b> — {html.escape(providers.get(t.provider).LABEL)} "
                        f"{html.escape(display_id(t))}, {badge}{note}</li>")
        listing = QTextBrowser()
        listing.setObjectName("confirm_list")
        listing.setAccessibleName(self.tr("Terminals to close"))
        listing.setHtml("<ul style='margin-left:-20px'>" + "".join(rows) + "</ul>")
        listing.setMinimumHeight(min(320, 60 + 26 * len(terminals)))
        layout.addWidget(listing)

        if live:
            live_note = QLabel(self.tr("%n LIVE terminal(s): real money.", "", len(live)))
            live_note.setObjectName("confirm_live")
            live_note.setStyleSheet("color:#b45309; font-weight:bold")
            layout.addWidget(live_note)

        self.force_box = QCheckBox(self.tr("Close again the terminals already closed today"))
        self.force_box.setObjectName("confirm_force")
        self.force_box.setVisible(bool(closed_today))
        layout.addWidget(self.force_box)

        buttons = QDialogButtonBox()
        self.close_button = buttons.addButton(self.tr("Close %n batch(es)", "", count),
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button.setObjectName("confirm_ok")
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)  # a stray Enter must not close batches
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @property
    def force(self) -> bool:
        return self.force_box.isChecked()


class RunSummaryDialog(QDialog):
    """What closed, what failed and why (the provider's own words), what is in doubt."""

    def __init__(self, outcomes: Iterable[Outcome], parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("run_summary")
        self.setWindowTitle(self.tr("Closing finished"))
        self.setMinimumSize(560, 360)
        outcomes = list(outcomes)
        groups = {k: [o for o in outcomes if o.outcome == k] for k in ("closed", "failed", "in_doubt", "skipped")}
        layout = QVBoxLayout(self)

        headline = heading(self.tr("{closed} closed, {failed} failed, {doubt} in doubt, {skipped} skipped").format(
            closed=len(groups["closed"]), failed=len(groups["failed"]), doubt=len(groups["in_doubt"]),
            skipped=len(groups["skipped"])), object_name="summary_headline")
        layout.addWidget(headline)

        parts = []
        if groups["in_doubt"]:
            parts.append(self._section(
                self.tr("In doubt: these may have closed"), "#b45309", groups["in_doubt"],
                self.tr("No answer came back, so nobody knows yet whether these batches closed. Do not close them "
                        "by other means. Closeout re-sends the same close (it cannot close twice) the next time you "
                        "close them, or check in the provider's back office.")))
        if groups["failed"]:
            parts.append(self._section(self.tr("Failed: not closed"), "#b91c1c", groups["failed"],
                                       self.tr("Fix the reason shown, then close these terminals again.")))
        if groups["closed"]:
            parts.append(self._section(self.tr("Closed"), "#15803d", groups["closed"], None, details=False))
        if groups["skipped"]:
            parts.append(self._section(self.tr("Skipped"), "#475569", groups["skipped"], None))
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

    def _section(self, title: str, color: str, items: list[Outcome], advice: str | None, details: bool = True) -> str:
        out = [f"<h3 style='color:{color}; margin-bottom:2px'>{html.escape(title)} ({len(items)})</h3>"]
        if advice:
            out.append(f"<p style='margin-top:0'>{html.escape(advice)}</p>")
        out.append("<ul>")
        for o in items:
            line = f"<b>{html.escape(o.name)}</b>"
            if details and o.message:
                line += f": {html.escape(o.message)}"
            if details and o.trace_id and o.trace_id not in (o.message or ""):
                line += f" <span style='color:#475569'>(trace {html.escape(o.trace_id)})</span>"
            out.append(f"<li>{line}</li>")
        out.append("</ul>")
        return "".join(out)

