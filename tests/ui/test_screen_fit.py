"""Every window and dialog fits a small screen, and the big ones come back where they were.

The fit test runs tests/ui/fit_probe.py in a subprocess on a virtual screen of Qt's offscreen platform
(``offscreen:configfile=...``): 1024x600 at 100 % and 1366x768 at 150 % (910x512 logical pixels).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect

from app.ui import geometry
from tests.ui.test_main_window import make_window

ROOT = Path(__file__).resolve().parents[2]
TITLE_BAR = 32  # the offscreen platform draws 1-2 pixel frames; real window managers add a title bar


def probe(tmp_path: Path, width: int, height: int, scale: float, language: str) -> list[dict]:
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "small",
                        "x": 0,
                        "y": 0,
                        "width": width,
                        "height": height,
                        "logicalDpi": 96,
                        "logicalBaseDpi": 96,
                        "dpr": 1,
                    }
                ]
            }
        )
    )
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=f"offscreen:configfile={config}",
        QT_SCALE_FACTOR=str(scale),
        CLOSEOUT_HOME=str(tmp_path / "home"),
        PYTHONPATH=str(ROOT),
    )
    done = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "ui" / "fit_probe.py"), language],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


@pytest.mark.parametrize(
    "width, height, scale, language",
    [
        (1024, 600, 1.0, "de"),
        (1366, 768, 1.5, "de"),
        (1366, 768, 1.5, "fr"),
    ],
)
def test_every_window_fits_a_small_screen(tmp_path, width, height, scale, language):
    windows = probe(tmp_path, width, height, scale, language)
    names = {w["name"] for w in windows}
    assert {
        "main_window",
        "history",
        "report",
        "settings",
        "add_terminal",
        "edit_terminal",
        "import_terminals",
        "import_terminals_errors",
        "in_doubt",
        "confirm_close",
        "run_summary",
        "shops",
    } <= names
    problems = []
    for w in windows:
        ax, ay, aw, ah = w["available"]
        fx, fy, fw, fh = w["frame"]
        _, _, gw, gh = w["geometry"]
        if not (ax <= fx and ay <= fy and fx + fw <= ax + aw and fy + fh <= ay + ah):
            problems.append(f"{w['name']}: frame {w['frame']} outside the screen {w['available']}")
        if gw < w["min_hint"][0] or gh < w["min_hint"][1]:
            problems.append(f"{w['name']}: {gw}x{gh} is smaller than its layout needs {w['min_hint']} (clipped)")
        if w["min_hint"][1] + TITLE_BAR > ah or w["min_hint"][0] + 8 > aw:
            problems.append(f"{w['name']}: needs {w['min_hint']}, more than the screen leaves with a title bar")
        if w["outside"]:
            problems.append(f"{w['name']}: buttons out of reach: {w['outside']}")
    assert not problems, "\n".join(problems)


def test_a_saved_geometry_is_restored_only_when_it_fits(qtbot, qapp):
    from PySide6.QtWidgets import QWidget

    area = qapp.primaryScreen().availableGeometry()
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(300, 200)
    geometry.fit(window, QRect(area.x() + 40, area.y() + 50, 320, 240))
    assert window.geometry() == QRect(area.x() + 40, area.y() + 50, 320, 240)
    geometry.fit(window, QRect(area.x() + 40, area.y() + 50, area.width() * 2, 240))  # too wide: not used
    assert window.width() <= area.width()
    window.resize(area.width() + 500, area.height() + 500)
    geometry.fit(window, None)
    assert window.width() < area.width() and window.height() < area.height()


def test_main_window_comes_back_where_it_was(qtbot, demo_workspace, qapp):
    area = qapp.primaryScreen().availableGeometry()
    window = make_window(qtbot, demo_workspace)
    target = QRect(area.x() + 30, area.y() + 40, 660, 420)
    window.setGeometry(target)
    window.hide()
    saved = json.loads((demo_workspace.home.root / "window-geometry.json").read_text())
    assert saved["main_window"] == [target.x(), target.y(), target.width(), target.height()]
    again = make_window(qtbot, demo_workspace)
    assert again.geometry() == target
