"""Klaster V case statistics (data/services/cases/): the schema, entry per year, CSV import
with a dry run, every kind of bad input, permissions, and the public (suppressed) table."""
from __future__ import annotations

import re

import pandas as pd
import pytest
from sqlalchemy import func, inspect, select

from data.actor import COMMAND_LINE
from data.db import current_data_version, unit_of_work
from data.errors import InvalidInput, PermissionDenied
from data.files.cases_csv import template_csv
from data.models import CaseStatistic, EvaluationCycle
from data.services.cases.public import public_cases
from data.services.cases.records import case_rows, case_year_totals, import_cases, save_year
from data.services.public.files import cases_file

HEADER = "tahun,kelompok_korban,jenis_kekerasan,jenis_kelamin,kelompok_umur,penyebab,sumber,tempat,layanan,jumlah\n"


def row(**changes) -> dict:
    base = {"victim_group": "anak", "violence_type": "fisik", "victim_sex": "perempuan", "age_group": "6-12",
            "cause": "pola_asuh", "source": "uptd_ppa", "place": "", "service": "", "case_count": 6}
    return {**base, **changes}


@pytest.fixture
def people(kupang, make_user, make_region):
    other = make_region("53.01", "Kabupaten Kupang", "53", "Nusa Tenggara Timur")
    return {
        "admin": make_user("admin", "admin"),
        "sekretariat": make_user("sekretariat", "secretariat", region_id=kupang["region"]),
        "ketua": make_user("ketua", "chair", region_id=kupang["region"]),
        "dp3a": make_user("opd.dp3a", "opd", region_id=kupang["region"], unit_id=kupang["dp3a"]),
        "disdukcapil": make_user("opd.disdukcapil", "opd", region_id=kupang["region"], unit_id=kupang["disdukcapil"]),
        "other_secretariat": make_user("sekretariat.lain", "secretariat", region_id=other),
    }


def stored(engine) -> list[tuple]:
    with unit_of_work(engine) as session:
        return [(r.year, r.victim_group, r.violence_type, r.victim_sex, r.age_group, r.cause, r.source, r.place,
                 r.service, r.case_count)
                for r in session.scalars(select(CaseStatistic).order_by(CaseStatistic.id))]


# --- the schema ---------------------------------------------------------------------------------

IDENTIFYING = re.compile(r"name|nama|nik|address|alamat|birth|lahir|tanggal|dob|phone|telepon|ktp|kk_",
                         re.IGNORECASE)


def test_the_schema_has_no_column_that_could_identify_a_victim(engine):
    columns = [c["name"] for c in inspect(engine).get_columns("case_statistic")]
    assert "case_count" in columns and "violence_type" in columns
    assert [c for c in columns if IDENTIFYING.search(c)] == []
    assert [c.name for c in CaseStatistic.__table__.columns if IDENTIFYING.search(c.name)] == []


# --- entry per year -----------------------------------------------------------------------------


def test_secretariat_saves_a_year_as_a_grid(engine, people, audit_rows):
    version = current_data_version(engine, "53.71")
    change = save_year(engine, people["sekretariat"], "53.71", 2023, [
        row(case_count=6),
        row(victim_group="perempuan_dewasa", age_group="18+", cause="ekonomi", case_count=3),
        row(violence_type="psikis", case_count=0),  # a zero says nothing and is dropped
        {"victim_group": None, "case_count": None},  # an empty grid row
    ])
    assert (change.rows_before, change.rows_after, change.total_after) == (0, 2, 9)
    assert len(stored(engine)) == 2
    assert current_data_version(engine, "53.71") == version + 1
    [entry] = audit_rows("save_case_statistics")
    assert entry.details["by_group"] == {"perempuan_dewasa": 3, "anak": 6}
    assert entry.actor_id == people["sekretariat"].id

    assert entry.details["old_counts"] == []

    again = save_year(engine, people["dp3a"], "53.71", 2023, [row(case_count=8)])
    assert (again.rows_before, again.rows_after, again.total_before, again.total_after) == (2, 1, 9, 8)
    replaced = audit_rows("save_case_statistics")[-1].details["old_counts"]
    assert sorted((r["victim_group"], r["age_group"], r["case_count"]) for r in replaced) == [
        ("anak", "6-12", 6), ("perempuan_dewasa", "18+", 3)]
    assert stored(engine) == [(2023, "anak", "fisik", "perempuan", "6-12", "pola_asuh", "uptd_ppa", "", "", 8)]


