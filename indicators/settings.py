"""Numbers the operator sets through environment variables (limits, lifetimes, thresholds): read
the same way everywhere, with one Indonesian sentence naming the variable when a value is wrong."""
from __future__ import annotations

import math
import os

from indicators.text import parse_decimal


def positive_number(name: str, default: float, unit: str = "") -> float:
    """The variable's value (decimal comma or point), `default` when unset; refuses a value that
    is not a finite number above 0."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    wanted = f"angka {unit}".strip()
    try:
        value = parse_decimal(raw)
    except ValueError:
        raise ValueError(f"{name} harus berupa {wanted}, bukan '{raw}'.") from None
    if not math.isfinite(value) or not value > 0:
        raise ValueError(f"{name} harus lebih dari 0, bukan '{raw}'.")
    return value
