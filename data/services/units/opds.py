"""The region's OPDs (and other offices that report, e.g. the police's PPA unit): added, renamed,
deactivated and reactivated by the secretariat (own region) or the admin, each saying which of
the catalog's data sources it answers for. An OPD's assignments follow its data sources in every
cycle that is not closed; nothing is deleted and a deactivated OPD keeps its answers."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from sqlalchemy import Engine, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from data import audit
from data.actor import SignedInUser
from data.db import bump_data_version, unit_of_work
from data.errors import InvalidInput, NotFound
from data.lookups import catalog_for_version, find_unit
from data.models import (
    CITY_UNIT_KIND,
    Answer,
    Assignment,
    CatalogVersion,
    EvaluationCycle,
    Question,
    Region,
    ReportingUnit,
    User,
)
from data.services.units.changes import sentence
from data.services.units.roster import FROZEN, managed_region, refresh_region
from data.text_guard import refuse_control_characters
from indicators import opds as opd_rules
from indicators.catalog import Catalog
from indicators.opds import SourceGuide
from indicators.text import excerpt
from indicators.unit_names import REFUSED_CHARACTERS

MAX_REASON = 1000


@dataclass(frozen=True)
class OpdChange:
    short_name: str
    message: str


def region_catalog_sources(session: Session, region: Region) -> dict[str, dict]:
    """The data sources of the catalogs the region's cycles that are not closed are answered on,
    else of the newest catalog loaded (key -> {name, aliases})."""
    sources: dict[str, dict] = {}
    for catalog in _region_catalogs(session, region):
        sources.update(catalog.data_sources)
    return sources


def _region_catalogs(session: Session, region: Region) -> list[Catalog]:
    version_ids = set(session.scalars(select(EvaluationCycle.catalog_version_id).where(
        EvaluationCycle.region_id == region.id, EvaluationCycle.status != FROZEN)))
    if not version_ids:
        newest = session.scalar(select(CatalogVersion.id).order_by(CatalogVersion.loaded_at.desc(),
                                                                   CatalogVersion.id.desc()).limit(1))
        version_ids = {newest} if newest else set()
    catalogs = []
    for version_id in sorted(version_ids):
        version = session.scalar(select(CatalogVersion.version).where(CatalogVersion.id == version_id))
        if version is None:
            raise NotFound("Versi katalog siklus wilayah ini tidak ditemukan.")
        catalogs.append(catalog_for_version(session, version))
    return catalogs


def source_problems(keys: list[str], known: dict[str, dict]) -> list[str]:
    problems = []
    for key in (k for k in keys if k not in known):
        guess = opd_rules.closest_source(key, known)
        hint = f"; maksud Anda '{guess}'?" if guess else "."
        problems.append(f"sumber data '{excerpt(key, 40)}' tidak dikenal katalog{hint} Kunci yang dikenal (daftarnya "
                        f"di halaman Unit Pelapor dan lembar sumber_data templat): {', '.join(sorted(known))}")
    return problems


def clean_sources(raw: object) -> list[str]:
    """Data-source keys from a list or a comma/semicolon-separated text, in order, without repeats
    (the mark of an OPD that answers nothing, "-", is no key)."""
    items = raw if isinstance(raw, (list, tuple)) else str(raw or "").replace(";", ",").split(",")
    keys = (str(item).strip().lower() for item in items)
    return list(dict.fromkeys(key for key in keys if key and key != opd_rules.NO_SOURCES))


def data_source_guide(engine: Engine, actor: SignedInUser, region_code: str | None = None) -> list[SourceGuide]:
    """The data sources an OPD of the region may answer for: key, the office that usually answers,
    how many questions of the region's catalog name it, names regions give that office."""
    with unit_of_work(engine) as session:
        region = managed_region(session, actor, region_code)
        catalogs = _region_catalogs(session, region)
        sources = {key: entry for catalog in catalogs for key, entry in catalog.data_sources.items()}
        questions = {(catalog.version, q.code): q.data_sources for catalog in catalogs for q in catalog.questions}
        return opd_rules.source_guide(sources, questions.values())


