"""Numbers and dates the way a reader of the chosen language writes them, via babel: the one
formatter of the house, used by services, reports and ui alike; and matching typed words to text.

Indonesian: 1.234,5 and 22 November 2026; English: 1,234.5 and 22 November 2026.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import dates as babel_dates
from babel import numbers as babel_numbers

LOCALES = {"id": "id_ID", "en": "en_GB"}


def _locale(lang: str | None) -> str:
    return LOCALES.get(lang or "id", LOCALES["id"])


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value: float | int | None, lang: str | None = "id", decimals: int = 2) -> str:
    """Up to `decimals` decimals, trailing zeros dropped: 1.000, 612,5, 0,25."""
    if value is None or _missing(value):
        return "—"
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return babel_numbers.format_decimal(value, format=pattern, locale=_locale(lang))


def points(value: float | int | None, lang: str | None = "id", decimals: int = 2) -> str:
    """Exactly `decimals` decimals, as a score is read: 612,50."""
    if value is None or _missing(value):
        return "—"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return babel_numbers.format_decimal(value, format=pattern, locale=_locale(lang))


def whole(value: int | None, lang: str | None = "id") -> str:
    """A count with thousands separators and no decimals: 5.000 (id), 5,000 (en)."""
    return number(value, lang, decimals=0)


def megabytes(size_bytes: int, lang: str | None = "id") -> str:
    """A file size in MB with one decimal, dropped when it is zero: 2,5 MB, 10 MB."""
    return f"{number(size_bytes / 1024 / 1024, lang, decimals=1)} MB"


def parse_decimal(raw: str) -> float:
    """A number typed either way: '2,5', '2.5' (a comma is the decimal mark); ValueError otherwise."""
    return float(str(raw).strip().replace(",", "."))


def percent(share: float | None, lang: str | None = "id") -> str:
    """A share between 0 and 1 as a whole-ish percentage: 0,755 -> 75,5%."""
    if share is None or _missing(share):
        return "—"
    return babel_numbers.format_percent(share, format="#,##0.#%", locale=_locale(lang))


def long_date(value: date | datetime | None, lang: str | None = "id", tz: str | None = None) -> str:
    """22 November 2026. A datetime is first moved to the reader's time zone (tz), if known."""
    if value is None:
        return "—"
    if isinstance(value, datetime):
        value = _in_zone(value, tz).date()
    return babel_dates.format_date(value, format="d MMMM y", locale=_locale(lang))


def date_time(value: datetime | None, lang: str | None = "id", tz: str | None = None) -> str:
    """22 November 2026 14.05 (WITA, or the zone's abbreviation)."""
    if value is None:
        return "—"
    local = _in_zone(value, tz)
    day = babel_dates.format_date(local.date(), format="d MMMM y", locale=_locale(lang))
    clock = babel_dates.format_time(local.time(), format="HH.mm" if lang != "en" else "HH:mm",
                                    locale=_locale(lang))
    zone = local.tzname() or "UTC"
    return f"{day} {clock} {zone}"


def duration(span: timedelta, lang: str | None = "id") -> str:
    """A span as a reader says it: "15 menit", "12 jam", "3 detik"."""
    return babel_dates.format_timedelta(span, threshold=1, locale=_locale(lang))


def _in_zone(value: datetime, tz: str | None) -> datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    if tz:
        try:
            return value.astimezone(ZoneInfo(tz))
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return value.astimezone(UTC)


def file_size(size_bytes: int, lang: str | None = "id") -> str:
    """A file's size as a person reads it: 2,5 MB from one megabyte up, else 12,3 KB (never 0 KB)."""
    if size_bytes >= 1024 * 1024:
        return megabytes(size_bytes, lang)
    return f"{number(max(size_bytes / 1024, 0.1), lang, decimals=1)} KB"


def folded(value: str) -> str:
    """Lower case without accents, for matching what people type ("Manulaí" -> "manulai")."""
    decomposed = unicodedata.normalize("NFKD", value or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def has_every_word(query: str, *texts: str) -> bool:
    """Every word of the query appears somewhere in the texts, in any order, ignoring case and
    accents ("perda kla" finds "Perda tentang Kabupaten/Kota Layak Anak (KLA)")."""
    haystack = folded(" ".join(t for t in texts if t))
    return all(word in haystack for word in folded(query).split())


LEADING_CODE = re.compile(r"^\s*(\d{1,2}[a-z]?\.\d{1,2}[a-z]{0,2})(?=[\s_\-.(]|$)", re.IGNORECASE)


def leading_code(filename: str) -> str | None:
    """The question code a file name starts with ("2.1 SK Gugus Tugas.pdf", "1.2g_perda.pdf" ->
    2.1, 1.2g), lower-cased; None when it starts with none."""
    match = LEADING_CODE.match(filename or "")
    return match.group(1).lower() if match else None


def excerpt(raw: object, limit: int = 40) -> str:
    """At most `limit` characters of a value quoted in a message, "…" where it was cut: a message
    never repeats a whole cell or field a person (or an attacker) typed."""
    text = str(raw)
    return text if len(text) <= limit else text[:limit] + "…"
