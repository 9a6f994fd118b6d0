"""Published means frozen: what the public sees of a published cycle (pages, Kelana Dekela per
kecamatan, every exported CSV) stays as it was published when units are added, moved,
deactivated or renamed afterwards; taking the cycle off and publishing it again shows it anew."""
from sqlalchemy import update

from data.db import unit_of_work
from data.models import ReportingUnit
from data.services.kelana.public_kelana import public_kelana
from data.services.public.export import public_files
from data.services.public.summary import public_indicators, public_summary
from data.services.regions.regions import rename_region
from data.services.review.cycle_admin import publish_cycle, unpublish_cycle
from data.services.units.changes import add_unit, deactivate_unit, move_kelurahan
from data.services.units.opds import update_opd
from review_fixtures import account


def public_view(engine) -> dict:
    summary = public_summary(engine, "53.71", 2024)
    kelana = public_kelana(engine, "53.71", 2024)
    indicators = public_indicators(engine, "53.71", None, 2024)
    return {"files": {f.name: f.csv() for f in public_files(engine, "53.71", 2024)}, "total": summary.total,
            "names": [summary.region_name, kelana.region_name, *(i.region_name for i in indicators)],
            "responsible": [i.responsible for i in indicators],
            "groups": summary.groups.to_json(), "kelana": kelana.kecamatan.to_json(),
            "kelana_points": kelana.group_points,
            "indicators": [i.questions.to_json() for i in public_indicators(engine, "53.71", None, 2024)]}


def change_the_units(engine) -> None:
    sek = account(engine, "sekretariat")
    add_unit(engine, sek, "kecamatan", "Kota Baru Uji")
    add_unit(engine, sek, "kelurahan", "Uji Baru", "kec_kota_baru_uji")
    move_kelurahan(engine, sek, "kel_oesapa", "kec_kota_baru_uji", "Pemekaran wilayah uji")
    deactivate_unit(engine, sek, "kel_naioni", "Digabung ke kelurahan lain")
    with unit_of_work(engine) as session:
        session.execute(update(ReportingUnit).where(ReportingUnit.short_name == "kec_alak")
                        .values(name="Kecamatan Alak Raya"))
    update_opd(engine, sek, "dinkes", name="Dinas Kesehatan Baru")
    rename_region(engine, account(engine, "admin"), "53.71", "Kota Kupang Baru")


def test_a_published_cycle_shows_what_it_published_whatever_the_units_do_later(seeded_engine):
    published = public_view(seeded_engine)
    change_the_units(seeded_engine)
    assert public_view(seeded_engine) == published
    assert any(name.startswith("Dinas Kesehatan") for names in published["responsible"] for name in names)


def test_publishing_again_shows_the_units_as_they_are_then(seeded_engine):
    change_the_units(seeded_engine)
    ketua = account(seeded_engine, "ketua")
    before = public_kelana(seeded_engine, "53.71", 2024).kecamatan
    unpublish_cycle(seeded_engine, ketua, 2024, "Rincian kecamatan diperbarui")
    publish_cycle(seeded_engine, ketua, 2024)
    after = public_kelana(seeded_engine, "53.71", 2024).kecamatan
    assert public_summary(seeded_engine, "53.71", 2024).region_name == "Kota Kupang Baru"
    assert any("Dinas Kesehatan Baru" in i.responsible for i in public_indicators(seeded_engine, "53.71", None, 2024))
    assert "Kecamatan Alak Raya" in set(after["kecamatan"]) and "Kecamatan Alak Raya" not in set(before["kecamatan"])
    assert len(after) == len(before) + 1