def opd_list(engine: Engine, actor: SignedInUser, region_code: str | None = None) -> dict:
    """The region's OPDs (active first), each with its data sources (key and name) and focal points,
    and the catalog's data sources for choosing."""
    with unit_of_work(engine) as session:
        region = managed_region(session, actor, region_code)
        known = region_catalog_sources(session, region)
        units = list(session.scalars(select(ReportingUnit).where(
            ReportingUnit.region_id == region.id, ReportingUnit.kind == CITY_UNIT_KIND)
            .order_by(ReportingUnit.active.desc(), ReportingUnit.name)))
        accounts: dict[int | None, list[str]] = {}
        for unit_id, username in session.execute(select(User.reporting_unit_id, User.username).where(
                User.reporting_unit_id.in_([u.id for u in units]), User.active.is_(True)).order_by(User.username)):
            accounts.setdefault(unit_id, []).append(username)
        return {"region_code": region.code, "region_name": region.name,
                "sources": {k: (v or {}).get("name", k) for k, v in known.items()},
                "opds": [{"short_name": u.short_name, "name": u.name, "data_sources": list(u.data_sources or []),
                          "active": u.active, "focal_points": accounts.get(u.id, [])} for u in units]}


def suggested_sources(engine: Engine, actor: SignedInUser, name: str, region_code: str | None = None) -> list[str]:
    with unit_of_work(engine) as session:
        region = managed_region(session, actor, region_code)
        return opd_rules.suggest_sources(name or "", region_catalog_sources(session, region))


def add_opd(engine: Engine, actor: SignedInUser, name: str, data_sources: object, short_name: str | None = None,
            region_code: str | None = None) -> OpdChange:
    with unit_of_work(engine) as session:
        region = managed_region(session, actor, region_code)
        problems: list[str] = []
        try:
            full = opd_rules.clean_name(name)
        except ValueError as error:
            raise InvalidInput([sentence(str(error))]) from None
        short = opd_rules.short_name_for(full, short_name)
        problem = opd_rules.short_name_problem(short)
        if problem:
            problems.append(sentence(problem))
        taken = session.scalar(select(ReportingUnit).where(ReportingUnit.region_id == region.id,
                                                            ReportingUnit.short_name == short))
        if taken is not None:
            problems.append(f"Nama singkat {short} sudah dipakai oleh {taken.name}; pilih nama singkat lain.")
        sources = clean_sources(data_sources)
        problems += [sentence(p) for p in source_problems(sources, region_catalog_sources(session, region))]
        if problems:
            raise InvalidInput(problems)
        unit = ReportingUnit(region_id=region.id, kind=CITY_UNIT_KIND, short_name=short, name=full,
                             data_sources=sources, active=True)
        session.add(unit)
        try:
            session.flush()
        except IntegrityError as error:
            raise InvalidInput([f"Nama singkat {short} baru saja dipakai oleh pengguna lain."]) from error
        audit.record(session, actor.id, "unit.add", "reporting_unit", unit.id, region.id,
                     {"new": _state(unit), "source": "form"})
        refresh_region(session, region, actor, {unit.id})
        bump_data_version(session, region.id, public=True)  # the public indicator pages name the OPDs
        return OpdChange(short, f"{full} ditambahkan (nama singkat {short}), menjawab untuk "
                                f"{', '.join(sources) or 'belum ada sumber data'}.")


