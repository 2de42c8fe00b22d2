"""What the spec, the build script and the smoke test agree on: names, version, what goes in and what not.

Plain Python (no PyInstaller import), so the tests can check it without building anything.
"""

from __future__ import annotations

import ast
import platform
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BUNDLE_ID = "ch.closeout.app"
EXE_NAME = "closeout"  # dist/closeout/closeout[.exe]
CLI_EXE_NAME = "closeout-cli"  # Windows only: a console twin, so the command line prints and returns an exit code

# Every keyring backend module: keyring picks one at run time on the customer's PC, so all must be in the
# bundle whatever OS built it. PyInstaller's keyring hook collects them; listing them here as well makes a
# change in that hook a failed smoke test instead of a customer without a credential store.
KEYRING_BACKENDS = (
    "keyring.backends.SecretService",
    "keyring.backends.kwallet",
    "keyring.backends.Windows",
    "keyring.backends.macOS",
    "keyring.backends.macOS.api",
    "keyring.backends.libsecret",
    "keyring.backends.chainer",
    "keyring.backends.fail",
    "keyring.backends.null",
)

# Languages the app ships; Qt's own translations (standard buttons, dialogs) are trimmed to these.
LANGUAGES = ("en", "de", "fr")

# Qt modules app/ui does not use. PyInstaller collects only imported modules, so these excludes are a
# guard against a stray import (a test helper, a third-party optional import) pulling hundreds of MB in.
# Kept on purpose: QtCore, QtGui, QtWidgets (the window), QtNetwork (single instance: QLocalServer),
# QtSvg/QtSvgWidgets (the SVG icons), QtPrintSupport (closing report: print preview and PDF).
UNUSED_QT_MODULES = (
    "Qt3DAnimation",
    "Qt3DCore",
    "Qt3DExtras",
    "Qt3DInput",
    "Qt3DLogic",
    "Qt3DRender",
    "QtAxContainer",
    "QtBluetooth",
    "QtCharts",
    "QtConcurrent",
    "QtDataVisualization",
    "QtDBus",
    "QtDesigner",
    "QtGraphs",
    "QtHelp",
    "QtHttpServer",
    "QtLabsStyleKit",
    "QtLocation",
    "QtMultimedia",
    "QtMultimediaWidgets",
    "QtNetworkAuth",
    "QtNfc",
    "QtOpenGL",
    "QtOpenGLWidgets",
    "QtPdf",
    "QtPdfWidgets",
    "QtPositioning",
    "QtQml",
    "QtQmlFeatures",
    "QtQuick",
    "QtQuick3D",
    "QtQuickControls2",
    "QtQuickTest",
    "QtQuickWidgets",
    "QtRemoteObjects",
    "QtScxml",
    "QtSensors",
    "QtSerialBus",
    "QtSerialPort",
    "QtSpatialAudio",
    "QtSql",
    "QtStateMachine",
    "QtTest",
    "QtTextToSpeech",
    "QtUiTools",
    "QtWebChannel",
    "QtWebEngineCore",
    "QtWebEngineQuick",
    "QtWebEngineWidgets",
    "QtWebSockets",
    "QtWebView",
    "QtXml",
    "QtAsyncio",
)

EXCLUDES = (
    # PyInstaller >= 6.5 aborts when it finds two Qt bindings; qasync can import any of them.
    "PyQt5",
    "PyQt6",
    "PySide2",
    "tkinter",
    "_tkinter",
    "readline",
    "curses",
    "_curses",
    # Development and test tools installed next to the app that the bundle never runs.
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "pypdf",
    "IPython",
    "PyInstaller",
    "uvicorn",
    "click",
    # Optional imports of the dependencies that Closeout never takes: trio (anyio/httpcore backend),
    # requests (truststore's requests integration), rich/pygments (httpx's own command line), jinja2,
    # itsdangerous (starlette templates and sessions), setuptools/pkg_resources (cffi's build-time shim),
    # yaml (uvicorn's log-config loader).
    "trio",
    "outcome",
    "attr",
    "requests",
    "urllib3",
    "charset_normalizer",
    "rich",
    "pygments",
    "jinja2",
    "markupsafe",
    "itsdangerous",
    "setuptools",
    "pkg_resources",
    "distutils",
    "_distutils_hack",
    "pyparsing",
    "yaml",
    "numpy",
    "PIL",
    *(f"PySide6.{name}" for name in UNUSED_QT_MODULES),
)

