"""Hostile input (issue 12): spreadsheets, terminal escapes, oversized answers, keyrings, file modes, names.

Provider-side faults are served by the real simulator behind a real loopback socket and go through
the real CLI; each test is cited in docs/reliability.md's "hostile input" table.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from pathlib import Path

import pytest

from app.core.days import business_day
from app.core.history import utcnow
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.csvfile import FORMULA_START, cell
from app.core.history import CloseFilter, History
from app.simulator import Fault
from app.simulator.faults import ESCAPE_TEXT, FORMULA_TEXT
from reliability_kit import add_to_simulator, cli_add_args, settings_for

SP_SECRET = "hostile-input-sp-pw"
SB_SECRET = "sk_test_hostile_input_77aa"
FAST = ["--retry-delay", "0.01", "--timeout", "10", "--max-attempts", "2"]
NUMBER = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?")
# What must never reach a terminal, a log line, a CSV or a PDF: C0 but newline, DEL, C1, bidi controls.
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def add(cli, sim, url, provider: str, n: int, name: str) -> str:
    key = add_to_simulator(sim, provider, n, password=SP_SECRET, api_key=SB_SECRET)
    secret = SP_SECRET if provider == "saferpay" else SB_SECRET
    done = cli(*cli_add_args(provider, name, settings_for(provider, key, url)), stdin=secret + "\n")
    assert done.code == 0, done.text
    return key


def assert_no_formula(rows: list[list[str]]) -> int:
    """Every cell is either a plain number or text that starts with none of = + - @ tab CR."""
    checked = 0
    for row in rows:
        for value in row:
            assert not CONTROL.search(value), value
            if not NUMBER.fullmatch(value):
                assert value.lstrip(" ")[:1] not in FORMULA_START, value
            checked += 1
    return checked


# -- 1. CSV ------------------------------------------------------------------------------------------


def test_the_csv_cell_neutralises_formulas_and_keeps_numbers():
    assert cell("=1+1") == "'=1+1"
    assert cell("+41 79 000 00 00") == "'+41 79 000 00 00"
    assert cell("@SUM(A1)") == "'@SUM(A1)"
    assert cell("-1+cmd|' /C calc'!A0") == "'-1+cmd|' /C calc'!A0"
    assert cell("\t=1") == "' =1"  # the tab becomes a space, and the formula behind it is still caught
    assert cell("  =1") == "'  =1"
    assert cell("-12.50") == "-12.50" and cell(-1250) == "-1250" and cell("-3") == "-3"
    assert cell("12,50") == "12,50" and cell(None) == "" and cell("Counter 1") == "Counter 1"
    assert cell("a\x1b[31mb\nc") == "ab c"


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.one_of(st.text(max_size=30), st.integers(), st.decimals(allow_nan=False, allow_infinity=False)))
def test_no_csv_cell_starts_a_formula(value):
    out = cell(value)
    if not NUMBER.fullmatch(out) and out.lstrip(" ")[:1] in FORMULA_START:
        raise AssertionError(f"{value!r} -> {out!r}")
    assert not CONTROL.search(out)


def test_formula_text_in_every_answer_field_is_text_in_every_csv(cli, sim_server, home, tmp_path):
    """Formula text in every field of a SUNBAY answer and a Saferpay error, terminal names that start
    formulas, a negative amount: `history --csv`, `report --csv` and the window's export all hold no
    live formula, the amounts stay numbers, and the raw answer is kept in the history for support."""
    from app.ui.history_view import export_csv

    sim, url = sim_server
    sb = add(cli, sim, url, "sunbay", 1, "=cmd|' /C calc'!A0")
    sp = add(cli, sim, url, "saferpay", 2, "@Counter")
    sb_refunds = add(cli, sim, url, "sunbay", 3, "+Refunds")
    sim.add_transactions(sb, 3)
    sim.add_transactions(sb_refunds, 2)
    with sim._lock:  # a day of refunds: a negative net the bookkeeper must be able to add up
        sim.state("sunbay").terminals[sb_refunds].open.totals.net = -1250
    sim.script(sb, [Fault.text_fields(FORMULA_TEXT)])
    sim.script(sp, [Fault.saferpay_error(402, FORMULA_TEXT, "DO_NOT_RETRY", FORMULA_TEXT, [FORMULA_TEXT, "+1"])])
    cli("close", "--all", "--yes", *FAST)

    history_csv = cli("history", "--csv")
    assert history_csv.code == 0
    rows = list(csv.reader(io.StringIO(history_csv.out)))
    assert len(rows) == 4 and assert_no_formula(rows)
    assert any(c.startswith("'=HYPERLINK") for r in rows for c in r), "the provider's text is kept, as text"

    report_path = tmp_path / "report.csv"
    assert cli("report", "--csv", str(report_path)).code == 0
    report_rows = list(csv.reader(io.StringIO(report_path.read_text("utf-8-sig"))))
    assert assert_no_formula(report_rows)
    header = report_rows[0]
    refunds = [dict(zip(header, r)) for r in report_rows[1:] if r[header.index("terminal")] == "'+Refunds"]
    assert refunds and refunds[0]["net"] == "-12.50", refunds  # a negative amount stays a number

    history = History(home.db_path, home.lock_dir)
    try:
        export_path = tmp_path / "export.csv"
        assert export_csv(history, CloseFilter(), export_path) == 3
        export_rows = list(csv.reader(io.StringIO(export_path.read_text("utf-8-sig"))))
        assert assert_no_formula(export_rows)
        raw = [row.data for row in history.closes() if row.data]
        assert any(FORMULA_TEXT in d.values() for d in raw), "the raw answer is kept for support"
    finally:
        history.close()


# -- 3. control characters ---------------------------------------------------------------------------


def test_escape_sequences_in_provider_text_reach_no_terminal_log_csv_or_pdf(cli, sim_server, home, tmp_path):
    """A refusal whose every text carries terminal escapes, a bell, a bidi override and a forged log line:
    the CLI's output, the log file, the CSV and the report's HTML (what becomes the PDF) are plain text;
    the raw text stays in the history."""
    from app.core import report as report_mod
    from app.core.settings import Settings

    sim, url = sim_server
    sp = add(cli, sim, url, "saferpay", 1, "Counter 1")
    sb = add(cli, sim, url, "sunbay", 2, "Bar")
    sim.script(sp, [Fault.escape_error()])
    sim.script(sb, [Fault.escape_error()])
    closed = cli("close", "--all", "--yes", *FAST)
    assert closed.code == 1, closed.text
    assert "All batches closed" in closed.out and "desrever" in closed.out  # the words are shown, as text
    listed = cli("history")
    as_csv = cli("history", "--csv")
    report_path = tmp_path / "report.csv"
    cli("report", "--csv", str(report_path))
    log_text = (home.log_dir / "closeout.log").read_text("utf-8")
    for where, text in (
        ("close", closed.text),
        ("history", listed.text),
        ("csv", as_csv.out),
        ("report csv", report_path.read_text("utf-8-sig")),
        ("log", log_text),
    ):
        found = CONTROL.search(text)
        assert found is None, f"{where}: {found.group()!r} in {text!r}"
        assert not re.search(r"(?m)^2026-01-01 00:00:00 INFO forged", text), f"{where}: a forged line"
    history = History(home.db_path, home.lock_dir)
    try:
        page = report_mod.render_html(report_mod.build_report(history, Settings(), business_day(utcnow())))
        assert "All batches closed" in page and not CONTROL.search(page.replace("\n", ""))
        rows = history.closes()
        assert {r.outcome for r in rows} == {"failed"}
        assert any(r.provider_message == ESCAPE_TEXT for r in rows), "the raw text is kept for support"
    finally:
        history.close()


def test_terminal_output_is_cleaned_whatever_the_source(cli, home):
    """A name stored before names were checked (an old database) still reaches the terminal as plain text."""
    import sqlite3

    from app.core.terminals import new_terminal
    from app.core.text import clean, clean_lines

    history = History(home.db_path, home.lock_dir)
    try:
        history.add_terminal(
            new_terminal("Old", "saferpay", settings_for("saferpay", "12345678", "http://127.0.0.1:9"))
        )
    finally:
        history.close()
    with sqlite3.connect(home.db_path) as db:
        db.execute("UPDATE terminals SET name = ?", ("\x1b[2J\x1b]0;title\x07Old\u202e\x07",))
    listed = cli("terminal", "list")
    assert "Old" in listed.out and not CONTROL.search(listed.text)

    assert clean("\x1b]8;;http://x.invalid\x07link\x1b]8;;\x07") == "link"
    assert clean("a\u202eb\u2066c\u2069\u200f") == "abc"
    assert clean("one\r\ntwo\u2028three\x85four") == "one two three four"
    assert clean("\x9b31mred\x9b0m") == "red"
    assert clean_lines("a\x1b[2Jb\nc\x07") == "ab\nc"
    assert clean("Zürich 東京 👩\u200d💻") == "Zürich 東京 👩\u200d💻"  # letters and emoji (with a joiner) stay


# -- 2. bounded answers -------------------------------------------------------------------------------


def test_oversized_endless_and_bomb_answers_are_lost_answers_never_a_crash(cli, sim_server, home):
    """Each fault on every attempt: the close is in doubt (it may have happened), exit 3, one real close;
    the same fault once and then a normal answer: closed, by re-sending the same close."""
    from app.core.providers.base import MAX_ANSWER_BYTES

    sim, url = sim_server
    faults = {"oversized": Fault.oversized, "endless": Fault.endless, "bomb": Fault.gzip_bomb}
    keys = {}
    for n, (label, fault) in enumerate(faults.items(), start=1):
        for provider, offset in (("saferpay", 0), ("sunbay", 10)):
            key = add(cli, sim, url, provider, n + offset, f"{label} {provider}")
            sim.script(key, [fault(), fault()])
            keys[key] = label
    run = cli("close", "--all", "--yes", "--json", *FAST)
    assert run.code == 3, run.text
    outcomes = json.loads(run.out)
    assert len(outcomes) == 6 and {o["outcome"] for o in outcomes} == {"in_doubt"}, outcomes
    assert all(f"larger than {MAX_ANSWER_BYTES >> 20} MiB" in o["message"] for o in outcomes), outcomes
    assert all(sim.close_count(key) == 1 for key in keys)
    for request in sim.requests:
        assert request.headers.get("accept-encoding") == "identity", request.headers

    for key in keys:  # the next answer is a normal one: resolve settles every close, still one close each
        assert sim.pending_faults(key) == 0
    settled = cli("resolve", "--yes", "--json", *FAST)
    assert settled.code == 0, settled.text
    assert {o["outcome"] for o in json.loads(settled.out)} == {"closed"}
    assert all(sim.close_count(key) == 1 for key in keys)


# -- 4. plain-text keyrings ---------------------------------------------------------------------------

PLAINTEXT_BACKEND = '''
"""Stands in for keyrings.alt's PlaintextKeyring: a file of secrets, found by keyring's plug-in discovery."""
import json, os
from pathlib import Path
import keyring.backend

class PlaintextKeyring(keyring.backend.KeyringBackend):
    priority = 0.5  # keyrings.alt's: chosen only when no OS store is there
    name = "plain text file (test stand-in)"

    def _file(self):
        return Path(os.environ["CLOSEOUT_TEST_PLAINTEXT_FILE"])

    def _load(self):
        return json.loads(self._file().read_text()) if self._file().exists() else {}

    def get_password(self, service, username):
        return self._load().get(f"{service}/{username}")

    def set_password(self, service, username, password):
        values = self._load()
        values[f"{service}/{username}"] = password
        self._file().write_text(json.dumps(values))

    def delete_password(self, service, username):
        values = self._load()
        values.pop(f"{service}/{username}", None)
        self._file().write_text(json.dumps(values))
'''


def plaintext_keyring_env(tmp_path: Path, home, *, dbus: bool = False) -> dict[str, str]:
    """A subprocess environment where keyring finds, by itself, only a plain-text file backend: the stand-in
    is installed as a keyring plug-in (a dist-info with a ``keyring.backends`` entry point), no Secret Service
    is reachable (no D-Bus session), and no keyring config file exists."""
    import os
    import sys

    from reliability_kit import ROOT

    site = tmp_path / "site"
    (site / "plaintext_standin").mkdir(parents=True)
    (site / "plaintext_standin" / "__init__.py").write_text(PLAINTEXT_BACKEND)
    info = site / "plaintext_standin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: plaintext-standin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[keyring.backends]\nplaintext = plaintext_standin\n")
    gone = ("PYTHON_KEYRING", "KEYRING") if dbus else ("DBUS_", "PYTHON_KEYRING", "KEYRING")
    env = {k: v for k, v in os.environ.items() if not k.startswith(gone)}
    env.update(
        {
            "CLOSEOUT_HOME": str(home.root),
            "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)]),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_DATA_HOME": str(tmp_path / "data"),
            "CLOSEOUT_TEST_PLAINTEXT_FILE": str(tmp_path / "plaintext.json"),
            "PYTHONUNBUFFERED": "1",
        }
    )
    check = subprocess.run(
        [sys.executable, "-c", "import keyring; print(type(keyring.get_keyring()).__module__)"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    expected = "keyring.backends.chainer" if dbus else "plaintext_standin"
    assert check.stdout.strip() == expected, check  # keyring really picks it by itself
    return env


def test_a_plaintext_keyring_that_keyring_chose_by_itself_is_refused(tmp_path, home, sim_server):
    """`closeout terminal add` and `closeout close` in real processes: keyring picks a plain-text backend by
    itself, Closeout refuses it with the "no credential store" message, exit 2, no file of secrets; named in
    PYTHON_KEYRING_BACKEND, the same backend is honoured."""
    import sys

    sim, url = sim_server
    env = plaintext_keyring_env(tmp_path, home)
    key = add_to_simulator(sim, "saferpay", 1, password=SP_SECRET, api_key=SB_SECRET)
    add_args = [sys.executable, "-m", "app", *cli_add_args("saferpay", "Counter", settings_for("saferpay", key, url))]
    refused = subprocess.run(add_args, env=env, input=SP_SECRET + "\n", capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2, refused
    assert "No OS credential store is available, and Closeout never stores keys in plain text." in refused.stderr
    assert "Traceback" not in refused.stderr + refused.stdout and SP_SECRET not in refused.stderr
    assert not (tmp_path / "plaintext.json").exists(), "a secret was written to the plain-text file"
    assert (
        "plain text file (test stand-in) is not an OS credential store" in (home.log_dir / "closeout.log").read_text()
    )

    chosen = {**env, "PYTHON_KEYRING_BACKEND": "plaintext_standin.PlaintextKeyring"}
    added = subprocess.run(add_args, env=chosen, input=SP_SECRET + "\n", capture_output=True, text=True, timeout=120)
    assert added.returncode == 0, added
    closed = subprocess.run(
        [sys.executable, "-m", "app", "close", "--all", "--yes"],
        env=chosen,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert closed.returncode == 0 and sim.close_count(key) == 1, closed

    again = subprocess.run(
        [sys.executable, "-m", "app", "close", "--all", "--yes", "--force"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert again.returncode == 2 and "No OS credential store" in again.stderr, again
    assert sim.close_count(key) == 1  # refused before anything was sent


def test_keyrings_chainer_uses_only_the_os_store_it_chains(memory_keyring):
    """keyring's chainer (an OS store plus a plain-text file) is narrowed to the OS store; fail and null are
    never usable; a backend set by the program, or named by the user, is used as it is."""
    import keyring.backend
    from keyring.backends import chainer, fail, null

    from app.core.secrets import usable_backend

    class OsStore(keyring.backend.KeyringBackend):
        priority = 5
        get_password = set_password = delete_password = None  # type: ignore[assignment]

    OsStore.__module__ = "keyring.backends.SecretService"

    class Plain(OsStore):
        priority = 0.5

    Plain.__module__ = "keyrings.alt.file"
    os_store, plain = OsStore(), Plain()

    class Chain(chainer.ChainerBackend):
        backends = [os_store, plain]

    assert usable_backend(Chain(), user_chose=False) is os_store
    Chain.backends = [plain]
    assert usable_backend(Chain(), user_chose=False) is None
    assert usable_backend(Chain(), user_chose=True) is not None
    for nothing in (fail.Keyring(), null.Keyring()):
        assert usable_backend(nothing, user_chose=False) is None and usable_backend(nothing, user_chose=True) is None
    assert (
        usable_backend(memory_keyring, user_chose=False) is memory_keyring
    )  # set with keyring.set_keyring, not found by keyring


@pytest.mark.secret_service
def test_with_a_secret_service_and_a_plaintext_plugin_secrets_go_only_to_the_secret_service(tmp_path, home):
    """keyring chains the Secret Service and the plain-text plug-in by itself; Closeout uses the Secret Service
    alone: the secret is there, the plain-text file is never written."""
    import json
    import os
    import sys

    from keyring.backends import SecretService

    from app.core.secrets import SERVICE

    try:
        backend = SecretService.Keyring()
        backend.get_password(SERVICE, "probe")
    except Exception as exc:  # noqa: BLE001
        if os.environ.get("CLOSEOUT_SECRET_SERVICE") == "1":
            pytest.fail(f"CI started a Secret Service but it is not usable: {exc!r}")
        pytest.skip(f"no Secret Service here ({type(exc).__name__}); .ci/run starts one")
    env = plaintext_keyring_env(tmp_path, home, dbus=True)
    args = cli_add_args("saferpay", "Counter", settings_for("saferpay", "12345678", "http://127.0.0.1:9"))
    added = subprocess.run(
        [sys.executable, "-m", "app", *args],
        env=env,
        input=SP_SECRET + "\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert added.returncode == 0, added
    listed = subprocess.run(
        [sys.executable, "-m", "app", "terminal", "list", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    [terminal] = json.loads(listed.stdout)
    try:
        assert backend.get_password(SERVICE, terminal["id"]) == SP_SECRET
        assert not (tmp_path / "plaintext.json").exists(), "the chainer wrote the secret to the plain-text file"
    finally:
        backend.delete_password(SERVICE, terminal["id"])


# -- 5. file modes --------------------------------------------------------------------------------------


def _modes(root: Path) -> dict[str, int]:
    import stat

    return {str(p.relative_to(root.parent)): stat.S_IMODE(p.lstat().st_mode) for p in [root, *root.rglob("*")]}


@pytest.mark.skipif(__import__("os").name != "posix", reason="POSIX modes; on Windows the per-user folder's ACL")
def test_everything_closeout_creates_is_for_its_owner_only_whatever_the_umask(tmp_path, sim_server, cross_keyring):
    """Real `closeout` processes under umask 000: the home, the history with its WAL and SHM, settings, logs,
    locks and a written report are 0700/0600. An existing home open to others is tightened, with a log line."""
    import os
    import sys

    from reliability_kit import subprocess_env

    sim, url = sim_server
    home = tmp_path / "home"
    env = subprocess_env(home, cross_keyring)
    key = add_to_simulator(sim, "sunbay", 1, password=SP_SECRET, api_key=SB_SECRET)
    runs = [
        (cli_add_args("sunbay", "Bar", settings_for("sunbay", key, url)), SB_SECRET + "\n"),
        (["close", "--all", "--yes"], ""),
        (["report", "--csv", str(tmp_path / "report.csv")], ""),
        (["history", "--csv"], ""),
    ]
    for args, stdin in runs:
        done = subprocess.run(
            [sys.executable, "-m", "app", *args],
            env=env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
            umask=0,
        )
        assert done.returncode == 0, done
    from app.core.home import Home
    from app.core.settings import Settings, save

    old = os.umask(0)
    try:
        save(Home(home).settings_path, Settings())  # what the settings dialog writes
    finally:
        os.umask(old)
    modes = _modes(home)
    for name in ("home/history.db", "home/settings.json", "home/logs/closeout.log"):
        assert name in modes, sorted(modes)
    assert any(name.startswith("home/locks/") for name in modes), sorted(modes)
    wide = {name: oct(mode) for name, mode in modes.items() if mode & 0o077}
    assert not wide, wide
    assert oct(modes["home"]) == "0o700" and oct(modes["home/history.db"]) == "0o600"
    assert oct(os.stat(tmp_path / "report.csv").st_mode & 0o777) == "0o600"

    # The WAL and SHM files exist while a history is open: they take the database file's mode.
    history = History(home / "history.db", home / "locks")
    try:
        history.closes()
        for suffix in ("-wal", "-shm"):
            assert oct(os.stat(home / f"history.db{suffix}").st_mode & 0o777) == "0o600"
    finally:
        history.close()

    # A home made wide open by hand (or by an older Closeout) is tightened at the next start, with a log line.
    for path in [home, *home.rglob("*")]:
        os.chmod(path, 0o777 if path.is_dir() else 0o666)
    listed = subprocess.run(
        [sys.executable, "-m", "app", "terminal", "list"], env=env, capture_output=True, text=True, timeout=120
    )
    assert listed.returncode == 0, listed
    wide = {name: oct(mode) for name, mode in _modes(home).items() if mode & 0o077}
    assert not wide, wide
    log_text = (home / "logs" / "closeout.log").read_text("utf-8")
    assert "Closeout's folder was open to other users; made it readable by its owner only" in log_text
    assert "Traceback" not in listed.stderr


# -- 6. URLs and names ----------------------------------------------------------------------------------


def test_base_url_credentials_are_refused_first_and_never_echoed_and_http_only_to_this_computer(cli, sim_server, home):
    """`closeout terminal add` against the simulator's real socket: an address holding a user name and password
    is refused without repeating them (not in the output, not in the log), whatever else is wrong with it;
    plain http passes only for literal loopback addresses and localhost itself."""
    sim, url = sim_server
    port = url.rsplit(":", 1)[1]
    key = add_to_simulator(sim, "sunbay", 1, password=SP_SECRET, api_key=SB_SECRET)
    base = settings_for("sunbay", key, url)
    secret_in_url = "hunter2-in-the-url"
    for address in (
        f"https://shop:{secret_in_url}@open.sunbay.example/api",
        f"ftp://shop:{secret_in_url}@example.com",  # a wrong scheme too: still no echo
        f"http://shop:{secret_in_url}@127.0.0.1:{port}/sunbay",
        f"https://shop:{secret_in_url}@exa mple.com/\x07",
        f"shop:{secret_in_url}@example.com/api",
    ):
        done = cli(*cli_add_args("sunbay", "Bar", {**base, "base_url": address}), stdin=SB_SECRET + "\n")
        assert done.code == 2, done.text
        assert "must not contain a user name or password" in done.err, done.err
        assert secret_in_url not in done.text
    assert secret_in_url not in (home.log_dir / "closeout.log").read_text("utf-8")

    for host in ("sim.localhost", "localhost.localdomain", "127.0.0.1.nip.io", "[::ffff:127.0.0.1]", "0.0.0.0"):
        done = cli(
            *cli_add_args("sunbay", "Bar", {**base, "base_url": f"http://{host}:{port}/sunbay"}), stdin=SB_SECRET + "\n"
        )
        assert done.code == 2 and "plain http:// is allowed only to this computer" in done.err, (host, done.text)
    for n, host in enumerate(("localhost", "127.0.0.1"), start=1):
        name = f"Bar {n}"
        key_n = add_to_simulator(sim, "sunbay", 10 + n, password=SP_SECRET, api_key=SB_SECRET)
        settings = {**settings_for("sunbay", key_n, url), "base_url": f"http://{host}:{port}/sunbay"}
        assert cli(*cli_add_args("sunbay", name, settings), stdin=SB_SECRET + "\n").code == 0
    closed = cli("close", "--all", "--yes", *FAST)
    assert closed.code == 0, closed.text


def test_terminal_names_are_nfc_visible_one_line_and_unique_under_case_folding(cli, sim_server, home):
    """Through `closeout terminal add`: a name is stored NFC; invisible, bidi and line-separator characters are
    refused; a name equal to another under Unicode case folding is refused; lookups fold case the same way."""
    sim, url = sim_server

    def add_named(n: int, name: str):
        key = add_to_simulator(sim, "sunbay", n, password=SP_SECRET, api_key=SB_SECRET)
        return cli(*cli_add_args("sunbay", name, settings_for("sunbay", key, url)), stdin=SB_SECRET + "\n")

    assert add_named(1, "Cafe\u0301").code == 0  # e + combining acute accent
    assert add_named(2, "Straße").code == 0
    for n, (name, words) in enumerate(
        [
            ("CAFÉ", "already exists"),
            ("Caf\u00e9", "already exists"),
            ("STRASSE", "already exists"),
            ("strasse", "already exists"),
            ("Till\u202e1", "text-direction"),
            ("Till\u200b1", "invisible"),
            ("Till\u20661\u2069", "text-direction"),
            ("Till\u20281", "line break"),
            ("Till\u00851", "line break"),
            ("\u3164", "invisible"),
        ],
        start=3,
    ):
        done = add_named(n, name)
        assert done.code == 2 and words in done.err, (name, done.text)
    names = [t["name"] for t in json.loads(cli("terminal", "list", "--json").out)]
    assert names == ["Caf\u00e9", "Straße"]  # stored in NFC
    closed = cli("close", "STRASSE", "CAFE\u0301", "--yes", "--json", *FAST)
    assert closed.code == 0, closed.text
    assert [o["name"] for o in json.loads(closed.out)] == ["Straße", "Caf\u00e9"]
