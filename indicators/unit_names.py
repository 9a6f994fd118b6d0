"""The names of kecamatan and kelurahan (pure): how a typed name is read, stored and keyed.

A kecamatan "Kelapa Lima" is stored as "Kecamatan Kelapa Lima", short name kec_kelapa_lima,
focal point kec.kelapa_lima; a kelurahan "Oesapa Barat" as "Kelurahan Oesapa Barat",
kel_oesapa_barat, kel.oesapa_barat ("Desa ..." keeps its own word). Two names that differ only in
case, accents or spacing name the same unit: they share a key.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Protocol

from indicators.spreadsheet import slug

KINDS = ("kecamatan", "kelurahan")
SHORT_PREFIX = {"kecamatan": "kec", "kelurahan": "kel"}
NAME_WORD = {"kecamatan": "Kecamatan", "kelurahan": "Kelurahan"}
# Words a typed name may start with; they are taken off for the short name and put back once.
TYPED_PREFIXES = {"kecamatan": ("kecamatan", "kec."), "kelurahan": ("kelurahan", "kel.", "desa")}
# Control, format (zero-width, direction marks), surrogate, private-use, unassigned, line/paragraph breaks
REFUSED_CHARACTERS = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")
MAX_NAME = 200          # ReportingUnit.name
MAX_SLUG = 60           # "kec_" + 60 fits ReportingUnit.short_name and the username (64)


class NamedUnit(Protocol):
    """A stored unit as far as its names go (a ReportingUnit, for one)."""
    kind: str
    short_name: str
    name: str


@dataclass(frozen=True)
class UnitName:
    kind: str
    base: str   # as typed, without its leading "Kecamatan"/"Kelurahan": "Oesapa Barat"
    full: str   # as stored: "Kelurahan Oesapa Barat"
    key: str    # the slug two names share when they name the same unit: "oesapa_barat"

    @property
    def short_name(self) -> str:
        return f"{SHORT_PREFIX[self.kind]}_{self.key}"


def unit_name(kind: str, text: object) -> UnitName:
    """The unit name in `text`, or ValueError with an Indonesian message (without the row)."""
    raw = "" if text is None else str(text)
    if any(unicodedata.category(ch) in REFUSED_CHARACTERS for ch in raw):
        raise ValueError(f"nama {kind} berisi karakter kendali atau tak terlihat (mis. tab atau pindah baris); "
                         "ketik ulang namanya")
    base = " ".join(raw.split())
    word = NAME_WORD[kind]
    lowered = base.lower()
    for prefix in TYPED_PREFIXES[kind]:
        if lowered.startswith(prefix) and (prefix.endswith(".") or lowered[len(prefix):][:1] in (" ", "")):
            if prefix == "desa":
                word = "Desa"
            base = base[len(prefix):].strip()
            break
    if not base:
        raise ValueError(f"nama {kind} kosong")
    full = f"{word} {base}"
    if len(full) > MAX_NAME:
        raise ValueError(f"nama {kind} terlalu panjang ({len(full)} karakter termasuk kata '{word}'); "
                         f"paling banyak {MAX_NAME} karakter")
    # casefold before folding accents: "ß" and "SS" must give the same key, as any two cases do
    folded = unicodedata.normalize("NFKD", base.casefold()).encode("ascii", "ignore").decode("ascii")
    key = slug(folded)[:MAX_SLUG].strip("_")
    if not key:
        raise ValueError(f"nama {kind} '{base}' harus memuat huruf atau angka (a-z, 0-9)")
    return UnitName(kind, base, full, key)


def unit_key(unit: NamedUnit) -> str:
    """The key of a stored unit's name (its short name when the stored name is not one we would
    accept today)."""
    try:
        return unit_name(unit.kind, unit.name).key
    except ValueError:
        return unit.short_name


def typed_name(kind: str, stored_name: str) -> str:
    """A stored name as it is typed in an import file: without "Kecamatan"/"Kelurahan"; a
    "Desa ..." keeps its word, which says it is a desa."""
    if kind == "kelurahan" and stored_name.startswith("Desa "):
        return stored_name
    return unit_name(kind, stored_name).base


def focal_username(unit: NamedUnit) -> str:
    """The focal-point account of a unit: kec.<slug> or kel.<slug>."""
    prefix = SHORT_PREFIX[unit.kind]
    rest = unit.short_name[len(prefix) + 1:] if unit.short_name.startswith(prefix + "_") else slug(unit.short_name)
    return f"{prefix}.{rest}"