def update_opd(engine: Engine, actor: SignedInUser, short_name: str, name: str | None = None,
               data_sources: object = None, region_code: str | None = None) -> OpdChange:
    """Rename an OPD and/or change the data sources it answers for (None leaves either as it is).
    Questions of a source it no longer answers for are taken from it in the cycles that are not
    closed, except those it has already answered (they stay, and the message says so)."""
    with unit_of_work(engine) as session:
        region = managed_region(session, actor, region_code)
        unit = _opd(session, region, short_name)
        old = _state(unit)
        problems: list[str] = []
        if name is not None:
            try:
                unit.name = opd_rules.clean_name(name)
            except ValueError as error:
                problems.append(sentence(str(error)))
        kept: list[str] = []
        if data_sources is not None:
            sources = clean_sources(data_sources)
            problems += [sentence(p) for p in source_problems(sources, region_catalog_sources(session, region))]
            if not problems:
                unit.data_sources = sources
        if problems:
            raise InvalidInput(problems)
        if _state(unit) == old:
            return OpdChange(unit.short_name, f"Tidak ada yang berubah pada {unit.name}.")
        if data_sources is not None:
            kept = _release_questions(session, region, unit)
        audit.record(session, actor.id, "unit.update", "reporting_unit", unit.id, region.id,
                     {"old": old, "new": _state(unit), "kept_answered": kept})
        refresh_region(session, region, actor, {unit.id} if data_sources is not None else set())
        bump_data_version(session, region.id, public=True)  # the public indicator pages name the OPDs
        note = (f" Pertanyaan {', '.join(kept)} tetap padanya karena sudah dijawab." if kept else "")
        return OpdChange(unit.short_name, f"{unit.name} diperbarui: menjawab untuk "
                                          f"{', '.join(unit.data_sources) or 'belum ada sumber data'}.{note}")


def set_opd_active(engine: Engine, actor: SignedInUser, short_name: str, active: bool, reason: str,
                   region_code: str | None = None) -> OpdChange:
    """Deactivate (its accounts can no longer enter; its answers stay) or reactivate an OPD."""
    refuse_control_characters(reason, "Alasan", multiline=True)
    with unit_of_work(engine) as session:
        region = managed_region(session, actor, region_code)
        unit = _opd(session, region, short_name)
        text = " ".join(str(reason or "").split())
        if not text:
            raise InvalidInput(["Tuliskan alasannya (mis. OPD digabung menjadi DP3AP2KB menurut Perda 5/2024)."])
        if len(text) > MAX_REASON or any(unicodedata.category(c) in REFUSED_CHARACTERS for c in text):
            raise InvalidInput([f"Alasan paling banyak {MAX_REASON} karakter, tanpa karakter kendali."])
        if unit.active == active:
            return OpdChange(unit.short_name, f"{unit.name} sudah {'aktif' if active else 'nonaktif'}.")
        unit.active = active
        audit.record(session, actor.id, "unit.reactivate" if active else "unit.deactivate", "reporting_unit",
                     unit.id, region.id, {"unit": unit.short_name, "reason": text,
                                          "old": {"active": not active}, "new": {"active": active}})
        refresh_region(session, region, actor, {unit.id} if active else set())
        bump_data_version(session, region.id, public=True)  # the public indicator pages name the OPDs
        return OpdChange(unit.short_name, f"{unit.name} {'diaktifkan kembali' if active else 'dinonaktifkan'}; "
                                          "jawabannya tetap tersimpan.")


def _opd(session: Session, region: Region, short_name: str) -> ReportingUnit:
    unit = find_unit(session, region, short_name)
    if unit.kind != CITY_UNIT_KIND:
        raise InvalidInput([f"{unit.name} adalah {unit.kind}; kelola di bagian kecamatan dan kelurahan."])
    return unit


def _release_questions(session: Session, region: Region, unit: ReportingUnit) -> list[str]:
    """Take from the OPD the city questions of cycles not closed whose data sources it no longer
    answers for, unless it has answered them; returns the codes it keeps for that reason."""
    sources = set(unit.data_sources or [])
    version_ids = set(session.scalars(select(EvaluationCycle.catalog_version_id).where(
        EvaluationCycle.region_id == region.id, EvaluationCycle.status != FROZEN)))
    answered = set(session.scalars(select(Answer.question_id).where(Answer.reporting_unit_id == unit.id)))
    kept = []
    rows = session.execute(select(Assignment.id, Question.id, Question.code, Question.data_sources,
                                  Question.answered_by)
                           .join(Question, Assignment.question_id == Question.id)
                           .where(Assignment.reporting_unit_id == unit.id,
                                  Question.catalog_version_id.in_(version_ids))).all()
    for assignment_id, question_id, code, question_sources, answered_by in rows:
        if answered_by != "city" or sources & set(question_sources or []):
            continue
        if question_id in answered:
            kept.append(code)
            continue
        session.execute(delete(Assignment).where(Assignment.id == assignment_id))
    return sorted(kept)


