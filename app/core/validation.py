"""Field validation shared by the providers, the CLI and the dialogs.

Every value is checked against the provider's published format before anything
is sent; a bad value raises :class:`ValidationError` naming the field.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from typing import Callable, Mapping
from urllib.parse import urlsplit

from app.core.i18n import N_, _


class ValidationError(ValueError):
    """A value does not match the format a provider accepts."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


Validator = Callable[[str, str], str]

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def pattern(regex: str, what: str) -> Validator:
    """A validator for values that must fully match ``regex``; ``what`` says it in words."""
    compiled = re.compile(regex)

    def check(field: str, value: str) -> str:
        value = value.strip() if isinstance(value, str) else value
        if not isinstance(value, str) or not value:
            raise ValidationError(field, _("is missing: enter {what}.").format(what=_(what)))
        if not compiled.fullmatch(value):
            raise ValidationError(
                field, _("'{value}' is not valid: it must be {what}.").format(value=_show(value), what=_(what))
            )
        return value

    return check


def text(max_len: int, *, allow_colon: bool = True, what: str = "") -> Validator:
    """Printable text of 1..max_len characters, without control characters."""

    def check(field: str, value: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(field, _("is missing: enter {what}.").format(what=_(what) if what else _("a value")))
        value = value.strip()
        if len(value) > max_len:
            raise ValidationError(
                field,
                _("is {length} characters long; at most {limit} are allowed.").format(length=len(value), limit=max_len),
            )
        if _CONTROL.search(value):
            raise ValidationError(field, _("contains control characters; type it again without them."))
        if not allow_colon and ":" in value:
            raise ValidationError(field, _("must not contain ':'."))
        return value

    return check


def secret(max_len: int, what: str) -> Callable[[str], str]:
    """Secrets are kept exactly as typed (no stripping), but must be sane."""

    def check(value: str) -> str:
        if not isinstance(value, str) or not value:
            raise ValidationError(what, _("is missing: enter it (it is stored only in the OS credential store)."))
        if len(value) > max_len:
            raise ValidationError(
                what,
                _("is {length} characters long; at most {limit} are allowed.").format(length=len(value), limit=max_len),
            )
        if _CONTROL.search(value) or value != value.strip():
            raise ValidationError(what, _("has spaces at the ends or control characters; paste it again."))
        return value

    return check


def choice(options: tuple[str, ...]) -> Validator:
    def check(field: str, value: str) -> str:
        if not isinstance(value, str):
            raise ValidationError(field, _("must be one of: {choices}.").format(choices=", ".join(options)))
        value = value.strip().lower()
        if value not in options:
            raise ValidationError(field, _("must be one of: {choices}.").format(choices=", ".join(options)))
        return value

    return check


_LOOPBACK_V4 = ipaddress.ip_network("127.0.0.0/8")
_LOOPBACK_V6 = ipaddress.IPv6Address("::1")


def is_loopback_host(host: str) -> bool:
    """Only what surely is this computer: a literal 127.x.y.z or [::1] address, or ``localhost`` itself.

    A name that merely looks local (``sim.localhost``, ``localhost.localdomain``, ``127.0.0.1.nip.io``) is
    resolved by DNS or a hosts file that someone else may control, and an IPv4-mapped address
    (``::ffff:127.0.0.1``) is not a loopback literal: plain http to those is refused.
    """
    host = host.strip().lower()
    if host == "localhost":
        return True
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv4Address):
        return address in _LOOPBACK_V4
    return address == _LOOPBACK_V6 and not address.scope_id


def _authority(value: str) -> str:
    """The user-info/host/port part of a URL-ish string, found without parsing it (parsing may fail first)."""
    rest = value.split("://", 1)[1] if "://" in value else value
    return re.split(r"[/?#\\]", rest, maxsplit=1)[0]


