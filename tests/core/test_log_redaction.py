"""Log redaction with many secrets (a shop with 1,000 terminals): every secret in a line goes, whichever way
the line is searched (by the four characters at each position for a line, per secret for a long text)."""

from __future__ import annotations

import secrets as random_tokens

from app.core import logs


def _by_search(text: str) -> str:
    """What redaction must give: each remembered secret searched for, longest first."""
    for value in sorted(logs._secrets, key=len, reverse=True):
        if value in text:
            text = text.replace(value, logs.REDACTED)
    return text


def test_every_secret_of_a_thousand_is_redacted_from_a_line_and_from_a_long_text():
    known = [random_tokens.token_urlsafe(n) for n in (18, 24, 30) for _ in range(330)]
    known += ["same" + random_tokens.token_urlsafe(n) for n in (6, 12, 18) for _ in range(10)]  # one prefix
    for value in known:
        logs.remember_secret(value)
    picked = known[::97] + known[-30::7]
    line = "close saferpay attempt 1: " + " ".join(f"<{value}>" for value in picked) + " done"
    long_text = line + " " + "x" * (10 * len(logs._secrets))  # past the length searched per position

    for text in (line, long_text):
        redacted = logs.redact(text)
        assert redacted == _by_search(text)
        assert not any(value in redacted for value in picked)
        assert redacted.count(logs.REDACTED) == len(picked)


def test_a_secret_inside_a_longer_one_goes_with_it_and_short_values_are_not_secrets():
    outer = "pw-" + random_tokens.token_hex(8) + "-inner-" + random_tokens.token_hex(4)
    inner = outer[3:19]
    logs.remember_secret(inner)
    logs.remember_secret(outer)
    logs.remember_secret("abc")  # under four characters: too short to be told from ordinary words

    assert logs.redact(f"a {outer} b {inner} c abc") == f"a {logs.REDACTED} b {logs.REDACTED} c abc"
    cut = f"{inner[:-1]} {outer[:-1]}"  # a part of a secret is not that secret; the inner one within is
    assert logs.redact(cut) == _by_search(cut) == f"{inner[:-1]} pw-{logs.REDACTED}{outer[19:-1]}"
