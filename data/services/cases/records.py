"""Klaster V case statistics kept by the staff: the true counts read, entered per year and imported.

Counts only, per region, year and SIMFONI-PPA category (type of violence, victim group, victim
sex, age group) plus the cause (grouped as Kota Kupang's task force groups its police data) and
the source; place and service are optional. Never a person: the table has no column for a name,
NIK, address or birth date.

Who may do what (checked here, whatever the page shows):
- read the true counts: admin (every region); secretariat, chair and members of the task force,
  and the OPD accounts of DP3A and UPTD PPA (their own region);
- enter and import: admin, the secretariat (which sits in DP3A), and the OPD accounts of DP3A
  and UPTD PPA, who keep the case records.
The public sees only suppressed figures (data.services.cases.public).

Saving a year replaces all its rows at once (the grid is the year); an import does the same for
every year in the file, all or nothing.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from data import audit
from data.access import (
    acts_in_region,
    may_enter_cases,
    may_read_cases,
    require_active_actor,
    require_current_account,
    visible_regions,
)
from data.actor import SignedInUser
from data.db import bump_data_version, unit_of_work
from data.errors import InvalidInput, PermissionDenied
from data.files.cases_csv import parse_cases_csv
from data.lookups import find_region
from data.models import AGE_GROUPS, VICTIM_GROUPS, VICTIM_SEXES, VIOLENCE_TYPES, CaseStatistic, Region
from indicators.cases import (
    AGE_GROUP_LABELS,
    CATEGORY_FIELDS,
    ROW_COLUMNS,
    VICTIM_GROUP_LABELS,
    VICTIM_SEX_LABELS,
    VIOLENCE_TYPE_LABELS,
    blank,
    check_rows,
    label,
    parse_count,
    parse_year,
    year_totals,
)

# The table's check constraints name the same categories as the domain.
assert tuple(VIOLENCE_TYPE_LABELS) == VIOLENCE_TYPES and tuple(VICTIM_GROUP_LABELS) == VICTIM_GROUPS
assert tuple(VICTIM_SEX_LABELS) == VICTIM_SEXES and tuple(AGE_GROUP_LABELS) == AGE_GROUPS


def _require(session: Session, actor: SignedInUser, region: Region, write: bool) -> None:
    require_current_account(session, actor)
    allowed = may_enter_cases(actor) if write else may_read_cases(actor)
    if not allowed:
        raise PermissionDenied(
            "Hanya admin, sekretariat KLA, dan petugas DP3A/UPTD PPA yang dapat mengisi data kasus."
            if write else "Data kasus asli hanya dapat dilihat oleh Gugus Tugas KLA, DP3A dan UPTD PPA.")
    if not acts_in_region(actor, region.id):
        raise PermissionDenied("Anda hanya dapat mengelola data kasus wilayah Anda sendiri.")


# --- reading ------------------------------------------------------------------------------------


def stored_rows(session: Session, region_id: int, years: list[int] | None = None) -> pd.DataFrame:
    """The region's stored case rows (of `years`, if given), without a permission check: for
    the services that check it, and for the public figures, which are suppressed."""
    query = select(CaseStatistic).where(CaseStatistic.region_id == region_id)
    if years is not None:
        query = query.where(CaseStatistic.year.in_(years))
    rows = [{name: getattr(row, name) for name in ROW_COLUMNS} for row in session.scalars(
        query.order_by(CaseStatistic.year, CaseStatistic.id))]
    return pd.DataFrame(rows, columns=ROW_COLUMNS)


def case_rows(engine: Engine, actor: SignedInUser, region_code: str, year: int | None = None) -> pd.DataFrame:
    """The true counts (staff only): one row per category combination."""
    with unit_of_work(engine) as session:
        region = find_region(session, region_code)
        _require(session, actor, region, write=False)
        return stored_rows(session, region.id, None if year is None else [int(year)])


def case_year_totals(engine: Engine, actor: SignedInUser, region_code: str) -> pd.DataFrame:
    """Per year: adult women, children and all cases (true counts, staff only)."""
    frame = case_rows(engine, actor, region_code)
    return year_totals(frame)


# --- writing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class YearChange:
    year: int
    rows_before: int
    rows_after: int
    total_before: int
    total_after: int


def _replace_year(session: Session, actor: SignedInUser, region: Region, year: int,
                  rows: pd.DataFrame, how: str) -> YearChange:
    before = stored_rows(session, region.id, [year])
    session.execute(delete(CaseStatistic).where(CaseStatistic.region_id == region.id, CaseStatistic.year == year))
    session.flush()
    for row in rows.itertuples(index=False):
        session.add(CaseStatistic(region_id=region.id, year=year, case_count=int(row.case_count),
                                  **{name: getattr(row, name) for name in CATEGORY_FIELDS}))
    change = YearChange(year=year, rows_before=len(before), rows_after=len(rows),
                        total_before=int(before["case_count"].sum()), total_after=int(rows["case_count"].sum()))
    audit.record(session, actor.id, f"{how}_case_statistics", "case_statistic",
                 f"{region.code}/{year}", region.id,
                 {"year": year, "rows_before": change.rows_before, "rows_after": change.rows_after,
                  "total_before": change.total_before, "total_after": change.total_after,
                  # the replaced counts themselves, so that any change can be undone from the log
                  "old_counts": [{**{name: row[name] for name in CATEGORY_FIELDS}, "case_count": int(row["case_count"])}
                                 for row in before.to_dict("records")],
                  "by_group": {g: int(rows.loc[rows["victim_group"] == g, "case_count"].sum())
                               for g in VICTIM_GROUPS}})
    return change


def save_year(engine: Engine, actor: SignedInUser, region_code: str, year: int,
              rows: list[dict] | pd.DataFrame, stated_totals: dict[str, int] | None = None) -> YearChange:
    """Replace the counts of one year with `rows` (the grid), all or nothing. Rows with a count
    of 0 are dropped (they say nothing); stated_totals {victim_group: total} are checked."""
    require_active_actor(engine, actor)
    records = rows.to_dict("records") if isinstance(rows, pd.DataFrame) else list(rows)
    year_checked, message = parse_year(year)
    if year_checked is None:  # parse_year gives its message then
        year_problem = message or f"tahun '{year}' tidak sah"
        raise InvalidInput([year_problem[0].upper() + year_problem[1:] + "."])
    records = [{**r, "year": year_checked} for r in records
               if not all(blank(r.get(n)) for n in [*CATEGORY_FIELDS, "case_count"])]
    totals = {(year_checked, g): t for g, t in (stated_totals or {}).items() if t is not None}
    for (y, g), t in totals.items():
        count, problem = parse_count(t)
        if problem or count is None:
            raise InvalidInput([f"Jumlah {label('victim_group', g).lower()} yang dinyatakan: {problem}."])
        totals[(y, g)] = count
    checked = check_rows(records, [f"Baris {i}" for i in range(1, len(records) + 1)], totals)
    with unit_of_work(engine) as session:
        region = find_region(session, region_code)
        _require(session, actor, region, write=True)
        if checked.problems:
            raise InvalidInput(checked.problems + ["Tidak ada yang disimpan."])
        kept = checked.rows[checked.rows["case_count"] > 0]
        change = _replace_year(session, actor, region, year_checked, kept, "save")
        bump_data_version(session, region.id, public=True)
        return change


@dataclass(frozen=True)
class ImportResult:
    dry_run: bool
    changes: list[YearChange]
    rows_read: int
    encoding: str
    separator: str


def import_cases(engine: Engine, actor: SignedInUser, region_code: str, data: bytes,
                 dry_run: bool = False) -> ImportResult:
    """Import a CSV: every year in the file is replaced by the file's rows, all or nothing.
    With dry_run, only say what would change. Any problem: InvalidInput listing every problem by
    line, and nothing changes."""
    parsed = parse_cases_csv(data)
    with unit_of_work(engine) as session:
        region = find_region(session, region_code)
        _require(session, actor, region, write=True)
        if parsed.problems:
            raise InvalidInput(parsed.problems + ["Tidak ada yang diimpor."])
        if parsed.rows.empty:
            raise InvalidInput(["Berkas tidak berisi baris data; tidak ada yang diimpor."])
        changes = []
        for year, rows in parsed.rows.groupby("year", sort=True):
            kept = rows[rows["case_count"] > 0]
            if dry_run:
                before = stored_rows(session, region.id, [int(year)])
                changes.append(YearChange(int(year), len(before), len(kept), int(before["case_count"].sum()),
                                          int(kept["case_count"].sum())))
            else:
                changes.append(_replace_year(session, actor, region, int(year), kept, "import"))
        if not dry_run:
            bump_data_version(session, region.id, public=True)
        return ImportResult(dry_run=dry_run, changes=changes, rows_read=len(parsed.rows),
                            encoding=parsed.encoding, separator=parsed.separator)


def case_regions(engine: Engine, actor: SignedInUser) -> list[dict]:
    """The regions whose case data the actor may read: all for the admin, else their own."""
    require_active_actor(engine, actor)
    if not may_read_cases(actor):
        return []
    with unit_of_work(engine) as session:
        return [{"code": r.code, "name": r.name} for r in session.scalars(visible_regions(actor).order_by(Region.name))]
