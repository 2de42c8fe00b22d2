"""No secret outside the credential store: a full session, then every byte it produced is scanned.

The session goes through the CLI (secrets on standard input), with logs at DEBUG (httpx, httpcore
and h11 included), closes that fail (HTTP 401 from the provider and from a proxy, refused keys,
lost answers, a close in doubt and its resolve), the history as JSON and CSV, the report export,
a removed terminal, and an uncaught exception through the window's crash hook. Then every file
under the home and the export folder, everything printed on stdout and stderr, and every log line
is searched for every secret (raw, and as the Basic credentials Saferpay's header carries).
"""

from __future__ import annotations

import argparse
import base64
import json
import logging
import re
import secrets as random_tokens
import sys
from pathlib import Path

import httpx
import pytest

from app.core import logs
from app.core.providers import sunbay
from app.simulator import Fault
from reliability_kit import add_to_simulator, cli_add_args, settings_for
from reliability_report import REPORT

TOKEN = random_tokens.token_hex(6)
SP_PW = f"hyg-sp-{TOKEN}"
SP_WRONG = f"hyg-wrong-{TOKEN}"
SB_KEY = f"sk_test_hyg_{TOKEN}"
SB_WRONG = f"sk_test_wrong_{TOKEN}"
SB_REJECTED = f"sk_test hyg rejected {TOKEN}"  # has spaces: refused by validation, must not be echoed
USER = "API_401234_70000001"
ALL_SECRETS = (SP_PW, SP_WRONG, SB_KEY, SB_WRONG, SB_REJECTED)
DEBUG_LOGGERS = ("httpx", "httpcore", "h11", "app")
FLAGS = ["--max-attempts", "3", "--retry-delay", "0.01", "--timeout", "5"]


def needles() -> dict[str, bytes]:
    """Every form a secret could leak in: raw, and Saferpay's Basic credentials (base64 of user:password)."""
    found = {}
    for secret in ALL_SECRETS:
        found[f"secret {secret[:10]}…"] = secret.encode()
    for pw in (SP_PW, SP_WRONG):
        found[f"Basic credentials of {pw[:10]}…"] = base64.b64encode(f"{USER}:{pw}".encode())
    found["a Bearer API key"] = b"Bearer sk_"
    return found


def debug_logging(monkeypatch) -> None:
    """The CLI's logs.setup at DEBUG, and the HTTP stack's loggers at DEBUG too (they print headers)."""
    original = logs.setup

    def setup(log_dir, *, level=logging.INFO, console=False):
        path = original(log_dir, level=logging.DEBUG, console=console)
        for name in DEBUG_LOGGERS:
            logging.getLogger(name).setLevel(logging.DEBUG)
        return path

    monkeypatch.setattr(logs, "setup", setup)


def log_header_dumps() -> None:
    """What a careless debug line would write: request headers in the shapes httpx, h11 and people use."""
    log = logging.getLogger("app.core.providers.debugging")
    basic = "Basic " + base64.b64encode(f"{USER}:{SP_PW}".encode()).decode()
    log.debug("request headers: %s", sunbay.auth_headers(SB_KEY))
    log.debug("raw headers: %r", [(b"Authorization", basic.encode()), (b"Accept", b"application/json")])
    log.debug("Authorization: Bearer %s", SB_KEY)
    log.debug("authorization=%s", basic)
    log.debug("request: %s", httpx.Request("POST", "https://x/api", headers={"Authorization": basic}).headers)
    log.debug("{'authorization': 'Bearer %s'}", SB_WRONG)
    try:
        raise httpx.LocalProtocolError(f"Illegal header value b'Bearer {SB_KEY}\\n'")
    except httpx.LocalProtocolError:
        log.exception("sending failed")


def report_command_exists() -> bool:
    from app.cli import build_parser

    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return "report" in sub.choices


def export_reports(cli, folder: Path) -> list[Path]:
    """The exports people send around: history CSV/JSON and, when it exists, the closing report PDF/CSV.

    TODO(PDF export): `closeout report --pdf` is being built; once it is in, this always writes the PDF
    (today it does when the command exists) and the scan below reads its text.
    """
    folder.mkdir(exist_ok=True)
    written = []
    for fmt in ("--csv", "--json"):
        done = cli("history", fmt)
        assert done.code == 0
        path = folder / f"history{fmt.replace('--', '.')}"
        path.write_text(done.out)
        written.append(path)
    if report_command_exists():
        done = cli("report", "--pdf", str(folder / "report.pdf"), "--csv", str(folder / "report.csv"))
        assert done.code == 0, done.text
        written += [folder / "report.pdf", folder / "report.csv"]
    return written


def pdf_text(path: Path) -> bytes:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages).encode()


def scan(places: dict[str, bytes]) -> list[str]:
    hits = []
    for where, data in places.items():
        for what, needle in needles().items():
            if needle in data:
                hits.append(f"{what} in {where}")
    return hits


def files_under(*folders: Path) -> dict[str, bytes]:
    found = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                found[str(path)] = path.read_bytes()
                if path.suffix == ".pdf":
                    found[f"{path} (text)"] = pdf_text(path)
    return found


def check_log_lines(text: str) -> int:
    lines = [ln for ln in text.splitlines() if re.search(r"(?i)authorization", ln)]
    for line in lines:
        assert "[redacted]" in line or "[secure]" in line, f"an Authorization header in the log: {line}"
        assert "Bearer sk_" not in line, line
        assert not re.search(r"(?i)basic\s+[A-Za-z0-9+/]{8,}={0,2}", line), line
    return len(lines)