def base_url(field: str, value: str) -> str:
    """An https:// URL, or http:// to this computer only (simulators, local proxies)."""
    if not isinstance(value, str):
        raise ValidationError(field, _("must be a web address starting with https://."))
    value = value.strip()
    if not value:
        raise ValidationError(field, _("is empty; leave it out to use the provider's address."))
    # Credentials first, and never echoed: a password typed into the address must not end up in a message,
    # a log line or a dialog.
    if "@" in _authority(value):
        raise ValidationError(
            field,
            _(
                "must not contain a user name or password; enter the address alone "
                "(the password goes in its own field, stored in the OS credential store)."
            ),
        )
    if _CONTROL.search(value) or " " in value:
        raise ValidationError(field, _("contains spaces or control characters."))
    try:
        parts = urlsplit(value)
        hostname = parts.hostname
    except ValueError:
        raise ValidationError(field, _("is not a valid web address; it must start with https://.")) from None
    if parts.scheme not in ("https", "http") or not hostname:
        raise ValidationError(
            field, _("'{value}' is not a web address; it must start with https://.").format(value=_show(value))
        )
    if parts.query or parts.fragment or parts.username or parts.password:
        raise ValidationError(field, _("must not contain a query, fragment or credentials."))
    if parts.scheme == "http" and not is_loopback_host(hostname):
        raise ValidationError(
            field,
            _(
                "must start with https:// (plain http:// is allowed only to this computer, such as 127.0.0.1); "
                "use https://{address}."
            ).format(address=parts.netloc),
        )
    try:
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        raise ValidationError(field, _("has an invalid port number.")) from None
    return value.rstrip("/")


def _show(value: str, limit: int = 40) -> str:
    shown = value if len(value) <= limit else value[: limit - 1] + "…"
    return _CONTROL.sub("?", shown)


# The words shown for the usual environment choices (marked for translation, shown through ``_()``).
ENVIRONMENTS: tuple[tuple[str, str], ...] = (("test", N_("Test")), ("live", N_("Live")))


@dataclass(frozen=True)
class Field:
    """One non-secret setting of a terminal, as the CLI and the dialogs present it.

    The texts for people are the provider's own copy, in English and marked ``N_()`` in the provider's
    module; front ends show them through ``_()`` (app/core/i18n.py). No front end keeps per-provider text.
    """

    key: str
    label: str  # the row's label: "Customer ID"
    validate: Validator
    required: bool = True
    default: str | None = None
    advanced: bool = False  # under "Advanced settings": normally left empty
    help: str = ""  # one or two sentences: what the value is and where to find it (tooltip, CLI help)
    choices: tuple[str, ...] = ()
    placeholder: str = ""  # shown inside the empty input: the format and an example ("8 digits, e.g. 12341234")
    choice_labels: tuple[tuple[str, str], ...] = ()  # (value, words) of the choices; else the value capitalised
    empty_choice: str = ""  # the words of the empty choice of an optional choice field ("Automatic (...)")

    # The command line (`closeout terminal add|edit`): the flag is --key-with-dashes unless given here; its
    # help is "label: help (default ...)" unless given here; required as ``required`` without a default
    # unless given here (a default the dialogs offer that the CLI still wants typed).
    flag: str = ""
    flag_help: str = ""
    flag_required: bool | None = None

    def choice_label(self, value: str) -> str:
        """The (untranslated) words for one of ``choices``."""
        return dict(self.choice_labels).get(value, value.capitalize())

    @property
    def cli_flag(self) -> str:
        return self.flag or "--" + self.key.replace("_", "-")


def validate_fields(fields: tuple[Field, ...], settings: Mapping[str, str | None], label: str) -> dict[str, str]:
    """Check ``settings`` against a provider's ``fields``; return the normalised settings. Raises
    ValidationError naming the first field that is wrong (``label`` names the provider in messages)."""
    known = {f.key for f in fields}
    unknown = sorted(k for k, v in settings.items() if k not in known and v not in (None, ""))
    if unknown:
        raise ValidationError(unknown[0], _("is not a setting of {provider} terminals.").format(provider=label))
    clean: dict[str, str] = {}
    for field in fields:
        value = settings.get(field.key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if not field.required:
                continue
            if field.default is None:
                raise ValidationError(field.key, _("is missing: enter the {label}.").format(label=_(field.label)))
            value = field.default
        clean[field.key] = field.validate(field.key, value)
    return clean
