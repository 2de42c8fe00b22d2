"""The main window: the terminals, one-click close with live status, and the summary.

A view: it lays widgets out and connects them to the controllers that decide what happens after a click
(app/ui/controllers: close runs, closing time, the chain's status line) and to the in-doubt banner
(app/ui/widgets/in_doubt_banner.py).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from typing import Callable

from PySide6.QtCore import QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.core import settings as settings_mod
from app.core.engine import Outcome
from app.core.service import ClosePlan, duplicates_notice, plan_close
from app.core.history import utcnow
from app.core.providers.base import Terminal
from app.core.workspace import Workspace
from app.ui import geometry, icons, theme
from app.ui.controllers.chain_sync import ChainSyncController
from app.ui.controllers.closing_time import ClosingTimeController
from app.ui.controllers.open_batches import OpenBatchController
from app.ui.controllers.run import RunController
from app.ui.controllers.terminals import TerminalsController
from app.ui.dialogs.close_run import ConfirmCloseDialog, RunSummaryDialog
from app.ui.tray import Tray
from app.ui.widgets.in_doubt_banner import InDoubtBanner
from app.ui.widgets.text import heading, wrapped
from app.ui.models.terminals import COL_LAST, COL_NAME, COL_STATUS, TerminalTableModel

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    runFinished = Signal(list)  # list[Outcome] of the run that just ended
    demoRequested = Signal()

    def __init__(self, workspace: Workspace, parent=None, *, now: Callable[[], datetime] = utcnow) -> None:
        super().__init__(parent)
        self.workspace = workspace
        workspace.now = now  # one clock for the window's schedule and the engine's business day
        self.settings, settings_notice = settings_mod.load(workspace.home.settings_path)
        self._notices = [n for n in (workspace.history.notice, settings_notice) if n]
        self._kinds: dict[str, str] = {}  # banner lines that are replaced, not added: kind -> text
        self._really_quit = False
        self._told_tray = False
        self._history_window = None
        self._shops_window = None
        self.setObjectName("main_window")
        self.setWindowTitle(self.tr("Closeout — Demo") if workspace.is_demo else APP_NAME)
        self.setWindowIcon(icons.icon("closeout"))
        self.resize(1100, 560)  # shrunk to the screen, or the last size, on show (app/ui/geometry.py)
        self.setMinimumSize(640, 400)
        geometry.install(QApplication.instance(), workspace.home.root / "window-geometry.json")

        self._summary: RunSummaryDialog | None = None

        self.model = TerminalTableModel(self)
        self.run = RunController(workspace, self.model, self)
        self.closing_time = ClosingTimeController(workspace, self.model, lambda: self.settings, now, self)
        self.chain_sync = ChainSyncController(workspace, self)
        self.open_batches = OpenBatchController(workspace, self.model, self)
        self.terminals = TerminalsController(workspace, self)
        self._build_actions()
        self._build_ui()
        self.model.checkedChanged.connect(self._update_actions)
        self.model.modelReset.connect(self._update_actions)

        self.tray = Tray(self)
        self.tray.showRequested.connect(self.bring_to_front)
        self.tray.closeAllRequested.connect(lambda: (self.bring_to_front(), self.close_all()))
        self.tray.quitRequested.connect(self.quit_app)
        self._connect_controllers()

        self.reload()
        self.closing_time.flag_missed_yesterday()
        self._show_notices()
        self.closing_time.start()
        self.chain_sync.start()

    def _connect_controllers(self) -> None:
        run = self.run
        run.progressChanged.connect(self._show_progress)
        run.stateChanged.connect(self._update_actions)
        run.elapsed.connect(self._tick_visible_rows)
        run.doubtsRead.connect(self._show_doubts)
        run.runFailed.connect(self._run_failed)
        run.clockWarning.connect(self._clock_warning)
        run.clockWrong.connect(self._clock_wrong)
        run.idle.connect(self._run_idle)
        run.runFinished.connect(self.runFinished)
        run.runFinished.connect(self._run_finished)
        run.stoppedWaiting.connect(
            lambda: self.statusBar().showMessage(
                self.tr("Stopped waiting: closes still on their way are recorded as in doubt.")
            )
        )
        run.quitReady.connect(self.close)
        closing = self.closing_time
        closing.notify.connect(lambda title, text, warning: self.tray.notify(title, text, warning=warning))
        closing.status.connect(lambda text, ms: self.statusBar().showMessage(text, ms))
        closing.closeRequested.connect(lambda terminals: self.start_run(terminals, force=False))
        closing.missedYesterday.connect(self._notices.append)
        self.chain_sync.statusChanged.connect(self._show_chain_status)
        self.terminals.changed.connect(self.reload)
        self.doubt_banner.retryRequested.connect(lambda: self.start_resolve(None))
        self.doubt_banner.reviewRequested.connect(self.review_in_doubt)

    # -- construction ---------------------------------------------------------------------------

    def _action(self, name: str, text: str, icon: str, shortcut, slot: Callable, tip: str) -> QAction:
        action = QAction(icons.icon(icon), text, self)
        action.setObjectName(name)
        if shortcut:
            action.setShortcuts(shortcut if isinstance(shortcut, list) else [shortcut])
        action.setToolTip(
            f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})" if shortcut else tip
        )
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        K = QKeySequence
        self.act_add = self._action(
            "act_add",
            self.tr("&Add terminal…"),
            "add",
            K(K.StandardKey.New),
            self.add_terminal,
            self.tr("Add a terminal"),
        )
        self.act_edit = self._action(
            "act_edit", self.tr("&Edit…"), "edit", K("F2"), self.edit_terminal, self.tr("Edit the selected terminal")
        )
        self.act_import = self._action(
            "act_import",
            self.tr("&Import terminals…"),
            "import",
            K("Ctrl+I"),
            self.import_terminals,
            self.tr("Look up the terminals of a Saferpay, SUNBAY or Handpoint account and add them"),
        )
        self.act_remove = self._action(
            "act_remove",
            self.tr("&Remove…"),
            "remove",
            K(K.StandardKey.Delete),
            self.remove_terminal,
            self.tr("Remove the selected terminal"),
        )
        self.act_close_selected = self._action(
            "act_close_selected",
            self.tr("Close &selected"),
            "close_selected",
            K("Ctrl+Return"),
            self.close_selected,
            self.tr("Close the batches of the ticked terminals"),
        )
        self.act_close_all = self._action(
            "act_close_all",
            self.tr("Close a&ll"),
            "close_all",
            K("Ctrl+Shift+Return"),
            self.close_all,
            self.tr("Close the batches of all terminals"),
        )
        self.act_cancel = self._action(
            "act_cancel",
            self.tr("&Cancel"),
            "cancel",
            K("Ctrl+."),
            self.cancel_run,
            self.tr("Stop the closes that have not been sent yet"),
        )
        self.act_settings = self._action(
            "act_settings",
            self.tr("Se&ttings…"),
            "settings",
            K(K.StandardKey.Preferences) if not K(K.StandardKey.Preferences).isEmpty() else K("Ctrl+,"),
            self.edit_settings,
            self.tr("Shop details, closing time, language"),
        )
        self.act_quit = self._action(
            "act_quit",
            self.tr("&Quit"),
            "",
            K(K.StandardKey.Quit) if not K(K.StandardKey.Quit).isEmpty() else K("Ctrl+Q"),
            self.quit_app,
            self.tr("Quit Closeout"),
        )
        self.act_history = self._action(
            "act_history",
            self.tr("&History…"),
            "history",
            K("Ctrl+H"),
            self.show_history,
            self.tr("Every close: filters, details, CSV export"),
        )
        self.act_report = self._action(
            "act_report",
            self.tr("Closing &report…"),
            "report",
            K("Ctrl+P"),
            self.show_report,
            self.tr("Print or save the day's closing report"),
        )
        self.act_shops = self._action(
            "act_shops",
            self.tr("&Shops…"),
            "",
            None,
            self.show_shops,
            self.tr("Every shop of the chain: who has closed, who has not"),
        )
        self.act_in_doubt = self._action(
            "act_in_doubt",
            self.tr("Closes in &doubt…"),
            "in_doubt",
            None,
            self.review_in_doubt,
            self.tr("Review closes whose outcome is unknown"),
        )
        self.act_about = self._action(
            "act_about", self.tr("&About Closeout"), "", None, self.show_about, self.tr("Version, folders and licences")
        )
        self.act_select_all = self._action(
            "act_select_all",
            self.tr("Tick all"),
            "",
            K("Ctrl+Shift+A"),
            lambda: self.model.set_all_checked(True),
            self.tr("Tick every terminal"),
        )

    def _build_menus(self) -> None:
        """Every action also in a menu: reachable by keyboard (Alt) and by name, whatever fits the toolbar."""
        bar = self.menuBar()
        for title, actions in (
            (
                self.tr("&Terminals"),
                (
                    self.act_add,
                    self.act_import,
                    self.act_edit,
                    self.act_remove,
                    None,
                    self.act_settings,
                    None,
                    self.act_quit,
                ),
            ),
            (
                self.tr("&Close"),
                (
                    self.act_close_selected,
                    self.act_close_all,
                    self.act_cancel,
                    None,
                    self.act_select_all,
                    self.act_in_doubt,
                ),
            ),
            (self.tr("&View"), (self.act_history, self.act_report, self.act_shops)),
            (self.tr("&Help"), (self.act_about,)),
        ):
            menu = bar.addMenu(title)
            for action in actions:
                if action is None:
                    menu.addSeparator()
                else:
                    menu.addAction(action)

    def _build_ui(self) -> None:
        self._build_menus()
        toolbar = QToolBar(self.tr("Main"), self)
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(20, 20))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.act_add, self.act_import, self.act_edit, self.act_remove):
            toolbar.addAction(action)
        toolbar.addSeparator()
        # "Close selected" and "Close all" are the big buttons under the list (and Ctrl+Enter,
        # Ctrl+Shift+Enter): left out here, the toolbar fits 1024 pixels in German and French.
        toolbar.addAction(self.act_cancel)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addAction(self.act_history)
        toolbar.addAction(self.act_report)
        toolbar.addAction(self.act_settings)
        self.addToolBar(toolbar)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 8)

        self.demo_banner = QLabel(
            self.tr(
                "Demo: simulated terminals, no real money. Nothing you do here reaches a "
                "payment provider or your real settings."
            )
        )
        self.demo_banner.setObjectName("demo_banner")
        self.demo_banner.setWordWrap(True)
        self.demo_banner.setStyleSheet(theme.banner_style("demo", extra="padding:6px 10px; font-weight:bold"))
        self.demo_banner.setVisible(self.workspace.is_demo)
        layout.addWidget(self.demo_banner)

        self.notice_banner = QLabel()
        self.notice_banner.setObjectName("notice_banner")
        self.notice_banner.setWordWrap(True)
        self.notice_banner.setStyleSheet(theme.banner_style("notice", extra="padding:6px 10px"))
        self.notice_banner.setVisible(False)
        layout.addWidget(self.notice_banner)

        self.doubt_banner = InDoubtBanner()
        layout.addWidget(self.doubt_banner)

        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_empty_state())
        self.table = QTableView()
        self.table.setObjectName("terminal_table")
        self.table.setAccessibleName(self.tr("Terminals"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list (arrows move in it, Space ticks)
        header = self.table.horizontalHeader()
        # Sized once per reload, not on every change: ResizeToContents re-measures every row on
        # each status update, which stalls the event loop with hundreds of terminals.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_STATUS, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.stack.addWidget(self.table)
        layout.addWidget(self.stack, 1)

        # The selected terminal's whole status and reason, wrapped: readable without hovering.
        self.status_details = wrapped("status_details", self.tr("Details of the selected terminal"))
        self.status_details.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.status_details.setVisible(False)
        layout.addWidget(self.status_details)
        self.table.selectionModel().selectionChanged.connect(self._show_details)
        self.model.dataChanged.connect(self._show_details)
        # A close or a preview changes "Last close" / "Open batch" ("Nothing to close", "11 transactions"):
        # fit the columns again once after a burst of changes (not per change), the status takes the rest.
        self._refit = QTimer(self)
        self._refit_after_run = False  # a fitted column changed during a run (see _refit_if_fitted_column_changed)
        self._refit.setSingleShot(True)
        self._refit.setInterval(250)
        self._refit.timeout.connect(self._fit_columns)
        self.model.dataChanged.connect(self._refit_if_fitted_column_changed)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.btn_close_selected = QPushButton(icons.icon("close_selected"), self.tr("Close selected"))
        self.btn_close_selected.setObjectName("btn_close_selected")
        self.btn_close_selected.clicked.connect(self.close_selected)
        self.btn_close_all = QPushButton(icons.icon("close_all"), self.tr("Close all"))
        self.btn_close_all.setObjectName("btn_close_all")
        self.btn_close_all.clicked.connect(self.close_all)
        self.btn_close_all.setMinimumHeight(36)
        self.btn_close_selected.setMinimumHeight(36)
        buttons.addWidget(self.btn_close_selected)
        buttons.addWidget(self.btn_close_all)
        layout.addLayout(buttons)
        self.setCentralWidget(central)

        self.progress_label = QLabel()
        self.progress_label.setObjectName("progress_label")
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setMaximumWidth(220)
        self.progress.setVisible(False)
        self.statusBar().addPermanentWidget(self.progress_label)
        self.statusBar().addPermanentWidget(self.progress)
        self.chain_label = QLabel()  # "chain: up to date / N waiting / unreachable since 22:01"
        self.chain_label.setObjectName("chain_label")
        self.chain_label.setVisible(False)
        self.statusBar().addPermanentWidget(self.chain_label)

    def sync_chain(self) -> asyncio.Future | None:
        """Send what waits for the chain, then show how the link stands (nothing when not linked)."""
        return self.chain_sync.sync()

    def _show_chain_status(self, line: str | None) -> None:
        self.chain_label.setVisible(line is not None)
        self.chain_label.setText(line or "")  # the core's words (app/core/chain.status_line)

    def _build_empty_state(self) -> QWidget:
        page = QWidget()
        page.setObjectName("empty_state")
        box = QVBoxLayout(page)
        box.addStretch(1)
        title = heading(self.tr("No terminals yet"), 1.4)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(
            self.tr("Add your card terminals once; then one click closes all their batches at the end of the day.")
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row = QHBoxLayout()
        row.addStretch(1)
        add = QPushButton(icons.icon("add"), self.tr("Add terminal"))
        add.setObjectName("empty_add")
        add.clicked.connect(self.add_terminal)
        import_ = QPushButton(icons.icon("import"), self.tr("Import from an account"))
        import_.setObjectName("empty_import")
        import_.setToolTip(self.tr("Look up the terminals of a Saferpay, SUNBAY or Handpoint account and add them"))
        import_.clicked.connect(self.import_terminals)
        demo = QPushButton(self.tr("Try the demo"))
        demo.setObjectName("empty_demo")
        demo.clicked.connect(lambda: self.demoRequested.emit())
        row.addWidget(add)
        row.addWidget(import_)
        row.addWidget(demo)
        row.addStretch(1)
        box.addWidget(title)
        box.addWidget(text)
        box.addLayout(row)
        box.addStretch(2)
        return page

    # -- state ----------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read terminals and their last closes from the history: one query for the terminals, one for every
        terminal's last close (never one per row). Called at start and after the user changed terminals."""
        if self._history_window is not None:
            self._history_window.refresh()
        history = self.workspace.history
        terminals = history.terminals()
        self.model.set_terminals(terminals, history.last_closes())
        self.stack.setCurrentIndex(1 if terminals else 0)
        self._fit_columns()
        self._set_notice("duplicates", duplicates_notice(terminals))
        self.refresh_in_doubt()
        self._update_actions()

    def _set_notice(self, kind: str, text: str | None) -> None:
        """A banner line that replaces its own earlier version (duplicates, clock) instead of piling up."""
        old = self._kinds.pop(kind, None)
        if old in self._notices:
            self._notices.remove(old)
        if text:
            self._kinds[kind] = text
            self._notices.append(text)
        self._show_notices()

    def _refit_if_fitted_column_changed(self, top_left: QModelIndex, _bottom_right: QModelIndex, roles=()) -> None:
        if top_left.column() < COL_STATUS and (not roles or Qt.ItemDataRole.DisplayRole in roles):
            if self.running:
                # Not during a run: measuring 1,000 rows takes ~200 ms, and a pause of the closes (a slow
                # disk) let the timer fire mid-run and stall the window. Once when the run ends.
                self._refit.stop()  # one asked for just before the run (its rows turning "queued") waits too
                self._refit_after_run = True
                return
            self._refit.start()

    def _fit_columns(self) -> None:
        header = self.table.horizontalHeader()
        for column in range(COL_STATUS):
            # The last close reads e.g. "2026-11-20 22:01 · in doubt": leave room for the longest.
            width = max(self.table.sizeHintForColumn(column), header.sectionSizeHint(column))
            self.table.setColumnWidth(column, width + (40 if column == COL_LAST else 16))

    @property
    def running(self) -> bool:
        return self.run.running

    @property
    def last_outcomes(self) -> list[Outcome]:
        return self.run.last_outcomes

    def _tick_visible_rows(self) -> None:
        """The elapsed time on the busy rows in sight (only those: a repaint of the whole list stalls)."""
        first = max(self.table.rowAt(0), 0)
        last = self.table.rowAt(self.table.viewport().height() - 1)
        self.model.tick(first, last if last >= 0 else None)

    def _selected_terminal(self) -> Terminal | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.terminal_at(rows[0].row()) if rows else None

    def _show_details(self, *_) -> None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            self.status_details.setVisible(False)
            return
        row = rows[0].row()
        status = self.model.index(row, COL_STATUS).data() or ""
        reason = self.model.index(row, COL_STATUS).data(Qt.ItemDataRole.ToolTipRole) or ""
        last = self.model.index(row, COL_LAST).data(Qt.ItemDataRole.ToolTipRole) or ""
        name = self.model.index(row, COL_NAME).data() or ""
        text = reason or (status if status and not status.endswith("…") else "") or last
        self.status_details.setText(f"{name}: {text}" if text else "")
        self.status_details.setVisible(bool(text))

    def _update_actions(self, *_) -> None:
        has_terminals = self.model.rowCount() > 0
        selected = self._selected_terminal()
        selected_busy = selected is not None and selected.id in self.model.busy_ids()
        self.act_edit.setEnabled(selected is not None and not selected_busy)
        self.act_remove.setEnabled(selected is not None and not selected_busy)
        ticked = [t for t in self.model.checked_terminals() if t.id not in self.model.busy_ids()]
        self.act_close_selected.setEnabled(bool(ticked))
        self.btn_close_selected.setEnabled(bool(ticked))
        self.btn_close_selected.setText(
            self.tr("Close selected (%n)", "", len(ticked)) if ticked else self.tr("Close selected")
        )
        idle = [r for r in self.model.rows() if not r.busy]
        self.act_close_all.setEnabled(has_terminals and bool(idle))
        self.btn_close_all.setEnabled(has_terminals and bool(idle))
        self.act_cancel.setEnabled(self.running)

    # -- terminals ------------------------------------------------------------------------------

    def _double_clicked(self, index) -> None:
        if index.column() != COL_NAME:
            self.edit_terminal()

    def _editable_selection(self) -> Terminal | None:
        terminal = self._selected_terminal()
        return None if terminal is None or terminal.id in self.model.busy_ids() else terminal

    def add_terminal(self) -> None:
        self.terminals.add()

    def import_terminals(self) -> None:
        self.terminals.import_()

    def edit_terminal(self) -> None:
        terminal = self._editable_selection()
        if terminal is not None:
            self.terminals.edit(terminal)

    def remove_terminal(self) -> None:
        terminal = self._editable_selection()
        if terminal is not None:
            self.terminals.remove(terminal)

    @property
    def _dialog(self):
        """The add, edit or import dialog open now (its controller keeps it)."""
        return self.terminals.dialog

    # -- closing time, tray, settings --------------------------------------------------------------

    def _show_notices(self) -> None:
        self.notice_banner.setText("\n".join(self._notices))
        self.notice_banner.setVisible(bool(self._notices))

    def check_schedule(self) -> asyncio.Task | None:
        """The closing-time check the timer makes every 20 s (app/ui/controllers/closing_time.py)."""
        return self.closing_time.check()

    def edit_settings(self) -> None:
        from app.ui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.workspace.home.settings_path, self, workspace=self.workspace)
        dialog.chain.chainChanged.connect(self.sync_chain)  # the status bar shows the new link at once

        def saved() -> None:
            if dialog.result_settings is not None:
                self.settings = dialog.result_settings

        dialog.accepted.connect(saved)
        dialog.open()
        self._settings_dialog = dialog

    def show_history(self) -> None:
        from app.ui.history_view import HistoryWindow

        if self._history_window is None:
            self._history_window = HistoryWindow(self.workspace.history, self, day_end=self.settings.day_end())
            self.runFinished.connect(lambda _outcomes: self._history_window.refresh())
        self._history_window.show()
        self._history_window.raise_()
        self._history_window.activateWindow()

    def show_shops(self) -> None:
        """View > Shops: head office's view of every shop of the chain (app/ui/shops_view.py)."""
        from app.ui.shops_view import ShopsWindow

        if self._shops_window is None:
            self._shops_window = ShopsWindow(self.workspace, self, day_end=self.settings.day_end())
        self._shops_window.show()
        self._shops_window.raise_()
        self._shops_window.activateWindow()
        self._shops_window.refresh()

    def show_about(self) -> None:
        from app.ui.dialogs.about import AboutDialog

        dialog = AboutDialog(self.workspace.home, self, demo=self.workspace.is_demo)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self._about_dialog = dialog

    def show_report(self) -> None:
        from app.ui.report_view import ReportDialog

        dialog = ReportDialog(self.workspace.history, self.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self._report_dialog = dialog

    def bring_to_front(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def quit_app(self) -> None:
        self._really_quit = True
        self.close()

    # -- in doubt -------------------------------------------------------------------------------

    def refresh_in_doubt(self) -> None:
        self._show_doubts(self.workspace.history.in_doubt())

    def _show_doubts(self, doubts: list) -> None:
        self.doubt_banner.show_doubts(doubts, self.model.busy_ids())

    def review_in_doubt(self) -> None:
        from app.ui.dialogs.in_doubt import InDoubtDialog

        dialog = InDoubtDialog(self.workspace.history, self, checker=self.terminals.check_with_provider)
        dialog.resolveRequested.connect(self.start_resolve)
        dialog.settled.connect(self.reload)
        dialog.open()
        self._in_doubt_dialog = dialog

    # -- closing --------------------------------------------------------------------------------

    def close_selected(self) -> None:
        self.request_close(self.model.checked_terminals())

    def close_all(self) -> None:
        self.request_close([r.terminal for r in self.model.rows()])

    def request_close(self, terminals: list[Terminal], *, confirm: bool = True) -> None:
        busy = self.model.busy_ids()
        candidates = [t for t in terminals if t.id not in busy]
        if not candidates:
            self.statusBar().showMessage(self.tr("Those terminals are already being closed."), 5000)
            return
        if not confirm:
            self.start_run(candidates, force=False)
            return
        empty = frozenset(r.terminal.id for r in self.model.rows() if r.open_batch_empty)

        def plan(force: bool) -> ClosePlan:
            return plan_close(
                self.workspace.history,
                candidates,
                force=force,
                empty_batches=empty,
                now=self.closing_time.schedule.now(),
                day_end=self.settings.day_end(),
            )

        in_doubt = frozenset(
            r.terminal.id for r in self.model.rows() if r.last_close is not None and r.last_close.outcome == "in_doubt"
        )
        previews = {r.terminal.id: r.open_batch for r in self.model.rows() if r.open_batch}
        dialog = ConfirmCloseDialog(plan, self, in_doubt=in_doubt, open_batches=previews)
        # The whole list goes to the engine, which applies the same skip rules (and records them).
        dialog.accepted.connect(lambda: self.start_run(candidates, force=dialog.force))
        dialog.open()
        self._confirm = dialog

    def start_run(self, terminals: list[Terminal], *, force: bool) -> asyncio.Task | None:
        """Start closing now (app/ui/controllers/run.py); rows turn 'queued' at once."""
        return self.run.start_run(terminals, force=force)

    def start_resolve(self, close_ids: list[int] | None) -> asyncio.Task | None:
        """Re-send closes in doubt with their original ids (all of them when ``close_ids`` is None)."""
        return self.run.start_resolve(close_ids)

    def _run_failed(self, error: str) -> None:
        QMessageBox.critical(
            self,
            self.tr("Closing stopped"),
            self.tr(
                "Closing stopped because of an unexpected error: {error}. Every close that "
                "may have been sent is in the history; the details are in the log."
            ).format(error=error),
        )

    def _run_idle(self) -> None:
        QTimer.singleShot(0, self.sync_chain)  # the run's closes go to the chain now, not in 30 s
        QTimer.singleShot(0, self.refresh_open_batches)

    def _clock_warning(self, warning: str) -> None:
        if warning not in self._notices:
            self._notices.append(warning)
            self._show_notices()

    def _clock_wrong(self) -> None:
        self._set_notice(
            "clock",
            self.tr(
                "This PC's clock looks wrong: a recorded close lies in the future, so those terminals were not "
                "closed. Set the date and time of this PC (turn on automatic time), then close again."
            ),
        )

    def _run_finished(self, outcomes: list[Outcome]) -> None:
        if not self.run.quitting:  # in the next turn of the event loop: no long stall at a run's end
            QTimer.singleShot(0, lambda: self._show_summary(outcomes))
            if self._refit_after_run:
                self._refit_after_run = False
                self._refit.start()

    def _show_summary(self, outcomes: list[Outcome]) -> None:
        self._summary = RunSummaryDialog(outcomes, self)
        self._summary.open()

    def _show_progress(self, done: int, total: int, active: bool) -> None:
        if active:
            self.progress.setVisible(True)
            self.progress.setMaximum(max(1, total))
            self.progress.setValue(done)
            self.progress_label.setText(self.tr("Closing: {done} of {total} done").format(done=done, total=total))
        else:
            self.progress.setVisible(False)
            self.progress_label.setText(self.tr("{total} of {total} done").format(total=total) if total else "")

    def cancel_run(self) -> None:
        if not self.run.cancel():
            return
        self.statusBar().showMessage(
            self.tr(
                "Cancelling: closes not sent yet are stopped; requests already sent finish or are recorded as in doubt."
            ),
            8000,
        )

    def showEvent(self, event) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.workspace.prepare)  # after the first paint, off the UI thread
        QTimer.singleShot(200, self.refresh_open_batches)

    def refresh_open_batches(self) -> asyncio.Task | None:
        """The "Open batch" column, asked off the UI thread (app/ui/controllers/open_batches.py)."""
        if not self.isVisible():  # a timer from showEvent firing after the window was closed
            return None
        return self.open_batches.refresh()

    # -- quitting -------------------------------------------------------------------------------

    @property
    def quit_deadline_s(self) -> float:
        return self.run.quit_deadline_s

    @quit_deadline_s.setter
    def quit_deadline_s(self, seconds: float) -> None:
        self.run.quit_deadline_s = seconds

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.tray.available and self.settings.keep_in_tray and not self._really_quit:
            event.ignore()
            self.hide()
            if not self._told_tray:
                self._told_tray = True
                self.tray.notify(
                    self.tr("Closeout is still running"),
                    self.tr("It reminds you at closing time. Quit from the tray icon's menu."),
                )
            return
        if not self.running:
            event.accept()
            self.chain_sync.stop()
            self.closing_time.stop()
            if self._shops_window is not None:
                self._shops_window.shutdown()
            if self._history_window is not None:  # its reads stop and their connections close
                self._history_window.close()
            if self.tray.available:  # the tray kept the app alive: end it now
                QApplication.quit()
            return
        event.ignore()
        if self.run.quitting:
            return
        box = QMessageBox(self)
        box.setObjectName("quit_box")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Closing in progress"))
        box.setText(self.tr("Batches are being closed right now."))
        box.setInformativeText(
            self.tr(
                "Closeout will stop the closes not sent yet, wait for the requests already "
                "sent to be answered (or record them as in doubt), and then quit."
            )
        )
        wait = box.addButton(self.tr("Stop and quit"), QMessageBox.ButtonRole.AcceptRole)
        wait.setObjectName("quit_wait")
        keep = box.addButton(self.tr("Keep closing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)

        def chosen(button) -> None:
            if button is wait:
                self._really_quit = True
                self.run.stop_and_quit()  # cancels what is not sent; never waits past run.quit_deadline_s
                self.statusBar().showMessage(
                    self.tr(
                        "Waiting for requests already sent; Closeout quits when they are answered or recorded in doubt."
                    )
                )

        box.buttonClicked.connect(chosen)
        box.open()
        self._quit_box = box
