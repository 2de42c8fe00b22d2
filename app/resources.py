"""Where the shipped resources (icons, translations) are: the bundle, the installed package, or the repository.

The files live in ``resources/`` at the repository's top. The build maps that folder into the package as
``app/_resources`` (pyproject.toml ``package-dir``), so a wheel or a plain install carries them; an
editable install or a source checkout reads the repository's folder; PyInstaller unpacks them under
``_MEIPASS/resources``.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

_HERE = Path(__file__).resolve().parent


def candidates() -> list[Path]:
    """The places resources may be, first match wins."""
    places = []
    bundle = getattr(sys, "_MEIPASS", None)  # PyInstaller unpacks data next to the executable
    if bundle:
        places.append(Path(bundle) / "resources")
    places.append(_HERE / "_resources")  # a wheel or a plain (non-editable) install
    places.append(_HERE.parent / "resources")  # a source checkout or an editable install
    return places


@lru_cache(maxsize=1)
def resources_dir() -> Path:
    for place in candidates():
        if (place / "icons").is_dir():
            return place
    return candidates()[-1]  # nothing found: the callers report the missing file by its expected path


def icon_path(name: str) -> Path:
    return resources_dir() / "icons" / f"{name}.svg"


def translation_path(language: str) -> Path:
    return resources_dir() / "translations" / f"closeout_{language}.qm"


def missing() -> list[str]:
    """What a complete install has and this one lacks (for ``closeout self-test``): empty when all is there."""
    root = resources_dir()
    needed = [root / "icons" / "closeout.svg"] + [
        root / "translations" / f"closeout_{code}.qm" for code in ("de", "fr")
    ]
    needed += [root / "locale" / code / "LC_MESSAGES" / "closeout.mo" for code in ("de", "fr")]
    return [str(path) for path in needed if not path.is_file()]
