"""Helpers of the reliability suite: simulated shops, CLI runners, a keyring shared with subprocesses."""

from __future__ import annotations

import io
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import keyring
import keyring.errors

from app.core.history import History
from app.core.secrets import SERVICE
from app.core.terminals import new_terminal
from app.simulator import Simulator, providers

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

SP_CUSTOMER = "401234"
SP_USER = "API_401234_70000001"
SB_APP, SB_MERCHANT, SB_CHANNEL = "app_rel_1", "mch_rel_1", "TSYS"


HP_DEVICE, HP_BATCH = "PAXA920PRO", "0101"
PROVIDERS = ("saferpay", "sunbay", "handpoint")


def sp_key(n: int) -> str:
    return f"{70000000 + n:08d}"


def sb_key(n: int) -> str:
    return f"RSN{n:05d}"


def hp_key(n: int) -> str:
    return f"07400{n:05d}"


def add_to_simulator(
    sim: Simulator, provider: str, n: int, *, password: str, api_key: str, latency: float = 0.0
) -> str:
    """A terminal at the simulator; returns its key (Saferpay TerminalId / SUNBAY terminalSn / Handpoint serial).
    ``password`` is the Saferpay user's, ``api_key`` SUNBAY's or Handpoint's."""
    accounts = {
        "saferpay": lambda: dict(customer_id=SP_CUSTOMER, terminal_id=sp_key(n), username=SP_USER, password=password),
        "sunbay": lambda: dict(
            app_id=SB_APP, merchant_id=SB_MERCHANT, terminal_sn=sb_key(n), channel_code=SB_CHANNEL, api_key=api_key
        ),
        "handpoint": lambda: dict(
            device_type=HP_DEVICE, serial_number=hp_key(n), api_key=api_key, open_batch=HP_BATCH, transactions=3
        ),
    }
    return sim.add(provider, latency=latency, **accounts[provider]())


def settings_for(provider: str, key: str, root_url: str) -> dict[str, str]:
    """Closeout's settings for a simulator terminal at ``root_url`` (http://127.0.0.1:PORT)."""
    base = providers.base(provider, root_url)
    if provider == "saferpay":
        return {
            "customer_id": SP_CUSTOMER,
            "terminal_id": key,
            "username": SP_USER,
            "environment": "test",
            "base_url": base,
        }
    if provider == "handpoint":
        return {
            "device_type": HP_DEVICE,
            "serial_number": key,
            "environment": "test",
            "base_url": base,
            "batch_number": HP_BATCH,
            "currency": "USD",
        }
    return {
        "app_id": SB_APP,
        "merchant_id": SB_MERCHANT,
        "terminal_sn": key,
        "channel_code": SB_CHANNEL,
        "environment": "test",
        "base_url": base,
    }


SECRET_FLAGS = {"saferpay": "--password-stdin"}  # the others: --api-key-stdin


def cli_add_args(provider: str, name: str, settings: dict[str, str]) -> list[str]:
    """``closeout terminal add ...`` for these settings (one flag per provider field), the secret read from
    standard input. ``--no-check``: the suite counts the simulator's requests, so no credential query."""
    flags = [part for field, value in settings.items() for part in (f"--{field.replace('_', '-')}", value)]
    return ["terminal", "add", provider, name, *flags, SECRET_FLAGS.get(provider, "--api-key-stdin"), "--no-check"]


def add_terminals_directly(history: History, store: Any, items: list[tuple[str, str, dict[str, str], str]]) -> list:
    """(name, provider, settings, secret) into the history and the store, without the CLI (fast)."""
    terminals = []
    for name, provider, settings, secret in items:
        terminal = new_terminal(name, provider, settings)
        history.add_terminal(terminal)
        store.set(terminal.id, secret)
        terminals.append(terminal)
    return terminals


# -- the CLI in this process -----------------------------------------------------------------------


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


@dataclass
class InProcessCli:
    """``app.cli.main`` in this process: captures stdout/stderr of every call (kept for secret scans)."""

    capsys: Any
    monkeypatch: Any
    transcript: list[str] = field(default_factory=list)

    def __call__(self, *argv: str, stdin: str = "") -> CliResult:
        from app.cli import main

        self.monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(list(argv))
        out, err = self.capsys.readouterr()
        self.transcript += [out, err]
        assert "Traceback" not in err and "Traceback" not in out, err
        return CliResult(code, out, err)


# -- a credential store shared with subprocesses -----------------------------------------------------


@dataclass
class CrossProcessKeyring:
    """The store this test writes secrets to and ``closeout`` subprocesses read them from."""

    backend: Any
    env: dict[str, str]
    real: bool  # the real Secret Service
    written: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, path: Path) -> "CrossProcessKeyring":
        if os.environ.get("CLOSEOUT_SECRET_SERVICE") == "1":
            from keyring.backends import SecretService

            backend = SecretService.Keyring()
            backend.get_password(SERVICE, "probe")  # fail loudly: CI promised a Secret Service
            return cls(backend, {"PYTHON_KEYRING_BACKEND": "keyring.backends.SecretService.Keyring"}, True)
        import closeout_test_keyring as ctk

        env = {"PYTHON_KEYRING_BACKEND": ctk.BACKEND, ctk.FILE_VAR: str(path)}
        return cls(ctk.FileKeyring(path), env, False)

    def set(self, terminal_id: str, secret: str) -> None:
        self.backend.set_password(SERVICE, terminal_id, secret)
        self.written.append(terminal_id)

    def get(self, terminal_id: str) -> str | None:
        return self.backend.get_password(SERVICE, terminal_id)

    def delete(self, terminal_id: str) -> None:
        try:
            self.backend.delete_password(SERVICE, terminal_id)
        except keyring.errors.PasswordDeleteError:
            pass

    def cleanup(self) -> None:
        if self.real:
            for terminal_id in self.written:
                self.delete(terminal_id)


def subprocess_env(home: Path, store: CrossProcessKeyring, **extra: str) -> dict[str, str]:
    """The environment of a ``python -m app`` subprocess on ``home`` with ``store`` as its keyring."""
    env = dict(os.environ)
    env.pop("CLOSEOUT_TEST_KEYRING_LOCKED", None)
    env.update(store.env)
    env["CLOSEOUT_HOME"] = str(home)
    env["PYTHONPATH"] = os.pathsep.join([str(HERE), str(ROOT)])
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


def closeout(*args: str) -> list[str]:
    return [sys.executable, "-m", "app", *args]
