"""OPDs as reporting units (pure): their names, short names, and which of the catalog's data
sources a typed office name suggests (a region names and splits its offices its own way: Kota
Depok's DP3AP2KB answers for the catalog's `dp3a`)."""
from __future__ import annotations

import difflib
import fnmatch
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

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


def _tokens(text: str) -> list[str]:
    """Lower-case ASCII words; an acronym's counted letters spelt out (dp3ap2kb -> dpppappkb), so
    that DP3A, DPPPA and P3A read alike."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return [re.sub(r"([a-z])([2-9])", lambda m: m.group(1) * int(m.group(2)), word)
            for word in re.findall(r"[a-z0-9]+", folded)]


def _words(text: str) -> set[str]:
    return set(_tokens(text))


GENERIC_WORDS = {"dinas", "badan", "kantor", "bagian", "kota", "kabupaten", "kab", "dan", "daerah", "unit", "uptd",
                 "upt", "serta", "pada"}

# Words that say which kind of office a name is (any one of the phrases, every word of it): a
# UPTD answers only for a UPTD's data sources, the police only for the police's, and no other
# office for theirs.
OFFICE_KINDS = {
    "uptd": ("uptd", "upt", "unit pelaksana teknis"),
    "police": ("polres*", "polsek", "polda", "kepolisian", "satreskrim", "uppa"),
}


@dataclass(frozen=True)
class KnownSource:
    """How regions name the offices that answer for one of the national instrument's data sources:
    `signs` are phrases whose words all appear in a name (a word with * matches by pattern: bappe*
    is Bappeda, Bappelitbangda or Bapperida), `kind` what sort of office answers, `examples` real
    names for the secretariat."""
    kind: str
    signs: tuple[str, ...]
    examples: tuple[str, ...]


KNOWN_SOURCES = {
    "dp3a": KnownSource("Dinas yang membidangi pemberdayaan perempuan dan perlindungan anak",
                        ("perempuan perlindungan anak", "*pppa*"),
                        ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak (DP3A)", "DP3AP2KB", "DP2KBP3A",
                         "Dinsos P3A")),
    "bappeda": KnownSource("Badan perencanaan pembangunan daerah", ("bappe*", "badan perencanaan"),
                           ("Bappeda", "Bappelitbangda", "Bapperida")),
    "disdikbud": KnownSource("Dinas pendidikan", ("pendidikan", "disdik*"),
                             ("Dinas Pendidikan dan Kebudayaan", "Dinas Pendidikan", "Disdikpora")),
    "dinkes": KnownSource("Dinas kesehatan", ("kesehatan", "dinkes*"), ("Dinas Kesehatan", "Dinkes P2KB")),
    "dinsos": KnownSource("Dinas sosial", ("sosial", "dinsos*"), ("Dinas Sosial", "Dinsos P3A")),
    "kemenag": KnownSource("Kantor Kementerian Agama (instansi vertikal)", ("kementerian agama", "kemenag"),
                           ("Kantor Kementerian Agama Kabupaten/Kota",)),
    "disdukcapil": KnownSource("Dinas kependudukan dan pencatatan sipil",
                               ("kependudukan pencatatan sipil", "*dukcapil"),
                               ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil")),
    "diskominfo": KnownSource("Dinas komunikasi dan informatika", ("komunikasi informatika", "*kominfo*"),
                              ("Dinas Komunikasi dan Informatika", "Diskominfotik")),
    "disnaker": KnownSource("Dinas tenaga kerja", ("tenaga kerja", "disnaker*"),
                            ("Dinas Tenaga Kerja dan Transmigrasi", "Disnakertrans")),
    "polresta": KnownSource("Kepolisian: Unit PPA Satreskrim Polres/Polresta (instansi vertikal)",
                            ("polres*", "kepolisian", "satreskrim"),
                            ("Unit PPA Satreskrim Polres", "Polresta Unit PPA")),
    "uptd_ppa": KnownSource("UPTD Perlindungan Perempuan dan Anak (unit layanan di bawah dinas PPPA)",
                            ("uptd ppa", "upt ppa", "uptd perlindungan perempuan anak",
                             "unit pelaksana teknis perlindungan perempuan anak"),
                            ("UPTD PPA", "UPTD Perlindungan Perempuan dan Anak")),
    "satpolpp": KnownSource("Satuan Polisi Pamong Praja", ("pamong praja", "satpol*"),
                            ("Satpol PP", "Satpol PP dan Damkar")),
    "bpbd": KnownSource("Badan penanggulangan bencana daerah", ("penanggulangan bencana", "bpbd"), ("BPBD",)),
    "dinas_perpustakaan": KnownSource("Dinas perpustakaan", ("perpustakaan",),
                                      ("Dinas Perpustakaan dan Kearsipan",)),
    "dinas_pupr": KnownSource("Dinas pekerjaan umum", ("pekerjaan umum", "pupr", "dpupr"),
                              ("Dinas Pekerjaan Umum dan Penataan Ruang (PUPR)",)),
    "dinas_perkim": KnownSource("Dinas perumahan dan permukiman", ("permukiman", "*perkim"),
                                ("Dinas Perumahan Rakyat dan Kawasan Permukiman",)),
    "dispora": KnownSource("Dinas pemuda dan olahraga", ("olahraga", "*pora"),
                           ("Dinas Pemuda dan Olahraga", "Disporapar", "Disdikpora")),
    "dispar": KnownSource("Dinas pariwisata", ("pariwisata", "dispar*", "disbudpar"),
                          ("Dinas Pariwisata dan Kebudayaan", "Disporapar")),
    "bnn": KnownSource("Badan Narkotika Nasional (instansi vertikal)", ("narkotika", "bnn", "bnnk"),
                       ("BNN Kabupaten/Kota",)),
    "kejaksaan": KnownSource("Kejaksaan Negeri (instansi vertikal)", ("kejaksaan", "kejari"),
                             ("Kejaksaan Negeri",)),
    "pengadilan": KnownSource("Pengadilan Agama / Pengadilan Negeri (instansi vertikal)", ("pengadilan",),
                              ("Pengadilan Agama", "Pengadilan Negeri")),
    "bagian_hukum": KnownSource("Bagian Hukum Sekretariat Daerah", ("bagian hukum",),
                                ("Bagian Hukum Setda",)),
    "forum_anak": KnownSource("Forum Anak Daerah", ("forum anak",), ("Forum Anak Kota/Kabupaten",)),
}


def _has(phrase: str, words: set[str]) -> bool:
    return all(any(fnmatch.fnmatchcase(word, pattern) for word in words) for pattern in phrase.split())


def _kinds(words: set[str]) -> set[str]:
    return {kind for kind, phrases in OFFICE_KINDS.items() if any(_has(p, words) for p in phrases)}


def suggest_sources(name: str, data_sources: dict) -> list[str]:
    """Catalog data-source keys the office name suggests: the usual names regions give the office
    (KNOWN_SOURCES: DP3AP2KB, DP2KBP3A, Bapperida ...), a key or one of its aliases appearing in
    the name as words, or the name's own distinctive words all found in the source's name
    ("Dinas Pendidikan" -> "Dinas Pendidikan dan Kebudayaan"), or the source's whole name in the
    office name ("Dinas Kesehatan Kota Payakumbuh" -> dinkes). A UPTD is offered only a UPTD's
    sources and the police only the police's; no other office is offered theirs."""
    words = _words(name)
    distinctive = words - GENERIC_WORDS
    office_kinds = _kinds(words)
    found = []
    for key, entry in data_sources.items():
        entry = entry or {}
        aliases = [key.replace("_", " "), *(entry.get("aliases") or [])]
        by_alias = any(_words(alias) and _words(alias) <= words for alias in aliases if len(alias) >= 3)
        source_words = _words(re.sub(r"\([^()]*\)", " ", entry.get("name") or ""))
        by_name = bool(distinctive) and (distinctive <= source_words
                                         or bool(source_words - GENERIC_WORDS) and source_words <= words)
        known = KNOWN_SOURCES.get(key)
        by_usual_name = known is not None and any(_has(sign, words) for sign in known.signs)
        source_kinds = _kinds(_words(" ".join([key.replace("_", " "), entry.get("name") or "", *aliases])))
        if (by_alias or by_name or by_usual_name) and source_kinds == office_kinds:
            found.append(key)
    return found


