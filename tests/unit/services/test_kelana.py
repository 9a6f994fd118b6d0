"""Kelana Dekela breakdown for the task force and the public (data/services/kelana.py).

Every test builds its own kecamatan and kelurahan answers on a copy of the seeded demo: the
demo's own unit answers are removed and its kelurahan deactivated first, so the figures below
follow from these answers only."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, event, select, update

from data.db import unit_of_work
from data.errors import InvalidInput, NotFound, PermissionDenied
from data.models import Answer, EvaluationCycle, Question, Region, ReportingUnit, User
from data.services.accounts.auth import hash_password
from data.services.kelana import derived_answers, kelana, public_kelana
from indicators.derivation import city_points, unit_points
from review_fixtures import account, second_region

KECAMATAN_CODES = ["25.2", "25.3", "25.4", "25.5", "25.9", "25.10", "25.11", "25.12", "25.13"]


def _cycle(session, year: int) -> EvaluationCycle:
    return session.scalar(select(EvaluationCycle).where(EvaluationCycle.year == year,
                                                        EvaluationCycle.region.has(Region.code == "53.71")))


def _catalog(session, cycle):
    return derived_answers.cycle_catalog(session, cycle)


@pytest.fixture
def world(seeded_engine):
    """Kupang's 6 kecamatan (active) and three test kelurahan: kel_uji_a and kel_uji_b in Alak,
    kel_uji_c in Oebobo; no unit answers in any cycle; focal points for Alak and kel_uji_a."""
    with unit_of_work(seeded_engine) as session:
        region = session.scalar(select(Region).where(Region.code == "53.71"))
        unit_ids = select(ReportingUnit.id).where(ReportingUnit.kind.in_(("kecamatan", "kelurahan")))
        session.execute(delete(Answer).where(Answer.reporting_unit_id.in_(unit_ids)))
        session.execute(update(ReportingUnit).where(ReportingUnit.kind == "kelurahan").values(active=False))
        kec = {u.short_name: u for u in session.scalars(select(ReportingUnit).where(
            ReportingUnit.region_id == region.id, ReportingUnit.kind == "kecamatan"))}
        assert len(kec) == 6 and all(u.active for u in kec.values())
        kel = {name: ReportingUnit(region_id=region.id, kind="kelurahan", short_name=name,
                                   name="Kelurahan " + name.removeprefix("kel_").replace("_", " ").title(),
                                   parent_id=kec[parent].id)
               for name, parent in (("kel_uji_a", "kec_alak"), ("kel_uji_b", "kec_alak"),
                                    ("kel_uji_c", "kec_oebobo"))}
        session.add_all(kel.values())
        session.flush()
        for username, role, unit in (("fp.alak", "kecamatan", kec["kec_alak"]),
                                     ("fp.uji_a", "kelurahan", kel["kel_uji_a"])):
            session.add(User(username=username, display_name=f"Petugas {unit.name}", role=role,
                             password_hash=hash_password("rahasia-kla-2024"), region_id=region.id,
                             reporting_unit_id=unit.id))
        derived_answers.recompute(session, _cycle(session, 2025))  # the closed cycles keep what they published
        return {"region": region.id, **{k: u.id for k, u in kec.items()}, **{k: u.id for k, u in kel.items()}}


def answer(engine, year: int, unit_id: int, code: str, value: bool | None, status: str,
           verified_points: float | None = None, recompute: bool = True) -> None:
    with unit_of_work(engine) as session:
        cycle = _cycle(session, year)
        question_id = session.scalar(select(Question.id).where(
            Question.catalog_version_id == cycle.catalog_version_id, Question.code == code))
        session.add(Answer(region_id=cycle.region_id, cycle_id=cycle.id, question_id=question_id,
                           reporting_unit_id=unit_id, bool_value=value, status=status, self_points=0.0,
                           verified_points=verified_points if status == "verified" else None))
        session.flush()
        if recompute:
            derived_answers.recompute(session, cycle)


@pytest.fixture
def answered(seeded_engine, world):
    """2025: 25.2 Alak yes submitted, Oebobo yes verified, Maulafa no (draft); 26.2 kel_uji_a yes
    verified, kel_uji_b yes draft, kel_uji_c no returned; 26.15 kel_uji_c yes submitted."""
    e = seeded_engine
    answer(e, 2025, world["kec_alak"], "25.2", True, "submitted")
    answer(e, 2025, world["kec_oebobo"], "25.2", True, "verified", 0.2)
    answer(e, 2025, world["kec_maulafa"], "25.2", False, "draft")
    answer(e, 2025, world["kel_uji_a"], "26.2", True, "verified", 2.0)
    answer(e, 2025, world["kel_uji_b"], "26.2", True, "draft")
    answer(e, 2025, world["kel_uji_c"], "26.2", False, "returned")
    answer(e, 2025, world["kel_uji_c"], "26.15", True, "submitted")
    return world


def test_question_rows_show_the_derivation_the_city_answer_holds(seeded_engine, answered):
    data = kelana.kelana_breakdown(seeded_engine, account(seeded_engine, "ketua"))
    assert data.cycle_year == 2025 and not data.stored and data.group_max == 100
    questions = data.questions.set_index("question_code")
    q252 = questions.loc["25.2"]
    assert (q252["units"], q252["answered"], q252["yes"], q252["verified_yes"]) == (6, 3, 2, 1)
    assert q252["value_id"] == "2 dari 6 (33,3%)" and q252["value_en"] == "2 of 6 (33.3%)"
    assert q252["derivation_id"] == "2 dari 6 kecamatan menjawab Ya; 3 belum menjawab"
    assert q252["rule_id"] == "pembilang = kecamatan yang menjawab Ya; penyebut = semua kecamatan aktif"
    assert q252["unit_prompt_id"] == "Apakah kecamatan ini memiliki Forum Anak Kecamatan?"
    assert q252["self_points"] == pytest.approx(1.25 * 2 / 6) and q252["verified_points"] == pytest.approx(1.25 / 6)
    q262 = questions.loc["26.2"]
    assert (q262["units"], q262["answered"], q262["yes"], q262["verified_yes"]) == (3, 3, 2, 1)
    assert q262["value_id"] == "2 dari 3 (66,7%)" and q262["max_points"] == 6
    assert questions.loc["26.3", "value_id"] == "" and questions.loc["26.3", "self_points"] == 0
    # what the page shows is what derived_answers stored as the city's answer (held by the lead OPD)
    with unit_of_work(seeded_engine) as session:
        cycle = _cycle(session, 2025)
        stored = {code: (num, den, pts) for code, num, den, pts in session.execute(
            select(Question.code, Answer.numerator, Answer.denominator, Answer.self_points)
            .join(Question, Answer.question_id == Question.id).join(ReportingUnit)
            .where(Answer.cycle_id == cycle.id, ReportingUnit.kind == "opd", Question.code.in_(["25.2", "26.2"])))}
    for code in ("25.2", "26.2"):
        row = questions.loc[code]
        assert stored[code] == (row["numerator"], row["denominator"], pytest.approx(row["self_points"]))
        assert row["holder"] == "dp3a"
    assert data.derived_max == pytest.approx(sum(questions["max_points"]))


def test_each_unit_earns_its_share_and_holds_back_the_rest(seeded_engine, answered):
    data = kelana.kelana_breakdown(seeded_engine, account(seeded_engine, "sekretariat"))
    units = data.units.set_index("short_name")
    assert len(units) == 9  # 6 kecamatan + 3 kelurahan; the demo's deactivated kelurahan have no answers
    with unit_of_work(seeded_engine) as session:
        catalog = _catalog(session, _cycle(session, 2025))
    q = {code: catalog.question(code) for code in data.questions["question_code"]}
    kec_worth = sum(unit_points(q[c], 0, 6) for c in KECAMATAN_CODES)
    alak = units.loc["kec_alak"]
    assert alak["self_points"] == pytest.approx(unit_points(q["25.2"], 1, 6))
    assert alak["held_back_self"] == pytest.approx(kec_worth - unit_points(q["25.2"], 0, 6))
    assert alak["verified_points"] == 0 and alak["held_back_verified"] == pytest.approx(
        unit_points(q["25.2"], 1, 6) + kec_worth - unit_points(q["25.2"], 0, 6))
    assert "Petugas Kecamatan Alak (fp.alak)" in alak["focal_points"].split(", ")
    assert (alak["asked"], alak["answered"], alak["submitted"], alak["yes"]) == (9, 1, 1, 1)
    assert alak["status_text"] == "Sebagian dijawab" and alak["kecamatan"] == "Kecamatan Alak"
    oebobo = units.loc["kec_oebobo"]
    assert oebobo["verified_points"] == pytest.approx(unit_points(q["25.2"], 0, 6))
    assert units.loc["kec_kota_raja", "status"] == "not_started"
    assert units.loc["kec_kota_raja", "status_text"] == "Belum menjawab"
    uji_c = units.loc["kel_uji_c"]
    assert uji_c["status_text"] == "Ada jawaban dikembalikan" and uji_c["kecamatan"] == "Kecamatan Oebobo"
    assert uji_c["asked"] == len([c for c in q if c.startswith("26.")])
    assert uji_c["self_points"] == pytest.approx(unit_points(q["26.15"], 0, 3))
    # the units' earned points add up to the city's points of the derived questions, in both readings
    for basis in ("self", "verified"):
        assert data.units[f"{basis}_points"].sum() == pytest.approx(data.questions[f"{basis}_points"].sum())
    # held back + earned = what every unit saying yes would give (linear rules)
    full = sum(city_points(q[c], 1, 1) for c in q)
    assert (data.units["self_points"] + data.units["held_back_self"]).sum() == pytest.approx(full)


def test_kecamatan_sum_themselves_and_their_kelurahan_worst_first(seeded_engine, answered):
    data = kelana.kelana_breakdown(seeded_engine, account(seeded_engine, "ketua"))
    kec = data.kecamatan
    assert kec["kecamatan"].tolist()[:2] == ["Kecamatan Alak", "Kecamatan Oebobo"]
    assert kec["held_back_verified"].is_monotonic_decreasing
    units = data.units
    alak_units = units[units["kecamatan"] == "Kecamatan Alak"]
    alak = kec.set_index("kecamatan").loc["Kecamatan Alak"]
    assert alak["kelurahan"] == 2 and alak["asked"] == alak_units["asked"].sum()
    for column in ("self_points", "verified_points", "held_back_self", "held_back_verified"):
        assert alak[column] == pytest.approx(alak_units[column].sum())
    assert alak["answered_share"] == pytest.approx(3 / alak_units["asked"].sum())
    assert kec["self_points"].sum() == pytest.approx(data.questions["self_points"].sum())


def test_who_has_not_answered_what(seeded_engine, answered):
    data = kelana.kelana_breakdown(seeded_engine, account(seeded_engine, "anggota"))
    chase = data.not_answered.set_index("short_name")
    assert set(chase.index) == {"kec_alak", "kec_kelapa_lima", "kec_kota_lama", "kec_kota_raja", "kec_maulafa",
                                "kec_oebobo", "kel_uji_a", "kel_uji_b", "kel_uji_c"}
    assert chase.loc["kec_maulafa", "draft_codes"] == ["25.2"]
    assert "25.2" not in chase.loc["kec_maulafa", "not_answered_codes"]
    assert chase.loc["kel_uji_c", "returned_codes"] == ["26.2"]
    assert chase.loc["kel_uji_b", "draft_codes"] == ["26.2"]
    assert chase.loc["kel_uji_a", "focal_points"] == "Petugas Kelurahan Uji A (fp.uji_a)"
    assert chase.loc["kec_kota_raja", "not_answered_codes"] == KECAMATAN_CODES
    assert chase.loc["kec_oebobo", "outstanding"] == 8
    assert data.not_answered["outstanding"].is_monotonic_decreasing


def test_deactivated_unit_is_listed_nonaktif_and_earns_nothing(seeded_engine, answered):
    with unit_of_work(seeded_engine) as session:
        session.execute(update(ReportingUnit).where(ReportingUnit.id == answered["kel_uji_a"]).values(active=False))
        derived_answers.recompute(session, _cycle(session, 2025))
    data = kelana.kelana_breakdown(seeded_engine, account(seeded_engine, "ketua"))
    units = data.units.set_index("short_name")
    gone = units.loc["kel_uji_a"]
    assert gone["status_text"] == "Nonaktif" and not gone["active"] and gone["answered"] == 1
    assert gone["self_points"] == 0 and gone["held_back_self"] == 0
    assert "kel_uji_a" not in set(data.not_answered["short_name"])
    q262 = data.questions.set_index("question_code").loc["26.2"]
    assert (q262["units"], q262["yes"], q262["verified_yes"]) == (2, 1, 0)
    assert data.kecamatan.set_index("kecamatan").loc["Kecamatan Alak", "kelurahan"] == 1


def test_closed_cycle_shows_the_stored_city_answer(seeded_engine, world):
    with unit_of_work(seeded_engine) as session:
        cycle = _cycle(session, 2024)
        stored = session.execute(
            select(Answer.numerator, Answer.denominator, Answer.self_points, Answer.verified_points)
            .join(Question, Answer.question_id == Question.id).join(ReportingUnit)
            .where(Answer.cycle_id == cycle.id, Question.code == "25.2", ReportingUnit.kind == "opd")).one()
    # a kecamatan answer added to the closed cycle changes nothing the city published
    answer(seeded_engine, 2024, world["kec_alak"], "25.2", True, "verified", 0.2)
    data = kelana.kelana_breakdown(seeded_engine, account(seeded_engine, "ketua"), year=2024)
    assert data.stored and data.cycle_status == "closed" and data.published
    row = data.questions.set_index("question_code").loc["25.2"]
    assert (row["numerator"], row["denominator"]) == (stored.numerator, stored.denominator)
    assert row["self_points"] == pytest.approx(stored.self_points)
    assert row["verified_points"] == pytest.approx(stored.verified_points)
    assert stored.numerator is not None and stored.verified_points > 0
    assert row["stored"] and row["yes"] == 1  # the units' own answers, as they are now
    assert data.units.set_index("short_name").loc["kec_alak", "verified_yes"] == 1


def test_who_may_read_the_breakdown(seeded_engine, world):
    for username in ("opd.dp3a",):
        with pytest.raises(PermissionDenied):
            kelana.kelana_breakdown(seeded_engine, account(seeded_engine, username))
    with pytest.raises(PermissionDenied):
        kelana.kelana_breakdown(seeded_engine, account(seeded_engine, "fp.alak"))
    other = second_region(seeded_engine)
    with pytest.raises(PermissionDenied):
        kelana.kelana_breakdown(seeded_engine, account(seeded_engine, "ketua.kab"), region_code="53.71")
    own = kelana.kelana_breakdown(seeded_engine, account(seeded_engine, "ketua.kab"))
    assert own.region_code == "53.01" and own.units.empty and own.kecamatan.empty
    assert other["region_id"]
    admin = account(seeded_engine, "admin")
    with pytest.raises(NotFound, match="Pilih wilayah"):
        kelana.kelana_breakdown(seeded_engine, admin)
    assert kelana.kelana_breakdown(seeded_engine, admin, region_code="53.71").region_code == "53.71"
    with pytest.raises(NotFound, match="Siklus evaluasi 2030"):
        kelana.kelana_breakdown(seeded_engine, account(seeded_engine, "ketua"), year=2030)
    member = account(seeded_engine, "anggota")
    with unit_of_work(seeded_engine) as session:
        session.execute(update(User).where(User.username == "anggota").values(active=False))
    with pytest.raises(PermissionDenied, match="dinonaktifkan"):
        kelana.kelana_breakdown(seeded_engine, member)


def test_few_queries_however_many_units(seeded_engine, answered):
    def count_queries() -> int:
        statements = []

        def listen(*args):
            statements.append(args[2])

        event.listen(seeded_engine, "before_cursor_execute", listen)
        try:
            kelana.kelana_breakdown(seeded_engine, ketua)
        finally:
            event.remove(seeded_engine, "before_cursor_execute", listen)
        return len(statements)

    ketua = account(seeded_engine, "ketua")
    before = count_queries()
    with unit_of_work(seeded_engine) as session:
        parent = session.get(ReportingUnit, answered["kec_kota_raja"])
        added = [ReportingUnit(region_id=parent.region_id, kind="kelurahan", short_name=f"kel_banyak_{i}",
                               name=f"Kelurahan Banyak {i}", parent_id=parent.id) for i in range(25)]
        session.add_all(added)
    for unit in added[:10]:
        answer(seeded_engine, 2025, unit.id, "26.2", True, "submitted", recompute=False)
    after = count_queries()
    assert after == before and before < 25
    data = kelana.kelana_breakdown(seeded_engine, ketua)
    assert data.kecamatan.iloc[0]["kecamatan"] == "Kecamatan Kota Raja"


# --- public ------------------------------------------------------------------------------------------

def publish_as_it_is_now(engine, year: int) -> None:
    """The world is made by hand after the cycle's publication: keep its figures as published now."""
    with unit_of_work(engine) as session:
        public_kelana.freeze_public_kelana(session, _cycle(session, year))


