"""Every toolbar action shows an icon (Settings was the only one without)."""

from __future__ import annotations

from PySide6.QtWidgets import QToolBar

from app.resources import icon_path
from app.ui import icons
from tests.ui.test_main_window import make_window


def test_every_toolbar_action_has_an_icon(qtbot, demo_workspace):
    window = make_window(qtbot, demo_workspace)
    toolbar = window.findChild(QToolBar)
    actions = [a for a in toolbar.actions() if not a.isSeparator() and a.text()]
    assert window.act_settings in actions
    assert [a.objectName() for a in actions if a.icon().isNull()] == []


def test_the_settings_icon_ships_and_draws(qapp):
    assert icon_path("settings").exists()
    assert not icons.icon("settings").pixmap(24, 24).isNull()
