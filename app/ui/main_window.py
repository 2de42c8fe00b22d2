"""The main window: the terminals, one-click close with live status, and the summary."""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import datetime
from typing import Callable

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
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
from app.core import chain
from app.core import settings as settings_mod
from app.core.engine import CloseEvent, Outcome, Reason
from app.core import providers
from app.core.lookup import describe_open_batch
from app.core.providers import Capability
from app.core.service import ClosePlan, duplicates_notice, plan_close, terminals_with_doubt
from app.core.scheduler import ClosingSchedule, missed_yesterday, open_today
from app.core.history import HistoryError, utcnow
from app.core.providers.base import Terminal
from app.core.terminals import check_can_save, remove_terminal, save_terminal
from app.core.secrets import SecretStoreError
from app.core.workspace import Workspace
from app.ui import geometry, icons, theme
from app.ui.background import run_blocking
from app.ui.dialogs.close_run import ConfirmCloseDialog, RunSummaryDialog
from app.ui.tray import Tray
from app.ui.widgets.text import heading
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

        self._tasks: set[asyncio.Task] = set()
        self._endings: set[asyncio.Task] = set()
        self._run_total = 0
        self._run_done: set[str] = set()
        self._quit_after_run = False
        self._summary: RunSummaryDialog | None = None
        self.last_outcomes: list[Outcome] = []

        self.model = TerminalTableModel(self)
        self._build_actions()
        self._build_ui()
        self.model.checkedChanged.connect(self._update_actions)
        self.model.modelReset.connect(self._update_actions)

        self._run_state_timer = QTimer(self)  # progress bar and actions while closes end
        self._run_state_timer.setSingleShot(True)
        self._run_state_timer.setInterval(100)
        self._run_state_timer.timeout.connect(self._show_run_state)
        self._ticker = QTimer(self)  # elapsed time on busy rows
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self.model.tick)

        self.tray = Tray(self)
        self.tray.showRequested.connect(self.bring_to_front)
        self.tray.closeAllRequested.connect(lambda: (self.bring_to_front(), self.close_all()))
        self.tray.quitRequested.connect(self.quit_app)
        self.schedule = ClosingSchedule(now=now)
        self._schedule_task: asyncio.Task | None = None
        self._last_close_ids: dict[int, str] = {}  # close id -> entry whose row shows it next (one query)
        self._last_close_task: asyncio.Task | None = None
        self._schedule_timer = QTimer(self)
        self._schedule_timer.setInterval(20_000)
        self._schedule_timer.timeout.connect(self.check_schedule)
        self._schedule_timer.start()
        self._chain_task: asyncio.Future | None = None
        self._chain_timer = QTimer(self)
        self._chain_timer.setInterval(30_000)
        self._chain_timer.timeout.connect(self.sync_chain)
        self._chain_timer.start()
        QTimer.singleShot(0, self.sync_chain)

        self.reload()
        self._flag_missed_yesterday(now())
        self._show_notices()

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
            self.tr("Look up the terminals of a Saferpay or SUNBAY account and add them"),
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
            "",
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

        self.doubt_banner = QFrame()
        self.doubt_banner.setObjectName("in_doubt_banner")
        self.doubt_banner.setStyleSheet(
            theme.banner_style("in_doubt", "#in_doubt_banner") + f" QLabel {{ color:{theme.BANNERS['in_doubt'][0]}; }}"
        )
        doubt_row = QHBoxLayout(self.doubt_banner)
        doubt_row.setContentsMargins(10, 4, 6, 4)
        doubt_icon = QLabel()
        doubt_icon.setPixmap(icons.icon("in_doubt").pixmap(20, 20))
        self.doubt_text = QLabel()
        self.doubt_text.setObjectName("in_doubt_text")
        self.doubt_text.setWordWrap(True)
        self.btn_retry_doubt = QPushButton(self.tr("Retry safely"))
        self.btn_retry_doubt.setObjectName("btn_retry_doubt")
        self.btn_retry_doubt.setToolTip(
            self.tr("Re-send the same closes with their original ids: they cannot close twice")
        )
        self.btn_retry_doubt.clicked.connect(lambda: self.start_resolve(None))
        self.btn_review_doubt = QPushButton(self.tr("Review…"))
        self.btn_review_doubt.setObjectName("btn_review_doubt")
        self.btn_review_doubt.clicked.connect(self.review_in_doubt)
        doubt_row.addWidget(doubt_icon)
        doubt_row.addWidget(self.doubt_text, 1)
        doubt_row.addWidget(self.btn_retry_doubt)
        doubt_row.addWidget(self.btn_review_doubt)
        self.doubt_banner.setVisible(False)
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
        self.status_details = QLabel()
        self.status_details.setObjectName("status_details")
        self.status_details.setAccessibleName(self.tr("Details of the selected terminal"))
        self.status_details.setWordWrap(True)
        self.status_details.setTextFormat(Qt.TextFormat.PlainText)
        self.status_details.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.status_details.setVisible(False)
        layout.addWidget(self.status_details)
        self.table.selectionModel().selectionChanged.connect(self._show_details)
        self.model.dataChanged.connect(self._show_details)

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

    def sync_chain(self) -> None:
        """Send what waits for the chain, then show how the link stands (nothing when not linked)."""
        if self.workspace.is_demo or (self._chain_task is not None and not self._chain_task.done()):
            return

        def drain() -> str | None:
            self.workspace.replicator().drain(deadline=time.monotonic() + 20)
            return chain.status_line(self.workspace.history)

        async def run() -> None:
            try:
                line = await run_blocking(drain)
            except Exception:  # noqa: BLE001 - the status bar must never break the window
                log.exception("chain sync failed")
                return
            self.chain_label.setVisible(line is not None)
            self.chain_label.setText(line or "")  # the core's words (app/core/chain.status_line)

        self._chain_task = asyncio.ensure_future(run())  # kept here: not a close run (self.running)

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
        import_.setToolTip(self.tr("Look up the terminals of a Saferpay or SUNBAY account and add them"))
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

    def _fit_columns(self) -> None:
        header = self.table.horizontalHeader()
        for column in range(COL_STATUS):
            # The last close reads e.g. "2026-11-20 22:01 · in doubt": leave room for the longest.
            width = max(self.table.sizeHintForColumn(column), header.sectionSizeHint(column))
            self.table.setColumnWidth(column, width + (40 if column == COL_LAST else 16))

    @property
    def running(self) -> bool:
        # Until _task_done has handled a finished run (banners, counts): a run's end is one step.
        return bool(self._tasks)

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

    def _save_terminal(self, terminal: Terminal, secret: str | None, *, new: bool) -> None:
        save_terminal(self.workspace.history, self.workspace.secrets, terminal, secret, new=new)

    def add_terminal(self) -> None:
        from app.ui.dialogs.terminal_dialog import TerminalDialog

        dialog = TerminalDialog(
            self,
            save=lambda t, s: self._save_terminal(t, s, new=True),
            name_taken=lambda n: self.workspace.history.terminal_by_name(n) is not None,
            check=self.check_credentials,
            preflight=lambda t: check_can_save(self.workspace.history, t, new=True),
        )
        dialog.accepted.connect(self.reload)
        dialog.open()
        self._dialog = dialog

    async def check_credentials(self, terminal: Terminal, secret: str | None):
        """Ask the provider, read-only, whether the credentials are right (``secret`` None: the stored one)."""
        from app.core.credentials import check_credentials

        engine = self.workspace.engine()
        if secret is None:
            secret = await engine.read_secret(terminal.id)
        return await check_credentials(engine.client, terminal, secret)

    def _demo_accounts(self) -> dict[str, tuple[dict[str, str], str]]:
        """The demo's provider accounts, so its Import works out of the box (nothing real is touched)."""
        accounts: dict[str, tuple[dict[str, str], str]] = {}
        demo = getattr(self.workspace, "demo", None)
        for _terminal, spec in demo.terminals if demo is not None else []:
            if spec.provider not in accounts:
                per_terminal = providers.get(spec.provider).PER_TERMINAL
                shared = {k: v for k, v in spec.settings.items() if k not in per_terminal}
                accounts[spec.provider] = (shared, spec.secret)
        return accounts

    def import_terminals(self) -> None:
        from app.core.http import make_client
        from app.ui.dialogs.import_terminals import ImportTerminalsDialog

        dialog = ImportTerminalsDialog(
            self,
            save=lambda t, s: self._save_terminal(t, s, new=True),
            existing=self.workspace.history.terminals(),
            client_factory=lambda: make_client(self.workspace.transport),
            prefill=self._demo_accounts(),
        )
        dialog.finished.connect(lambda _result: self.reload())  # a partial import adds terminals too
        dialog.open()
        self._dialog = dialog

    def edit_terminal(self) -> None:
        from app.ui.dialogs.terminal_dialog import TerminalDialog

        terminal = self._selected_terminal()
        if terminal is None or terminal.id in self.model.busy_ids():
            return
        if not providers.known(terminal.provider):
            QMessageBox.information(
                self,
                self.tr("Edit terminal"),
                self.tr(
                    "'{name}' uses a provider this version of Closeout does not know (it was set up by a newer "
                    "Closeout). Update Closeout to edit or close it."
                ).format(name=terminal.name),
            )
            return

        def taken(name: str) -> bool:
            other = self.workspace.history.terminal_by_name(name)
            return other is not None and other.id != terminal.id

        dialog = TerminalDialog(
            self,
            terminal=terminal,
            save=lambda t, s: self._save_terminal(t, s, new=False),
            name_taken=taken,
            check=self.check_credentials,
            preflight=lambda t: check_can_save(self.workspace.history, t, new=False),
        )
        dialog.accepted.connect(self.reload)
        dialog.open()
        self._dialog = dialog

    def remove_terminal(self) -> None:
        from app.ui.dialogs.remove_terminal import confirm_remove_terminal

        terminal = self._selected_terminal()
        if terminal is None or terminal.id in self.model.busy_ids():
            return
        doubts = (
            len(terminals_with_doubt(self.workspace.history, terminal)) if providers.known(terminal.provider) else 0
        )
        if not confirm_remove_terminal(self, terminal, doubts):
            return
        try:
            remove_terminal(self.workspace.history, self.workspace.secrets, terminal)
        except (SecretStoreError, HistoryError) as exc:
            QMessageBox.warning(
                self, self.tr("Remove terminal"), self.tr("The terminal was not removed: {reason}").format(reason=exc)
            )
        self.reload()

    # -- closing time, tray, settings --------------------------------------------------------------

    def _show_notices(self) -> None:
        self.notice_banner.setText("\n".join(self._notices))
        self.notice_banner.setVisible(bool(self._notices))

    def _flag_missed_yesterday(self, now: datetime) -> None:
        history = self.workspace.history
        created = history.terminals_created_at()
        missed = missed_yesterday(
            history, history.terminals(), now, created_at=lambda t: created.get(t.id), day_end=self.settings.day_end()
        )
        self.missed_yesterday = missed
        if missed:
            text = self.tr("Not closed yesterday: {names}. Their money may be delayed: close them now.").format(
                names=", ".join(t.name for t in missed)
            )
            self._notices.append(text)
            self.tray.notify(self.tr("Terminals not closed yesterday"), text, warning=True)

    def check_schedule(self) -> asyncio.Task | None:
        """The closing-time timer: before closing time nothing is read. From then on, which terminals are still
        open this business day is read off the UI thread, in one query, then acted on here."""
        if not self.schedule.after_closing(self.settings) or self._schedule_task is not None:
            return None
        history, now, day_end = self.workspace.history, self.schedule.now(), self.settings.day_end()

        def read() -> list[Terminal]:
            return open_today(history, history.terminals(), now, day_end=day_end)

        async def check() -> None:
            try:
                still = await run_blocking(read)
            except HistoryError as exc:
                log.error("closing-time check could not read the history: %s", exc)
                return
            finally:
                self._schedule_task = None
            busy = self.model.busy_ids()
            self._act_on_schedule(lambda: [t for t in still if t.id not in busy])

        self._schedule_task = asyncio.ensure_future(check())
        return self._schedule_task

    def _act_on_schedule(self, still_open: Callable[[], list[Terminal]]) -> None:
        for action in self.schedule.due(self.settings, still_open):
            names = ", ".join(t.name for t in action.terminals)
            if action.kind == "remind":
                text = self.tr(
                    "%n terminal(s) still open: {names}. Close them now so the money moves.", "", len(action.terminals)
                ).format(names=names)
                self.tray.notify(self.tr("Closing time"), text)
                self.statusBar().showMessage(text, 60_000)
            elif action.kind == "close":
                text = self.tr("Closing %n terminal(s) automatically: {names}", "", len(action.terminals)).format(
                    names=names
                )
                self.tray.notify(self.tr("Closing time"), text)
                self.statusBar().showMessage(text, 30_000)
                self.start_run(list(action.terminals), force=False)
            else:
                text = self.tr("Not closed by {time}: {names}. Open Closeout to see why.").format(
                    time=self.settings.retry_until, names=names
                )
                self.tray.notify(self.tr("Terminals still open"), text, warning=True)
                self.statusBar().showMessage(text)

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
        self.in_doubt_count = len(doubts)
        if doubts:
            names = sorted({r.terminal_name for r in doubts})
            self.doubt_text.setText(
                self.tr(
                    "%n close(s) in doubt ({names}): they may have gone through. Closeout will not close these "
                    "terminals again blindly.",
                    "",
                    len(doubts),
                ).format(names=", ".join(names))
            )
        self.doubt_banner.setVisible(bool(doubts))
        self.btn_retry_doubt.setEnabled(bool(doubts) and not ({r.terminal_id for r in doubts} <= self.model.busy_ids()))

    def review_in_doubt(self) -> None:
        from app.ui.dialogs.in_doubt import InDoubtDialog

        dialog = InDoubtDialog(self.workspace.history, self, checker=self.check_with_provider)
        dialog.resolveRequested.connect(self.start_resolve)
        dialog.settled.connect(self.reload)
        dialog.open()
        self._in_doubt_dialog = dialog

    async def check_with_provider(self, row) -> str:
        """SUNBAY: look the terminal's closed batches up; Saferpay: where to look in its back office."""
        from app.core.lookup import check_close

        terminal = self.workspace.history.terminal(row.terminal_id)
        if terminal is None:
            return self.tr("The terminal was removed; check in the provider's back office.")
        engine = self.workspace.engine()
        secret = await engine.read_secret(terminal.id)
        result = await check_close(engine.client, terminal, secret, row)
        return result.explanation

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
                now=self.schedule.now(),
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
        """Start closing now. Rows turn 'queued' at once, so a second press cannot close them twice."""
        busy = self.model.busy_ids()
        terminals = [t for t in terminals if t.id not in busy]
        if not terminals:
            return None
        return self._launch(
            [t.id for t in terminals], lambda engine: engine.close(terminals, force=force, on_event=self._on_event)
        )

    def start_resolve(self, close_ids: list[int] | None) -> asyncio.Task | None:
        """Re-send closes in doubt with their original ids (all of them when ``close_ids`` is None)."""
        rows = self.workspace.history.in_doubt()
        if close_ids is not None:
            wanted = set(close_ids)
            rows = [r for r in rows if r.id in wanted]
        busy = self.model.busy_ids()
        rows = [r for r in rows if r.terminal_id not in busy]
        if not rows:
            return None
        ids = [r.id for r in rows]
        return self._launch(
            [r.terminal_id for r in rows], lambda engine: engine.resolve(close_ids=ids, on_event=self._on_event)
        )

    def _launch(self, terminal_ids: list[str], work) -> asyncio.Task:
        self.model.mark_queued(terminal_ids)
        if not self.running:
            self._run_total, self._run_done = 0, set()
        self._run_total += len(terminal_ids)
        self._show_progress()
        self._ticker.start()
        task = asyncio.ensure_future(self._run(work))
        self._tasks.add(task)  # qasync keeps no strong reference to tasks
        task.add_done_callback(self._task_done)
        self._update_actions()
        return task

    async def _run(self, work) -> list[Outcome]:
        outcomes = await work(self.workspace.engine())
        self.last_outcomes = outcomes
        return outcomes

    def _task_done(self, task: asyncio.Task) -> None:
        ending = asyncio.ensure_future(self._end_run(task))
        self._endings.add(ending)  # qasync keeps no strong reference to tasks
        ending.add_done_callback(self._endings.discard)

    async def _end_run(self, task: asyncio.Task) -> None:
        """A run ended: the closes now in doubt (the banner) are read off the UI thread, in one query; the run
        counts as running until this is done."""
        try:
            doubts = await run_blocking(self.workspace.history.in_doubt)
        except HistoryError as exc:
            log.error("could not read the closes in doubt: %s", exc)
            doubts = None
        self._tasks.discard(task)
        outcomes: list[Outcome] = []
        if task.cancelled():
            log.info("close run cancelled")
        elif task.exception() is not None:
            exc = task.exception()
            log.error("close run failed", exc_info=(type(exc), exc, exc.__traceback__))
            QMessageBox.critical(
                self,
                self.tr("Closing stopped"),
                self.tr(
                    "Closing stopped because of an unexpected error: {error}. Every close that "
                    "may have been sent is in the history; the details are in the log."
                ).format(error=exc),
            )
        else:
            outcomes = task.result()
        if not self.running:
            self._ticker.stop()
            QTimer.singleShot(0, self.sync_chain)  # the run's closes go to the chain now, not in 30 s
            self.model.tick()
        self._show_progress()
        self._update_actions()
        if doubts is not None:
            self._show_doubts(doubts)
        if not self.running:
            QTimer.singleShot(0, self.refresh_open_batches)
        warning = self.workspace.engine().clock_warning
        if warning and warning not in self._notices:
            self._notices.append(warning)
            self._show_notices()
        if any(o.reason == Reason.CLOCK for o in outcomes):
            self._set_notice(
                "clock",
                self.tr(
                    "This PC's clock looks wrong: a recorded close lies in the future, so those terminals were not "
                    "closed. Set the date and time of this PC (turn on automatic time), then close again."
                ),
            )
        if outcomes:
            self.runFinished.emit(outcomes)
            if not self._quit_after_run:  # in the next turn of the event loop: no long stall at a run's end
                QTimer.singleShot(0, lambda: self._show_summary(outcomes))
        if self._quit_after_run and not self.running:
            self.close()

    def _show_summary(self, outcomes: list[Outcome]) -> None:
        self._summary = RunSummaryDialog(outcomes, self)
        self._summary.open()

    def _on_event(self, event: CloseEvent) -> None:
        self.model.apply_event(event)
        if event.final:
            self._run_done.add(event.terminal_id)
            if event.outcome is not None and event.outcome.close_id is not None:
                self._last_close_ids[event.outcome.close_id] = event.terminal_id
                self._fetch_last_closes()
            if not self._run_state_timer.isActive():  # progress and buttons: at most ten times a second
                self._run_state_timer.start()

    def _show_run_state(self) -> None:
        self._show_progress()
        self._update_actions()

    def _fetch_last_closes(self) -> None:
        """The rows of the closes that just ended, read off the UI thread in one query for all of them
        (however many ended meanwhile), then shown."""
        if self._last_close_task is not None or not self._last_close_ids:
            return
        ids, self._last_close_ids = self._last_close_ids, {}
        history = self.workspace.history

        async def fetch() -> None:
            try:
                rows = await run_blocking(history.close_rows, list(ids))
            except HistoryError as exc:
                log.error("could not read the closes that just ended: %s", exc)
                rows = []
            finally:
                self._last_close_task = None
            for row in rows:
                # Shown on the entry the run was about (a re-sent close may carry an older entry's id).
                self.model.set_last_close(ids[row.id], row)
            self._fetch_last_closes()

        self._last_close_task = asyncio.ensure_future(fetch())

    def _show_progress(self) -> None:
        if self.running or (self._run_total and len(self._run_done) < self._run_total):
            done = min(len(self._run_done), self._run_total)
            self.progress.setVisible(True)
            self.progress.setMaximum(max(1, self._run_total))
            self.progress.setValue(done)
            self.progress_label.setText(
                self.tr("Closing: {done} of {total} done").format(done=done, total=self._run_total)
            )
        else:
            self.progress.setVisible(False)
            self.progress_label.setText(
                self.tr("{total} of {total} done").format(total=self._run_total) if self._run_total else ""
            )

    def cancel_run(self) -> None:
        if not self.running:
            return
        self.workspace.engine().cancel()
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
        """Ask each terminal whose provider can preview (Capability.PREVIEW) what its open batch holds (count and
        net per currency), off the UI thread."""
        if not self.isVisible():  # a timer from showEvent firing after the window was closed
            return None
        rows = [r for r in self.model.rows() if providers.can(r.terminal.provider, Capability.PREVIEW) and not r.busy]
        if not rows or getattr(self, "_preview_task", None) is not None and not self._preview_task.done():
            return None

        async def preview() -> None:
            engine = self.workspace.engine()
            semaphore = asyncio.Semaphore(4)

            async def one(terminal: Terminal) -> None:
                async with semaphore:
                    try:
                        secret = await engine.read_secret(terminal.id)
                        provider = providers.get(terminal.provider)
                        result = await provider.preview(engine.client, terminal, secret, timeout=15)
                        empty = result.error is None and result.empty
                        if result.error is not None:
                            text = self.tr("unknown")
                        elif result.empty:
                            text = self.tr("Nothing to close")
                        else:
                            text = describe_open_batch(result).rstrip(".")
                    except Exception as exc:  # noqa: BLE001 - a preview never blocks anything
                        log.info("open batch preview of %s failed: %s", terminal.name, exc)
                        text, empty = self.tr("unknown"), False
                self.model.set_open_batch(terminal.id, text, empty=empty)

            await asyncio.gather(*(one(r.terminal) for r in rows))

        self._preview_task = asyncio.ensure_future(preview())
        return self._preview_task

    # -- quitting -------------------------------------------------------------------------------

    @property
    def quit_deadline_s(self) -> float:
        return getattr(self, "_quit_deadline_s", None) or self.workspace.policy.timeout + 10.0

    @quit_deadline_s.setter
    def quit_deadline_s(self, seconds: float) -> None:
        self._quit_deadline_s = seconds

    def _stop_waiting(self) -> None:
        if not self.running:
            return
        log.warning("quitting: requests still on their way after %.0f s are recorded as in doubt", self.quit_deadline_s)
        self.statusBar().showMessage(self.tr("Stopped waiting: closes still on their way are recorded as in doubt."))
        for task in list(self._tasks):
            task.cancel()

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
            self._chain_timer.stop()
            if self._shops_window is not None:
                self._shops_window.shutdown()
            if self.tray.available:  # the tray kept the app alive: end it now
                QApplication.quit()
            return
        event.ignore()
        if self._quit_after_run:
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
                self._quit_after_run = True
                self._really_quit = True
                self.cancel_run()
                # Never wait forever: past the longest a sent request may take, stop waiting; what is
                # still on its way is recorded as in doubt (the engine does it as the task is cancelled).
                QTimer.singleShot(int(self.quit_deadline_s * 1000), self._stop_waiting)
                self.statusBar().showMessage(
                    self.tr(
                        "Waiting for requests already sent; Closeout quits when they are answered or recorded in doubt."
                    )
                )

        box.buttonClicked.connect(chosen)
        box.open()
        self._quit_box = box
