"""Handpoint end to end through the CLI: the simulator behind a real loopback socket, a real SQLite home.

Every close names a batch number chosen before it leaves; a lost answer is settled through
/batch/summary for that number or by re-sending that same number, never by a number-less close.
Where Handpoint's docs leave a behaviour unconfirmed, each documented possibility is played.
"""

from __future__ import annotations

import io
import json
import sqlite3
import sys

import pytest

from app.cli import main
from app.core.providers import handpoint
from app.core.providers.base import HttpAnswer
from app.simulator import Fault

import httpx

KEY = "hp_cloud_key_5b1e0c"
SERIAL = "0740013311"  # a leading zero that must survive
FAST = ["--retry-delay", "0.01", "--timeout", "5"]


def run(argv, capsys, monkeypatch, stdin=""):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def add(capsys, monkeypatch, url, *extra, name="Till"):
    return run(
        [
            "terminal",
            "add",
            "handpoint",
            name,
            "--device-type",
            "PAXA920PRO",
            "--serial-number",
            SERIAL,
            "--environment",
            "test",
            "--base-url",
            f"{url}/handpoint",
            "--currency",
            "USD",
            *extra,
            "--api-key-stdin",
        ],
        capsys,
        monkeypatch,
        KEY + "\n",
    )


def close(capsys, monkeypatch, *extra):
    code, out, err = run(["close", "Till", "--yes", "--json", *FAST, *extra], capsys, monkeypatch)
    return code, (json.loads(out)[0] if out.strip() else None), err


def closes_posted(sim) -> list[dict]:
    return [r.json for r in sim.requests if r.path.endswith("/batch/close")]


@pytest.fixture
def till(sim_server, home, capsys, monkeypatch):
    sim, url = sim_server
    sim.add("handpoint", "PAXA920PRO", SERIAL, KEY, open_batch="057", transactions=4)
    code, _, err = add(capsys, monkeypatch, url, "--batch-number", "057")
    assert code == 0, err
    return sim, url


def rows(home):
    db = sqlite3.connect(home.db_path)
    db.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in db.execute("SELECT * FROM closes ORDER BY id")]
    finally:
        db.close()


def test_add_checks_the_key_with_the_device_list_and_never_stores_the_ssk(
    sim_server, home, capsys, monkeypatch, memory_keyring
):
    sim, url = sim_server
    sim.add("handpoint", "PAXA920PRO", SERIAL, KEY)
    code, _, err = run(
        [
            "terminal",
            "add",
            "handpoint",
            "Till",
            "--device-type",
            "PAXA920PRO",
            "--serial-number",
            SERIAL,
            "--base-url",
            f"{url}/handpoint",
            "--environment",
            "test",
            "--api-key-stdin",
        ],
        capsys,
        monkeypatch,
        "wrong_key_1\n",
    )
    assert code == 2 and "did not accept" in err  # a wrong key is caught at once
    sim.state("handpoint").modes.devices_renamed = False  # an older server: only GET /initialize lists devices
    code, _, err = add(capsys, monkeypatch, url)
    assert code == 0, err
    [listed] = json.loads(run(["terminal", "list", "--json"], capsys, monkeypatch)[1])
    assert listed["settings"]["serial_number"] == SERIAL and listed["provider"] == "handpoint"
    assert "ssk" not in json.dumps(listed) and KEY not in json.dumps(listed)
    assert memory_keyring.values[("Closeout", listed["id"])] == KEY
    again = add(capsys, monkeypatch, url, name="Till 2")
    assert again[0] == 2 and "already set up as 'Till'" in again[2]


def test_a_numbered_close_records_its_batch_and_the_next_counts_on(till, capsys, monkeypatch, home, tmp_path):
    sim, url = till
    code, outcome, err = close(capsys, monkeypatch)
    assert code == 0 and outcome["outcome"] == "closed", err
    assert outcome["data"]["batchNumber"] == "057" and closes_posted(sim)[-1]["batchNumber"] == "057"
    assert sim.close_count(SERIAL) == 1
    [row] = rows(home)
    assert json.loads(row["request"])["settings"]["batch_number"] == "057"  # frozen before it left
    # The report has the batch's totals (Handpoint names no currency: the terminal's setting does).
    code, _, err = run(["report", "--csv", str(tmp_path / "day.csv")], capsys, monkeypatch)
    assert code == 0 and "057" in (tmp_path / "day.csv").read_text("utf-8-sig")
    # The same business day: skipped. Forced: the next number, 058, which is empty: nothing to close.
    assert close(capsys, monkeypatch)[1]["reason"] == "already_closed"
    code, outcome, _ = close(capsys, monkeypatch, "--force")
    assert code == 0 and outcome["outcome"] == "skipped" and outcome["reason"] == "nothing_to_close"
    assert closes_posted(sim)[-1]["batchNumber"] == "058"
    sim.add_transactions(SERIAL, 2)
    code, outcome, _ = close(capsys, monkeypatch, "--force")
    assert outcome["outcome"] == "closed" and outcome["data"]["batchNumber"] == "058"
    assert sim.close_count(SERIAL) == 2