@pytest.fixture
def session(qapp, sim_server, cli, home, monkeypatch, memory_keyring, tmp_path):
    # qapp first: the in-process `report --pdf` must reuse the tests' QApplication, not leave a QGuiApplication
    # behind (widgets created later in this process would abort).
    sim, url = sim_server
    debug_logging(monkeypatch)
    plan = [  # name, provider, number, secret given to Closeout, faults
        ("Counter", "saferpay", 1, SP_PW, [Fault.lost_after()] * 3),  # in doubt, then resolved
        ("Webshop", "saferpay", 2, SP_WRONG, []),  # Saferpay's own 401 AUTHENTICATION_FAILED
        ("Bar", "sunbay", 3, SB_KEY, [Fault.lost_after(), Fault.http(503)]),  # retried, then closed
        ("Terrace", "sunbay", 4, SB_KEY, [Fault.http(401)]),  # a proxy's bare 401
        ("Kiosk", "sunbay", 5, SB_WRONG, []),  # SUNBAY's own 401 envelope
    ]
    for name, provider, n, secret, faults in plan:
        key = add_to_simulator(sim, provider, n, password=SP_PW, api_key=SB_KEY)
        assert cli(*cli_add_args(provider, name, settings_for(provider, key, url)), stdin=secret + "\n").code == 0
        if faults:
            sim.script(key, faults)
    rejected = cli(
        *cli_add_args("sunbay", "Rejected", settings_for("sunbay", "RSN09999", url)), stdin=SB_REJECTED + "\n"
    )
    assert rejected.code == 2 and "Nothing was stored" in rejected.err

    assert cli("terminal", "list").code == 0
    assert cli("terminal", "list", "--json").code == 0
    first = cli("close", "--all", "--yes", *FLAGS)
    assert first.code == 3, first.text  # failures and one close in doubt
    assert "AUTHENTICATION_FAILED" in first.out and "did not accept the API key" in first.out
    assert cli("resolve", "--yes", "--json", *FLAGS).code == 0
    again = cli("close", "--all", "--yes", "--json", "--force", *FLAGS)
    assert again.code == 1, again.text
    exports = export_reports(cli, tmp_path / "exports")
    assert cli("history").code == 0
    assert cli("terminal", "remove", "Kiosk", "--yes").code == 0
    assert ("Closeout", json.loads(cli("terminal", "list", "--json").out)[0]["id"]) in memory_keyring.values
    log_header_dumps()
    return sim, exports


def crash_through_the_window_hook(qapp, log_path: Path) -> str:
    """An uncaught exception carrying a secret goes through the window's excepthook (offscreen)."""
    from app.ui.bootstrap import install_excepthook

    previous = sys.excepthook
    install_excepthook(str(log_path))
    hook = sys.excepthook
    try:
        try:
            raise httpx.LocalProtocolError(f"Illegal header value b'Bearer {SB_KEY}\\n'")
        except httpx.LocalProtocolError:
            hook(*sys.exc_info())
        [box] = hook.boxes
        shown = box.text() + "\n" + box.informativeText()
        box.close()
        return shown
    finally:
        sys.excepthook = previous


def test_a_full_session_leaks_no_secret(session, cli, home, tmp_path, qapp):
    sim, exports = session
    log_path = home.log_dir / logs.LOG_NAME
    crash_through_the_window_hook(qapp, log_path)
    for handler in logging.getLogger().handlers:
        handler.flush()

    log_text = "".join(p.read_text("utf-8", "replace") for p in sorted(home.log_dir.glob(f"{logs.LOG_NAME}*")))
    assert "DEBUG" in log_text and "uncaught exception" in log_text  # the session really logged at DEBUG
    assert "[redacted]" in log_text  # the header dumps were there, and redacted
    checked = check_log_lines(log_text)

    places = files_under(home.root, tmp_path / "exports")
    assert any(p.endswith("history.db") for p in places) and any("closeout.log" in p for p in places)
    output = {f"CLI output #{i}": text.encode() for i, text in enumerate(cli.transcript)}
    hits = scan({**places, **output})
    REPORT.add("hygiene_files", len([p for p in places if not p.endswith("(text)")]))
    REPORT.add("hygiene_bytes", sum(len(v) for v in {**places, **output}.values()))
    REPORT.add("hygiene_log_lines", len(log_text.splitlines()))
    REPORT.add("secrets_leaked", len(hits))
    assert hits == [], hits
    assert checked >= 5  # lines mentioning Authorization were checked, not just absent


def test_the_crash_dialog_shows_no_secret(home, qapp, memory_keyring):
    """The crash dialog is screenshotted for support: it is redacted like the log (it was not, at first)."""
    from app.core.secrets import KeyringStore

    KeyringStore().set("some-terminal", SB_KEY)  # the app has read (and remembers) this secret
    shown = crash_through_the_window_hook(qapp, home.log_dir / logs.LOG_NAME)
    assert scan({"the crash dialog": shown.encode()}) == []


def test_pdf_export_holds_no_secret(session, tmp_path):
    """The hook for the closing report export (PDF and CSV): scan whatever exports exist, text included.

    TODO(PDF export): when `closeout report --pdf` is in, `export_reports` writes the PDF every time; until
    then this scans the history exports and whatever the report command wrote. Not skipped either way.
    """
    sim, exports = session
    assert exports, "no export was written"
    places = files_under(tmp_path / "exports")
    if report_command_exists():
        pdf = tmp_path / "exports" / "report.pdf"
        assert pdf.read_bytes().startswith(b"%PDF")
        assert b"Counter" in places[f"{pdf} (text)"]  # the scan reads the PDF's text, not compressed bytes
    assert scan(places) == []
