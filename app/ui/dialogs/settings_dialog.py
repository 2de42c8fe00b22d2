"""Settings: the shop header of the report, the closing time, automatic close, language, tray; and the chain."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.core import settings as settings_mod
from app.core.settings import Settings
from app.core.validation import ValidationError
from app.ui import theme


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, path: Path, parent=None, *, workspace=None) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(500)
        self.path = path
        self.original = settings  # settings this dialog does not show (e.g. set from the CLI) are kept
        self.result_settings: Settings | None = None
        outer = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settings_tabs")
        # Three pages, so that the dialog fits a 1024x600 screen (and 1366x768 at 150 %) in every language.
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 4, 4, 4)
        self.tabs.addTab(page, self.tr("General"))
        closing_page = QWidget()
        closing_layout = QVBoxLayout(closing_page)
        closing_layout.setContentsMargins(4, 4, 4, 4)
        self.tabs.addTab(closing_page, self.tr("Closing time"))
        # The chain page (app/ui/dialogs/chain_settings.py): connect, test, disconnect, and the lock setting.
        from app.ui.dialogs.chain_settings import ChainSettings

        self.chain = ChainSettings(workspace, settings.chain_lock_required)
        self.tabs.addTab(self.chain, self.tr("Chain"))
        outer.addWidget(self.tabs)

        shop = QGroupBox(self.tr("Shop (printed on the closing report)"))
        form = QFormLayout(shop)
        self.shop_name = QLineEdit(settings.shop_name)
        self.shop_name.setObjectName("shop_name")
        self.shop_name.setAccessibleName(self.tr("Shop name"))
        self.shop_name.setMaxLength(120)
        self.shop_address = QPlainTextEdit(settings.shop_address)
        self.shop_address.setObjectName("shop_address")
        self.shop_address.setAccessibleName(self.tr("Shop address"))
        self.shop_address.setFixedHeight(70)
        form.addRow(self.tr("&Name:"), self.shop_name)
        form.addRow(self.tr("&Address:"), self.shop_address)
        layout.addWidget(shop)

        closing = QGroupBox(self.tr("Closing time"))
        cform = QFormLayout(closing)
        self.remind = QCheckBox(self.tr("&Remind me at"))
        self.remind.setObjectName("remind")
        self.closing_time = QTimeEdit()
        self.closing_time.setObjectName("closing_time")
        self.closing_time.setAccessibleName(self.tr("Closing time"))
        self.closing_time.setDisplayFormat("HH:mm")
        at = settings.closing_at()
        self.remind.setChecked(at is not None)
        self.closing_time.setTime(QTime(at.hour, at.minute) if at else QTime(22, 0))
        row = QHBoxLayout()
        row.addWidget(self.remind)
        row.addWidget(self.closing_time)
        row.addWidget(QLabel(self.tr("when a terminal is still open")))
        row.addStretch(1)
        cform.addRow(row)
        self.auto_close = QCheckBox(self.tr("Close &automatically at that time"))
        self.auto_close.setObjectName("auto_close")
        self.auto_close.setChecked(settings.auto_close)
        cform.addRow(self.auto_close)
        self.retry_every = QSpinBox()
        self.retry_every.setObjectName("retry_every")
        self.retry_every.setRange(1, 240)
        self.retry_every.setSuffix(self.tr(" min"))
        self.retry_every.setValue(settings.retry_every_minutes)
        self.retry_until = QTimeEdit()
        self.retry_until.setObjectName("retry_until")
        self.retry_until.setDisplayFormat("HH:mm")
        deadline = settings.retry_deadline()
        self.retry_until.setTime(QTime(deadline.hour, deadline.minute) if deadline else QTime(23, 30))
        retry = QHBoxLayout()
        retry.addWidget(QLabel(self.tr("Retry failed terminals every")))
        retry.addWidget(self.retry_every)
        retry.addWidget(QLabel(self.tr("until")))
        retry.addWidget(self.retry_until)
        retry.addStretch(1)
        cform.addRow(retry)
        note = QLabel(
            self.tr(
                "Reminders and automatic closes happen while Closeout runs (it can stay in the "
                "system tray). On a PC where it does not run, have the system's task scheduler (Windows "
                "Task Scheduler, cron) run 'closeout close --all --yes' at closing time."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet(f"color:{theme.color('muted')}")
        cform.addRow(note)
        self.day_end = QTimeEdit()
        self.day_end.setObjectName("business_day_end")
        self.day_end.setDisplayFormat("HH:mm")
        self.day_end.setAccessibleName(self.tr("Business day ends at"))
        end = settings.day_end()
        self.day_end.setTime(QTime(end.hour, end.minute))
        self.day_end.setToolTip(
            self.tr(
                "A close belongs to the business day in which it started: with 04:00, a "
                "close at 00:30 still counts for the evening before."
            )
        )
        cform.addRow(self.tr("&Business day ends at:"), self.day_end)
        closing_layout.addWidget(closing)
        closing_layout.addStretch(1)

        general = QGroupBox(self.tr("General"))
        gform = QFormLayout(general)
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.setAccessibleName(self.tr("Language"))
        for code, label in (("", self.tr("System language")), ("en", "English"), ("de", "Deutsch"), ("fr", "Français")):
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        gform.addRow(self.tr("&Language (after a restart):"), self.language)
        self.keep_in_tray = QCheckBox(self.tr("Keep running in the system &tray when the window is closed"))
        self.keep_in_tray.setObjectName("keep_in_tray")
        self.keep_in_tray.setChecked(settings.keep_in_tray)
        gform.addRow(self.keep_in_tray)
        layout.addWidget(general)
        layout.addStretch(1)

        self.error = QLabel()
        self.error.setObjectName("settings_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color:{theme.color('error')}")
        self.error.setVisible(False)
        outer.addWidget(self.error)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)

        self.remind.toggled.connect(self._update)
        self.auto_close.toggled.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.closing_time.setEnabled(self.remind.isChecked())
        self.auto_close.setEnabled(self.remind.isChecked())
        auto = self.remind.isChecked() and self.auto_close.isChecked()
        self.retry_every.setEnabled(auto)
        self.retry_until.setEnabled(auto)

    def collected(self) -> Settings:
        remind = self.remind.isChecked()
        return replace(
            self.original,
            shop_name=self.shop_name.text().strip(),
            shop_address=self.shop_address.toPlainText().strip(),
            closing_time=self.closing_time.time().toString("HH:mm") if remind else "",
            auto_close=remind and self.auto_close.isChecked(),
            retry_every_minutes=self.retry_every.value(),
            retry_until=self.retry_until.time().toString("HH:mm"),
            language=self.language.currentData(),
            keep_in_tray=self.keep_in_tray.isChecked(),
            business_day_end=self.day_end.time().toString("HH:mm"),
            chain_lock_required=self.chain.lock_required.isChecked(),
        )

    def save(self) -> None:
        settings = self.collected()
        try:
            settings_mod.save(self.path, settings)
        except ValidationError as exc:
            self._fail(exc.message)
            return
        except OSError as exc:
            self._fail(
                self.tr("The settings could not be saved: {reason}. Nothing was changed.").format(
                    reason=exc.strerror or exc
                )
            )
            return
        self.result_settings = settings
        self.accept()

    def done(self, result: int) -> None:
        self.chain.shutdown()
        super().done(result)

    def _fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)
