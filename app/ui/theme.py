"""Light and dark: follow the system colour scheme, with colours that stay readable in both.

``apply()`` picks the scheme (``CLOSEOUT_COLOR_SCHEME=light|dark`` overrides the system's, for tests and
screenshots), gives Qt's Fusion style a dark palette when dark (Fusion does not darken itself on every
platform), and follows the system when it switches. Status colours come from :func:`color`, each with
a contrast of at least 4.5:1 against the scheme's background (tests/ui/test_theme.py measures it);
icons drawn in dark ink are recoloured light in the dark scheme (:func:`svg_for_scheme`).
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

log = logging.getLogger(__name__)

ENV_VAR = "CLOSEOUT_COLOR_SCHEME"

# The backgrounds of the two palettes (window and base), and each colour role on them.
LIGHT_BASE, DARK_BASE = "#ffffff", "#1e1e1e"
LIGHT_WINDOW, DARK_WINDOW = "#efefef", "#2b2b2b"
COLORS = {
    #            light       dark
    "live": ("#a44a06", "#fbbf24"),  # LIVE terminals: real money
    "error": ("#b91c1c", "#fca5a5"),  # failed, not closed
    "ok": ("#166534", "#86efac"),  # closed
    "warning": ("#9a3412", "#fdba74"),  # in doubt
    "muted": ("#475569", "#cbd5e1"),  # secondary text
    "info": ("#1d4ed8", "#93c5fd"),  # sending
}
# Banners keep their own colours in both schemes (text, background, border).
BANNERS = {
    "demo": ("#78350f", "#fef3c7", "#f59e0b"),
    "notice": ("#7f1d1d", "#fee2e2", "#f87171"),
    "in_doubt": ("#7c2d12", "#ffedd5", "#f97316"),
}


def banner_style(kind: str, selector: str = "", extra: str = "") -> str:
    text, background, border = BANNERS[kind]
    body = f"background:{background}; color:{text}; border:1px solid {border}; border-radius:4px; {extra}"
    return f"{selector} {{ {body} }}" if selector else body


# Ink colours of the shipped SVG icons that are drawn on the window background (not on a coloured disc).
ICON_INK = {"#1f2937": "#e5e7eb", "#64748b": "#cbd5e1", "#134e4a": "#99f6e4", "#0f766e": "#5eead4"}


def scheme_of(app: QGuiApplication | None = None) -> str:
    forced = os.environ.get(ENV_VAR, "").strip().lower()
    if forced in ("light", "dark"):
        return forced
    app = app or QGuiApplication.instance()
    if app is not None:
        try:
            if app.styleHints().colorScheme() == Qt.ColorScheme.Dark:
                return "dark"
        except AttributeError:  # Qt before 6.5
            pass
    return "light"


def is_dark() -> bool:
    app = QGuiApplication.instance()
    if app is None:
        return False
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def color(role: str) -> str:
    light, dark = COLORS[role]
    return dark if is_dark() else light


def dark_palette() -> QPalette:
    p = QPalette()
    window, base, text = QColor(DARK_WINDOW), QColor(DARK_BASE), QColor("#f3f4f6")
    disabled = QColor("#8b8b8b")
    for role, value in (
        (QPalette.ColorRole.Window, window),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.AlternateBase, QColor("#262626")),
        (QPalette.ColorRole.ToolTipBase, QColor("#3a3a3a")),
        (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.PlaceholderText, QColor("#a3a3a3")),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Button, QColor("#353535")),
        (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.BrightText, QColor("#ffffff")),
        (QPalette.ColorRole.Light, QColor("#505050")),
        (QPalette.ColorRole.Midlight, QColor("#404040")),
        (QPalette.ColorRole.Mid, QColor("#303030")),
        (QPalette.ColorRole.Dark, QColor("#191919")),
        (QPalette.ColorRole.Shadow, QColor("#000000")),
        (QPalette.ColorRole.Highlight, QColor("#2f6fbf")),
        (QPalette.ColorRole.HighlightedText, QColor("#ffffff")),
        (QPalette.ColorRole.Link, QColor("#93c5fd")),
        (QPalette.ColorRole.LinkVisited, QColor("#c4b5fd")),
    ):
        p.setColor(role, value)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return p


def apply(app: QApplication) -> str:
    """Set the palette for the system's (or the forced) scheme and follow later switches; returns it."""
    scheme = scheme_of(app)
    if scheme == "dark":
        if "fusion" in QStyleFactory.keys() or "Fusion" in QStyleFactory.keys():
            app.setStyle("Fusion")
        app.setPalette(dark_palette())
    elif getattr(app, "_closeout_scheme", "light") == "dark":
        app.setPalette(app.style().standardPalette())
    app._closeout_scheme = scheme
    if not getattr(app, "_closeout_follows_scheme", False) and not os.environ.get(ENV_VAR):
        try:
            app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply(app))
            app._closeout_follows_scheme = True
        except AttributeError:
            pass
    log.info("colour scheme: %s", scheme)
    return scheme


def svg_for_scheme(data: str) -> str:
    """The SVG text with its dark ink lightened when the dark scheme is on."""
    if not is_dark():
        return data
    for ink, light in ICON_INK.items():
        data = data.replace(f'"{ink}"', f'"{light}"')
    return data


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""

    def luminance(name: str) -> float:
        c = QColor(name)
        channels = []
        for v in (c.redF(), c.greenF(), c.blueF()):
            channels.append(v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4)
        r, g, b = channels
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
