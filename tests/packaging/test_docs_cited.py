"""The code cites documents that ship with the repository: docs/providers/<name>.md, one page per provider,
never a file outside the repository (a path with "shared/" in it, or the old "api-notes" shorthand)."""

from __future__ import annotations

import re
from pathlib import Path

from app.core import providers

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "app").rglob("*.py"))
CITE = re.compile(r"docs/providers/([a-z0-9_]+)\.md`{0,2}\s*§(\d+)(?:-§(\d+))?")


def test_app_cites_no_document_outside_the_repository():
    outside = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in SOURCES
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if "shared/" in line or "api-notes" in line
    ]
    assert not outside, "cite docs/providers/<name>.md instead:\n" + "\n".join(outside)


def test_every_provider_has_its_page():
    for name in providers.PROVIDERS:
        assert (ROOT / "docs" / "providers" / f"{name}.md").is_file(), f"docs/providers/{name}.md is missing"


def test_every_cited_section_exists():
    cited = [(path, match) for path in SOURCES for match in CITE.finditer(path.read_text("utf-8"))]
    assert cited
    for path, match in cited:
        page = ROOT / "docs" / "providers" / f"{match[1]}.md"
        assert page.is_file(), f"{path.relative_to(ROOT)} cites {page.relative_to(ROOT)}, which does not exist"
        headings = set(re.findall(r"^## (\d+)\.", page.read_text("utf-8"), re.MULTILINE))
        for section in range(int(match[2]), int(match[3] or match[2]) + 1):
            assert str(section) in headings, f"{path.relative_to(ROOT)} cites {match[0]}: no section {section}"
