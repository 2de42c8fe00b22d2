"""``closeout report``: a day closed through the real engine and simulator, written as PDF and CSV.

The PDF is checked by reading its text back (pypdf), as a bookkeeper's search would.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main
from app.core.days import business_day
from app.core import settings as settings_mod
from app.core.history import History
from app.core.settings import Settings
from app.core.terminals import new_terminal
from app.simulator import Fault

PASSWORD = "report-saferpay-pw-7"
KEY = "sk_test_report_4eC39HqLyjWDarjtT1zdp7dc"
FAST = ["--retry-delay", "0.01", "--timeout", "5"]
REPO = Path(__file__).resolve().parents[2]


def run(argv, capsys, monkeypatch, stdin=""):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(str(path)).pages).split())


def csv_dicts(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def closed_day(sim_server, home, capsys, monkeypatch):
    """Six terminals; five closed through the CLI (closed, failed, in doubt), one forgotten; a close
    on the day before. Returns (day, {name: outcome dict}, home)."""
    sim, url = sim_server
    settings_mod.save(home.settings_path, Settings(shop_name="Café Müller", shop_address="Hauptstrasse 1\n8001 Zürich"))

    def add_saferpay(name, tid):
        sim.add("saferpay", customer_id="401234", terminal_id=tid, username="API_401234_1", password=PASSWORD)
        code, _, err = run(
            [
                "terminal",
                "add",
                "saferpay",
                name,
                "--customer-id",
                "401234",
                "--terminal-id",
                tid,
                "--username",
                "API_401234_1",
                "--environment",
                "test",
                "--base-url",
                f"{url}/saferpay/api",
                "--password-stdin",
            ],
            capsys,
            monkeypatch,
            PASSWORD + "\n",
        )
        assert code == 0, err

    def add_sunbay(name, sn, currency, batch):
        sim.add(
            "sunbay",
            app_id="app_1",
            merchant_id="mch_1",
            terminal_sn=sn,
            channel_code="TSYS",
            api_key=KEY,
            open_batch=batch,
            currency=currency,
        )
        code, _, err = run(
            [
                "terminal",
                "add",
                "sunbay",
                name,
                "--app-id",
                "app_1",
                "--merchant-id",
                "mch_1",
                "--terminal-sn",
                sn,
                "--channel-code",
                "TSYS",
                "--environment",
                "live",
                "--base-url",
                f"{url}/sunbay",
                "--api-key-stdin",
            ],
            capsys,
            monkeypatch,
            KEY + "\n",
        )
        assert code == 0, err

    add_saferpay("Counter 1", "12345678")
    add_saferpay("Counter 2", "22345678")
    add_sunbay(
        "Bar",
        "T1000000001",
        "USD",
        {"transactionCount": 42, "netAmount": 123456, "tipAmount": 2000, "surchargeAmount": 300, "taxAmount": 9876},
    )
    add_sunbay("Terrace", "T1000000002", "EUR", {"transactionCount": 7, "netAmount": 45000, "taxAmount": 7185})
    add_sunbay("Back room", "T1000000003", "USD", 3)
    add_saferpay("Kiosk", "32345678")
    sim.script(
        "22345678",
        [
            Fault.saferpay_error(
                402, "ACTION_NOT_SUPPORTED", "DO_NOT_RETRY", "Automatic closure is switched on for this terminal"
            )
        ],
    )
    sim.script("T1000000003", [Fault.lost_after()] * 2)
    code, out, err = run(
        [
            "close",
            "Counter 1",
            "Counter 2",
            "Bar",
            "Terrace",
            "Back room",
            "--yes",
            "--json",
            "--max-attempts",
            "2",
            *FAST,
        ],
        capsys,
        monkeypatch,
    )
    assert code == 3, err  # one in doubt
    outcomes = {o["name"]: o for o in json.loads(out)}
    assert [outcomes[n]["outcome"] for n in ("Counter 1", "Counter 2", "Bar", "Terrace", "Back room")] == [
        "closed",
        "failed",
        "closed",
        "closed",
        "in_doubt",
    ]
    day = business_day(datetime.fromisoformat(outcomes["Bar"]["started_at"]))  # the report's day is a business day

    # A close the day before, with amounts: it must stay out of this day's report.
    history = History(home.db_path, home.lock_dir)
    try:
        bar = history.terminal_by_name("Bar")
        yesterday = datetime.combine(day - timedelta(days=1), datetime.min.time()).astimezone() + timedelta(hours=21)
        close_id = history.start_close(bar, "live", "req-yesterday", started_at=yesterday)
        history.record_attempt(close_id, 1)
        history.finish_close(
            close_id,
            "closed",
            message="Batch closed.",
            finished_at=yesterday,
            data={
                "batchNo": "999111",
                "priceCurrency": "USD",
                "transactionCount": 500,
                "netAmount": 7777777,
                "tipAmount": 0,
                "surchargeAmount": 0,
                "taxAmount": 0,
            },
        )
    finally:
        history.close()
    return day, outcomes, home


def test_report_pdf_and_csv_of_a_real_day(closed_day, capsys, monkeypatch, tmp_path, qapp):
    # qapp: the in-process command reuses the tests' QApplication rather than leaving a QGuiApplication
    # behind that later widget tests could not use.
    day, outcomes, _ = closed_day
    pdf, sheet = tmp_path / "out" / "report.pdf", tmp_path / "out" / "report.csv"
    pdf.parent.mkdir()
    code, out, err = run(
        ["report", "--date", day.isoformat(), "--pdf", str(pdf), "--csv", str(sheet)], capsys, monkeypatch
    )
    assert code == 0, err
    assert f"PDF written to {pdf}" in err and f"CSV written to {sheet}" in err
    assert "3 of 6 terminals closed · 1 failed · 1 in doubt · 1 not closed" in err
    assert out == ""

    text = pdf_text(pdf)
    batch_bar = outcomes["Bar"]["data"]["batchNo"]
    batch_terrace = outcomes["Terrace"]["data"]["batchNo"]
    for expected in (
        "Closing report",
        "Café Müller",
        "8001 Zürich",
        day.isoformat(),
        "Counter 1",
        "Counter 2",
        "Bar",
        "Terrace",
        "Back room",
        "Kiosk",
        "Closed",
        "Failed",
        "In doubt",
        "NOT CLOSED",
        batch_bar,
        batch_terrace,
        "USD 1 42 1,234.56 20.00 3.00 98.76",  # totals per currency
        "EUR 1 7 450.00 0.00 0.00 71.85",
        "Automatic closure is switched on",
        "Close it again after fixing that.",
        "may have gone through",
        "Close it now.",
        "Saferpay reports no batch number or amounts",
        outcomes["Bar"]["request_id"],
    ):
        assert expected in text, expected
    assert "999111" not in text and "77,777.77" not in text  # the day before

    rows = csv_dicts(sheet)
    by_name = {r["terminal"]: r for r in rows if r["row"] == "terminal"}
    assert {n: r["outcome"] for n, r in by_name.items()} == {
        "Counter 1": "closed",
        "Counter 2": "failed",
        "Bar": "closed",
        "Terrace": "closed",
        "Back room": "in_doubt",
        "Kiosk": "not_closed",
    }
    assert (by_name["Bar"]["batch_no"], by_name["Bar"]["net"], by_name["Bar"]["trace_id"]) == (
        batch_bar,
        "1234.56",
        outcomes["Bar"]["trace_id"],
    )
    assert by_name["Back room"]["attempts"] == "2"
    totals = {r["currency"]: r for r in rows if r["row"] == "total"}
    usd, eur = totals["USD"], totals["EUR"]
    assert (usd["net"], usd["transaction_count"], eur["tax"]) == ("1234.56", "42", "71.85")


def test_report_overwrites_atomically_and_defaults_to_today(closed_day, capsys, monkeypatch, tmp_path):
    day, _, _ = closed_day
    sheet = tmp_path / "report.csv"
    sheet.write_text("an older report")
    code, _, err = run(["report", "--csv", str(sheet)], capsys, monkeypatch)
    assert code == 0, err
    if business_day(datetime.now().astimezone()) == day:  # not when the test ran across the day's end
        assert f"Closing report for {day.isoformat()}" in err
        assert "Kiosk" in sheet.read_text(encoding="utf-8-sig")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temporary file left


@pytest.mark.parametrize(
    "argv, says",
    [
        (["report"], "--pdf FILE, --csv FILE, or both"),
        (["report", "--date", "2026-02-30", "--csv", "x.csv"], "is not a date like"),
        (["report", "--date", "yesterday", "--csv", "x.csv"], "is not a date like"),
        (["report", "--csv", "{tmp}/missing/x.csv"], "does not exist"),
        (["report", "--csv", "{tmp}"], "is a folder"),
        (["report", "--csv", "{tmp}/same", "--pdf", "{tmp}/same"], "the same file"),
    ],
)
def test_report_usage_errors_exit_2_and_write_nothing(home, capsys, monkeypatch, tmp_path, argv, says):
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    code, _, err = run([a.format(tmp=out) for a in argv], capsys, monkeypatch)
    assert code == 2
    assert says in err
    assert list(out.rglob("*")) == []


def _seed_one_close(home) -> date:
    history = History(home.db_path, home.lock_dir)
    try:
        till = new_terminal(
            "Front till", "sunbay", {"app_id": "a", "merchant_id": "m", "terminal_sn": "SN42", "channel_code": "TSYS"}
        )
        history.add_terminal(till)
        when = datetime(2026, 5, 4, 18, 30).astimezone()
        close_id = history.start_close(till, "live", "req-front", started_at=when)
        history.record_attempt(close_id, 1)
        history.finish_close(
            close_id,
            "closed",
            message="Batch closed.",
            finished_at=when,
            trace_id="trace-42",
            data={
                "batchNo": "004242",
                "priceCurrency": "CHF",
                "transactionCount": 12,
                "netAmount": 98765,
                "tipAmount": 0,
                "surchargeAmount": 0,
                "taxAmount": 0,
            },
        )
    finally:
        history.close()
    return when.date()


def _headless_env(home) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }  # nothing set up for Qt by the caller
    env["CLOSEOUT_HOME"] = str(home.root)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def test_report_runs_headless_as_a_process(home, tmp_path):
    day = _seed_one_close(home)
    pdf, sheet = tmp_path / "front.pdf", tmp_path / "front.csv"
    done = subprocess.run(
        [sys.executable, "-m", "app", "report", "--date", day.isoformat(), "--pdf", str(pdf), "--csv", str(sheet)],
        env=_headless_env(home),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert done.returncode == 0, done.stderr
    assert f"PDF written to {pdf}" in done.stderr and done.stdout == ""
    text = pdf_text(pdf)
    assert "Front till" in text and "004242" in text and "CHF 1 12 987.65" in text
    assert PdfReader(str(pdf)).pages[0].mediabox.width == pytest.approx(595, abs=2)  # A4 portrait
    assert csv_dicts(sheet)[0]["batch_no"] == "004242"


def test_report_csv_alone_never_imports_qt(home, tmp_path):
    day = _seed_one_close(home)
    sheet = tmp_path / "front.csv"
    script = (
        "import sys; from app.cli import main; code = main(['report', '--date', sys.argv[1], '--csv', "
        "sys.argv[2]]); qt = sorted(m for m in sys.modules if m.startswith('PySide6')); "
        "print(qt); sys.exit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, day.isoformat(), str(sheet)],
        env=_headless_env(home),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    assert csv_dicts(sheet)[0]["terminal"] == "Front till"


def test_report_pdf_says_its_summary_line_in_the_commands_language(home, tmp_path):
    """Under a German locale the line after "PDF geschrieben nach ..." is German too (it was English)."""
    day = _seed_one_close(home)
    pdf = tmp_path / "front.pdf"
    env = {k: v for k, v in _headless_env(home).items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    done = subprocess.run(
        [sys.executable, "-m", "app", "report", "--date", day.isoformat(), "--pdf", str(pdf)],
        env=dict(env, LANG="de_DE.UTF-8"),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert done.returncode == 0, done.stderr
    assert f"PDF geschrieben nach {pdf}" in done.stderr
    assert "1 von 1 Terminals abgeschlossen" in done.stderr and "terminals closed" not in done.stderr
