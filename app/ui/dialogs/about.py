"""Help → About: the version, where Closeout keeps its files, and the licences of what it is built on."""

from __future__ import annotations

import html
import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from app import APP_NAME, __version__
from app.core.home import Home

# (component, licence): what ships inside Closeout (pyproject.toml dependencies and Qt).
LICENCES = (
    ("Closeout", "MIT"),
    ("Qt for Python (PySide6) and Qt", "LGPL-3.0"),
    ("qasync", "BSD-2-Clause"),
    ("httpx, httpcore", "BSD-3-Clause"),
    ("keyring", "MIT"),
    ("platformdirs", "MIT"),
    ("truststore", "MIT"),
    ("filelock", "Unlicense"),
    ("starlette (the demo's simulator)", "BSD-3-Clause"),
)


class AboutDialog(QDialog):
    def __init__(self, home: Home, parent=None, *, demo: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.setWindowTitle(self.tr("About Closeout"))
        self.resize(520, 440)
        layout = QVBoxLayout(self)
        body = QTextBrowser()
        body.setObjectName("about_text")
        body.setAccessibleName(self.tr("About Closeout"))
        body.setOpenExternalLinks(False)
        rows = "".join(
            f"<tr><td>{html.escape(name)}</td><td>{html.escape(licence)}</td></tr>" for name, licence in LICENCES
        )
        folder_note = self.tr(" (the demo's throwaway folder)") if demo else ""
        purpose = self.tr("Closes the day's card-terminal batches of a shop, across payment providers.")
        home_label, log_label, settings_label = self.tr("Home folder"), self.tr("Log folder"), self.tr("Settings file")
        secrets_note = self.tr("Passwords and API keys are kept only in the operating system's credential store.")
        licences = self.tr("Licences")
        e = html.escape
        body.setHtml(
            f"<h2>{e(APP_NAME)} {e(__version__)}</h2><p>{e(purpose)}</p>"
            f"<p><b>{e(home_label)}</b>{e(folder_note)}: {e(str(home.root))}<br>"
            f"<b>{e(log_label)}</b>: {e(str(home.log_dir))}<br>"
            f"<b>{e(settings_label)}</b>: {e(str(home.settings_path))}</p><p>{e(secrets_note)}</p>"
            f"<p>Qt {e(qVersion())}, PySide6 {e(pyside_version)}, Python {e(platform.python_version())}</p>"
            f"<h3>{e(licences)}</h3><table cellpadding='2'>{rows}</table>"
        )
        layout.addWidget(body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.text = body
