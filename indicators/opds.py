"""OPDs as reporting units (pure): their names, short names, and which of the catalog's data
sources a typed office name suggests (a region names and splits its offices its own way: Kota
Depok's DP3AP2KB answers for the catalog's `dp3a`)."""
from __future__ import annotations

import re
import unicodedata

from indicators.spreadsheet import slug

SHORT_NAME = re.compile(r"[a-z][a-z0-9_]{1,39}")
MAX_NAME = 200
REFUSED_CATEGORIES = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")


def clean_name(text: object) -> str:
    """The OPD name as stored, or ValueError with an Indonesian message."""
    raw = "" if text is None else str(text)
    if any(unicodedata.category(ch) in REFUSED_CATEGORIES for ch in raw):
        raise ValueError("nama OPD berisi karakter kendali atau tak terlihat; ketik ulang namanya")
    name = " ".join(raw.split())
    if not name:
        raise ValueError("nama OPD wajib diisi")
    if len(name) > MAX_NAME:
        raise ValueError(f"nama OPD paling banyak {MAX_NAME} karakter ({len(name)} diisi)")
    return name


def short_name_for(name: str, typed: object = None) -> str:
    """The short name typed (lower-cased), else the abbreviation in brackets in the name
    ("... (DP3AP2KB)" -> dp3ap2kb), else a slug of the name."""
    text = "" if typed is None else str(typed).strip()
    if text:
        return text.lower()
    bracketed = re.findall(r"\(([^()]{2,40})\)", name)
    return slug(bracketed[-1] if bracketed else name)[:40].strip("_")


def short_name_problem(short_name: str) -> str | None:
    if not SHORT_NAME.fullmatch(short_name):
        return (f"nama singkat '{short_name[:50]}' tidak sah: 2-40 huruf kecil, angka atau garis bawah, diawali "
                "huruf (mis. dp3ap2kb)")
    return None


def _words(text: str) -> set[str]:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return set(re.findall(r"[a-z0-9]+", folded))


GENERIC_WORDS = {"dinas", "badan", "kantor", "bagian", "kota", "kabupaten", "kab", "dan", "daerah", "unit", "uptd"}


def suggest_sources(name: str, data_sources: dict) -> list[str]:
    """Catalog data-source keys the office name suggests: a key or one of its aliases appearing in
    the name as words (DP3AP2KB -> dp3a by its alias), or the name's own distinctive words all
    found in the source's name ("Dinas Pendidikan" -> "Dinas Pendidikan dan Kebudayaan"), or the
    source's whole name in the office name ("Dinas Kesehatan Kota Payakumbuh" -> dinkes)."""
    words = _words(name)
    distinctive = words - GENERIC_WORDS
    found = []
    for key, entry in data_sources.items():
        entry = entry or {}
        names = [key.replace("_", " "), *(entry.get("aliases") or [])]
        by_alias = any(_words(alias) and _words(alias) <= words for alias in names if len(alias) >= 3)
        source_words = _words(entry.get("name") or "")
        by_name = bool(distinctive) and (distinctive <= source_words
                                         or bool(source_words - GENERIC_WORDS) and source_words <= words)
        if by_alias or by_name:
            found.append(key)
    return found
