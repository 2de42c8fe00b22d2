"""What the reliability suite measured, collected while it runs and written into docs/reliability.md.

Every test adds its figures to :data:`REPORT` (the counts it asserted on, not hopes). At the end of
the session the figures are printed; with ``CLOSEOUT_WRITE_RELIABILITY=1`` the generated sections of
``docs/reliability.md`` (between ``<!-- BEGIN GENERATED name -->`` and ``<!-- END GENERATED name -->``)
are rewritten from them, so a normal CI run never dirties the tree.
"""

from __future__ import annotations

import os
import platform
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "reliability.md"
WRITE_VAR = "CLOSEOUT_WRITE_RELIABILITY"

# The order figures are shown in, with their wording.
FIGURES = (
    ("faults_tried", "fault runs (fault x provider x engine/CLI) over real sockets"),
    ("fault_cases", "distinct faults x provider in the matrix"),
    ("crash_rounds", "crash test: rounds (fresh home, simulator, 50 terminals each)"),
    ("crash_trials", "crash test: `closeout close --all` runs started"),
    ("crash_kills", "crash test: runs killed with SIGKILL while running (crashes survived)"),
    ("crash_closes", "crash test: real closes at the simulator, each found in the history"),
    ("crash_in_doubt", "crash test: closes found in doubt after a kill"),
    ("crash_unsent", "crash test: closes found stopped before sending (recorded failed, nothing sent)"),
    (
        "crash_resolved",
        "crash test: in-doubt closes settled by `closeout resolve --yes` "
        "(the others: re-sent first by the next `close`)",
    ),
    ("concurrent_runs", "concurrent instances: runs sharing one home"),
    ("concurrent_lock_skips", "concurrent instances: closes skipped because another Closeout held the terminal"),
    ("hostile_answers", "arbitrary answers served by the simulator through the whole engine"),
    ("cli_inputs", "arbitrary names, settings and secrets through `closeout terminal add`"),
    ("damaged_states", "damaged-state scenarios through the CLI"),
    ("hygiene_files", "files scanned for secrets (home, exports, logs)"),
    ("hygiene_bytes", "bytes scanned for secrets (files, stdout, stderr)"),
    ("hygiene_log_lines", "log lines checked for Authorization headers"),
    ("closes_lost", "closes lost (sent, or maybe sent, but missing from the history)"),
    ("double_closes", "double closes (a terminal closed more than once by one close)"),
    ("secrets_leaked", "secrets leaked (hits in files, output, logs)"),
)
ZERO_PROMISES = ("closes_lost", "double_closes", "secrets_leaked")


@dataclass
class FaultRow:
    case: str
    fault: str
    provider: str
    outcome: str
    attempts: int
    closes: int
    message: str
    cli_exit: int | None = None
    after_resolve: str = ""


@dataclass
class Report:
    figures: Counter = field(default_factory=Counter)
    faults: dict[tuple[str, str], FaultRow] = field(default_factory=dict)
    damaged: dict[str, tuple[str, str]] = field(default_factory=dict)  # scenario -> (result, message)
    started: float = field(default_factory=time.monotonic)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, name: str, value: int = 1) -> None:
        with self._lock:
            self.figures[name] += value

    def fault(self, row: FaultRow) -> None:
        with self._lock:
            known = self.faults.get((row.case, row.provider))
            if known is not None and row.cli_exit is None:
                row.cli_exit = known.cli_exit
            if known is not None and not row.after_resolve:
                row.after_resolve = known.after_resolve
            self.faults[(row.case, row.provider)] = row

    def fault_cli_exit(self, case: str, provider: str, code: int, after_resolve: str = "") -> None:
        with self._lock:
            row = self.faults.get((case, provider))
            if row is None:
                row = FaultRow(case, "", provider, "", 0, 0, "")
                self.faults[(case, provider)] = row
            row.cli_exit = code
            if after_resolve:
                row.after_resolve = after_resolve

    def damaged_state(self, scenario: str, result: str, message: str) -> None:
        with self._lock:
            self.damaged[scenario] = (result, message)

    # -- output -----------------------------------------------------------------------------------

    def summary_lines(self) -> list[str]:
        lines = []
        for key, words in FIGURES:
            if key in self.figures or key in ZERO_PROMISES:
                lines.append(f"{words}: {self.figures.get(key, 0)}")
        return lines

    def figures_markdown(self) -> str:
        when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        elapsed = time.monotonic() - self.started
        head = (
            f"Last run: {when}, Python {platform.python_version()} on {platform.system()} "
            f"({os.cpu_count()} cores), `python -m pytest tests/reliability` in {elapsed:.0f} s.\n\n"
        )
        rows = ["| figure | value |", "| --- | --- |"]
        for key, words in FIGURES:
            if key in self.figures or key in ZERO_PROMISES:
                value = self.figures.get(key, 0)
                shown = f"**{value}**" if key in ZERO_PROMISES else str(value)
                rows.append(f"| {words} | {shown} |")
        return head + "\n".join(rows) + "\n"

    def faults_markdown(self) -> str:
        rows = [
            "| fault | provider | outcome | attempts | real closes | CLI exit | then `resolve` | message (excerpt) |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for row in sorted(self.faults.values(), key=lambda r: (_case_order(r.case), r.provider)):
            rows.append(
                f"| {row.fault} | {row.provider} | {row.outcome.replace('_', ' ')} | {row.attempts} | "
                f"{row.closes} | {'' if row.cli_exit is None else row.cli_exit} | {row.after_resolve} | "
                f"{_cell(row.message, 110)} |"
            )
        return "\n".join(rows) + "\n"

    def damaged_markdown(self) -> str:
        rows = ["| damaged state | what Closeout does | message (excerpt) |", "| --- | --- | --- |"]
        for scenario, (result, message) in self.damaged.items():
            rows.append(f"| {scenario} | {result} | {_cell(message, 140)} |")
        return "\n".join(rows) + "\n"

    def write_doc(self, path: Path = DOC) -> list[str]:
        """Rewrite the generated sections that this run has data for. Returns their names."""
        text = path.read_text("utf-8")
        blocks = {"figures": self.figures_markdown()}
        if self.faults:
            blocks["fault-matrix"] = self.faults_markdown()
        if self.damaged:
            blocks["damaged-state"] = self.damaged_markdown()
        written = []
        for name, body in blocks.items():
            pattern = re.compile(
                rf"(<!-- BEGIN GENERATED {re.escape(name)} -->\n).*?(<!-- END GENERATED "
                rf"{re.escape(name)} -->)",
                re.S,
            )
            if pattern.search(text):
                text = pattern.sub(lambda m: m.group(1) + body + m.group(2), text)
                written.append(name)
        path.write_text(text, "utf-8")
        return written


CASE_ORDER: list[str] = []  # filled by the fault matrix, so the table follows its order


def _case_order(case: str) -> int:
    return CASE_ORDER.index(case) if case in CASE_ORDER else len(CASE_ORDER)


_TMP = re.compile(r"/\S*?/pytest-of-[^/]+/pytest-\d+/[^/\s]+")


def _cell(text: str, limit: int) -> str:
    text = _TMP.sub("$TMP", " ".join(str(text).split()))  # the test's temporary folder, not this machine's
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.replace("|", "\\|")


def should_write() -> bool:
    return os.environ.get(WRITE_VAR) == "1"


REPORT = Report()
