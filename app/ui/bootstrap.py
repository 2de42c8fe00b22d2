"""Start the window: Qt on the asyncio loop (qasync), logging, the crash dialog, the workspace."""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import sys
import traceback

os.environ.setdefault("QT_API", "pyside6")  # qasync must bind to PySide6, whatever else is installed

from PySide6.QtCore import QCoreApplication, QTimer  # noqa: E402
from PySide6.QtGui import QIcon  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

import qasync  # noqa: E402

from app import APP_NAME, __version__  # noqa: E402
from app.core import logs  # noqa: E402
from app.core.history import HistoryError  # noqa: E402
from app.core.home import HomeError  # noqa: E402
from app.core.workspace import Workspace, open_real  # noqa: E402
from app.simulator.demo_shop import open_demo  # noqa: E402
from app.ui import icons, theme  # noqa: E402

log = logging.getLogger(__name__)

SHOWN_MARKER = "closeout-window-shown"  # printed when CLOSEOUT_EXIT_AFTER_SHOW is set (benches)


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    theme.apply(app)  # light or dark, as the system says (before any icon is loaded)
    app.setWindowIcon(icons.icon("closeout") or QIcon())
    return app


def install_excepthook(log_path: str) -> None:
    """Uncaught exceptions go to the log and to a dialog; a windowed build has no stderr to lose them in."""

    def hook(kind, value, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            return
        log.critical("uncaught exception:\n%s", "".join(traceback.format_exception(kind, value, tb)))
        app = QApplication.instance()
        if app is None:
            return
        box = QMessageBox()
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(QCoreApplication.translate("Crash", "Closeout hit a problem"))
        # The dialog gets screenshotted for support: redact it like the log.
        what = logs.redact(f"{kind.__name__}: {value}")[:300]
        box.setText(QCoreApplication.translate("Crash", "Something unexpected went wrong: {what}.").format(what=what))
        box.setInformativeText(
            QCoreApplication.translate(
                "Crash",
                "Every close that may have been sent is kept in the history. The details are in the log file:\n{path}",
            ).format(path=log_path)
        )
        box.open()
        hook.boxes.append(box)  # keep it alive

    hook.boxes = []  # type: ignore[attr-defined]
    sys.excepthook = hook


def _open_workspace(demo: bool) -> Workspace:
    return open_demo() if demo else open_real()


def _fatal(app: QApplication, text: str) -> int:
    log.error("cannot start: %s", text)
    QMessageBox.critical(None, APP_NAME, text)
    return 2


def freeze_startup_objects() -> None:
    """What was built to start (modules, Qt wrappers, the terminal list) lives as long as the process: take
    it out of the cyclic garbage collector's sight, so a full collection during a close-all walks only what
    the run made. Without it, with 1,000 terminals, each full collection stopped the event loop for
    17-45 ms, about a dozen times per run (benches/ui_responsiveness.py)."""
    gc.collect()
    gc.freeze()


def run_window(*, demo: bool = False) -> int:
    from app.ui.single_instance import SingleInstance, bring_to_front, notify_running_instance

    app = make_app(sys.argv[:1])
    instance = None
    if not demo:  # the demo has its own throwaway home and may run beside the real window
        # One window per home: a second one could close the same terminals. Bring the first forward.
        instance = SingleInstance()
        if not instance.claim():
            notify_running_instance(instance.name)
            return 0
    try:
        workspace = _open_workspace(demo)
    except (HomeError, HistoryError) as exc:
        return _fatal(app, str(exc))
    log_path = logs.setup(workspace.home.log_dir)
    log.info("Closeout %s starting (demo=%s)", __version__, demo)
    install_excepthook(str(log_path))

    from app.core import settings as settings_mod
    from app.ui import background, i18n
    from app.ui.main_window import MainWindow

    i18n.install(app, settings_mod.load(workspace.home.settings_path)[0].language)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    window = MainWindow(workspace)
    window.demoRequested.connect(_start_demo_process)
    if instance is not None:
        instance.activated.connect(lambda: bring_to_front(window))
    # With a tray icon Closeout keeps watching the closing time after the window is closed.
    app.setQuitOnLastWindowClosed(not window.tray.available)
    done = asyncio.Event()
    app.aboutToQuit.connect(done.set)
    app.aboutToQuit.connect(background.shutdown)  # work not started is dropped; none holds up the exit
    window.show()
    freeze_startup_objects()
    if os.environ.get("CLOSEOUT_EXIT_AFTER_SHOW"):

        def shown() -> None:
            if sys.stdout is not None:
                print(SHOWN_MARKER, flush=True)
            window.close()

        QTimer.singleShot(0, shown)
    try:
        with loop:
            loop.run_until_complete(done.wait())
            loop.run_until_complete(workspace.aclose())
    finally:
        workspace.close()
        if instance is not None:
            instance.release()
    return 0


def _start_demo_process() -> None:
    """The demo runs in its own process and window: it never mixes with the real terminals."""
    from PySide6.QtCore import QProcess

    if getattr(sys, "frozen", False):
        QProcess.startDetached(sys.executable, ["--demo"])
    else:
        QProcess.startDetached(sys.executable, ["-m", "app", "--demo"])
