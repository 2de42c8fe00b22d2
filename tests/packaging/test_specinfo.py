"""The bundle's rules (packaging/specinfo.py) and the committed app icons, checked without building."""

from __future__ import annotations

import importlib
import struct
import sys
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import specinfo  # noqa: E402

from app import APP_NAME, __version__  # noqa: E402


def test_app_info_reads_pyproject_and_the_package():
    info = specinfo.app_info()
    assert info.dist_name == "closeout"
    assert info.display_name == APP_NAME
    assert info.version == __version__
    assert info.license == "MIT"


@pytest.mark.parametrize(
    "version, expected",
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("1.2", (1, 2, 0, 0)),
        ("2.3.4.5.6", (2, 3, 4, 5)),
        ("1.0.0rc1", (1, 0, 0, 0)),
        ("1.4.0+local.7", (1, 4, 0, 0)),
        ("70000.1", (65535, 1, 0, 0)),
    ],
)
def test_version_tuple(version, expected):
    assert specinfo.version_tuple(version) == expected


def test_windows_version_resource_is_what_pyinstaller_reads(tmp_path, monkeypatch):
    try:
        import pefile  # noqa: F401  (installed with PyInstaller on Windows only)
    except ImportError:  # only needed to write into an .exe, not to read the text
        monkeypatch.setitem(sys.modules, "pefile", types.ModuleType("pefile"))
    import PyInstaller.compat

    if not hasattr(PyInstaller.compat, "win32api"):  # likewise
        monkeypatch.setattr(PyInstaller.compat, "win32api", None, raising=False)
    monkeypatch.delitem(sys.modules, "PyInstaller.utils.win32.versioninfo", raising=False)
    versioninfo = importlib.import_module("PyInstaller.utils.win32.versioninfo")
    info = specinfo.app_info()
    path = tmp_path / "version_info.txt"
    path.write_text(specinfo.windows_version_info(info), encoding="utf-8")
    parsed = versioninfo.load_version_info_from_text_file(str(path))
    text = str(parsed)
    assert f"'ProductVersion', '{info.version}'" in text
    assert "'OriginalFilename', 'closeout.exe'" in text
    assert f"filevers={specinfo.version_tuple(info.version)}" in text
    assert len(parsed.toRaw()) > 200  # the binary resource PyInstaller embeds


@pytest.mark.parametrize(
    "dest, kept",
    [
        ("PySide6/Qt/translations/qtbase_de.qm", True),
        ("PySide6/Qt/translations/qt_fr.qm", True),
        ("PySide6/translations/qtbase_en.qm", True),  # the Windows layout
        ("PySide6/Qt/translations/qtbase_ja.qm", False),
        ("PySide6/Qt/translations/qt_zh_CN.qm", False),
        ("PySide6/Qt/translations/qtbase_pt_BR.qm", False),
        ("PySide6/Qt/translations/qt_help_de.qm", False),  # QtHelp is not used
        ("_internal/PySide6/Qt/translations/qt_ru.qm", False),  # as the smoke test sees the bundle
        ("resources/translations/closeout_de.qm", True),  # the app's own
        ("resources/icons/closeout.svg", True),
    ],
)
def test_qt_translations_are_trimmed_to_the_shipped_languages(dest, kept):
    assert specinfo.keep_qt_translation(dest) is kept


@pytest.mark.parametrize(
    "dest, kept",
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/plugins/platforms/qwindows.dll", True),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/plugins/imageformats/qico.dll", True),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/plugins/generic/libqevdevmouseplugin.so", False),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),  # printing the closing report
        ("PySide6/Qt/lib/libQt6Gui.so.6", True),
        ("libssl.so.3", True),
    ],
)
def test_qt_plugins_are_trimmed(dest, kept):
    assert specinfo.keep_qt_plugin(dest) is kept


def test_pruning_takes_the_libraries_only_dropped_plugins_needed():
    binaries = [
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/src/libqgtk3.so", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
        ("libgtk-3.so.0", "/usr/lib/libgtk-3.so.0", "BINARY"),
        ("libcairo.so.2", "/usr/lib/libcairo.so.2", "BINARY"),
        ("libX11.so.6", "/usr/lib/libX11.so.6", "BINARY"),
        ("libxcb.so.1", "/usr/lib/libxcb.so.1", "BINARY"),
        ("libloaded_by_ctypes.so", "/usr/lib/libloaded_by_ctypes.so", "BINARY"),
    ]
    links = {
        "/src/libqgtk3.so": ["libgtk-3.so.0", "libX11.so.6", "libc.so.6"],
        "/usr/lib/libgtk-3.so.0": ["libcairo.so.2", "libX11.so.6"],
        "/usr/lib/libcairo.so.2": ["libxcb.so.1"],
        "/src/libqxcb.so": ["/usr/lib/libX11.so.6"],  # a resolved path counts like a name
        "/usr/lib/libX11.so.6": ["libxcb.so.1"],
    }
    kept, removed = specinfo.prune_binaries(binaries, specinfo.keep_qt_plugin, lambda src: links.get(src, []))
    kept_names = {entry[0] for entry in kept}
    assert kept_names == {
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "libX11.so.6",
        "libxcb.so.1",
        "libloaded_by_ctypes.so",
    }
    assert {entry[0] for entry in removed} == {
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "libgtk-3.so.0",
        "libcairo.so.2",
    }


