"""A provider is one module and one line in the registry, Saferpay and SUNBAY included: a renamed copy of
either module, registered at run time, is added (flags from its fields, its secret flag, the credential
check), closed, edited and listed through the CLI, and a close in doubt is re-sent and checked with the
provider, with no other file of Closeout changed. (Its simulator is the original's, at its mount.)"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from cli_runner import run_cli as cli

from app.core import lookup, providers
from app.core.history import History
from app.core.http import make_client
from app.simulator import Fault

PROVIDERS_DIR = Path(__file__).resolve().parents[2] / "app" / "core" / "providers"
FAST = ["--retry-delay", "0.01", "--timeout", "5"]


@dataclass
class Copy:
    original: str
    name: str
    label: str
    secret: str
    key: str  # the terminal's key at the simulator (fault scripts)

    def setup(self, sim, url: str) -> list[str]:
        """Put the account into the simulator; the `terminal add` arguments for it."""
        if self.original == "saferpay":
            sim.add(
                "saferpay", customer_id="401234", terminal_id=self.key, username="API_401234_1", password=self.secret
            )
            return ["--customer-id", "401234", "--terminal-id", self.key, "--username", "API_401234_1",
                    "--environment", "test", "--base-url", f"{url}/saferpay/api"]  # fmt: skip
        sim.add(
            "sunbay",
            app_id="app_1",
            merchant_id="mch_2",
            terminal_sn=self.key,
            channel_code="TSYS",
            api_key=self.secret,
        )
        return ["--app-id", "app_1", "--merchant-id", "mch_2", "--terminal-sn", self.key, "--channel-code", "TSYS",
                "--base-url", f"{url}/sunbay"]  # fmt: skip


COPIES = [
    Copy("saferpay", "acme_sp", "Acme Card", "acme-sp-password-1", "17171717"),
    Copy("sunbay", "acme_sb", "Acme Nexus", "sk_test_acme_3f9a0c", "T7777"),
]


@pytest.fixture(params=COPIES, ids=lambda c: c.original)
def copy(request, monkeypatch):
    """app/core/providers/<original>.py, renamed: its NAME and LABEL changed, registered by the one line."""
    c: Copy = request.param
    original = providers.get(c.original)
    text = (
        (PROVIDERS_DIR / f"{c.original}.py")
        .read_text("utf-8")
        .replace(f'NAME = "{original.NAME}"', f'NAME = "{c.name}"')
        .replace(f'LABEL = "{original.LABEL}"', f'LABEL = "{c.label}"')
    )
    spec = importlib.util.spec_from_loader(f"closeout_test_{c.name}", loader=None)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # its dataclasses look their module up
    exec(compile(text, f"{c.name}.py", "exec"), module.__dict__)
    assert module.PROVIDER.NAME == c.name and module.PROVIDER.LABEL == c.label
    providers.register(module.PROVIDER)
    try:
        yield c, module.PROVIDER
    finally:
        providers.unregister(c.name)


def test_a_renamed_copy_is_added_closed_edited_and_checked_through_the_cli(copy, sim_server, home, capsys, monkeypatch):
    c, provider = copy
    sim, url = sim_server
    args = c.setup(sim, url)
    code, _, err = cli(
        capsys, monkeypatch, "terminal", "add", c.name, "Front", *args, provider.SECRET_FLAG, stdin=c.secret + "\n"
    )
    assert code == 0, err
    assert f"Added {c.label} terminal 'Front'" in err and f"Checking the credentials with {c.label}" in err
    assert sim.total_closes() == 0  # the check only read
    code, out, _ = cli(capsys, monkeypatch, "terminal", "list", "--json")
    [listed] = json.loads(out)
    assert listed["provider"] == c.name and c.secret not in out

    # A lost answer leaves the close in doubt; "Check with the provider" answers the copy's own way.
    sim.script(c.key, [Fault.lost_after()])
    code, out, err = cli(capsys, monkeypatch, "close", "--all", "--yes", "--json", "--max-attempts", "1", *FAST)
    [outcome] = json.loads(out)
    assert code == 3 and outcome["provider"] == c.name and outcome["outcome"] == "in_doubt", err
    history = History(home.db_path, home.lock_dir)
    try:
        [row] = history.in_doubt()
        terminal = history.terminal(row.terminal_id)
    finally:
        history.close()

    async def check():
        async with make_client() as client:
            return await lookup.check_close(client, terminal, c.secret, row, timeout=5)

    checked = asyncio.run(check())
    if c.original == "sunbay":  # asks its closed-batch list
        assert checked.verdict == "closed" and checked.explanation.startswith("Probably closed"), checked.explanation
    else:  # cannot be asked: where to look in the Backoffice
        assert checked.verdict == "unknown" and "Backoffice" in checked.explanation
    # Re-sent with the same id (LostClose.RESEND): the provider closed it once.
    code, out, err = cli(capsys, monkeypatch, "resolve", "--yes", "--json", *FAST)
    assert code == 0 and json.loads(out)[0]["outcome"] == "closed", err
    assert sim.close_count(c.key) == 1

    # Edit: a flag of the copy's fields and its own secret flag; another provider's secret flag is refused.
    code, _, err = cli(
        capsys, monkeypatch, "terminal", "edit", "Front", "--name", "Front 2", provider.SECRET_FLAG,
        stdin=c.secret + "\n",
    )  # fmt: skip
    assert code == 0 and "Saved 'Front 2'" in err, err
    other = next(p.SECRET_FLAG for p in providers.PROVIDERS.values() if p.SECRET_FLAG != provider.SECRET_FLAG)
    code, _, err = cli(capsys, monkeypatch, "terminal", "edit", "Front 2", other, stdin="x\n")
    assert code == 2 and f"{other} is not for {c.label} terminals" in err
