"""Every word of the German demo is German: the list, the confirmation, the summary, the in-doubt banner and
the closing report, after a real "Close all" through the window (tests/ui/german_demo_probe.py).

A text fails the test when it contains any English message Closeout itself phrases: a core gettext msgid
(resources/locale/closeout.pot) or a Qt Linguist source with a different German translation. The
provider's own words (kept verbatim beside ours, e.g. "Terminal is offline") are not Closeout's and pass.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _pattern(template: str) -> re.Pattern:
    text = template.replace("&", "")
    parts = re.split(r"\{[a-z_]+\}|%n", text)
    return re.compile(".+?".join(re.escape(p) for p in parts))


def english_messages() -> dict[str, re.Pattern]:
    found: dict[str, re.Pattern] = {}
    pot = (ROOT / "resources" / "locale" / "closeout.pot").read_text(encoding="utf-8")
    for block in re.findall(r'\nmsgid ((?:"(?:[^"\\]|\\.)*"\n?)+)', pot):
        msgid = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', block)).replace('\\"', '"')
        if len(msgid.split()) >= 2:
            found[msgid] = _pattern(msgid)
    root = ET.parse(ROOT / "resources" / "translations" / "closeout_de.ts").getroot()
    for message in root.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        forms = [f.text or "" for f in translation.findall("numerusform")] or [translation.text or ""]
        if len(source.split()) >= 2 and source not in forms and len(source) >= 12:
            found[source] = _pattern(source)
    return found


def test_the_german_demo_has_no_english_of_closeouts_own(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CLOSEOUT_HOME=str(tmp_path / "home"), PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "ui" / "german_demo_probe.py"), "de"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(shown) == {"confirm", "list", "summary", "banner", "report"}
    english = english_messages()
    assert len(english) > 300  # the catalogs were read
    problems = []
    for place, texts in shown.items():
        for text in texts:
            for source, pattern in english.items():
                if pattern.search(text):
                    problems.append(f"{place}: English {source!r} in {text[:160]!r}")
    assert not problems, "\n".join(problems[:20])
    report = shown["report"][0]
    assert "1.112,94" in report and "1,112.94" not in report  # German amounts (SUNBAY and Handpoint USD)
    assert any("Transaktionen, netto" in t for t in shown["list"])  # the open batch, in German