def test_public_shows_verified_figures_of_a_published_cycle_only(seeded_engine, world):
    e = seeded_engine
    answer(e, 2024, world["kec_alak"], "25.2", True, "verified", 0.2, recompute=False)
    answer(e, 2024, world["kec_alak"], "25.3", True, "submitted", recompute=False)
    answer(e, 2024, world["kec_oebobo"], "25.2", True, "verified", 0.0, recompute=False)  # verified at 0: not met
    answer(e, 2024, world["kel_uji_a"], "26.2", True, "verified", 1.0, recompute=False)
    answer(e, 2024, world["kel_uji_b"], "26.2", True, "draft", recompute=False)
    answer(e, 2024, world["kel_uji_c"], "26.2", True, "verified", 1.0, recompute=False)
    publish_as_it_is_now(e, 2024)
    public = public_kelana.public_kelana(e, "53.71", 2024)
    assert public.year == 2024 and public.years == [2022, 2023, 2024] and public.has_unit_answers
    kec = public.kecamatan.set_index("kecamatan")
    assert kec.loc["Kecamatan Alak", "kecamatan_met"] == 1 and kec.loc["Kecamatan Alak", "kecamatan_questions"] == 9
    assert kec.loc["Kecamatan Oebobo", "kecamatan_met"] == 0
    assert kec.loc["Kecamatan Alak", "share_26.2"] == pytest.approx(0.5)
    assert kec.loc["Kecamatan Oebobo", "share_26.2"] == pytest.approx(1.0)
    assert kec.loc["Kecamatan Alak", "kelurahan"] == 2 and pd_isna(kec.loc["Kecamatan Maulafa", "kelurahan_share"])
    with unit_of_work(e) as session:
        catalog = _catalog(session, _cycle(session, 2024))
    expected_alak = unit_points(catalog.question("25.2"), 0, 6) + unit_points(catalog.question("26.2"), 1, 3)
    assert kec.loc["Kecamatan Alak", "points"] == pytest.approx(expected_alak)
    assert public.kecamatan["points"].is_monotonic_decreasing
    assert "Petugas" not in repr(public) and "fp.alak" not in repr(public)
    latest = public_kelana.public_kelana(e, "53.71")
    assert latest.year == 2024