def test_labels_are_accepted_as_well_as_codes(engine, people):
    save_year(engine, people["admin"], "53.71", 2022, [
        row(victim_group="Perempuan Dewasa", violence_type="Fisik", victim_sex="perempuan",
            age_group="18 tahun ke atas",
            cause="Orang ketiga / perselingkuhan", source="UPTD PPA", place="Rumah tangga")])
    [saved] = stored(engine)
    assert saved[1:8] == ("perempuan_dewasa", "fisik", "perempuan", "18+", "orang_ketiga", "uptd_ppa", "rumah_tangga")


def test_stated_totals_must_match_the_breakdown(engine, people):
    save_year(engine, people["sekretariat"], "53.71", 2023, [row(case_count=6)], {"anak": 6})
    with pytest.raises(InvalidInput, match="berjumlah 9, melebihi jumlah yang dinyatakan \\(7\\)"):
        save_year(engine, people["sekretariat"], "53.71", 2023,
                  [row(case_count=6), row(violence_type="psikis", case_count=3)], {"anak": 7})
    with pytest.raises(InvalidInput, match="baru berjumlah 6 dari 10"):
        save_year(engine, people["sekretariat"], "53.71", 2023, [row(case_count=6)], {"anak": 10})
    assert [r[-1] for r in stored(engine)] == [6]


BAD_ROWS = [
    (row(case_count=-2), "negatif"),
    (row(case_count="-2"), "negatif"),
    (row(case_count=2.5), "bukan bilangan bulat"),
    (row(case_count="2,5"), "bukan bilangan bulat"),
    (row(case_count="1.234"), "tanpa pemisah ribuan"),
    (row(case_count="dua"), "bukan angka"),
    (row(case_count=""), "jumlah kosong"),
    (row(case_count=True), "bukan angka"),
    (row(violence_type="pukulan"), "jenis_kekerasan 'pukulan' tidak dikenal"),
    (row(victim_group="remaja"), "kelompok_korban 'remaja' tidak dikenal"),
    (row(age_group="06-Dec"), "Excel mungkin mengubah '6-12' menjadi tanggal"),
    (row(cause="takdir"), "penyebab 'takdir' tidak dikenal"),
    (row(source=""), "sumber kosong"),
    (row(place="pasar malam"), "tempat 'pasar malam' tidak dikenal"),
    (row(age_group="18+"), "korban anak berumur di bawah 18 tahun"),
    (row(victim_group="perempuan_dewasa", age_group="13-17"), "perempuan dewasa harus"),
    (row(victim_group="perempuan_dewasa", age_group="18+", victim_sex="laki_laki"), "perempuan dewasa harus"),
]


@pytest.mark.parametrize(("bad", "message"), BAD_ROWS)
def test_a_bad_row_changes_nothing_and_says_what_to_fix(engine, people, audit_rows, bad, message):
    save_year(engine, people["sekretariat"], "53.71", 2023, [row(case_count=6)])
    before, version = stored(engine), current_data_version(engine, "53.71")
    with pytest.raises(InvalidInput) as error:
        save_year(engine, people["sekretariat"], "53.71", 2023, [row(violence_type="psikis"), bad])
    assert message in error.value.message
    assert error.value.messages[0].startswith("Baris 2:")
    assert error.value.messages[-1] == "Tidak ada yang disimpan."
    assert stored(engine) == before
    assert current_data_version(engine, "53.71") == version
    assert len(audit_rows("save_case_statistics")) == 1