NO_SOURCES = "-"
"""What the sumber_data column holds for an OPD that answers no question on purpose (an import
refuses an OPD row left empty)."""


@dataclass(frozen=True)
class SourceGuide:
    """One data source as the secretariat chooses it: its key, the office that usually answers it,
    how many questions of the catalog it is named on, and names regions give that office."""
    key: str
    name: str
    office: str
    questions: int
    examples: tuple[str, ...]


def source_guide(data_sources: dict, question_sources: Iterable[Iterable[str]]) -> list[SourceGuide]:
    """Every data source of a catalog, most questions first; `question_sources` holds the data
    sources of each of the catalog's questions."""
    counts: dict[str, int] = {}
    for keys in question_sources:
        for key in set(keys):
            counts[key] = counts.get(key, 0) + 1
    rows = []
    for key, entry in data_sources.items():
        entry = entry or {}
        known = KNOWN_SOURCES.get(key)
        examples = known.examples if known else tuple(entry.get("aliases") or ())
        rows.append(SourceGuide(key, entry.get("name") or key, known.kind if known else (entry.get("name") or key),
                                counts.get(key, 0), examples))
    return sorted(rows, key=lambda row: (-row.questions, row.key))


def closest_source(key: str, data_sources: dict) -> str | None:
    """The catalog key a mistyped one most likely meant (polres -> polresta, uptd -> uptd_ppa)."""
    found = suggest_sources(key, data_sources)
    if len(found) == 1:
        return found[0]
    close = difflib.get_close_matches(key, list(data_sources), n=1, cutoff=0.6)
    return close[0] if close else None
