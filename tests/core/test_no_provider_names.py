"""Core and the CLI ask a provider what it can do, never "is this SUNBAY?": outside app/core/providers no
module of app/core, nor app/cli.py, names a provider or imports a provider's module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from app.core import providers

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted((ROOT / "app" / "core").glob("*.py")) + [ROOT / "app" / "cli.py"]
NAMES = {"saferpay", "sunbay", "handpoint", *providers.PROVIDERS}


def _naming(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.lower() in NAMES:
            found.append(f"line {node.lineno}: the string {node.value!r}")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("app.core.providers"):
            module = node.module or ""
            found += [
                f"line {node.lineno}: imports {module}.{a.name}"
                for a in node.names
                if a.name in NAMES or module.rsplit(".", 1)[-1] in NAMES
            ]
        elif isinstance(node, ast.Import):
            found += [f"line {node.lineno}: imports {a.name}" for a in node.names if a.name.rsplit(".", 1)[-1] in NAMES]
        elif isinstance(node, ast.Attribute) and node.attr in NAMES:
            found.append(f"line {node.lineno}: .{node.attr}")
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_provider_is_named_outside_its_module(path):
    assert _naming(path) == []


def test_the_check_finds_a_name():
    sample = ROOT / "app" / "core" / "providers" / "__init__.py"  # the registry names them all: one line
    assert any("saferpay" in f for f in _naming(sample))
