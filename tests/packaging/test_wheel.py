"""Install anywhere: the wheel carries the icons and translations, and the installed app finds them.

Builds the wheel the way ``pip install .`` does, installs it without its dependencies into a fresh venv
(which borrows the dependencies of the venv running the tests through a ``.pth`` line, so no download of
Qt), and runs the installed ``closeout`` there, away from the repository: the German window speaks
German, every icon loads, and ``closeout self-test`` passes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CHECK = r"""
import json, os, sys
from pathlib import Path
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["QT_API"] = "pyside6"
import app
from app import resources
from PySide6.QtGui import QIcon
from app.ui.bootstrap import make_app
from app.ui import i18n
qapp = make_app(["closeout"])
language = i18n.install(qapp, "de")
from app.simulator.demo_shop import open_demo
from app.ui.main_window import MainWindow
workspace = open_demo()
window = MainWindow(workspace)
icon_dir = resources.resources_dir() / "icons"
result = {
    "app": app.__file__,
    "resources": str(resources.resources_dir()),
    "language": language,
    "actions": {a.objectName(): a.text() for a in window.actions() if a.objectName()},
    "title": window.windowTitle(),
    "icons": {p.stem: not QIcon(str(p)).pixmap(24, 24).isNull() for p in sorted(icon_dir.glob("*.svg"))},
    "missing": resources.missing(),
}
print(json.dumps(result), flush=True)
workspace.close()
os._exit(0)
"""


def _german(source: str) -> str:
    root = ET.parse(ROOT / "resources" / "translations" / "closeout_de.ts").getroot()
    for context in root.iter("context"):
        if context.findtext("name") != "MainWindow":
            continue
        for message in context.iter("message"):
            if message.findtext("source") == source:
                return message.findtext("translation")
    raise AssertionError(f"no German translation of {source!r}")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv with the freshly built wheel installed in it; returns its python."""
    work = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(work / "dist"), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    wheel = next((work / "dist").glob("closeout-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "app/_resources/translations/closeout_de.qm" in names
    assert "app/_resources/icons/closeout.svg" in names
    assert "app/_resources/locale/de/LC_MESSAGES/closeout.mo" in names

    env_dir = work / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    # The dependencies (PySide6, httpx ...) of the venv running the tests: appended to sys.path, so the
    # installed closeout comes first; that venv's own .pth files (its editable closeout) are not read.
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "borrowed_dependencies.pth").write_text("\n".join(sorted(ours)) + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", "--no-index", str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return python


def _run(python: Path, *args: str, tmp_path: Path, **kw) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CLOSEOUT_HOME")}
    env.update(QT_QPA_PLATFORM="offscreen", CLOSEOUT_HOME=str(tmp_path / "home"), LANG="C.UTF-8")
    # Run away from the repository: its app/ must not be importable from the current folder.
    return subprocess.run(
        [str(python), *args], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=180, **kw
    )


def test_installed_wheel_has_german_window_and_every_icon(installed, tmp_path):
    done = _run(installed, "-c", CHECK, tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    prefix = installed.parent.parent.resolve()
    assert Path(result["app"]).resolve().is_relative_to(prefix), result["app"]
    assert Path(result["resources"]).resolve().is_relative_to(prefix), result["resources"]
    assert result["missing"] == []
    assert result["language"] == "de"
    assert result["actions"]["act_close_all"] == _german("Close a&ll")
    assert result["actions"]["act_history"] == _german("&History…")
    assert result["title"] == _german("Closeout — Demo")
    shipped = sorted(p.stem for p in (ROOT / "resources" / "icons").glob("*.svg"))
    assert sorted(result["icons"]) == shipped
    assert all(result["icons"].values()), [name for name, ok in result["icons"].items() if not ok]


def test_installed_console_script_runs_the_self_test(installed, tmp_path):
    script = installed.parent / ("closeout.exe" if os.name == "nt" else "closeout")
    version = _run(script, "--version", tmp_path=tmp_path)
    assert version.returncode == 0 and version.stdout.startswith("Closeout ")
    done = _run(script, "self-test", tmp_path=tmp_path)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "self-test: ok" in done.stdout


def test_ci_runs_the_readme_commands_as_written():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    blocks = [block.split("```", 1)[0].strip() for block in readme.split("```\n")[1::2]]
    test_command = next(b for b in blocks if b.endswith("-m pytest"))
    assert test_command.startswith("python3 -m venv .venv && ")  # PEP 668: never pip into the system Python
    assert f"TEST_COMMAND='{test_command}'" in ci
    assert any(b.startswith("python3 -m venv .venv && ") and b.endswith("closeout --demo") for b in blocks)
