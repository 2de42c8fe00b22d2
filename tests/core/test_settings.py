"""Settings file: round trip, validation, damage moved aside."""

from __future__ import annotations

import json

import pytest

from app.core import settings as settings_mod
from app.core.settings import Settings
from app.core.validation import ValidationError


def test_round_trip_and_defaults(tmp_path):
    path = tmp_path / "settings.json"
    assert settings_mod.load(path) == (Settings(), None)
    wanted = Settings(
        shop_name="Café Rose",
        shop_address="Rue 1\n1000 Lausanne",
        closing_time="21:30",
        auto_close=True,
        retry_every_minutes=10,
        retry_until="23:00",
        language="fr",
    )
    settings_mod.save(path, wanted)
    assert settings_mod.load(path) == (wanted, None)
    assert wanted.closing_at().hour == 21 and wanted.retry_deadline().minute == 0
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]  # no temporary file left


@pytest.mark.parametrize(
    "change, field",
    [
        ({"closing_time": "25:00"}, "closing_time"),
        ({"retry_until": "9pm"}, "retry_until"),
        ({"retry_every_minutes": 0}, "retry_every_minutes"),
        ({"auto_close": True}, "auto_close"),
        ({"language": "it"}, "language"),
        ({"shop_name": "x" * 121}, "shop_name"),
    ],
)
def test_invalid_values_are_refused_and_nothing_written(tmp_path, change, field):
    path = tmp_path / "settings.json"
    with pytest.raises(ValidationError) as info:
        settings_mod.save(path, Settings(**change))
    assert info.value.field == field
    assert not path.exists()


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", json.dumps({"closing_time": "99:99"})])
def test_damaged_file_is_moved_aside_and_defaults_apply(tmp_path, content):
    path = tmp_path / "settings.json"
    path.write_text(content)
    loaded, notice = settings_mod.load(path)
    assert loaded == Settings() and "moved aside" in notice
    moved = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert len(moved) == 1 and moved[0].read_text() == content


def test_unknown_keys_from_a_newer_version_are_ignored(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"shop_name": "Bar", "future_option": 1}))
    assert settings_mod.load(path) == (Settings(shop_name="Bar"), None)
