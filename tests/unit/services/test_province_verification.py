"""The province's administrative verification (data/services/province/verification.py): once a
kab/kota has closed its cycle, a verifier of its province sets province points (a reason where they
differ, never above the maximum) or returns a question with a reason; the city never loses its own
answer or verified points; the three readings add up; another province, the city's own task force
and an open cycle are refused with nothing changed; every change is audited."""
import pytest

from data.actor import COMMAND_LINE
from data.errors import InvalidInput, PermissionDenied
from data.services.accounts.auth import create_user
from data.services.province.verification import (
    province_queue,
    province_reading,
    province_regions,
    return_to_city,
    set_province_points,
    three_readings,
)
from data.services.scoring.scores import score_report
from review_fixtures import account, answer_row, audit_of, snapshot


def first_with_points(engine, verifier, year=2024):
    queue = province_queue(engine, verifier, "53.71", year)
    return queue[queue["verified_points"] > 0].iloc[0], queue


def test_the_province_lowers_confirms_and_returns_and_the_city_reads_why(seeded_engine):
    ntt = account(seeded_engine, "provinsi.ntt")
    assert [(r["code"], r["years"]) for r in province_regions(seeded_engine, ntt)] == [("53.71", [2024, 2023, 2022])]
    row, queue = first_with_points(seeded_engine, ntt)
    assert set(queue["province_state"]) == {"open"} and len(queue) > 200
    before = {basis: score_report(seeded_engine, "53.71", 2024, basis)["total"] for basis in ("self", "verified")}
    set_province_points(seeded_engine, ntt, int(row.answer_id), 0, "Perda tidak dilampirkan; hanya draf.")
    confirmed = queue[(queue["verified_points"] > 0) & (queue["answer_id"] != row.answer_id)].iloc[0]
    set_province_points(seeded_engine, ntt, int(confirmed.answer_id), confirmed.verified_points)
    returned = queue.iloc[-1]
    return_to_city(seeded_engine, ntt, int(returned.answer_id), "Lampirkan SK Gugus Tugas yang berlaku.")

    city = answer_row(seeded_engine, int(row.answer_id))
    assert (city.status, city.verified_points) == ("verified", row.verified_points)  # the city's own reading stays
    totals = {basis: score_report(seeded_engine, "53.71", 2024, basis)["total"]
              for basis in ("self", "verified", "province")}
    assert totals["self"] == pytest.approx(before["self"]) and totals["verified"] == pytest.approx(before["verified"])
    assert totals["province"] == pytest.approx(totals["verified"] - row.verified_points)

    for reader in ("ketua", "provinsi.ntt"):  # the totals the city's scores page and the province's page show
        assert three_readings(seeded_engine, account(seeded_engine, reader), "53.71", 2024) == pytest.approx(totals)

    reading = province_reading(seeded_engine, account(seeded_engine, "ketua"), None, 2024)
    rows = reading[["question_code", "province_state", "province_reason", "province_return_reason"]].values.tolist()
    assert sorted(rows) == sorted([[row.question_code, "lowered", "Perda tidak dilampirkan; hanya draf.", ""],
                                   [returned.question_code, "returned", "", "Lampirkan SK Gugus Tugas yang berlaku."]])
    assert [r.action for r in audit_of(seeded_engine) if r.action.startswith("answer.province")] == [
        "answer.province_points", "answer.province_points", "answer.province_return"]


@pytest.mark.parametrize("points, reason, message", [
    (0, "", "berbeda dari poin terverifikasi kota"),
    (10_000, "terlalu tinggi", "poin provinsi harus antara 0 dan"),
    (-1, "negatif", "poin provinsi harus antara 0 dan"),
    ("lima", "bukan angka", "poin provinsi harus berupa angka."),
    (float("nan"), "bukan angka", "poin provinsi harus berupa angka."),
])
def test_bad_province_points_are_refused_and_nothing_changes(seeded_engine, points, reason, message):
    ntt = account(seeded_engine, "provinsi.ntt")
    row, _ = first_with_points(seeded_engine, ntt)
    before = snapshot(seeded_engine), answer_row(seeded_engine, int(row.answer_id)).province_points
    with pytest.raises(InvalidInput, match=message):
        set_province_points(seeded_engine, ntt, int(row.answer_id), points, reason)
    with pytest.raises(InvalidInput, match="tuliskan alasan pengembalian"):
        return_to_city(seeded_engine, ntt, int(row.answer_id), "  ")
    assert (snapshot(seeded_engine), answer_row(seeded_engine, int(row.answer_id)).province_points) == before


def test_others_are_refused_and_an_open_cycle_is_not_yet_the_provinces(seeded_engine):
    ntt = account(seeded_engine, "provinsi.ntt")
    row, _ = first_with_points(seeded_engine, ntt)
    create_user(seeded_engine, COMMAND_LINE, "provinsi.ntb", "Verifikator NTB", "rahasia-ntb-2025", "province", "52")
    ntb = account(seeded_engine, "provinsi.ntb")
    before = snapshot(seeded_engine)
    with pytest.raises(PermissionDenied, match="bukan kabupaten/kota provinsi Anda"):
        province_queue(seeded_engine, ntb, "53.71", 2024)
    with pytest.raises(PermissionDenied, match="bukan kabupaten/kota provinsi Anda"):
        set_province_points(seeded_engine, ntb, int(row.answer_id), 0, "alasan")
    for username in ("ketua", "anggota", "sekretariat", "opd.jdih"):
        with pytest.raises(PermissionDenied):
            set_province_points(seeded_engine, account(seeded_engine, username), int(row.answer_id), 0, "alasan")
    with pytest.raises(InvalidInput, match="Siklus 2025 Kota Kupang belum ditutup"):
        province_queue(seeded_engine, ntt, "53.71", 2025)
    assert snapshot(seeded_engine) == before
    assert province_regions(seeded_engine, ntb) == []


def test_the_meeting_report_carries_the_provinces_reading(seeded_engine):
    import io

    from pypdf import PdfReader

    from data.files.report_charts import readings_bars_png
    from data.services.scoring.reports import build_report

    ntt = account(seeded_engine, "provinsi.ntt")
    row, _ = first_with_points(seeded_engine, ntt)
    set_province_points(seeded_engine, ntt, int(row.answer_id), 0, "Perda tidak dilampirkan; hanya draf.")
    content = build_report(seeded_engine, COMMAND_LINE, "53.71", 2024, "pdf", group_chart=readings_bars_png)
    text = "\n".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(content)).pages)
    province = score_report(seeded_engine, "53.71", 2024, "province")["total"]
    assert f"Nilai verifikasi provinsi {province:.2f}".replace(".", ",") in text
    assert "Verifikasi administrasi provinsi" in text and "Perda tidak dilampirkan; hanya draf." in text
    with pytest.raises(InvalidInput, match="Laporan rapat memakai dasar 'verified' atau 'self'"):
        build_report(seeded_engine, COMMAND_LINE, "53.71", 2024, "pdf", basis="province")


def test_the_three_readings_are_refused_outside_the_region_and_its_province(seeded_engine):
    create_user(seeded_engine, COMMAND_LINE, "provinsi.ntb", "Verifikator NTB", "rahasia-ntb-2025", "province", "52")
    with pytest.raises(PermissionDenied, match="bukan kabupaten/kota provinsi Anda"):
        three_readings(seeded_engine, account(seeded_engine, "provinsi.ntb"), "53.71", 2024)
    with pytest.raises(PermissionDenied):
        three_readings(seeded_engine, account(seeded_engine, "opd.dinkes"), "53.71", 2024)