def pd_isna(value) -> bool:
    import pandas as pd

    return bool(pd.isna(value))


def test_public_refuses_unpublished_and_unknown_cycles(seeded_engine, world):
    with pytest.raises(NotFound, match="Siklus 2025 untuk Kota Kupang belum diterbitkan"):
        public_kelana.public_kelana(seeded_engine, "53.71", 2025)
    with pytest.raises(NotFound, match="Siklus 2030"):
        public_kelana.public_kelana(seeded_engine, "53.71", 2030)
    with pytest.raises(NotFound, match="99.99"):
        public_kelana.public_kelana(seeded_engine, "99.99", 2024)
    second_region(seeded_engine)
    with pytest.raises(NotFound, match="belum menerbitkan"):
        public_kelana.public_kelana(seeded_engine, "53.01")


def test_public_csv_is_the_table_with_dot_decimals(seeded_engine, world):
    from data.services.public.files import kelana_file

    answer(seeded_engine, 2024, world["kel_uji_a"], "26.2", True, "verified", 1.0, recompute=False)
    publish_as_it_is_now(seeded_engine, 2024)
    public = public_kelana.public_kelana(seeded_engine, "53.71", 2024)
    file = kelana_file(public)
    header, *lines = file.csv().strip().splitlines()
    assert header.startswith("region_code,year,kecamatan,kecamatan_questions,kecamatan_met,kelurahan")
    assert "share_26.2" in header and len(lines) == 6
    assert file.name == "kelana_dekela_53.71_2024"
    assert any(line.startswith("53.71,2024,Kecamatan Alak,9,0,2,") for line in lines)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(year=st.one_of(st.integers(min_value=-10_000, max_value=10_000), st.text(max_size=8)))
@example(year=2024)
@example(year=" 2023 ")
@example(year="2025")
@example(year="")
def test_public_shows_a_published_year_or_refuses_clearly(seeded_engine, year):
    """Whatever year a visitor asks for: a published cycle, or a clear refusal; never another cycle."""
    try:
        public = public_kelana.public_kelana(seeded_engine, "53.71", year)
    except InvalidInput as error:
        assert "tidak dikenali" in error.messages[0]
    except NotFound as error:
        assert "belum diterbitkan" in error.message or "tidak ditemukan" in error.message
    else:
        assert public.year in (2022, 2023, 2024) and public.year == int(str(year).strip())


def test_breakdown_refuses_a_year_that_is_not_a_number(seeded_engine):
    with pytest.raises(InvalidInput, match="Tahun siklus 'dua ribu' tidak dikenali"):
        kelana.kelana_breakdown(seeded_engine, account(seeded_engine, "ketua"), year="dua ribu")
