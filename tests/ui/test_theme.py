"""Light and dark: every text colour reads at 4.5:1 or better, and the dark scheme really is dark."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.core import report
from app.ui import theme

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("role", sorted(theme.COLORS))
def test_status_colours_read_on_both_backgrounds(role):
    light, dark = theme.COLORS[role]
    for background in (theme.LIGHT_BASE, theme.LIGHT_WINDOW):
        assert theme.contrast(light, background) >= 4.5, (role, light, background)
    for background in (theme.DARK_BASE, theme.DARK_WINDOW):
        assert theme.contrast(dark, background) >= 4.5, (role, dark, background)


def test_banners_palette_and_report_colours_read():
    for kind, (text, background, _border) in theme.BANNERS.items():
        assert theme.contrast(text, background) >= 4.5, kind
    from PySide6.QtGui import QPalette

    palette = theme.dark_palette()
    for fg, bg in (
        (QPalette.ColorRole.Text, QPalette.ColorRole.Base),
        (QPalette.ColorRole.WindowText, QPalette.ColorRole.Window),
        (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button),
        (QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Highlight),
        (QPalette.ColorRole.PlaceholderText, QPalette.ColorRole.Base),
    ):
        assert theme.contrast(palette.color(fg).name(), palette.color(bg).name()) >= 4.5, fg
    for outcome, (fg, bg) in report.OUTCOME_STYLE.items():  # the report is printed dark on white paper
        assert theme.contrast(fg, bg or "#ffffff") >= 4.5, outcome


DARK_CHECK = r"""
import json, os
from app.ui.bootstrap import make_app
app = make_app(["closeout"])
from PySide6.QtGui import QPalette
from app.simulator.demo_shop import open_demo
from app.ui import icons, theme
from app.ui.main_window import MainWindow
from app.ui.report_view import ReportDialog

def ink(name):
    image = icons.icon(name).pixmap(24, 24).toImage()
    best = None
    for x in range(image.width()):
        for y in range(image.height()):
            c = image.pixelColor(x, y)
            if c.alpha() > 200 and (best is None or c.alpha() >= best.alpha()):
                best = c
    return best.name() if best else None

workspace = open_demo()
window = MainWindow(workspace)
dialog = ReportDialog(workspace.history, window.settings, window)
out = {
    "dark": theme.is_dark(),
    "window": app.palette().color(QPalette.ColorRole.Window).name(),
    "add_ink": ink("add"),
    "history_ink": ink("history"),
    "preview_base": dialog.preview.palette().color(QPalette.ColorRole.Base).name(),
    "live": theme.color("live"),
}
print(json.dumps(out), flush=True)
workspace.close()
os._exit(0)
"""


def test_the_dark_scheme_darkens_the_window_and_lightens_the_icons(tmp_path):
    env = dict(
        os.environ,
        CLOSEOUT_COLOR_SCHEME="dark",
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(ROOT),
        CLOSEOUT_HOME=str(tmp_path / "home"),
    )
    done = subprocess.run(
        [sys.executable, "-c", DARK_CHECK], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["dark"] and out["window"] == theme.DARK_WINDOW
    for key in ("add_ink", "history_ink"):  # drawn light on the dark toolbar, not near-black
        assert out[key] and theme.contrast(out[key], theme.DARK_WINDOW) >= 4.5, (key, out[key])
    assert out["preview_base"] == "#ffffff"  # the report preview stays white paper
    assert out["live"] == theme.COLORS["live"][1]
