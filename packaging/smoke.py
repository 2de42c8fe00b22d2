"""Smoke test of the built bundle: start it for real and look inside it.

    python packaging/smoke.py            (after python packaging/build.py or pyinstaller packaging/closeout.spec)

1. ``closeout --version`` prints "Closeout <version>" and exits 0 (answers before Qt is imported).
2. ``closeout self-test`` (offscreen, a throwaway CLOSEOUT_HOME) exits 0 and prints "self-test: ok": the real
   window, engine, history and simulator, frozen.
3. Any line of error output (stderr, and ERROR/CRITICAL/tracebacks in the log file, the only place a
   windowed build can put them) that is not on ALLOWED fails the test.
4. The bundle holds every keyring backend module and what the native one needs, keyring's entry points,
   the Qt plugins the window needs (platform, SVG icons), the app's icons and compiled translations, Qt
   translations for the shipped languages only, and no second Qt binding.

Run by build.py; exit 0 only if everything holds.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import specinfo  # noqa: E402

# Error output that is known and harmless. Each entry: a regular expression matched against one line,
# and why it is fine. Anything else on stderr fails the smoke test.
ALLOWED = (
    (r"^This plugin does not support propagateSizeHints\(\)$", "Qt's offscreen platform, on window.show()"),
    (r"^QStandardPaths: XDG_RUNTIME_DIR not set, defaulting to '.*'$", "root without a login session (CI)"),
    (r"^QStandardPaths: wrong permissions on runtime directory .*$", "CI containers with a shared /tmp"),
    (r"^qt\.qpa\.fonts: Populating font family aliases took \d+ ms.*$", "macOS: a slow first font scan"),
)
_ALLOWED = [re.compile(pattern) for pattern, _why in ALLOWED]

# The log file is the windowed build's stderr: a line at these levels, or a traceback, is an error.
_LOG_ERROR = re.compile(r"^\S+ \S+ (ERROR|CRITICAL) |^Traceback ")

TIMEOUT = 180  # seconds, per run: the self-test takes a few on a 2-core machine


class Smoke:
    def __init__(self) -> None:
        self.problems: list[str] = []
        self.checks = 0

    def check(self, ok: bool, what: str) -> bool:
        self.checks += 1
        if not ok:
            self.problems.append(what)
            print(f"  FAIL {what}", flush=True)
        return ok


def bundle_root(exe: Path) -> Path:
    """dist/closeout for a onedir, dist/Closeout.app for a macOS app."""
    return exe.parents[2] if exe.parent.name == "MacOS" else exe.parent


def unexpected_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip() and not any(p.match(line) for p in _ALLOWED)]


def log_errors(home: Path) -> list[str]:
    lines = []
    for log in sorted(home.rglob("*.log")):
        for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
            if _LOG_ERROR.search(line):
                lines.append(f"{log.name}: {line}")
    return lines


def run(exe: Path, args: list[str], home: Path, **env: str) -> subprocess.CompletedProcess:
    full_env = dict(os.environ, CLOSEOUT_HOME=str(home), **env)
    full_env.pop("CLOSEOUT_EXIT_AFTER_SHOW", None)
    return subprocess.run(
        [str(exe), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=full_env,
        timeout=TIMEOUT,
        stdin=subprocess.DEVNULL,
    )


def smoke_run(smoke: Smoke, exe: Path, version: str) -> None:
    print(f"{exe}:", flush=True)
    with tempfile.TemporaryDirectory(prefix="closeout-smoke-") as tmp:
        home = Path(tmp) / "home"
        proc = run(exe, ["--version"], home)
        want = f"Closeout {version}"
        smoke.check(proc.returncode == 0, f"--version exited {proc.returncode}")
        smoke.check(proc.stdout.strip() == want, f"--version printed {proc.stdout.strip()!r}, expected {want!r}")
        for line in unexpected_lines(proc.stderr):
            smoke.check(False, f"--version error output: {line}")
        print(f"  --version: {proc.stdout.strip()!r}, exit {proc.returncode}", flush=True)

        proc = run(exe, ["self-test"], home, QT_QPA_PLATFORM="offscreen")
        smoke.check(proc.returncode == 0, f"self-test exited {proc.returncode}")
        smoke.check("self-test: ok" in proc.stdout.splitlines(), "self-test did not print 'self-test: ok'")
        for line in unexpected_lines(proc.stderr):
            smoke.check(False, f"self-test error output: {line}")
        for line in log_errors(home):
            smoke.check(False, f"self-test logged an error: {line}")
        if proc.returncode != 0 or smoke.problems:
            print("  self-test output:\n" + "\n".join(f"    | {line}" for line in proc.stdout.splitlines()))
            print("  self-test stderr:\n" + "\n".join(f"    | {line}" for line in proc.stderr.splitlines()))
        print(
            f"  self-test: exit {proc.returncode}, {proc.stdout.strip().splitlines()[-1:] or ['no output']}", flush=True
        )


def bundled_modules(exe: Path) -> set[str]:
    """Module names in the executable's embedded archive (PYZ), read with PyInstaller's own reader."""
    from PyInstaller.archive.readers import pkg_archive_contents

    return set(pkg_archive_contents(str(exe), recursive=True))


def files_in(root: Path) -> list[str]:
    """Every file and link in the bundle, as a path relative to its root, with forward slashes."""
    found = []
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            found.append((Path(folder) / name).relative_to(root).as_posix())
    return found


def smoke_contents(smoke: Smoke, exe: Path) -> None:
    root = bundle_root(exe)
    print(f"{root}: contents", flush=True)
    modules = bundled_modules(exe)
    for module in specinfo.KEYRING_BACKENDS:
        smoke.check(module in modules, f"keyring backend {module} is not in the bundle")
    native = {
        "linux": ("secretstorage", "jeepney", "cryptography"),  # the Secret Service backend
        "windows": ("win32ctypes.pywin32.win32cred",),  # the Windows Credential Manager backend
        "macos": ("keyring.backends.macOS.api",),  # the Keychain backend (ctypes)
    }.get(specinfo.os_tag(), ())
    for module in native:
        smoke.check(module in modules, f"{module} (for this OS's keyring backend) is not in the bundle")
    smoke.check("app.selftest" in modules and "app.ui.main_window" in modules, "the app's own modules are missing")

    files = files_in(root)
    smoke.check(
        any(re.search(r"(^|/)keyring-[^/]+\.dist-info/entry_points\.txt$", f) for f in files),
        "keyring's metadata (entry points: how it finds its backends) is not in the bundle",
    )

    def has(pattern: str) -> bool:
        rx = re.compile(pattern)
        return any(rx.search(f) for f in files)

    platform_plugin = {"linux": "qxcb", "windows": "qwindows", "macos": "qcocoa"}.get(specinfo.os_tag())
    plugins = ["platforms/(lib)?qoffscreen", "imageformats/(lib)?qsvg", "iconengines/(lib)?qsvgicon"]
    if platform_plugin:
        plugins.append(f"platforms/(lib)?{platform_plugin}")
    for plugin in plugins:
        smoke.check(has(rf"/plugins/{plugin}\.(so|dll|dylib)$"), f"Qt plugin {plugin} is not in the bundle")

    smoke.check(has(r"(^|/)resources/icons/closeout\.svg$"), "resources/icons/closeout.svg is not in the bundle")
    for qm in specinfo.expected_translations():
        smoke.check(
            has(rf"(^|/)resources/translations/{re.escape(qm)}$"),
            f"translation resources/translations/{qm} is not in the bundle",
        )

    qt_translations = [f for f in files if re.search(r"PySide6/(Qt/)?translations/[^/]+\.qm$", f)]
    extra = [f.rsplit("/", 1)[-1] for f in qt_translations if not specinfo.keep_qt_translation(f)]
    smoke.check(not extra, f"Qt translations of languages we do not ship: {', '.join(extra[:5])}")
    for binding in ("PyQt5", "PyQt6", "PySide2"):
        smoke.check(
            not any(f.split("/")[0] == binding or f"/{binding}/" in f for f in files)
            and not any(m == binding or m.startswith(binding + ".") for m in modules),
            f"a second Qt binding ({binding}) is in the bundle",
        )
    print(f"  {len(modules)} modules, {len(files)} files checked", flush=True)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    dist = Path(args[0]) if args else specinfo.ROOT / "dist"
    version = specinfo.app_info().version
    smoke = Smoke()
    exes = specinfo.executables(dist)
    for exe in exes:
        if not smoke.check(exe.is_file(), f"{exe} does not exist (build first: python packaging/build.py)"):
            continue
        smoke_run(smoke, exe, version)
    if exes[0].is_file():
        smoke_contents(smoke, exes[0])
    if smoke.problems:
        print(f"smoke test: FAILED, {len(smoke.problems)} of {smoke.checks} checks", flush=True)
        return 1
    print(f"smoke test: ok ({smoke.checks} checks)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
