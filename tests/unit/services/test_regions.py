"""Regions (data/services/regions): the official list, adding and renaming a kab/kota, and its
kecamatan and kelurahan created from the list."""
import pytest
from sqlalchemy import func, select

from data.actor import COMMAND_LINE
from data.db import unit_of_work
from data.errors import InvalidInput, NotFound, PermissionDenied
from data.models import AuditLog, OfficialArea, Region, ReportingUnit
from data.services.accounts.auth import command_line_user
from data.services.regions.official_list import load_official_list, official_list_info
from data.services.regions.regions import (
    add_region,
    create_areas_from_list,
    hosted_regions,
    official_regencies,
    rename_region,
)


def counts(engine) -> tuple[int, int, int]:
    with unit_of_work(engine) as session:
        return (session.scalar(select(func.count()).select_from(Region)),
                session.scalar(select(func.count()).select_from(ReportingUnit)),
                session.scalar(select(func.count()).select_from(AuditLog)))


def test_the_seeded_deployment_holds_the_whole_official_list(seeded_engine):
    info = official_list_info(seeded_engine)
    assert (info.provinces, info.regencies, info.kecamatan, info.villages) == (38, 514, 7285, 83762)
    assert info.list_name == "Kepmendagri 300.2.2-2138/2025"


def test_kupang_s_kecamatan_and_kelurahan_carry_their_codes(seeded_engine):
    with unit_of_work(seeded_engine) as session:
        codes = dict(session.execute(select(ReportingUnit.name, ReportingUnit.code)).all())
    assert codes["Kecamatan Alak"] == "53.71.01" and codes["Kelurahan Namosain"] == "53.71.01.1001"
    assert codes["Kelurahan Lai Lai Bisi Kopan"] == "53.71.06.1002"


def test_admin_adds_payakumbuh_with_its_official_province(seeded_engine):
    region = add_region(seeded_engine, COMMAND_LINE, " 13.76 ", province="Sumatera Barat")
    assert (region.name, region.kind, region.province_code, region.province_name) == (
        "Kota Payakumbuh", "kota", "13", "Sumatera Barat")
    ogan_ilir = add_region(seeded_engine, COMMAND_LINE, "16.10", name="Kab. Ogan Ilir", province="16")
    assert (ogan_ilir.name, ogan_ilir.kind) == ("Kab. Ogan Ilir", "kabupaten")
    with unit_of_work(seeded_engine) as session:
        row = session.scalar(select(AuditLog).where(AuditLog.action == "region.add").order_by(AuditLog.id))
        assert row.details["new"]["code"] == "13.76"
    assert [r["code"] for r in hosted_regions(seeded_engine, COMMAND_LINE)] == ["13.76", "16.10", "53.71"]


@pytest.mark.parametrize("code, province, message", [
    ("13.99", None, "tidak ada pada daftar wilayah resmi"),
    ("13.7", None, "tidak berbentuk kode Kemendagri"),
    ("13", None, "kode provinsi"),
    ("13.76.01", None, "kode kecamatan"),
    ("53.71", None, "sudah ada"),
    ("32.76", "Jawa Tengah", "ada di Provinsi Jawa Barat, bukan 'Jawa Tengah'"),
    ("", None, "wajib diisi"),
])
def test_a_bad_region_is_refused_with_its_reason_and_nothing_changes(seeded_engine, code, province, message):
    before = counts(seeded_engine)
    with pytest.raises(InvalidInput, match=message):
        add_region(seeded_engine, COMMAND_LINE, code, province=province)
    assert counts(seeded_engine) == before


def test_only_the_admin_adds_or_renames_a_region(seeded_engine):
    for username in ("sekretariat", "ketua", "opd.dp3a"):
        with pytest.raises(PermissionDenied):
            add_region(seeded_engine, command_line_user(seeded_engine, username), "13.76")
        with pytest.raises(PermissionDenied):
            rename_region(seeded_engine, command_line_user(seeded_engine, username), "53.71", "Kupang")
    assert rename_region(seeded_engine, COMMAND_LINE, "53.71", "  Kota  Kupang ").name == "Kota Kupang"
    renamed = rename_region(seeded_engine, COMMAND_LINE, "53.71", "Pemerintah Kota Kupang")
    assert renamed.name == "Pemerintah Kota Kupang"
    with pytest.raises(InvalidInput, match="wajib diisi"):
        rename_region(seeded_engine, COMMAND_LINE, "53.71", " ")


def test_payakumbuh_s_kecamatan_and_kelurahan_come_from_the_list_in_one_step(seeded_engine):
    add_region(seeded_engine, COMMAND_LINE, "13.76")
    with unit_of_work(seeded_engine) as session:
        expected_kec = session.scalar(select(func.count()).where(OfficialArea.parent_code == "13.76"))
        expected_kel = session.scalar(select(func.count()).where(OfficialArea.code.like("13.76.%.%")))
    preview = create_areas_from_list(seeded_engine, COMMAND_LINE, "13.76")
    assert len(preview.kecamatan_added) == expected_kec and preview.kelurahan_added + preview.desa_added == expected_kel
    assert counts(seeded_engine)[1] == counts(seeded_engine)[1]
    with unit_of_work(seeded_engine) as session:
        assert session.scalar(select(func.count()).select_from(ReportingUnit).join(Region)
                              .where(Region.code == "13.76")) == 0
    done = create_areas_from_list(seeded_engine, COMMAND_LINE, "13.76", apply=True)
    assert done.kecamatan_added == preview.kecamatan_added
    with unit_of_work(seeded_engine) as session:
        units = session.execute(select(ReportingUnit.kind, ReportingUnit.code, ReportingUnit.parent_id)
                                .join(Region).where(Region.code == "13.76")).all()
    assert len(units) == expected_kec + expected_kel and all(code.startswith("13.76.") for _, code, _ in units)
    assert all(parent is not None for kind, _, parent in units if kind == "kelurahan")
    again = create_areas_from_list(seeded_engine, COMMAND_LINE, "13.76", apply=True)
    assert again.kecamatan_added == [] and again.unchanged == expected_kec + expected_kel


