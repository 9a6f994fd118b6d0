"""The readiness board (data/services/province/board.py, data/files/board_pdf.py): every hosted
region's cycle of a year with its stage, progress, lateness, who is late and totals (the totals of
score-all), per province; the deployment's admin reads it, a province verifier its province's
regions only; CSV and PDF carry the same rows."""
import io
from datetime import date

import pandas as pd
import pytest
from pypdf import PdfReader
from sqlalchemy import event, select

from data.actor import COMMAND_LINE
from data.db import unit_of_work
from data.errors import InvalidInput, PermissionDenied
from data.models import Answer, Assignment, CatalogVersion, EvaluationCycle, Question, Region, ReportingUnit
from data.services.accounts.auth import create_user
from data.services.province.board import board_files, named_few, readiness_board
from data.services.review.completeness import completeness_report
from data.services.scoring.scores import score_all_regions
from review_fixtures import account, second_region

LATE = date(2027, 1, 5)  # the demo's 2025 deadline, 18 December 2026, has passed


def pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def region_with_units(engine, code: str, name: str, province_code: str, province_name: str,
                      owing: dict[str, int], answered: dict[str, int] | None = None) -> None:
    """A region with a 2025 cycle on the demo's instrument (deadline 18 December 2026): each unit of
    `owing` assigned that many questions it has not answered, each of `answered` that many it
    submitted."""
    with unit_of_work(engine) as session:
        version = session.scalar(select(CatalogVersion))
        questions = list(session.scalars(select(Question).where(Question.catalog_version_id == version.id,
                                                                Question.derivation.is_(None))
                                         .order_by(Question.id)))
        region = Region(code=code, name=name, kind="kota", province_code=province_code,
                        province_name=province_name)
        session.add(region)
        session.flush()
        cycle = EvaluationCycle(region_id=region.id, year=2025, catalog_version_id=version.id, status="open",
                                deadline=date(2026, 12, 18))
        session.add(cycle)
        session.flush()
        for short_name, count in [*owing.items(), *(answered or {}).items()]:
            unit = ReportingUnit(region_id=region.id, kind="opd", short_name=short_name, name=short_name.upper())
            session.add(unit)
            session.flush()
            for question in questions[:count]:
                session.add(Assignment(region_id=region.id, question_id=question.id, reporting_unit_id=unit.id))
                if short_name in (answered or {}):
                    session.add(Answer(region_id=region.id, cycle_id=cycle.id, question_id=question.id,
                                       reporting_unit_id=unit.id, bool_value=True, status="submitted",
                                       self_points=0))


def test_who_is_late_is_named_most_outstanding_first(seeded_engine):
    admin = account(seeded_engine, "admin")
    region_with_units(seeded_engine, "53.02", "Kota Contoh", "53", "Nusa Tenggara Timur",
                      owing={"dlh": 2, "dinsos": 4, "bappeda": 4}, answered={"dp3a": 3})
    rows = readiness_board(seeded_engine, admin, 2025, today=LATE).regions.set_index("region_code")
    assert (rows.loc["53.02", "late_units"], rows.loc["53.02", "late_unit_names"]) == (3, "bappeda, dinsos, dlh")
    report = completeness_report(seeded_engine, admin, 2025, "53.71", today=LATE)
    late = report.units[report.units["overdue"]].sort_values(["outstanding", "unit_short_name"],
                                                             ascending=[False, True])
    names = late["unit_short_name"].tolist()
    assert len(names) > 5 and rows.loc["53.71", "late_units"] == len(names)
    assert rows.loc["53.71", "late_unit_names"] == f"{', '.join(names[:5])} +{len(names) - 5} lainnya"
    assert rows.loc["53.71", "late_unit_names"].startswith("dp3a, dinkes, ")  # the most still owed

    before = readiness_board(seeded_engine, admin, 2025, today=date(2026, 12, 18)).regions
    assert (before["late_units"] == 0).all() and (before["late_unit_names"] == "").all()  # not late on the day

    _, csv, pdf = board_files(seeded_engine, admin, 2025, today=LATE)
    listed = pd.read_csv(io.BytesIO(csv), dtype={"region_code": str}, keep_default_na=False).set_index("region_code")
    assert listed.loc["53.02", "late_unit_names"] == "bappeda, dinsos, dlh"
    assert listed.loc["53.71", "late_unit_names"] == rows.loc["53.71", "late_unit_names"]
    text = pdf_text(pdf)
    assert "Siapa yang terlambat" in text and "bappeda, dinsos, dlh" in text
    assert f"+{len(names) - 5} lainnya" in text