# Qt image format plugins the app needs: SVG (every icon), ICO/ICNS (the app icon on Windows/macOS),
# JPEG/GIF (common formats for a shop's logo, should the report or a dialog show one). PNG and BMP are built
# into QtGui. The others (PDF, which pulls QtPdf in, TIFF, WebP, TGA, WBMP) are dropped.
KEEP_IMAGE_FORMATS = ("qsvg", "qico", "qicns", "qjpeg", "qgif")


@dataclass(frozen=True)
class AppInfo:
    dist_name: str  # closeout (pyproject [project] name)
    display_name: str  # Closeout (app.APP_NAME)
    version: str
    description: str
    authors: str
    license: str


def _module_constants(path: Path) -> dict[str, str]:
    """String constants of a module, read without importing it (no side effects, no Qt)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = node.value.value
    return found


def app_info(root: Path = ROOT) -> AppInfo:
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    constants = _module_constants(root / "app" / "__init__.py")
    version = project.get("version") or constants["__version__"]
    authors = ", ".join(a.get("name", "") for a in project.get("authors", []) if a.get("name"))
    license_ = project.get("license", "")
    if isinstance(license_, dict):
        license_ = license_.get("text", "")
    return AppInfo(
        dist_name=project["name"],
        display_name=constants.get("APP_NAME", project["name"].title()),
        version=version,
        description=project.get("description", ""),
        authors=authors or constants.get("APP_NAME", project["name"]),
        license=license_,
    )


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """'1.2.3' -> (1, 2, 3, 0); pre-release and local parts are dropped (Windows wants four numbers)."""
    match = re.match(r"\d+(?:\.\d+)*", version.strip())
    numbers = [int(n) for n in match.group(0).split(".")][:4] if match else []
    numbers += [0] * (4 - len(numbers))
    return tuple(min(n, 65535) for n in numbers)  # type: ignore[return-value]


def windows_version_info(info: AppInfo, exe_name: str = EXE_NAME) -> str:
    """The text of a Windows version resource (PyInstaller's VSVersionInfo syntax) for the EXE."""
    numbers = version_tuple(info.version)

    def quoted(text: str) -> str:
        return repr(str(text))

    strings = [
        ("CompanyName", info.authors),
        ("FileDescription", info.display_name),
        ("FileVersion", info.version),
        ("InternalName", exe_name),
        ("LegalCopyright", f"{info.authors}, {info.license} license" if info.license else info.authors),
        ("OriginalFilename", f"{exe_name}.exe"),
        ("ProductName", info.display_name),
        ("ProductVersion", info.version),
        ("Comments", info.description),
    ]
    string_lines = ",\n".join(f"          StringStruct({quoted(k)}, {quoted(v)})" for k, v in strings)
    return f"""# Generated by packaging/specinfo.py at build time; do not edit.
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo(
      [
        StringTable(
          '040904B0',
          [
{string_lines}
          ])
      ]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""


_QT_TRANSLATION = re.compile(r"^(?P<base>[a-z_]+?)_(?P<lang>[a-z]{2,3})(?:_[A-Za-z]{2,4})*\.qm$")
# Qt translation catalogs of modules the app does not use.
UNUSED_QT_CATALOGS = (
    "qt_help",
    "qtconnectivity",
    "qtlocation",
    "qtmultimedia",
    "qtserialport",
    "qtwebengine",
    "qtwebsockets",
    "qtdeclarative",
    "designer",
    "linguist",
    "assistant",
)


def keep_qt_translation(dest: str, languages: tuple[str, ...] = LANGUAGES) -> bool:
    """For a collected file: False for a Qt translation of a language (or a module) the app does not ship."""
    parts = dest.replace("\\", "/").split("/")
    is_qt_translation = len(parts) >= 3 and parts[-2] == "translations" and "PySide6" in parts[:-2]
    if not is_qt_translation:
        return True
    match = _QT_TRANSLATION.match(parts[-1])
    if match is None:
        return True
    return match.group("lang") in languages and match.group("base") not in UNUSED_QT_CATALOGS


# Qt plugins that are of no use on a back-office PC, by folder, or by folder and name. What only they
# needed (the EGLFS libraries, GTK and its stack from the build machine) goes with them, see prune_binaries.
DROP_QT_PLUGIN_FOLDERS = (
    "egldeviceintegrations",  # EGLFS: embedded devices without a window system
    "generic",  # evdev/tuio input for embedded devices
    "networkinformation",  # QNetworkInformation: unused (httpx does the networking)
    "tls",  # QSslSocket backends: unused (httpx uses Python's ssl with the OS trust store)
    "sqldrivers",
    "qmltooling",
    "position",
    "sensors",
    "multimedia",
    "designer",
)
DROP_QT_PLUGINS = {
    # Kept: xcb and wayland (Linux desktops), windows, cocoa, offscreen (the smoke test's self-test).
    "platforms": ("qeglfs", "qlinuxfb", "qminimal", "qminimalegl", "qvkkhrdisplay", "qvnc", "qdirect2d"),
    # The GTK 3 theme would bundle the build machine's GTK, cairo, pango... (15 MB) and mix them with the
    # user's own; without it Qt uses its Fusion style and the desktop portal for file dialogs.
    "platformthemes": ("qgtk3",),
}


def _plugin_parts(dest: str) -> tuple[str, str] | None:
    """('imageformats', 'qsvg') for .../plugins/imageformats/libqsvg.so; None for anything not a Qt plugin."""
    parts = dest.replace("\\", "/").split("/")
    if len(parts) < 3 or parts[-3] != "plugins" or "PySide6" not in parts:
        return None
    stem = parts[-1].split(".")[0]
    stem = stem[3:] if stem.startswith("lib") else stem
    return parts[-2], stem


def keep_qt_plugin(dest: str) -> bool:
    """For a collected binary: False for a Qt plugin the app does not need."""
    plugin = _plugin_parts(dest)
    if plugin is None:
        return True
    folder, name = plugin
    if folder in DROP_QT_PLUGIN_FOLDERS:
        return False
    if folder == "imageformats":
        return name in KEEP_IMAGE_FORMATS or (name.endswith("d") and name[:-1] in KEEP_IMAGE_FORMATS)
    return name not in DROP_QT_PLUGINS.get(folder, ())


# Libraries that must come from the user's system, not from the build machine. libcups: the printing of the
# closing report talks to the local CUPS; the build machine's copy would drag its GnuTLS, p11-kit, Avahi and
# Kerberos along (about 8 MB), with their configuration paths. Without libcups on the system, Qt still prints
# to PDF; the print dialog just lists no printers.
SYSTEM_LIBRARIES = ("libcups.so.2",)


def keep_binary(dest: str) -> bool:
    """For a collected binary: False for a plugin we drop or a library that must come from the system."""
    return keep_qt_plugin(dest) and binary_key(dest) not in SYSTEM_LIBRARIES


def binary_key(path: str) -> str:
    """How binaries are matched up: by file name, case-insensitively (Windows)."""
    return path.replace("\\", "/").rsplit("/", 1)[-1].lower()


def elf_needed(path: str) -> list[str] | None:
    """The libraries an ELF binary links directly (DT_NEEDED), through objdump; None if it cannot tell.

    ldd, which PyInstaller uses on Linux, lists every library loaded in the end: for pruning, only the
    direct links count, or a kept plugin would seem to need what a dropped library needed.
    """
    try:
        proc = subprocess.run(["objdump", "-p", path], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    if proc.returncode != 0:
        return None
    return re.findall(r"^\s*NEEDED\s+(\S+)", proc.stdout, re.MULTILINE)


def prune_binaries(binaries: list, keep, imports) -> tuple[list, list]:
    """Drop the binaries ``keep(dest)`` rejects, and the shared libraries that only they needed.

    ``binaries`` holds PyInstaller TOC entries ``(dest, src, typecode)``; ``imports(src)`` gives the names or
    paths of the libraries a binary links against directly. A library goes only if nothing that stays reaches it,
    so libraries loaded through ctypes (no one links them) always stay.
    Returns (kept entries, removed entries).
    """
    dropped = [b for b in binaries if not keep(b[0])]
    if not dropped:
        return list(binaries), []
    kept = [b for b in binaries if keep(b[0])]
    by_name: dict[str, tuple] = {}
    for entry in kept:
        by_name.setdefault(binary_key(entry[0]), entry)

    def reach(start: list) -> set[str]:
        seen: set[str] = set()
        stack = list(start)
        while stack:
            entry = stack.pop()
            for name in imports(entry[1]):
                target = by_name.get(binary_key(name)) if name else None
                if target is not None and binary_key(target[0]) not in seen:
                    seen.add(binary_key(target[0]))
                    stack.append(target)
        return seen

    only_for_dropped = reach(dropped)
    roots = [e for e in kept if binary_key(e[0]) not in only_for_dropped]
    still_needed = reach(roots)
    removable = only_for_dropped - still_needed
    result = [e for e in kept if binary_key(e[0]) not in removable]
    removed = dropped + [e for e in kept if binary_key(e[0]) in removable]
    return result, removed


def os_tag() -> str:
    if sys.platform.startswith("win"):
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    return sys.platform.rstrip("0123456789")  # linux, freebsd


def arch_tag(machine: str | None = None) -> str:
    machine = (machine or platform.machine()).lower()
    return {"amd64": "x86_64", "x64": "x86_64", "aarch64": "arm64", "armv8": "arm64"}.get(machine, machine)


def archive_base(info: AppInfo) -> str:
    """closeout-0.1.0-linux-x86_64: the archive's name without extension, and the CI artifact's name."""
    return f"{info.dist_name}-{info.version}-{os_tag()}-{arch_tag()}"


def archive_suffix() -> str:
    return ".zip" if os_tag() == "windows" else ".tar.gz"


def executables(dist: Path) -> list[Path]:
    """What users start on this OS, in a built dist/: the app's executable first (inside Closeout.app on
    macOS), then on Windows the console twin."""
    if os_tag() == "macos":
        return [dist / f"{app_info().display_name}.app" / "Contents" / "MacOS" / EXE_NAME]
    if os_tag() == "windows":
        return [dist / EXE_NAME / f"{EXE_NAME}.exe", dist / EXE_NAME / f"{CLI_EXE_NAME}.exe"]
    return [dist / EXE_NAME / EXE_NAME]


def lrelease() -> list[str]:
    """The command that compiles .ts to .qm: the lrelease PySide6-Essentials ships (no Qt SDK needed)."""
    import PySide6

    base = Path(PySide6.__file__).parent
    for candidate in (base / "lrelease.exe", base / "lrelease", base / "Qt" / "libexec" / "lrelease"):
        if candidate.is_file():
            return [str(candidate)]
    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    if found:
        return [found]
    raise FileNotFoundError("lrelease not found (it comes with PySide6-Essentials)")


def translation_sources(root: Path = ROOT) -> Path | None:
    folder = root / "resources" / "translations"
    return folder if folder.is_dir() else None


def expected_translations(root: Path = ROOT) -> list[str]:
    """The .qm names the bundle must hold: one per .ts or shipped .qm in resources/translations/."""
    folder = translation_sources(root)
    if folder is None:
        return []
    return sorted({p.stem + ".qm" for p in folder.iterdir() if p.suffix in (".ts", ".qm")})


def compiled_translations(out_dir: Path, root: Path = ROOT) -> list[Path]:
    """Compile every resources/translations/*.ts into out_dir; shipped .qm files without a .ts are copied.

    Returns the .qm files to put into the bundle under resources/translations/.
    """
    folder = translation_sources(root)
    if folder is None:
        return []
    out_dir.mkdir(parents=True, exist_ok=True)
    result = []
    for ts in sorted(folder.glob("*.ts")):
        qm = out_dir / (ts.stem + ".qm")
        proc = subprocess.run([*lrelease(), "-silent", str(ts), "-qm", str(qm)], capture_output=True, text=True)
        if proc.returncode != 0 or not qm.is_file():
            raise RuntimeError(f"lrelease failed on {ts.name}: {proc.stdout}{proc.stderr}")
        result.append(qm)
    compiled = {p.name for p in result}
    for qm in sorted(folder.glob("*.qm")):
        if qm.name not in compiled:
            result.append(qm)
    return result