def test_units_already_named_receive_their_code_and_are_not_doubled(seeded_engine):
    with unit_of_work(seeded_engine) as session:
        session.query(ReportingUnit).filter(ReportingUnit.code.is_not(None)).update({"code": None})
    plan = create_areas_from_list(seeded_engine, command_line_user(seeded_engine, "sekretariat"), None, apply=True)
    assert plan.kecamatan_added == [] and plan.kelurahan_added == 0 and len(plan.coded) == 57
    with unit_of_work(seeded_engine) as session:
        namosain = select(ReportingUnit.code).where(ReportingUnit.name == "Kelurahan Namosain")
        assert session.scalar(namosain) == "53.71.01.1001"


def test_the_secretariat_creates_units_only_in_its_own_region(seeded_engine):
    add_region(seeded_engine, COMMAND_LINE, "13.76")
    secretariat = command_line_user(seeded_engine, "sekretariat")
    before = counts(seeded_engine)
    with pytest.raises(PermissionDenied):
        create_areas_from_list(seeded_engine, secretariat, "13.76", apply=True)
    with pytest.raises(InvalidInput, match="53.71.99 tidak ada"):
        create_areas_from_list(seeded_engine, secretariat, None, ["53.71.99"], apply=True)
    with pytest.raises(PermissionDenied):
        create_areas_from_list(seeded_engine, command_line_user(seeded_engine, "ketua"), None, apply=True)
    assert counts(seeded_engine) == before


def test_a_newer_list_replaces_the_old_all_or_nothing(seeded_engine):
    regions = ("kode,nama,tingkat,kode_provinsi,nama_provinsi\n"
               "99,Provinsi Baru,provinsi,99,Provinsi Baru\n"
               "99.01,Kota Baru,kota,99,Provinsi Baru\n")
    areas = "kode,nama,tingkat\n99.01.01,Tengah,kecamatan\n99.01.01.1001,Pusat,kelurahan\n"
    with pytest.raises(InvalidInput, match="baris 2"):
        load_official_list(seeded_engine, COMMAND_LINE, regions.encode(),
                           b"kode,nama,tingkat\n99.01.0,X,kecamatan\n", "Uji")
    assert official_list_info(seeded_engine).regencies == 514
    with pytest.raises(PermissionDenied):
        load_official_list(seeded_engine, command_line_user(seeded_engine, "sekretariat"), regions.encode(),
                           areas.encode(), "Uji")
    info = load_official_list(seeded_engine, COMMAND_LINE, regions.encode(), areas.encode(), "Daftar uji 2027")
    assert (info.list_name, info.provinces, info.regencies, info.kecamatan, info.villages) == (
        "Daftar uji 2027", 1, 1, 1, 1)
    assert add_region(seeded_engine, COMMAND_LINE, "99.01").name == "Kota Baru"
    with pytest.raises(InvalidInput, match="Daftar uji 2027"):
        add_region(seeded_engine, COMMAND_LINE, "13.76")


def test_a_region_without_official_kecamatan_says_so(seeded_engine):
    regions = "kode,nama,tingkat,kode_provinsi,nama_provinsi\n99,P,provinsi,99,P\n99.01,Kota Baru,kota,99,P\n"
    load_official_list(seeded_engine, COMMAND_LINE, regions.encode(), b"kode,nama,tingkat\n", "Uji")
    add_region(seeded_engine, COMMAND_LINE, "99.01")
    with pytest.raises(NotFound, match="tidak memuat kecamatan"):
        create_areas_from_list(seeded_engine, COMMAND_LINE, "99.01")


def test_the_demo_region_and_its_places_are_the_official_ones(seeded_engine):
    """The demo builds Kota Kupang directly from seed/kupang.py; it must agree with the official list."""
    from seed import kupang
    official = next(r for r in official_regencies(seeded_engine, "53") if r["code"] == kupang.REGION["code"])
    assert kupang.REGION == {"code": official["code"], "name": official["name"], "kind": official["level"],
                             "province_code": official["province_code"], "province_name": official["province_name"]}
    with unit_of_work(seeded_engine) as session:
        areas = session.scalars(select(OfficialArea).where(OfficialArea.code.like("53.71.%"))).all()
    names = {a.code: a.name for a in areas}
    listed = {names[a.code]: sorted(names[v.code] for v in areas if v.parent_code == a.code)
              for a in areas if a.level == "kecamatan"}
    assert listed == {kec: sorted(kels) for kec, kels in kupang.KELURAHAN.items()}