def test_named_few_names_five_and_counts_the_rest():
    assert named_few([]) == ""
    assert named_few(["dinkes", "dp3a"]) == "dinkes, dp3a"
    assert named_few(["a", "b", "c", "d", "e"]) == "a, b, c, d, e"
    assert named_few(["a", "b", "c", "d", "e", "f", "g"]) == "a, b, c, d, e +2 lainnya"


def test_a_board_of_several_regions_gives_each_regions_own_figures_in_as_many_queries(seeded_engine):
    second_region(seeded_engine)
    admin = account(seeded_engine, "admin")
    readiness_board(seeded_engine, admin, 2025, today=LATE)  # what the process loads once is loaded
    statements = []
    event.listen(seeded_engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    readiness_board(seeded_engine, admin, 2025, today=LATE)
    two = len(statements)
    region_with_units(seeded_engine, "53.02", "Kota Contoh", "53", "Nusa Tenggara Timur",
                      owing={"dlh": 2}, answered={"dp3a": 3})
    region_with_units(seeded_engine, "53.03", "Kota Lain", "53", "Nusa Tenggara Timur",
                      owing={"dinsos": 1}, answered={"dp3a": 1})
    statements.clear()
    board = readiness_board(seeded_engine, admin, 2025, today=LATE).regions.set_index("region_code")
    assert len(statements) == two  # four regions read in as many queries as two
    assert set(board.index) == {"53.71", "53.01", "53.02", "53.03"}
    for code in board.index:
        alone = completeness_report(seeded_engine, admin, 2025, code, today=LATE)
        units, row = alone.units, board.loc[code]
        late = units[units["overdue"]].sort_values(["outstanding", "unit_short_name"], ascending=[False, True])
        assert (row["assigned"], row["answered"], row["submitted"], row["verified"]) == (
            alone.totals["assigned"], alone.totals["assigned"] - alone.totals["not_started"],
            alone.totals["submitted"] + alone.totals["verified"], alone.totals["verified"]), code
        assert row["percent_verified"] == pytest.approx(alone.totals["percent_verified"]), code
        assert row["late_units"] == alone.totals["units_overdue"], code
        assert row["late_unit_names"] == named_few(late["unit_short_name"].tolist()), code


def test_a_verifier_of_another_province_never_sees_ntt(seeded_engine):
    second_region(seeded_engine)
    create_user(seeded_engine, COMMAND_LINE, "provinsi.ntb", "Verifikator NTB", "rahasia-ntb-2025", "province", "52")
    ntb = account(seeded_engine, "provinsi.ntb")
    stem, csv, pdf = board_files(seeded_engine, ntb, today=LATE)  # no region of NTB yet: an empty board
    assert pd.read_csv(io.BytesIO(csv)).empty
    text = pdf_text(pdf)
    assert "Belum ada kabupaten/kota dengan siklus evaluasi yang dapat Anda lihat." in text
    for leak in ("53.71", "Kota Kupang", "53.01", "Kabupaten Kupang", "Nusa Tenggara Timur"):
        assert leak.encode() not in csv and leak not in text

    region_with_units(seeded_engine, "52.71", "Kota Mataram", "52", "Nusa Tenggara Barat",
                      owing={"dinkes": 2}, answered={"dp3a": 1})
    board = readiness_board(seeded_engine, ntb, today=LATE)
    assert board.regions["region_code"].tolist() == ["52.71"] and board.regions["late_unit_names"].tolist() == [
        "dinkes"]
    assert board.provinces["province_code"].tolist() == ["52"]
    _, csv, pdf = board_files(seeded_engine, ntb, today=LATE)
    text = pdf_text(pdf)
    assert "Kota Mataram (52.71)" in text and b"Kota Mataram" in csv
    for leak in ("53.71", "Kota Kupang", "53.01", "Kabupaten Kupang", "Nusa Tenggara Timur", "dp3a, dinkes"):
        assert leak.encode() not in csv and leak not in text


def test_the_admin_sees_every_region_furthest_behind_first(seeded_engine):
    second_region(seeded_engine)
    admin = account(seeded_engine, "admin")
    board = readiness_board(seeded_engine, admin, 2025, today=date(2027, 1, 5))
    assert board.years == [2025, 2024, 2023, 2022]
    rows = board.regions.set_index("region_code")
    assert set(rows.index) == {"53.71", "53.01"}
    kupang = rows.loc["53.71"]
    assert (kupang["stage"], kupang["days_to_deadline"]) == ("filling", -18)  # 18 December 2026 passed
    assert kupang["late_units"] > 0 and 0 < kupang["verified"] < kupang["submitted"] <= kupang["assigned"]
    totals = score_all_regions(seeded_engine, "verified", 2025).set_index("region")
    assert kupang["verified_total"] == pytest.approx(totals.loc["53.71", "total"])
    kabupaten = rows.loc["53.01"]
    assert (kabupaten["assigned"], kabupaten["submitted"], kabupaten["verified"]) == (1, 1, 0)
    assert board.regions["region_code"].iloc[0] == "53.71"  # late units first
    ntt = board.provinces.set_index("province_code").loc["53"]
    assert (ntt["regions"], ntt["closed"], ntt["published"]) == (2, 0, 0)

    published = readiness_board(seeded_engine, admin, 2024, today=date(2027, 1, 5)).regions.set_index("region_code")
    assert published.loc["53.71", "stage"] == "published" and published.loc["53.71", "predikat_name"] == "Madya"
    units = completeness_report(seeded_engine, admin, 2024, "53.71").units  # the completeness page's counts
    assert (published.loc["53.71", "assigned"], published.loc["53.71", "verified"]) == (
        units["assigned"].sum(), units["verified"].sum())


def test_csv_and_pdf_carry_the_board(seeded_engine):
    admin = account(seeded_engine, "admin")
    stem, csv, pdf = board_files(seeded_engine, admin, 2024)
    assert stem == "papan_kesiapan_kla_2024"
    rows = pd.read_csv(io.BytesIO(csv), dtype={"region_code": str, "province_code": str})
    assert rows[["region_code", "stage", "predikat_name"]].values.tolist() == [["53.71", "published", "Madya"]]
    text = pdf_text(pdf)
    assert "Papan Kesiapan Evaluasi KLA 2024" in text and "Kota Kupang (53.71)" in text and "Diterbitkan" in text


def test_only_the_admin_reads_the_board_and_an_unknown_year_is_named(seeded_engine):
    for username in ("ketua", "sekretariat", "anggota", "opd.dinkes", "forum.anak"):
        with pytest.raises(PermissionDenied):
            readiness_board(seeded_engine, account(seeded_engine, username))
    with pytest.raises(InvalidInput, match="Belum ada wilayah dengan siklus 2031. Siklus yang ada: 2025, 2024"):
        readiness_board(seeded_engine, account(seeded_engine, "admin"), 2031)


def test_a_province_verifier_reads_only_its_provinces_regions(seeded_engine):
    second_region(seeded_engine)
    ntt = account(seeded_engine, "provinsi.ntt")
    assert (ntt.role, ntt.region_id, ntt.province_code) == ("province", None, "53")
    assert set(readiness_board(seeded_engine, ntt, 2025).regions["region_code"]) == {"53.71", "53.01"}
    created = create_user(seeded_engine, COMMAND_LINE, "provinsi.ntb", "Verifikator NTB", "rahasia-ntb-2025",
                          "province", "52")
    assert created.province_code == "52"
    ntb = readiness_board(seeded_engine, account(seeded_engine, "provinsi.ntb"))
    assert ntb.regions.empty and ntb.years == []
    from_city = create_user(seeded_engine, COMMAND_LINE, "provinsi.ntt2", "Verifikator NTT", "rahasia-ntt-2025",
                            "province", "53.71")
    assert from_city.province_code == "53" and from_city.region_id is None
    with pytest.raises(InvalidInput, match="Provinsi dengan kode '99' tidak dikenal"):
        create_user(seeded_engine, COMMAND_LINE, "provinsi.x", "X", "rahasia-x-2025", "province", "99")


def test_the_board_puts_low_verification_near_the_deadline_at_risk_with_the_three_readings(ntt_engine):
    """Kota Kupang's open 2025 cycle, little verified with its deadline near, is at risk though no unit
    is late yet; Belu's closed cycle shows how much the province has checked and its reading's predikat."""
    from indicators.verification import readiness_risks

    assert readiness_risks(True, 0, 13.1, 11) == ["baru 13,1% terverifikasi, 11 hari lagi"]
    assert readiness_risks(True, 0, 60.0, 11) == [] and readiness_risks(False, 0, 13.1, 11) == []
    board = readiness_board(ntt_engine, account(ntt_engine, "provinsi.ntt"), 2025)
    rows = board.regions.set_index("region_code")
    kupang, belu = rows.loc["53.71"], rows.loc["53.04"]
    assert kupang["at_risk"] and "terverifikasi" in kupang["risks"] and kupang["percent_verified"] < 50
    assert board.regions.iloc[0]["at_risk"]  # at-risk regions come first
    assert 0 < belu["province_checked"] <= belu["verified"] and 0 < belu["percent_province_checked"] < 100
    assert (belu["predikat_name"], belu["province_predikat_name"]) == ("Nindya", "Madya")
    assert belu["province_total"] < belu["verified_total"] and isinstance(belu["self_predikat_name"], str)