def test_duplicated_rows_are_refused_naming_both(engine, people):
    with pytest.raises(InvalidInput, match="Baris 3: rincian yang sama sudah ada di Baris 1"):
        save_year(engine, people["sekretariat"], "53.71", 2023,
                  [row(), row(violence_type="psikis"), row(case_count=2)])
    assert stored(engine) == []


@pytest.mark.parametrize("year", [1999, 2101, "20x3", None])
def test_a_bad_year_is_refused(engine, people, year):
    with pytest.raises(InvalidInput, match="tahun"):
        save_year(engine, people["sekretariat"], "53.71", year, [row()])
    assert stored(engine) == []


# --- permissions --------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["ketua", "disdukcapil", "other_secretariat"])
def test_who_may_not_enter_changes_nothing(engine, people, who):
    with pytest.raises(PermissionDenied):
        save_year(engine, people[who], "53.71", 2023, [row()])
    with pytest.raises(PermissionDenied):
        import_cases(engine, people[who], "53.71", (HEADER + "2023,anak,fisik,perempuan,6-12,pola_asuh,"
                                                    "uptd_ppa,,,6\n").encode())
    assert stored(engine) == []


def test_who_may_read_the_true_counts(engine, people):
    save_year(engine, people["sekretariat"], "53.71", 2023, [row(case_count=2)])
    for who in ("admin", "sekretariat", "ketua", "dp3a"):
        assert case_rows(engine, people[who], "53.71")["case_count"].tolist() == [2]
    for who in ("disdukcapil", "other_secretariat"):
        with pytest.raises(PermissionDenied):
            case_rows(engine, people[who], "53.71")


def test_a_deactivated_account_cannot_save(engine, people):
    from sqlalchemy import update

    from data.models import User

    with unit_of_work(engine) as session:
        session.execute(update(User).where(User.username == "opd.dp3a").values(active=False))
    with pytest.raises(PermissionDenied, match="dinonaktifkan"):
        save_year(engine, people["dp3a"], "53.71", 2023, [row()])


# --- CSV import ---------------------------------------------------------------------------------

GOOD_LINES = [
    "2023,anak,fisik,perempuan,6-12,pola_asuh,uptd_ppa,,,6",
    "2023,perempuan_dewasa,psikis,perempuan,18+,ekonomi,polres,rumah_tangga,pengaduan,11",
    "2022,anak,seksual,laki_laki,13-17,media_sosial,uptd_ppa,daring,,3",
]


def csv_bytes(lines: list[str], separator: str = ",", encoding: str = "utf-8", bom: bool = False) -> bytes:
    text = HEADER.replace(",", separator) + "\n".join(line.replace(",", separator) for line in lines) + "\n"
    data = text.encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


@pytest.mark.parametrize(("separator", "bom"), [(",", False), (";", False), (";", True), ("\t", False)])
def test_import_accepts_comma_semicolon_and_a_bom(engine, people, separator, bom):
    result = import_cases(engine, people["sekretariat"], "53.71", csv_bytes(GOOD_LINES, separator, bom=bom))
    assert result.separator == separator and result.encoding == "utf-8"
    assert [(c.year, c.rows_after, c.total_after) for c in result.changes] == [(2022, 1, 3), (2023, 2, 17)]
    assert len(stored(engine)) == 3


def test_import_reads_windows_1252_as_old_excel_saves_it(engine, people):
    lines = ["2023,anak,fisik,perempuan,6\u201312,pola_asuh,uptd_ppa,,,6"]  # Excel's en dash in 6–12
    result = import_cases(engine, people["sekretariat"], "53.71", csv_bytes(lines, encoding="cp1252"))
    assert result.encoding == "cp1252"
    assert stored(engine)[0][4] == "6-12"


def test_utf16_is_explained(engine, people):
    with pytest.raises(InvalidInput, match="CSV UTF-8"):
        import_cases(engine, people["sekretariat"], "53.71", csv_bytes(GOOD_LINES, encoding="utf-16"))
    assert stored(engine) == []


