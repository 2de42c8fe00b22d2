"""Update the .ts sources from the code and compile them to .qm (Qt Linguist tools from PySide6).

    python resources/translations/build_translations.py          # update .ts, then compile .qm
    python resources/translations/build_translations.py compile  # compile only (what builds run)

Translators edit the .ts files with Qt Linguist (``pyside6-linguist``) or any text editor.

``pyside6-lupdate`` only sees ``self.tr("...")``, ``QCoreApplication.translate("Context", "...")`` and
``QT_TRANSLATE_NOOP("Context", "...")`` with literal arguments in the files it is given. Strings the app
translates at run time in other ways are collected here (see :func:`runtime_strings`) and handed to
lupdate as a temporary file of literal calls, so they land in the context the app asks for:

* ``QT_TRANSLATE_NOOP(_CONTEXT, "...")`` where the context is a module-level string constant;
* calls ``_tr("...")`` of a module-level helper that returns ``QCoreApplication.translate(CONTEXT, text)``
  (a bare ``tr("...")`` would otherwise land in an empty context that the app never asks for);
* the field labels, help texts and secret labels of ``app/core/providers/*.py``, which the dialogs
  translate in the ``app.core`` context.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
LANGUAGES = ("en", "de", "fr")
CORE_CONTEXT = "app.core"  # provider labels and help, see app/ui/dialogs/terminal_dialog.py
STUB = HERE / "_runtime_strings.py"  # temporary, deleted after lupdate


def sources() -> list[str]:
    """app/ui, plus modules elsewhere in app/ that mark strings for Qt Linguist (the closing report)."""
    found = set((ROOT / "app" / "ui").rglob("*.py"))
    found |= {p for p in (ROOT / "app").rglob("*.py") if "QT_TRANSLATE_NOOP(" in p.read_text(encoding="utf-8")}
    return sorted(str(p.relative_to(ROOT)) for p in found)


def _literal(node: ast.AST | None, consts: dict[str, str]) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return consts.get(node.id)
    return None


def _name(func: ast.AST) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return f"{_name(func.value)}.{func.attr}"
    return ""


def _strings_of(path: Path) -> list[tuple[str, str, int]]:
    """(context, text, line) of the strings lupdate misses in one module."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    consts = {
        t.id: n.value.value
        for n in tree.body
        if isinstance(n, ast.Assign) and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)
        for t in n.targets
        if isinstance(t, ast.Name)
    }
    scanned_by_lupdate = str(path.relative_to(ROOT)) in sources()
    # module-level helpers: def _tr(text): return QCoreApplication.translate(CONTEXT, text)
    helpers: dict[str, str] = {}
    for fn in tree.body:
        if isinstance(fn, ast.FunctionDef) and len(fn.args.args) == 1:
            param = fn.args.args[0].arg
            for call in ast.walk(fn):
                if (
                    isinstance(call, ast.Call)
                    and _name(call.func).endswith("translate")
                    and len(call.args) >= 2
                    and isinstance(call.args[1], ast.Name)
                    and call.args[1].id == param
                ):
                    context = _literal(call.args[0], consts)
                    if context:
                        helpers[fn.name] = context
    found = []
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call):
            continue
        name = _name(call.func)
        if name == "QT_TRANSLATE_NOOP" and len(call.args) == 2:
            literal_context = isinstance(call.args[0], ast.Constant)
            context, text = _literal(call.args[0], consts), _literal(call.args[1], {})
            if context and text and not (literal_context and scanned_by_lupdate):
                found.append((context, text, call.lineno))
        elif name in helpers and len(call.args) == 1:
            text = _literal(call.args[0], {})
            if text:
                found.append((helpers[name], text, call.lineno))
    if path.parent == ROOT / "app" / "core" / "providers":
        for node in tree.body:
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "SECRET_LABEL" for t in node.targets
            ):
                text = _literal(node.value, {})
                if text:
                    found.append((CORE_CONTEXT, text, node.lineno))
        for call in ast.walk(tree):
            if isinstance(call, ast.Call) and _name(call.func) == "Field":
                texts = [call.args[1] if len(call.args) > 1 else None]
                texts += [k.value for k in call.keywords if k.arg in ("label", "help")]
                for node in texts:
                    text = _literal(node, {})
                    if text:
                        found.append((CORE_CONTEXT, text, call.lineno))
    return found


def runtime_strings() -> list[tuple[str, str, str]]:
    """(context, text, "file:line") of strings translated at run time that lupdate cannot see."""
    out = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        for context, text, line in _strings_of(path):
            out.append((context, text, f"{path.relative_to(ROOT).as_posix()}:{line}"))
    return out


def write_stub() -> None:
    lines = [
        "# Generated by build_translations.py for pyside6-lupdate; deleted right after.",
        "from PySide6.QtCore import QCoreApplication",
        "",
    ]
    for context, text, where in runtime_strings():
        lines += [f"#: {where}", f"QCoreApplication.translate({context!r}, {text!r})"]
    STUB.write_text("\n".join(lines) + "\n", encoding="utf-8")


def drop_empty_context(ts: Path) -> None:
    """Bare tr() calls outside a class land in an unnamed context the app never asks for."""
    text = ts.read_text(encoding="utf-8")
    kept = re.sub(r"<context>\s*<name>\s*</name>.*?</context>\n?", "", text, flags=re.DOTALL)
    if kept != text:
        ET.fromstring(kept.split("\n", 2)[2])  # still well-formed (after the XML and DOCTYPE lines)
        ts.write_text(kept, encoding="utf-8")


def update() -> None:
    write_stub()
    try:
        for lang in LANGUAGES:
            ts = HERE / f"closeout_{lang}.ts"
            subprocess.run(
                [
                    "pyside6-lupdate",
                    *sources(),
                    str(STUB.relative_to(ROOT)),
                    "-no-obsolete",
                    "-source-language",
                    "en",
                    "-target-language",
                    lang,
                    "-ts",
                    str(ts.relative_to(ROOT)),
                ],
                check=True,
                cwd=ROOT,
            )
            drop_empty_context(ts)
    finally:
        STUB.unlink(missing_ok=True)


def compile_all() -> None:
    for lang in LANGUAGES:
        ts = HERE / f"closeout_{lang}.ts"
        subprocess.run(["pyside6-lrelease", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True, cwd=ROOT)


if __name__ == "__main__":
    if sys.argv[1:] != ["compile"]:
        update()
    compile_all()
