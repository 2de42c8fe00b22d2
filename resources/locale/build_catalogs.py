"""Update the core's gettext catalogs from the code and compile them (GNU gettext: xgettext, msgmerge, msgfmt).

    python resources/locale/build_catalogs.py            # extract, merge into each .po, compile .mo
    python resources/locale/build_catalogs.py compile    # compile only

Sources are the ``_()``, ``N_()`` and ``ngettext()`` calls of ``app/core`` and ``_t()`` of ``app/cli.py``
(see app/core/i18n.py).
Translators edit ``<lang>/LC_MESSAGES/closeout.po``; the compiled ``.mo`` files ship with the app.
On Debian/Ubuntu the tools are in the ``gettext`` package.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
LANGUAGES = ("de", "fr")
POT = HERE / "closeout.pot"


def sources() -> list[str]:
    """app/core, and the CLI (which marks its words ``_t()``)."""
    found = list((ROOT / "app" / "core").rglob("*.py")) + [ROOT / "app" / "cli.py"]
    return sorted(str(p.relative_to(ROOT)) for p in found)


def update() -> None:
    subprocess.run(
        [
            "xgettext",
            "--language=Python",
            "--from-code=UTF-8",
            "--keyword=_",
            "--keyword=N_",
            "--keyword=ngettext:1,2",
            "--keyword=_t",
            "--add-comments=TRANSLATORS",
            "--no-location",
            "--sort-output",
            "--package-name=Closeout",
            "-o",
            str(POT),
            *sources(),
        ],
        check=True,
        cwd=ROOT,
    )
    for lang in LANGUAGES:
        po = HERE / lang / "LC_MESSAGES" / "closeout.po"
        po.parent.mkdir(parents=True, exist_ok=True)
        if po.exists():
            subprocess.run(
                [
                    "msgmerge",
                    "--quiet",
                    "--update",
                    "--backup=none",
                    "--no-fuzzy-matching",
                    "--no-wrap",  # the .po files keep one line per message: small diffs for translators
                    "--no-location",
                    "--sort-output",
                    str(po),
                    str(POT),
                ],
                check=True,
            )
            # Messages gone from the code go from the catalog too (msgmerge keeps them as "#~" comments).
            subprocess.run(
                ["msgattrib", "--no-obsolete", "--no-wrap", "--sort-output", "-o", str(po), str(po)], check=True
            )
        else:
            subprocess.run(
                ["msginit", "--no-translator", f"--locale={lang}", "--input", str(POT), "--output", str(po)], check=True
            )


def compile_all() -> None:
    for lang in LANGUAGES:
        po = HERE / lang / "LC_MESSAGES" / "closeout.po"
        subprocess.run(["msgfmt", "--check", "-o", str(po.with_suffix(".mo")), str(po)], check=True)


if __name__ == "__main__":
    if sys.argv[1:] != ["compile"]:
        update()
    compile_all()
