"""Update the .ts sources from the code and compile them to .qm (Qt Linguist tools from PySide6).

    python resources/translations/build_translations.py          # update .ts, then compile .qm
    python resources/translations/build_translations.py compile  # compile only (what builds run)

Translators edit the .ts files with Qt Linguist (``pyside6-linguist``) or any text editor.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
LANGUAGES = ("en", "de", "fr")


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app" / "ui").rglob("*.py"))


def update() -> None:
    for lang in LANGUAGES:
        ts = HERE / f"closeout_{lang}.ts"
        subprocess.run(["pyside6-lupdate", *sources(), "-no-obsolete", "-source-language", "en",
                        "-target-language", lang, "-ts", str(ts.relative_to(ROOT))], check=True, cwd=ROOT)


def compile_all() -> None:
    for lang in LANGUAGES:
        ts = HERE / f"closeout_{lang}.ts"
        subprocess.run(["pyside6-lrelease", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True, cwd=ROOT)


if __name__ == "__main__":
    if sys.argv[1:] != ["compile"]:
        update()
    compile_all()
