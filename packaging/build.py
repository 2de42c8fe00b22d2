"""Build, archive and smoke-test the Closeout bundle, the same way on Windows, macOS and Linux.

    python -m pip install -e ".[build]"
    python packaging/build.py

1. PyInstaller with packaging/closeout.spec  -> dist/closeout/ (and dist/Closeout.app on macOS)
2. Code signing, only when configured (see "Signing" below)
3. The archive users download           -> dist/closeout-<version>-<os>-<arch>.tar.gz (.zip on Windows)
4. The smoke test (packaging/smoke.py)   -> fails the build on any problem
5. The figures (benches/bundle.py)       -> onedir size, archive size, start to window shown

Signing (nothing is signed unless these are set):
- Windows: CLOSEOUT_SIGNTOOL_ARGS, e.g. "/fd sha256 /td sha256 /tr <timestamp URL> /sha1 <cert thumbprint>":
  closeout.exe and closeout-cli.exe are signed with ``signtool sign`` right after PyInstaller
  (CLOSEOUT_SIGNTOOL: the signtool.exe to use, default: the one on PATH).
- macOS: CLOSEOUT_CODESIGN_IDENTITY ("Developer ID Application: ...") makes PyInstaller sign every binary
  and the .app with the hardened runtime (packaging/entitlements.plist); CLOSEOUT_NOTARY_PROFILE (a
  ``xcrun notarytool store-credentials`` profile) then notarizes and staples the .app before archiving.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "benches"))
import specinfo  # noqa: E402

DIST = ROOT / "dist"
WORK = ROOT / "build"
SPEC = HERE / "closeout.spec"


def step(text: str) -> None:
    print(f"\n== {text}", flush=True)


def run(cmd: list[str], **kwargs) -> None:
    print("$ " + " ".join(shlex.quote(str(c)) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, **kwargs)


def check_tools() -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        sys.exit('build.py: PyInstaller is missing; install the build tools: python -m pip install -e ".[build]"')
    icons = ("closeout.ico", "closeout.icns", "closeout-256.png")
    missing = [name for name in icons if not (ROOT / "resources" / name).is_file()]
    if missing:
        step(f"App icons missing ({', '.join(missing)}): rendering them from resources/icons/closeout.svg")
        run([sys.executable, HERE / "make_icons.py"])


def app_bundle(info: specinfo.AppInfo) -> Path:
    return DIST / f"{info.display_name}.app"


def clean(info: specinfo.AppInfo) -> None:
    for path in (DIST / specinfo.EXE_NAME, app_bundle(info), WORK / SPEC.stem):
        if path.is_dir():
            shutil.rmtree(path)
    for old in DIST.glob(f"{info.dist_name}-*-{specinfo.os_tag()}-*"):
        old.unlink()


def pyinstaller(verbose: bool) -> None:
    env = dict(os.environ)
    if specinfo.os_tag() == "macos" and env.get("CLOSEOUT_CODESIGN_IDENTITY"):
        env.setdefault("CLOSEOUT_ENTITLEMENTS", str(HERE / "entitlements.plist"))
    run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--distpath",
            DIST,
            "--workpath",
            WORK,
            "--log-level",
            "INFO" if verbose else "WARN",
            SPEC,
        ],
        cwd=ROOT,
        env=env,
    )


def sign_windows() -> None:
    args = os.environ.get("CLOSEOUT_SIGNTOOL_ARGS")
    if specinfo.os_tag() != "windows" or not args:
        return
    step("Signing the executables (signtool)")
    signtool = os.environ.get("CLOSEOUT_SIGNTOOL", "signtool")
    exes = [DIST / specinfo.EXE_NAME / f"{name}.exe" for name in (specinfo.EXE_NAME, specinfo.CLI_EXE_NAME)]
    run([signtool, "sign", *shlex.split(args, posix=False), *exes])
    run([signtool, "verify", "/pa", *exes])


def notarize_macos(info: specinfo.AppInfo) -> None:
    profile = os.environ.get("CLOSEOUT_NOTARY_PROFILE")
    if specinfo.os_tag() != "macos" or not profile:
        return
    if not os.environ.get("CLOSEOUT_CODESIGN_IDENTITY"):
        sys.exit("build.py: CLOSEOUT_NOTARY_PROFILE needs CLOSEOUT_CODESIGN_IDENTITY (a Developer ID) as well")
    step("Notarizing the app (notarytool) and stapling the ticket")
    app = app_bundle(info)
    upload = WORK / f"{info.display_name}-notarize.zip"
    run(["ditto", "-c", "-k", "--keepParent", app, upload])
    run(["xcrun", "notarytool", "submit", upload, "--keychain-profile", profile, "--wait"])
    run(["xcrun", "stapler", "staple", app])


def _tar_filter(member: tarfile.TarInfo) -> tarfile.TarInfo:
    # Nothing about the build machine's users in the archive.
    member.uid = member.gid = 0
    member.uname = member.gname = ""
    return member


def make_archive(info: specinfo.AppInfo) -> Path:
    """dist/closeout-<version>-<os>-<arch>.tar.gz (.zip on Windows) holding closeout/ (Closeout.app on macOS)."""
    source = app_bundle(info) if specinfo.os_tag() == "macos" else DIST / specinfo.EXE_NAME
    archive = DIST / (specinfo.archive_base(info) + specinfo.archive_suffix())
    if archive.suffix == ".zip":
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            for path in sorted(source.rglob("*")):
                zf.write(path, path.relative_to(source.parent).as_posix())
    else:
        with tarfile.open(archive, "w:gz", compresslevel=9) as tf:
            tf.add(source, arcname=source.name, filter=_tar_filter)  # keeps symlinks as symlinks
    return archive


def github_outputs(info: specinfo.AppInfo, archive: Path) -> None:
    """In GitHub Actions: the archive's path and name for the upload step."""
    out = os.environ.get("GITHUB_OUTPUT")
    if out:
        with open(out, "a", encoding="utf-8") as fh:
            fh.write(f"archive={archive}\nname={specinfo.archive_base(info)}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build, archive and smoke-test the Closeout bundle.")
    parser.add_argument("--verbose", action="store_true", help="show PyInstaller's full log")
    parser.add_argument("--no-bench", action="store_true", help="skip the size and start-time figures")
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    started = time.perf_counter()
    info = specinfo.app_info()
    print(
        f"Building {info.display_name} {info.version} for {specinfo.os_tag()}-{specinfo.arch_tag()} "
        f"with Python {sys.version.split()[0]}",
        flush=True,
    )
    check_tools()
    clean(info)

    step("PyInstaller")
    try:
        pyinstaller(args.verbose)
    except subprocess.CalledProcessError as exc:
        print(f"build.py: PyInstaller failed (exit {exc.returncode})", file=sys.stderr)
        return 1
    sign_windows()
    notarize_macos(info)

    step("Archive")
    archive = make_archive(info)
    print(f"{archive.relative_to(ROOT)}", flush=True)
    github_outputs(info, archive)

    step("Smoke test")
    import smoke

    if smoke.main([str(DIST)]) != 0:
        print("build.py: the smoke test failed; the bundle must not ship", file=sys.stderr)
        return 1

    if not args.no_bench:
        step("Figures")
        import bundle

        missed = bundle.report(bundle.measure(DIST), DIST)
        if missed:
            print(f"warning: over target: {', '.join(missed)}", flush=True)
    print(f"\nbuild.py: done in {time.perf_counter() - started:.0f} s: {archive.relative_to(ROOT)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
