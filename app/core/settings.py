"""The shop's settings: a small JSON file in the home (never a secret in it).

Written atomically (temporary file + rename), so a crash never leaves half a file; a damaged
file is moved aside, never deleted, and the defaults apply.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
from dataclasses import asdict, dataclass, fields
from datetime import datetime, time, timezone
from pathlib import Path
from typing import Any

from app.core.days import DEFAULT_DAY_END
from app.core.i18n import _
from app.core.validation import ValidationError

log = logging.getLogger(__name__)

LANGUAGES = ("", "en", "de", "fr")  # "" follows the system language
_HHMM = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")


@dataclass
class Settings:
    shop_name: str = ""
    shop_address: str = ""  # several lines
    closing_time: str = ""  # "HH:MM" local time of the daily reminder; "" = no reminder
    auto_close: bool = False  # close automatically at closing_time
    retry_every_minutes: int = 15  # retry failed terminals this often...
    retry_until: str = "23:30"  # ...until this local time
    language: str = ""
    keep_in_tray: bool = True  # closing the window keeps Closeout running in the tray
    business_day_end: str = "04:00"  # "HH:MM": a close belongs to the business day in which it started
    chain_lock_required: bool = False  # a PC of a chain closes only while holding the chain's lock (app/core/chain.py)

    def validate(self) -> "Settings":
        if len(self.shop_name) > 120:
            raise ValidationError("shop_name", "is longer than 120 characters.")
        if len(self.shop_address) > 400:
            raise ValidationError("shop_address", "is longer than 400 characters.")
        if not _HHMM.fullmatch(self.business_day_end or ""):
            raise ValidationError("business_day_end", f"'{self.business_day_end}' is not a time like 04:00.")
        for key in ("closing_time", "retry_until"):
            value = getattr(self, key)
            if value and not _HHMM.fullmatch(value):
                raise ValidationError(key, f"'{value}' is not a time like 22:00.")
        if not isinstance(self.retry_every_minutes, int) or not 1 <= self.retry_every_minutes <= 240:
            raise ValidationError("retry_every_minutes", "must be between 1 and 240 minutes.")
        if self.auto_close and not self.closing_time:
            raise ValidationError("auto_close", "needs a closing time.")
        if self.language not in LANGUAGES:
            raise ValidationError("language", f"must be one of: {', '.join(l or 'system' for l in LANGUAGES)}.")
        return self

    def closing_at(self) -> time | None:
        return _to_time(self.closing_time)

    def retry_deadline(self) -> time | None:
        return _to_time(self.retry_until)

    def day_end(self) -> time:
        """When the business day ends (see app/core/days.py)."""
        return _to_time(self.business_day_end) or DEFAULT_DAY_END


def _to_time(value: str) -> time | None:
    if not value or not _HHMM.fullmatch(value):
        return None
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def load(path: Path) -> tuple[Settings, str | None]:
    """The settings, and a notice when the file was damaged and moved aside."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings(), None
    except OSError as exc:
        return Settings(), _(
            "The settings file {path} could not be read ({why}); the default settings apply until it can."
        ).format(path=path, why=exc.strerror or exc)
    try:
        data = json.loads(raw)
        if not isinstance(data, dict):
            raise ValueError("not an object")
        known = {f.name for f in fields(Settings)}
        settings = Settings(**{k: v for k, v in data.items() if k in known})
        return settings.validate(), None
    except (ValueError, TypeError, ValidationError) as exc:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
        moved = path.with_name(f"{path.name}.damaged-{stamp}")
        try:
            path.rename(moved)
        except OSError:
            moved = path
        log.error("settings damaged (%s); moved to %s", exc, moved)
        return Settings(), _(
            "The settings file was damaged and has been moved aside to {name}; nothing was deleted. The default "
            "settings apply: choose yours again in Settings (or 'closeout settings set')."
        ).format(name=moved.name)


def save(path: Path, settings: Settings) -> None:
    """Validate, then write atomically. Raises ValidationError or OSError."""
    settings.validate()
    data: dict[str, Any] = asdict(settings)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".json")  # 0600: owner only
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=2, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# -- reading and setting one value by name (``closeout settings show|set``) --------------------------

DESCRIPTIONS = {
    "shop_name": "the shop's name, at the top of the closing report",
    "shop_address": "the shop's address under it (several lines: separate them with \\n)",
    "business_day_end": "HH:MM: closes before this local time count for the day before (default 04:00)",
    "language": "en, de or fr; empty follows the system language",
    "closing_time": "HH:MM of the daily reminder to close; empty for none",
    "auto_close": "yes or no: close automatically at the closing time (needs the window or tray running)",
    "retry_every_minutes": "after an automatic close, retry failed terminals this often (1-240)",
    "retry_until": "HH:MM: ...until this local time",
    "keep_in_tray": "yes or no: closing the window keeps Closeout in the tray",
    "chain_lock_required": "yes or no: only close with the chain's lock (skip a terminal when the chain is "
    "unreachable)",
}
KEYS = tuple(DESCRIPTIONS)
_YES = {
    "yes": True,
    "y": True,
    "true": True,
    "on": True,
    "1": True,
    "no": False,
    "n": False,
    "false": False,
    "off": False,
    "0": False,
}


def value_text(settings: Settings, key: str) -> str:
    """One setting as text, the way ``closeout settings set`` accepts it back."""
    value = getattr(settings, key)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if key == "shop_address":
        return str(value).replace("\n", "\\n")
    return str(value)


def with_value(settings: Settings, key: str, text: str) -> Settings:
    """A copy of ``settings`` with ``key`` set from ``text``, validated. Raises ValidationError."""
    if key not in DESCRIPTIONS:
        raise ValidationError(key, f"is not a setting; the settings are: {', '.join(KEYS)}.")
    current = getattr(settings, key)
    value: Any
    if isinstance(current, bool):
        if text.strip().lower() not in _YES:
            raise ValidationError(key, f"must be yes or no, not '{text}'.")
        value = _YES[text.strip().lower()]
    elif isinstance(current, int):
        try:
            value = int(text.strip())
        except ValueError:
            raise ValidationError(key, f"'{text}' is not a whole number.") from None
    elif key == "shop_address":
        value = text.replace("\\n", "\n")
    elif key == "language":
        value = "" if text.strip().lower() in ("", "system") else text.strip().lower()
    else:
        value = text.strip()
    data = asdict(settings)
    data[key] = value
    return Settings(**data).validate()