def test_an_automatic_close_in_between_is_found_through_the_summary(till, capsys, monkeypatch):
    sim, url = till
    assert close(capsys, monkeypatch)[1]["outcome"] == "closed"  # 057
    sim.add_transactions(SERIAL, 1)
    # The terminal closed 058 by itself (the acquirer's automatic close): Closeout asks before it closes.
    state = sim.state("handpoint").terminals[SERIAL]
    state.closed["058"] = {"closedAt": "20261201230000000", "transactionCount": "1", "netAmount": "1250"}
    state.open_number, state.open_count = 59, 3
    code, outcome, _ = close(capsys, monkeypatch, "--force")
    assert outcome["outcome"] == "closed" and outcome["data"]["batchNumber"] == "059"
    assert [c["batchNumber"] for c in closes_posted(sim)] == ["057", "059"]  # never a close of 058


@pytest.mark.parametrize("where", ["code", "message", "409"])
def test_a_lost_answer_is_resent_with_the_same_number_and_already_closed_means_closed(till, capsys, monkeypatch, where):
    sim, url = till
    sim.state("handpoint").modes.already_closed_in = where  # unconfirmed: where BATCH_ALREADY_CLOSED is said
    sim.script(SERIAL, [Fault.lost_after()])  # it closes; the answer is lost
    code, outcome, err = close(capsys, monkeypatch)
    assert code == 0 and outcome["outcome"] == "closed" and outcome["attempts"] == 2, err
    assert [c["batchNumber"] for c in closes_posted(sim)] == ["057", "057"]
    assert sim.close_count(SERIAL) == 1


def test_a_close_in_doubt_is_settled_through_the_summary_without_sending_it_again(till, capsys, monkeypatch, home):
    sim, url = till
    sim.script(SERIAL, [Fault.lost_after()] * 3)
    code, outcome, _ = close(capsys, monkeypatch, "--max-attempts", "2")
    assert code == 3 and outcome["outcome"] == "in_doubt"
    posted = len(closes_posted(sim))
    code, out, err = run(["resolve", "--yes", "--json", *FAST], capsys, monkeypatch)
    assert code == 0, err
    assert json.loads(out)[0]["outcome"] == "closed" and "summary" in json.loads(out)[0]["message"]
    assert len(closes_posted(sim)) == posted  # settled by asking, not by closing again
    assert sim.close_count(SERIAL) == 1


def test_no_number_known_sends_nothing_and_an_unnumbered_close_is_explicit_and_never_retried(
    sim_server, home, capsys, monkeypatch
):
    sim, url = sim_server
    sim.add("handpoint", "PAXA920PRO", SERIAL, KEY, open_batch="12", transactions=2)
    assert add(capsys, monkeypatch, url)[0] == 0
    code, outcome, err = close(capsys, monkeypatch)
    assert code == 1 and outcome["outcome"] == "failed" and "--unnumbered" in outcome["message"]
    assert closes_posted(sim) == []
    assert run(["close", "--all", "--yes", "--unnumbered"], capsys, monkeypatch)[0] == 2  # names only
    code, outcome, _ = close(capsys, monkeypatch, "--unnumbered")
    assert outcome["outcome"] == "closed" and outcome["data"]["batchNumber"] == "12"
    assert "batchNumber" not in closes_posted(sim)[0]
    sim.add_transactions(SERIAL, 1)
    code, outcome, _ = close(capsys, monkeypatch, "--force")  # now the number is known: 13
    assert outcome["outcome"] == "closed" and closes_posted(sim)[-1]["batchNumber"] == "13"

    # A lost answer to a number-less close: in doubt at once, never sent again; only a person settles it.
    sim.add_transactions(SERIAL, 1)
    sim.script(SERIAL, [Fault.lost_after()])
    code, outcome, _ = close(capsys, monkeypatch, "--force", "--unnumbered")
    assert code == 3 and outcome["outcome"] == "in_doubt" and outcome["attempts"] == 1
    posted = len(closes_posted(sim))
    code, out, _ = run(["resolve", "--yes", "--json", *FAST], capsys, monkeypatch)
    assert code == 3 and "settle it by hand" in json.loads(out)[0]["message"]
    assert len(closes_posted(sim)) == posted


def test_a_server_that_needs_a_number_says_so(sim_server, home, capsys, monkeypatch):
    sim, url = sim_server
    sim.state("handpoint").modes.require_batch_number = True  # before REST API 2.28, and the simulated acquirer
    sim.add("handpoint", "PAXA920PRO", SERIAL, KEY, open_batch="5", transactions=1)
    assert add(capsys, monkeypatch, url)[0] == 0
    code, outcome, _ = close(capsys, monkeypatch, "--unnumbered")
    assert code == 1 and "needs a batch number" in outcome["message"] and sim.close_count(SERIAL) == 0


