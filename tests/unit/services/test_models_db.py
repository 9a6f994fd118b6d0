"""Engine, sessions, the data version, and the constraints the schema enforces."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import inspect, select
from sqlalchemy.exc import StatementError

from data import db
from data.db import (
    bump_data_version,
    current_data_version,
    database_url,
    make_engine,
    migrate,
    read_data_version,
    unit_of_work,
)
from data.errors import DatabaseUnavailable, StaleAnswer, WriteConflict
from data.models import CaseStatistic, Region, ReportingUnit


def test_database_url_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("KLA_DATABASE_URL", "postgresql+psycopg://kla@db.example/kla")

    assert database_url() == "postgresql+psycopg://kla@db.example/kla"


def test_database_url_defaults_to_a_sqlite_file_in_the_instance_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("KLA_DATABASE_URL", raising=False)
    monkeypatch.setattr(db, "INSTANCE_DIR", tmp_path / "instance")

    url = database_url()

    assert url == f"sqlite:///{tmp_path / 'instance' / 'pantau_kla.sqlite3'}"
    assert (tmp_path / "instance").is_dir()


@pytest.mark.sqlite_only
def test_sqlite_connections_enforce_foreign_keys_and_use_wal(engine):
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000


def test_unit_of_work_commits_at_the_end(engine):
    with unit_of_work(engine) as session:
        session.add(region("53.71", "Kota Kupang"))

    with unit_of_work(engine) as session:
        assert session.scalar(select(Region.name)) == "Kota Kupang"


def test_unit_of_work_rolls_back_everything_on_error(engine):
    with pytest.raises(RuntimeError):
        with unit_of_work(engine) as session:
            session.add(region("53.71", "Kota Kupang"))
            session.flush()
            raise RuntimeError("halfway")

    with unit_of_work(engine) as session:
        assert session.scalar(select(Region)) is None


@pytest.mark.own_engines
def test_an_unreachable_sqlite_file_is_one_clear_sentence(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'missing-folder' / 'kla.sqlite3'}")

    with pytest.raises(DatabaseUnavailable) as raised:
        with unit_of_work(engine):
            pass

    assert raised.value.message.startswith("Basis data tidak dapat dihubungi: ")
    assert raised.value.message.endswith("Periksa KLA_DATABASE_URL.")
    assert "\n" not in raised.value.message


def test_an_unreachable_postgresql_server_hides_the_password():
    url = "postgresql+psycopg://kla:s3cret@127.0.0.1:1/kla?connect_timeout=2"

    with pytest.raises(DatabaseUnavailable) as raised:
        migrate(url)

    assert "Basis data tidak dapat dihubungi" in raised.value.message
    assert "s3cret" not in raised.value.message
    assert "\n" not in raised.value.message


def test_a_malformed_database_url_is_reported_as_such():
    with pytest.raises(DatabaseUnavailable) as raised:
        make_engine("not a database url")

    assert "Periksa KLA_DATABASE_URL" in raised.value.message


def test_every_bump_raises_the_data_version_seen_by_other_sessions(engine):
    with unit_of_work(engine) as session:
        before = read_data_version(session)
    with unit_of_work(engine) as session:
        bump_data_version(session)
    with unit_of_work(engine) as session:
        bump_data_version(session)
    with unit_of_work(engine) as session:
        assert read_data_version(session) == before + 2


def two_regions(engine) -> dict[str, int]:
    with unit_of_work(engine) as session:
        regions = [Region(code=code, name=name, kind="kota", province_code="53", province_name="NTT")
                   for code, name in (("53.71", "Kota Kupang"), ("53.01", "Kabupaten Kupang"))]
        session.add_all(regions)
        session.flush()
        return {region.code: region.id for region in regions}


def versions(engine) -> dict[str, int]:
    return {"deployment": current_data_version(engine), "kupang": current_data_version(engine, "53.71"),
            "kabupaten": current_data_version(engine, "53.01"),
            "kupang public": current_data_version(engine, "53.71", public=True),
            "kabupaten public": current_data_version(engine, "53.01", public=True)}


def test_a_write_in_one_region_reloads_that_region_only(engine):
    ids = two_regions(engine)
    before = versions(engine)
    with unit_of_work(engine) as session:
        bump_data_version(session, ids["53.71"])
    assert versions(engine) == {**before, "kupang": before["kupang"] + 1}
    with unit_of_work(engine) as session:
        bump_data_version(session, ids["53.71"], public=True)
    assert versions(engine) == {**before, "kupang": before["kupang"] + 2, "kupang public": before["kupang public"] + 1}


def test_a_deployment_write_reloads_every_region(engine):
    two_regions(engine)
    before = versions(engine)
    with unit_of_work(engine) as session:
        bump_data_version(session)
    assert versions(engine) == {name: version + 1 for name, version in before.items()}


def test_versions_only_grow_so_each_sum_names_one_state(engine):
    ids = two_regions(engine)
    seen = [current_data_version(engine, "53.71")]
    for region_id in (ids["53.71"], None, ids["53.01"], ids["53.71"], None):
        with unit_of_work(engine) as session:
            bump_data_version(session, region_id)
        seen.append(current_data_version(engine, "53.71"))
    assert seen == sorted(seen) and len(set(seen)) == 5  # the bump in 53.01 leaves it as it was


def test_a_rolled_back_write_does_not_bump_the_data_version(engine):
    with unit_of_work(engine) as session:
        before = read_data_version(session)
    with pytest.raises(RuntimeError):
        with unit_of_work(engine) as session:
            bump_data_version(session)
            raise RuntimeError("failed write")
    with unit_of_work(engine) as session:
        assert read_data_version(session) == before


def test_timestamps_come_back_in_utc(engine):
    jakarta_time = datetime(2026, 11, 22, 19, 0, tzinfo=timezone(timedelta(hours=7)))
    with unit_of_work(engine) as session:
        session.add(region("53.71", "Kota Kupang", created_at=jakarta_time))
    with unit_of_work(engine) as session:
        created_at = session.scalar(select(Region.created_at))

    assert created_at == datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
    assert created_at.utcoffset() == timedelta(0)


def test_a_naive_timestamp_is_refused(engine):
    with pytest.raises(StatementError, match="time zone"):
        with unit_of_work(engine) as session:
            session.add(region("53.71", "Kota Kupang", created_at=datetime(2026, 11, 22)))


def test_foreign_keys_are_enforced(engine):
    with pytest.raises(WriteConflict):  # the database refused it (an IntegrityError underneath)
        with unit_of_work(engine) as session:
            session.add(ReportingUnit(region_id=999, kind="opd", short_name="x", name="X"))


def test_short_names_are_unique_within_a_region_only(engine):
    with unit_of_work(engine) as session:
        kupang, belu = region("53.71", "Kota Kupang"), region("53.04", "Kabupaten Belu")
        session.add_all([unit(kupang, "dp3a"), unit(belu, "dp3a")])

    with pytest.raises(WriteConflict):  # the database refused it (an IntegrityError underneath)
        with unit_of_work(engine) as session:
            kupang = session.scalar(select(Region).where(Region.code == "53.71"))
            session.add(unit(kupang, "dp3a"))


@pytest.mark.parametrize(
    "changes",
    [
        {"case_count": -1},
        {"violence_type": "unknown"},
        {"age_group": "0-17"},
        {"victim_group": "anak", "age_group": "18+"},
        {"victim_group": "perempuan_dewasa", "victim_sex": "laki_laki", "age_group": "18+"},
    ],
)
def test_case_statistics_refuse_impossible_rows(engine, changes):
    with pytest.raises(WriteConflict):  # the database refused it (an IntegrityError underneath)
        with unit_of_work(engine) as session:
            kupang = region("53.71", "Kota Kupang")
            session.add(case_statistic(kupang, **changes))


def test_a_case_category_without_place_or_service_is_stored_once(engine):
    with unit_of_work(engine) as session:
        kupang = region("53.71", "Kota Kupang")
        session.add(case_statistic(kupang))

    with pytest.raises(WriteConflict):  # the database refused it (an IntegrityError underneath)
        with unit_of_work(engine) as session:
            kupang = session.scalar(select(Region))
            session.add(case_statistic(kupang))


def test_case_statistics_have_no_column_that_could_identify_a_victim(engine):
    columns = {column["name"] for column in inspect(engine).get_columns("case_statistic")}
    assert "case_count" in columns

    forbidden = {"name", "nik", "address", "birth_date", "victim_name", "alamat", "nama"}
    assert not columns & forbidden


def test_stale_answer_says_who_changed_it_and_when_in_the_region_s_time_zone():
    changed_at = datetime(2026, 11, 22, 7, 5, tzinfo=UTC)
    assert StaleAnswer("Maria Sau", changed_at, "Asia/Makassar").message == (
        "Jawaban ini sudah diubah oleh Maria Sau pada 22 November 2026 15.05 WITA; perubahan Anda belum disimpan."
    )
    assert "22 November 2026 07.05 UTC" in StaleAnswer("Maria Sau", changed_at).message


def region(code, name, **fields):
    return Region(
        code=code,
        name=name,
        kind="kota",
        province_code="53",
        province_name="Nusa Tenggara Timur",
        **fields,
    )


def unit(region, short_name):
    return ReportingUnit(region=region, kind="opd", short_name=short_name, name=short_name.upper())


def case_statistic(region, **changes):
    fields = {
        "year": 2024,
        "violence_type": "fisik",
        "victim_group": "anak",
        "victim_sex": "perempuan",
        "age_group": "6-12",
        "cause": "ekonomi",
        "source": "uptd_ppa",
        "case_count": 3,
    }
    return CaseStatistic(region=region, **{**fields, **changes})
