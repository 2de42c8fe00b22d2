"""Amounts in minor units (cents) as people read them: the currency's decimal places, the language's marks.

Below the providers and the report (both format amounts); imports nothing of Closeout but the language.
"""

from __future__ import annotations

from decimal import Decimal

from app.core.i18n import format_decimal

# ISO 4217 minor-unit exponents that are not 2 (common ones; anything else is taken as 2).
EXPONENTS: dict[str, int] = {
    "JPY": 0,
    "KRW": 0,
    "VND": 0,
    "CLP": 0,
    "ISK": 0,
    "PYG": 0,
    "UGX": 0,
    "XAF": 0,
    "XOF": 0,
    "XPF": 0,
    "RWF": 0,
    "KMF": 0,
    "GNF": 0,
    "DJF": 0,
    "VUV": 0,
    "BIF": 0,
    "BHD": 3,
    "KWD": 3,
    "OMR": 3,
    "JOD": 3,
    "TND": 3,
    "LYD": 3,
    "IQD": 3,
}


def exponent(currency: str) -> int:
    return EXPONENTS.get((currency or "").upper(), 2)


def major(minor: int, currency: str) -> Decimal:
    """Minor units (cents) as an exact amount in major units: 12345 USD -> 123.45, 500 JPY -> 500."""
    return Decimal(int(minor)).scaleb(-exponent(currency))


def format_amount(minor: int, currency: str, *, grouped: bool = True) -> str:
    """1234567 EUR -> '12,345.67' (grouped, for reading, in the language's marks: '12.345,67' in German)
    or '12345.67' (for spreadsheets)."""
    places = exponent(currency)
    if not grouped:  # spreadsheets read a plain point, whatever the language
        return f"{major(minor, currency):.{places}f}"
    return format_decimal(major(minor, currency), places)  # 1,050.44 / 1.050,44 / 1 050,44