@pytest.mark.parametrize("amounts, net", [("minor", "5000"), ("major", "50.00")])
def test_amounts_in_either_unit_give_the_same_totals(amounts, net):
    # Unconfirmed: netAmount in minor units ("115133") or major units with a dot ("1151.33").
    totals = handpoint.PROVIDER.batch_totals(
        {"batchNumber": "7", "netAmount": net, "transactionCount": "4"}, {"currency": "USD"}
    )
    assert totals == {"batchNo": "7", "priceCurrency": "USD", "transactionCount": 4, "netAmount": 5000}


@pytest.mark.parametrize(
    "status, body, kind",
    [
        (200, {"httpStatus": 200, "batchNumber": "7", "issuerResponseCode": "00"}, "closed"),
        (200, {"httpStatus": "200", "batchNumber": "7", "batchStatus": "CLOSED"}, "closed"),
        (200, {"httpStatus": "200", "batchNumber": "7", "issuerResponseCode": "05"}, "lost"),
        (
            400,
            {
                "error": {
                    "statusCode": 400,
                    "name": "BadRequestError",
                    "message": "No transactions",
                    "code": "NO_TRANSACTIONS",
                }
            },
            "nothing_to_close",
        ),
        (400, {"error": {"statusCode": 400, "message": {"error": 1004, "message": "Device not found"}}}, "failed"),
        (
            403,
            {"error": {"statusCode": 403, "name": "ForbiddenError", "message": "No valid key found in header"}},
            "failed",
        ),
        (422, {"error": {"statusCode": 422, "code": "VALIDATION_FAILED", "details": []}}, "failed"),
        (502, None, "lost"),
        (503, {"error": {"statusCode": 503}}, "lost"),
    ],
)
def test_every_documented_answer_is_read(status, body, kind):
    raw = json.dumps(body).encode() if body is not None else b"<html>bad gateway</html>"
    answer = HttpAnswer(
        status, httpx.Headers({"content-type": "application/json" if body is not None else "text/html"}), raw
    )
    assert handpoint.parse_close(answer, asked="7").kind == kind


def _check_with_the_provider(home):
    """ "Check with the provider" for the terminal's close in doubt, as the window asks it (app/core/lookup)."""
    import asyncio

    from app.core import lookup
    from app.core.history import History
    from app.core.http import make_client

    history = History(home.db_path, home.lock_dir)
    try:
        [row] = history.in_doubt()
        terminal = history.terminal(row.terminal_id)

        async def ask():
            async with make_client() as client:
                return await lookup.check_close(client, terminal, KEY, row, timeout=5)

        return asyncio.run(ask())
    finally:
        history.close()


def test_check_with_the_provider_asks_the_summary_for_that_number(till, capsys, monkeypatch, home):
    sim, url = till
    sim.script(SERIAL, [Fault.lost_after()] * 3)
    code, outcome, _ = close(capsys, monkeypatch, "--max-attempts", "1")
    assert code == 3 and outcome["outcome"] == "in_doubt"
    posted = len(closes_posted(sim))
    result = _check_with_the_provider(home)
    assert result.verdict == "closed", result.explanation
    assert "summary shows batch 057 closed" in result.explanation and "mark this close as closed" in result.explanation
    assert len(closes_posted(sim)) == posted and sim.close_count(SERIAL) == 1  # asked, never closed again


def test_check_with_the_provider_says_an_open_batch_did_not_close(till, capsys, monkeypatch, home):
    sim, url = till
    sim.script(SERIAL, [Fault.drop_before()])
    code, outcome, _ = close(capsys, monkeypatch, "--max-attempts", "1")
    assert code == 3 and outcome["outcome"] == "in_doubt" and sim.close_count(SERIAL) == 0
    result = _check_with_the_provider(home)
    assert result.verdict == "not_found", result.explanation
    assert "057 still open" in result.explanation and "Retry safely" in result.explanation


def test_the_batch_of_a_close_is_read_by_its_provider_for_history_report_and_chain(till, capsys, monkeypatch, home):
    """History details, the report's batch columns and the chain's totals all read a close's batch through the
    provider (Capability.BATCH_TOTALS): Handpoint's answer names batchNumber and closedAt, not SUNBAY's keys."""
    from datetime import time

    from app.core import chain
    from app.core.history import ChainLink, History, OutboxItem
    from app.core.report import Batch

    sim, url = till
    code, outcome, err = close(capsys, monkeypatch)
    assert code == 0 and outcome["outcome"] == "closed", err
    history = History(home.db_path, home.lock_dir)
    try:
        [row] = history.closes()
    finally:
        history.close()
    batch = Batch.of(row)
    assert (batch.batch_no, batch.currency, batch.count) == ("057", "USD", 4)
    assert batch.batch_time and batch.batch_time == row.data["closedAt"]  # the history's "Batch time"
    assert Batch.from_data(row.data) is None  # read without its provider, Handpoint's answer has no batch
    link = ChainLink("postgresql://chain@127.0.0.1/closeout", "Bern", "pc-1", "Till PC", None)
    values = chain._close_values(link, OutboxItem("close", str(row.id), 1, row), time(4))
    [totals] = [v.obj for v in values if isinstance(getattr(v, "obj", None), dict)]  # the Jsonb column
    assert "057" in values and (totals["currency"], totals["count"]) == ("USD", 4)