def test_dry_run_reports_and_changes_nothing(engine, people, audit_rows):
    save_year(engine, people["sekretariat"], "53.71", 2023, [row(case_count=4)])
    version = current_data_version(engine, "53.71")
    result = import_cases(engine, people["dp3a"], "53.71", csv_bytes(GOOD_LINES), dry_run=True)
    assert result.dry_run
    assert [(c.year, c.rows_before, c.rows_after, c.total_before, c.total_after) for c in result.changes] == [
        (2022, 0, 1, 0, 3), (2023, 1, 2, 4, 17)]
    assert [r[-1] for r in stored(engine)] == [4]
    assert current_data_version(engine, "53.71") == version
    assert audit_rows("import_case_statistics") == []


def test_import_lists_every_problem_by_line_and_changes_nothing(engine, people):
    save_year(engine, people["sekretariat"], "53.71", 2023, [row(case_count=4)])
    lines = [
        GOOD_LINES[0],
        "2023,anak,fisik,perempuan,6-12,pola_asuh,uptd_ppa,,,-1",
        "2023,anak,pukulan,perempuan,6-12,pola_asuh,uptd_ppa,,,2",
        "2023,anak,fisik,perempuan,6-12,pola_asuh,uptd_ppa,,,6",
        "2023,anak,fisik,perempuan,6-12",
        "2023,anak,psikis,perempuan,6-12,pola_asuh,uptd_ppa,,,1.5",
    ]
    with pytest.raises(InvalidInput) as error:
        import_cases(engine, people["sekretariat"], "53.71", csv_bytes(lines))
    messages = error.value.messages
    assert [m.split(":")[0] for m in messages[:-1]] == ["Baris 6", "Baris 3", "Baris 4", "Baris 5", "Baris 7"]
    assert "negatif" in messages[1] and "'pukulan' tidak dikenal" in messages[2]
    assert "sudah ada di Baris 2" in messages[3] and "berisi 5 kolom" in messages[0]
    assert "bukan bilangan bulat" in messages[4]
    assert messages[-1] == "Tidak ada yang diimpor."
    assert [r[-1] for r in stored(engine)] == [4]


def test_import_checks_a_stated_total(engine, people):
    lines = GOOD_LINES[:2] + ["2023,anak,jumlah,,,,,,,5"]
    with pytest.raises(InvalidInput, match="anak berjumlah 6, melebihi jumlah yang dinyatakan \\(5\\)"):
        import_cases(engine, people["sekretariat"], "53.71", csv_bytes(lines))
    ok = GOOD_LINES[:2] + ["2023,anak,jumlah,,,,,,,6", "2023,perempuan_dewasa,jumlah,,,,,,,11"]
    import_cases(engine, people["sekretariat"], "53.71", csv_bytes(ok))
    assert len(stored(engine)) == 2


@pytest.mark.parametrize(("data", "message"), [
    (b"", "Berkas kosong"),
    (b"tahun|jenis|jumlah\n2023|fisik|3\n", "Pemisah kolom harus koma"),
    (HEADER.replace("penyebab", "alasan").encode() + b"2023,anak,fisik,perempuan,6-12,x,uptd_ppa,,,1\n",
     "kolom 'alasan' tidak dikenal"),
    (HEADER.encode(), "tidak berisi baris data"),
])
def test_a_broken_file_is_explained(engine, people, data, message):
    with pytest.raises(InvalidInput, match=message):
        import_cases(engine, people["sekretariat"], "53.71", data)
    assert stored(engine) == []


def test_the_template_imports_cleanly(engine, people):
    result = import_cases(engine, people["sekretariat"], "53.71", template_csv().encode(), dry_run=True)
    assert result.rows_read == 2


# --- the public table ---------------------------------------------------------------------------