def _state(unit: ReportingUnit) -> dict:
    return {"short_name": unit.short_name, "name": unit.name, "kind": unit.kind,
            "data_sources": list(unit.data_sources or []), "active": unit.active}


@dataclass
class OpdPlan:
    """What the OPD rows of an imported file would change."""
    added: list[ReportingUnit] = field(default_factory=list)
    changed: list[tuple[ReportingUnit, str, list[str]]] = field(default_factory=list)   # unit, new name, sources
    unchanged: list[str] = field(default_factory=list)


def plan_opd_rows(session: Session, region: Region, rows: list, problems: list[str]) -> OpdPlan:
    """Check the OPD rows of a file (see data.files.units_file.OpdRow): new OPDs, renamed ones and
    changed data sources; every problem is added to `problems` with its row."""
    known = region_catalog_sources(session, region)
    units = {u.short_name: u for u in session.scalars(
        select(ReportingUnit).where(ReportingUnit.region_id == region.id))}
    plan = OpdPlan()
    seen: dict[str, int] = {}
    for row in rows:
        try:
            name = opd_rules.clean_name(row.name)
        except ValueError as error:
            problems.append(f"Baris {row.line}, kolom nama: {sentence(str(error))}")
            continue
        short = opd_rules.short_name_for(name, row.short_name)
        problem = opd_rules.short_name_problem(short)
        sources = clean_sources(row.data_sources)
        row_problems = [("nama_singkat", problem)] if problem else []
        row_problems += [("sumber_data", p) for p in source_problems(sources, known)]
        if not sources and str(row.data_sources or "").strip() != opd_rules.NO_SOURCES:
            example = _example_key(name, known)
            row_problems.append(("sumber_data", f"{name} tanpa sumber_data tidak akan menjawab pertanyaan apa pun; "
                                                f"isi kunci sumber data yang dijawabnya (mis. {example}), atau "
                                                f"'{opd_rules.NO_SOURCES}' bila memang tidak menjawab apa pun"))
        if short in seen:
            row_problems.append(("nama_singkat", f"nama singkat {short} sudah dipakai baris {seen[short]}; "
                                                 "satu OPD satu baris"))
        existing = units.get(short)
        if existing is not None and existing.kind != CITY_UNIT_KIND:
            row_problems.append(("nama_singkat", f"nama singkat {short} sudah dipakai oleh {existing.name}"))
        if row_problems:
            problems.extend(f"Baris {row.line}, kolom {column}: {sentence(p)}" for column, p in row_problems)
            continue
        seen[short] = row.line
        if existing is None:
            plan.added.append(ReportingUnit(region_id=region.id, kind=CITY_UNIT_KIND, short_name=short, name=name,
                                            data_sources=sources, active=True))
        elif existing.name != name or sources != list(existing.data_sources or []):
            plan.changed.append((existing, name, sources))
        else:
            plan.unchanged.append(existing.name)
    return plan


def _example_key(name: str, known: dict[str, dict]) -> str:
    found = opd_rules.suggest_sources(name, known)
    return ", ".join(found) if found else next(iter(sorted(known)), "dp3a")


def apply_opd_plan(session: Session, region: Region, actor: SignedInUser, plan: OpdPlan, filename: str,
                   batch: str | None = None) -> set[int]:
    """Add (marked with the import's batch id) and update the planned OPDs; returns the ids of the
    OPDs whose assignments the caller refreshes (data.services.units.roster.refresh_region)."""
    for unit in plan.added:
        unit.import_batch = batch
        session.add(unit)
    session.flush()
    for unit in plan.added:
        audit.record(session, actor.id, "unit.add", "reporting_unit", unit.id, region.id,
                     {"new": _state(unit), "source": "import", "file": filename, "batch": batch})
    for unit, name, sources in plan.changed:
        old = _state(unit)
        unit.name, unit.data_sources = name, sources
        if old["data_sources"] != sources:
            _release_questions(session, region, unit)
        audit.record(session, actor.id, "unit.update", "reporting_unit", unit.id, region.id,
                     {"old": old, "new": _state(unit), "source": "import", "file": filename})
    return {u.id for u in plan.added} | {u.id for u, _, sources in plan.changed}