def test_nothing_to_prune_keeps_everything():
    binaries = [("libfoo.so", "/x/libfoo.so", "BINARY")]
    assert specinfo.prune_binaries(binaries, specinfo.keep_qt_plugin, lambda src: []) == (binaries, [])


def test_other_qt_bindings_and_every_keyring_backend():
    for binding in ("PyQt5", "PyQt6", "PySide2"):
        assert binding in specinfo.EXCLUDES
    for used in (
        "PySide6.QtCore",
        "PySide6.QtGui",
        "PySide6.QtWidgets",
        "PySide6.QtNetwork",
        "PySide6.QtSvg",
        "PySide6.QtPrintSupport",
        "keyring",
        "secretstorage",
        "jeepney",
        "cryptography",
    ):
        assert used not in specinfo.EXCLUDES
    for backend in ("SecretService", "kwallet", "Windows", "macOS", "libsecret", "chainer", "fail", "null"):
        assert f"keyring.backends.{backend}" in specinfo.KEYRING_BACKENDS


def test_archive_name():
    info = specinfo.app_info()
    name = specinfo.archive_base(info)
    assert name == f"closeout-{info.version}-{specinfo.os_tag()}-{specinfo.arch_tag()}"
    assert specinfo.arch_tag("AMD64") == "x86_64" and specinfo.arch_tag("aarch64") == "arm64"


def test_expected_translations(tmp_path):
    assert specinfo.expected_translations(tmp_path) == []  # no resources/translations/: nothing to expect
    folder = tmp_path / "resources" / "translations"
    folder.mkdir(parents=True)
    (folder / "closeout_de.ts").write_text("<TS/>")
    (folder / "closeout_fr.ts").write_text("<TS/>")
    (folder / "closeout_fr.qm").write_bytes(b"")
    assert specinfo.expected_translations(tmp_path) == ["closeout_de.qm", "closeout_fr.qm"]


def test_translations_compile_with_the_lrelease_pyside6_ships(tmp_path):
    folder = tmp_path / "resources" / "translations"
    folder.mkdir(parents=True)
    (folder / "closeout_de.ts").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="de_DE">'
        "<context><name>Crash</name><message><source>Closeout hit a problem</source>"
        "<translation>Closeout hatte ein Problem</translation></message></context></TS>\n",
        encoding="utf-8",
    )
    (folder / "closeout_it.qm").write_bytes(b"shipped compiled")
    out = specinfo.compiled_translations(tmp_path / "out", tmp_path)
    assert [p.name for p in out] == ["closeout_de.qm", "closeout_it.qm"]
    assert out[0].stat().st_size > 0


# -- the committed app icons (packaging/make_icons.py) --------------------------------------------

RESOURCES = ROOT / "resources"


def test_ico_holds_every_windows_size():
    data = (RESOURCES / "closeout.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for i in range(count):
        width, height, _colors, _r, planes, bits, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        assert planes == 1 and bits == 32
        assert offset + length <= len(data)
        sizes.append(width or 256)
    assert sorted(sizes) == [16, 24, 32, 48, 64, 128, 256]


def test_icns_holds_retina_sizes():
    data = (RESOURCES / "closeout.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    kinds, offset = [], 8
    while offset < len(data):
        kind, length = data[offset : offset + 4].decode(), struct.unpack(">I", data[offset + 4 : offset + 8])[0]
        assert data[offset + 8 : offset + 16] == b"\x89PNG\r\n\x1a\n"
        kinds.append(kind)
        offset += length
    assert offset == len(data)
    assert {"ic07", "ic08", "ic09", "ic10", "ic13", "ic14"} <= set(kinds)


@pytest.mark.parametrize("size", [16, 32, 48, 128, 256])
def test_png_sizes(size):
    data = (RESOURCES / f"closeout-{size}.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (size, size)


def test_executables_are_what_users_start(tmp_path):
    exes = specinfo.executables(tmp_path)
    assert exes[0].name in ("closeout", "closeout.exe")
    if specinfo.os_tag() == "macos":
        assert exes[0].parts[-4:-1] == ("Closeout.app", "Contents", "MacOS")
    else:
        assert exes[0].parent == tmp_path / "closeout"
    if specinfo.os_tag() == "windows":
        assert exes[1].name == "closeout-cli.exe"


def test_cups_comes_from_the_system_but_its_plugin_stays():
    assert specinfo.keep_binary("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so")
    assert not specinfo.keep_binary("libcups.so.2")
    assert specinfo.keep_binary("libssl.so.3")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF")
def test_elf_needed_lists_direct_links_only():
    import shutil

    if shutil.which("objdump") is None:
        pytest.skip("no objdump (binutils)")
    needed = specinfo.elf_needed(sys.executable)
    assert needed is not None and any(name.startswith("libc.so") for name in needed)
    assert specinfo.elf_needed(str(ROOT / "README.md")) is None
