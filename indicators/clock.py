"""The product's one clock: every "now" and "today" the product uses comes from here, never from
the wall clock directly, so that tests (and a demo or a rehearsal) can set the day.

By default the clock is the wall clock. `set_clock(moment)` moves it: the clock then reads
`moment` and, unless frozen, runs on from there at the wall clock's pace. The setting KLA_CLOCK
(an ISO date or date and time, read when this module is first imported) does the same for a whole
process, so a browser test or a rehearsal can start `streamlit run` or manage.py on a chosen day.

Days are Indonesian days: a region's "today" is the date in its time zone (WIB, WITA or WIT,
from its province code); without a region, WIB (the capital's)."""
from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta, timezone

from indicators import settings

WIB = timezone(timedelta(hours=7), "WIB")
WITA = timezone(timedelta(hours=8), "WITA")
WIT = timezone(timedelta(hours=9), "WIT")

# Provinces by the first two digits of their Kemendagri code (reference/wilayah/).
_WITA_PROVINCES = frozenset({"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"})
_WIT_PROVINCES = frozenset({"81", "82", "91", "92", "93", "94", "95", "96", "97"})

_origin: datetime | None = None  # what the clock read when it was set
_set_at: float = 0.0  # time.monotonic() when it was set
_frozen = False


def zone_of(region_or_province_code: str | None) -> timezone:
    """The time zone of a province or of a region inside it ("53", "53.71", "53.71.01.1001")."""
    province = (region_or_province_code or "")[:2]
    if province in _WIT_PROVINCES:
        return WIT
    if province in _WITA_PROVINCES:
        return WITA
    return WIB


def now() -> datetime:
    """The current moment, aware, in UTC."""
    if _origin is None:
        return datetime.now(UTC)
    if _frozen:
        return _origin
    return _origin + timedelta(seconds=time.monotonic() - _set_at)


def today(region_or_province_code: str | None = None) -> date:
    """Today's date in the region's time zone (WIB without a region)."""
    return now().astimezone(zone_of(region_or_province_code)).date()


def set_clock(moment: datetime | date | None, frozen: bool = False) -> None:
    """Make the clock read `moment` from now on (a date means 09:00 WIB that day); running on
    from there unless `frozen`. None gives the wall clock back."""
    global _origin, _set_at, _frozen
    _origin = None if moment is None else _as_moment(moment)
    _set_at, _frozen = time.monotonic(), frozen


@contextmanager
def clock_at(moment: datetime | date, frozen: bool = False) -> Iterator[None]:
    """The clock set to `moment` inside the block, and back to what it was afterwards."""
    global _origin, _set_at, _frozen
    kept = (_origin, _set_at, _frozen)
    set_clock(moment, frozen)
    try:
        yield
    finally:
        _origin, _set_at, _frozen = kept


def parse_moment(text: str) -> datetime:
    """An ISO date ("2026-12-19") or date and time ("2026-12-19T09:00", "...+08:00"); refuses
    anything else with a sentence that says what to write."""
    raw = text.strip()
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"KLA_CLOCK harus berupa tanggal ISO seperti 2026-12-19 atau 2026-12-19T09:00, "
                         f"bukan '{raw}'.") from None
    if len(raw) == 10:
        return _as_moment(value.date())
    return _as_moment(value)


def _as_moment(moment: datetime | date) -> datetime:
    if not isinstance(moment, datetime):
        moment = datetime(moment.year, moment.month, moment.day, 9, tzinfo=WIB)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=WIB)
    return moment.astimezone(UTC)


def _start_from_setting() -> None:
    if settings.text(settings.CLOCK):
        set_clock(parse_moment(settings.text(settings.CLOCK)))


_start_from_setting()
