"""The official Kemendagri list of region codes in table official_area: the copy shipped in
data/reference/ is loaded into an empty database, and an operator may replace it with a newer list
(all or nothing, audited)."""
from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, delete, func, insert, select

from data import audit
from data.access import require_current_account, require_role
from data.actor import SignedInUser
from data.db import bump_data_version, unit_of_work
from data.errors import InvalidInput
from data.files.csv_text import decode_csv_text
from data.models import OfficialArea
from indicators.wilayah import OfficialEntry, read_official_list

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "reference"
SHIPPED_REGIONS = REFERENCE_DIR / "kemendagri_regions_2025.csv.gz"
SHIPPED_AREAS = REFERENCE_DIR / "kemendagri_kecamatan_kelurahan_2025.csv.gz"
SHIPPED_NAME = "Kepmendagri 300.2.2-2138/2025"
MAX_LIST_BYTES = 20 * 1024 * 1024
BATCH = 5000


@dataclass(frozen=True)
class OfficialListInfo:
    list_name: str | None
    provinces: int
    regencies: int
    kecamatan: int
    villages: int


def ensure_official_list(engine: Engine) -> bool:
    """Load the shipped list when the table is empty (first start); True if it loaded it."""
    with unit_of_work(engine) as session:
        if session.scalar(select(OfficialArea.code).limit(1)) is not None:
            return False
    entries, problems = read_official_list(gzip.decompress(SHIPPED_REGIONS.read_bytes()).decode("utf-8"),
                                           gzip.decompress(SHIPPED_AREAS.read_bytes()).decode("utf-8"))
    assert not problems, problems  # the shipped list is checked by the test suite
    with unit_of_work(engine) as session:
        if session.scalar(select(OfficialArea.code).limit(1)) is not None:
            return False  # another process loaded it meanwhile
        _store(session, entries, SHIPPED_NAME)
    return True


def load_official_list(engine: Engine, actor: SignedInUser, regions_csv: bytes, areas_csv: bytes,
                       list_name: str) -> OfficialListInfo:
    """Replace the official list with a newer one (the admin): both CSV files in the columns of
    the shipped ones. Any problem refuses the whole list and nothing changes. Hosted regions and
    units keep their codes; a code the new list lacks shows on the setup checklist. Who loads it
    is checked before a byte of the files is read."""
    require_role(actor, ("admin",), "Hanya admin yang dapat memuat daftar wilayah resmi.")
    with unit_of_work(engine, read_only=True) as session:
        require_current_account(session, actor)
    list_name = " ".join((list_name or "").split())
    problems = []
    if not list_name or len(list_name) > 100:
        problems.append("Nama daftar wajib diisi (paling banyak 100 karakter), mis. Kepmendagri 100.1.1-6117/2022.")
    texts: list[str] = []
    for label, data in (("provinsi dan kabupaten/kota", regions_csv), ("kecamatan dan desa/kelurahan", areas_csv)):
        if not data:
            problems.append(f"Berkas {label} belum dipilih.")
        elif len(data) > MAX_LIST_BYTES:
            problems.append(f"Berkas {label} lebih dari {MAX_LIST_BYTES // (1024 * 1024)} MB.")
        else:
            text, encoding = decode_csv_text(data)
            if text is None:
                problems.append(f"Berkas {label} bukan teks UTF-8 atau Windows-1252 ({encoding}); simpan ulang "
                                "sebagai CSV UTF-8.")
            else:
                texts.append(text)
    if problems:
        raise InvalidInput(problems)
    entries, problems = read_official_list(*texts)
    if problems:
        raise InvalidInput(problems)
    with unit_of_work(engine) as session:
        require_role(actor, ("admin",), "Hanya admin yang dapat memuat daftar wilayah resmi.")
        require_current_account(session, actor)
        before = _info(session)
        session.execute(delete(OfficialArea))
        _store(session, entries, list_name)
        after = _info(session)
        audit.record(session, actor.id, "official_list.load", "official_area", list_name, None,
                     {"old": before.__dict__, "new": after.__dict__})
        bump_data_version(session)
        return after


def official_list_info(engine: Engine) -> OfficialListInfo:
    with unit_of_work(engine) as session:
        return _info(session)


def _store(session, entries: list[OfficialEntry], list_name: str) -> None:
    rows = [{"code": e.code, "name": e.name, "level": e.level, "parent_code": e.parent_code,
             "list_name": list_name} for e in entries]
    for start in range(0, len(rows), BATCH):
        session.execute(insert(OfficialArea), rows[start:start + BATCH])


def _info(session) -> OfficialListInfo:
    counts = dict(session.execute(select(OfficialArea.level, func.count()).group_by(OfficialArea.level)).all())
    name = session.scalar(select(OfficialArea.list_name).limit(1))
    return OfficialListInfo(name, counts.get("provinsi", 0), counts.get("kabupaten", 0) + counts.get("kota", 0),
                            counts.get("kecamatan", 0), counts.get("kelurahan", 0) + counts.get("desa", 0))
