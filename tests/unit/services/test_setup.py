"""The first administrator of an empty deployment, and the secretariat's setup checklist."""
from datetime import date

import pytest
from sqlalchemy import func, select

from data.actor import COMMAND_LINE
from data.db import make_engine, migrate, unit_of_work
from data.errors import InvalidInput, PermissionDenied
from data.models import AuditLog, EvaluationCycle, OfficialArea, Region, ReportingUnit, User
from data.services.accounts.auth import authenticate, command_line_user
from data.services.setup.checklist import ITEMS, setup_checklist
from data.services.setup.first_run import admin_exists, create_first_admin

PASSWORD = "Rahasia-Payakumbuh-1"


@pytest.fixture
def empty_engine(new_database_url):
    url = new_database_url
    migrate(url)
    engine = make_engine(url)
    yield engine
    engine.dispose()


def count(engine, model) -> int:
    with unit_of_work(engine) as session:
        return session.scalar(select(func.count()).select_from(model))


def test_first_admin_is_created_once_on_an_empty_database(empty_engine):
    assert not admin_exists(empty_engine)
    admin = create_first_admin(empty_engine, "Admin.Utama", "Admin Utama", PASSWORD, PASSWORD)
    assert admin.role == "admin" and admin.username == "admin.utama"
    assert admin_exists(empty_engine)
    assert authenticate(empty_engine, "admin.utama", PASSWORD).id == admin.id
    with pytest.raises(PermissionDenied, match="sudah dibuat"):
        create_first_admin(empty_engine, "kedua", "Admin Kedua", PASSWORD, PASSWORD)
    assert count(empty_engine, User) == 1


@pytest.mark.parametrize("username, name, password, again, message", [
    ("admin", "Admin", PASSWORD, PASSWORD + "x", "tidak sama"),
    ("admin", "Admin", "pendek", "pendek", "minimal"),
    ("A", "Admin", PASSWORD, PASSWORD, "Nama pengguna"),
    ("admin", "  ", PASSWORD, PASSWORD, "Nama tampilan"),
])
def test_a_bad_first_admin_is_refused_and_nothing_is_written(empty_engine, username, name, password, again, message):
    with pytest.raises(InvalidInput, match=message):
        create_first_admin(empty_engine, username, name, password, again)
    assert count(empty_engine, User) == 0 and count(empty_engine, AuditLog) == 0
    assert not admin_exists(empty_engine)


def test_the_setup_token_guards_the_first_admin_when_the_operator_sets_one(empty_engine, monkeypatch):
    monkeypatch.setenv("KLA_SETUP_TOKEN", "kode-rahasia-server")
    with pytest.raises(PermissionDenied, match="Kode penyiapan salah"):
        create_first_admin(empty_engine, "admin", "Admin", PASSWORD, PASSWORD, "tebakan")
    assert count(empty_engine, User) == 0
    admin = create_first_admin(empty_engine, "admin", "Admin", PASSWORD, PASSWORD, " kode-rahasia-server ")
    assert admin.role == "admin"


def items_of(checklist) -> dict:
    return {item.key: item for item in checklist.items}


def add_payakumbuh(engine) -> None:
    with unit_of_work(engine) as session:
        session.merge(OfficialArea(code="13.76", name="Kota Payakumbuh", level="kota", parent_code="13",
                                   list_name="uji"))
        session.add(Region(code="13.76", name="Kota Payakumbuh", kind="kota", province_code="13",
                           province_name="Sumatera Barat"))


def test_a_new_region_has_everything_still_to_do_but_its_details(seeded_engine):
    add_payakumbuh(seeded_engine)
    checklist = setup_checklist(seeded_engine, COMMAND_LINE, "13.76", today=date(2026, 12, 3))
    items = items_of(checklist)
    assert list(items) == list(ITEMS)
    assert items["region"].done
    assert [key for key, item in items.items() if not item.done] == [
        "opds", "data_sources", "accounts", "cycle", "assignments"]
    assert items["accounts"].names == ("role:secretariat", "role:chair")
    assert checklist.cycle_year is None and checklist.done == 2  # region; no instrument asks for kecamatan yet


def test_the_checklist_follows_what_the_region_adds(seeded_engine):
    add_payakumbuh(seeded_engine)
    with unit_of_work(seeded_engine) as session:
        region = session.scalar(select(Region).where(Region.code == "13.76"))
        kupang_2025 = session.scalar(select(EvaluationCycle).where(EvaluationCycle.year == 2025))
        session.add(EvaluationCycle(region_id=region.id, year=2025, catalog_version_id=kupang_2025.catalog_version_id,
                                    status="open", deadline=date(2026, 12, 31)))
        session.add(ReportingUnit(region_id=region.id, kind="opd", short_name="dp3ap2kb", name="DP3AP2KB",
                                  data_sources=["dp3a"]))
    items = items_of(setup_checklist(seeded_engine, COMMAND_LINE, "13.76", today=date(2026, 12, 3)))
    assert items["cycle"].done and items["opds"].done
    assert not items["data_sources"].done and "DP3A" not in " ".join(items["data_sources"].names)
    assert items["data_sources"].missing > 5
    assert not items["areas"].done and set(items["areas"].names) == {"kecamatan", "kelurahan"}
    assert not items["assignments"].done  # the unit was added after the cycle: nothing assigned yet
    late = items_of(setup_checklist(seeded_engine, COMMAND_LINE, "13.76", today=date(2027, 1, 1)))
    assert not late["cycle"].done


def test_kupang_lacks_only_the_accounts_of_its_units(seeded_engine):
    items = items_of(setup_checklist(seeded_engine, COMMAND_LINE, "53.71", today=date(2026, 12, 3)))
    assert items["opds"].done and items["data_sources"].done and items["areas"].done and items["cycle"].done
    assert items["assignments"].done
    with unit_of_work(seeded_engine) as session:
        units = session.scalar(select(func.count()).select_from(ReportingUnit).where(ReportingUnit.active.is_(True)))
        with_account = session.scalar(select(func.count(func.distinct(User.reporting_unit_id)))
                                      .where(User.active.is_(True)))
    assert not items["accounts"].done and items["accounts"].missing == units - with_account > 0


def test_only_the_region_s_own_people_read_its_checklist(seeded_engine):
    add_payakumbuh(seeded_engine)
    secretariat = command_line_user(seeded_engine, "sekretariat")
    assert setup_checklist(seeded_engine, secretariat).region_code == "53.71"
    with pytest.raises(PermissionDenied):
        setup_checklist(seeded_engine, secretariat, "13.76")
    with pytest.raises(PermissionDenied):
        setup_checklist(seeded_engine, command_line_user(seeded_engine, "opd.dp3a"))