def test_demo_2023_matches_the_seed_article_and_is_suppressed(seeded_engine):
    truth = case_year_totals(seeded_engine, COMMAND_LINE, "53.71").set_index("year")
    assert truth.loc[2023, "perempuan_dewasa"] == 163 and truth.loc[2023, "anak"] == 135

    public = public_cases(seeded_engine, "53.71")
    assert public.years == [2021, 2022, 2023]  # 2024 waits for the 2025 evaluation
    table = public.table.set_index(["year", "breakdown", "category"])
    assert table.loc[(2023, "victim_group", "perempuan_dewasa"), "shown"] == "163"
    assert table.loc[(2023, "victim_group", "anak"), "shown"] == "135"
    assert table.loc[(2023, "total", ""), "count"] == 298
    shown = public.table["shown"]
    assert (shown == "<5").any() and (shown == "x").any()
    published = public.table["count"].dropna().astype(int)
    assert not published.between(1, 4).any()
    assert public.table.loc[public.table["count"].isna(), "shown"].isin(["<5", "x"]).all()


def test_public_years_follow_the_published_cycles(seeded_engine):
    from sqlalchemy import update

    with unit_of_work(seeded_engine) as session:
        session.execute(update(EvaluationCycle).where(EvaluationCycle.year == 2025).values(published=True))
    assert public_cases(seeded_engine, "53.71").years == [2021, 2022, 2023, 2024]
    assert public_cases(seeded_engine, "53.71", up_to_cycle=2023).years == [2021, 2022]
    with unit_of_work(seeded_engine) as session:
        session.execute(update(EvaluationCycle).values(published=False))
        assert session.scalar(select(func.count()).select_from(CaseStatistic)) > 0
    assert public_cases(seeded_engine, "53.71").years == []


def test_public_csv_leaves_hidden_counts_empty(seeded_engine):
    public = public_cases(seeded_engine, "53.71")
    frame = pd.read_csv(__import__("io").StringIO(cases_file(public).csv()), dtype=str, keep_default_na=False)
    assert list(frame.columns) == ["kode_wilayah", "tahun", "rincian", "kategori", "label", "jumlah", "tampil"]
    hidden = frame[frame["tampil"].isin(["<5", "x"])]
    assert len(hidden) > 0 and (hidden["jumlah"] == "").all()
    numbers = frame.loc[frame["jumlah"] != "", "jumlah"].astype(int)
    assert not numbers.between(1, 4).any()


@pytest.mark.parametrize("published_up_to", [2024, 2025])
def test_no_published_case_count_can_be_narrowed_from_everything_published(seeded_engine, published_up_to):
    """Every year the public sees, as one table: the true counts, the marks as published, every
    relation a reader knows; the independent checker computes each hidden cell's range and finds
    none narrower than its class (2023's two "<5" once added up to 7 by the published total)."""
    from sqlalchemy import update

    from data.lookups import find_region
    from data.services.cases.records import stored_rows
    from indicators.cases import public_year_system
    from indicators.suppression import AtMost, SumRelation, Suppression
    from suppression_checker import assert_nothing_can_be_worked_back

    if published_up_to == 2025:
        with unit_of_work(seeded_engine) as session:
            session.execute(update(EvaluationCycle).where(EvaluationCycle.year == 2025).values(published=True))
    public = public_cases(seeded_engine, "53.71")
    with unit_of_work(seeded_engine, read_only=True) as session:
        truth = stored_rows(session, find_region(session, "53.71").id, public.years)
    shown = public.table.set_index(["year", "breakdown", "category"])["shown"]
    values, relations, at_most, marks = {}, [], [], {"<5": set(), "x": set(), "0-4": set()}
    for year in public.years:
        year_values, year_relations, year_at_most = public_year_system(truth[truth["year"] == year])
        values.update({(year, *cell): count for cell, count in year_values.items()})
        relations += [SumRelation((year, *r.total), tuple((year, *p) for p in r.parts)) for r in year_relations]
        at_most += [AtMost((year, *p.small), (year, *p.big)) for p in year_at_most]
        for cell, count in year_values.items():
            mark = shown[(year, *cell)]
            if mark in marks:
                marks[mark].add((year, *cell))
            else:
                assert mark == str(count), "a published count is the true count"
    assert marks["<5"] and marks["x"]
    published = Suppression(values=values, primary=frozenset(marks["<5"]), complementary=frozenset(marks["x"]),
                            blurred=frozenset(marks["0-4"]))
    assert_nothing_can_be_worked_back(published, relations, at_most)
