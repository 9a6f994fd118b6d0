"""The readiness board (data/services/province/board.py, data/files/board_pdf.py): every hosted
region's cycle of a year with its stage, progress, lateness and totals (the totals of score-all),
per province; only the deployment's admin reads it; CSV and PDF carry the same rows."""
import io
from datetime import date

import pandas as pd
import pytest
from pypdf import PdfReader

from data.errors import InvalidInput, PermissionDenied
from data.services.province.board import board_files, readiness_board
from data.services.review.completeness import completeness_report
from data.services.scoring.scores import score_all_regions
from review_fixtures import account, second_region


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
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Papan Kesiapan Evaluasi KLA 2024" in text and "Kota Kupang (53.71)" in text and "Diterbitkan" in text


def test_only_the_admin_reads_the_board_and_an_unknown_year_is_named(seeded_engine):
    for username in ("ketua", "sekretariat", "anggota", "opd.dinkes", "forum.anak"):
        with pytest.raises(PermissionDenied):
            readiness_board(seeded_engine, account(seeded_engine, username))
    with pytest.raises(InvalidInput, match="Belum ada wilayah dengan siklus 2031. Siklus yang ada: 2025, 2024"):
        readiness_board(seeded_engine, account(seeded_engine, "admin"), 2031)


def test_a_province_verifier_reads_only_its_provinces_regions(seeded_engine):
    from data.actor import COMMAND_LINE
    from data.services.accounts.auth import create_user

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
