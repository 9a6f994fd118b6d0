"""The menu lists a page only to the users who may open it."""

from dataclasses import replace

from data.actor import SignedInUser
from ui import frame

OPD_USER = SignedInUser(id=1, username="opd.dinkes", display_name="Operator Dinkes", role="opd",
                        region_id=1, region_code="53.71", region_name="Kota Kupang", unit_id=2,
                        unit_short_name="dinkes", unit_name="Dinas Kesehatan")


def listed_paths(user):
    return {page.url_path for page in frame.GUARDED if page.listed_for(user)}


def test_case_data_is_listed_to_the_case_units_and_the_task_force_only():
    assert "data-kasus" not in listed_paths(OPD_USER)
    assert "data-kasus" in listed_paths(replace(OPD_USER, username="opd.dp3a", unit_short_name="dp3a",
                                                         unit_data_sources=("dp3a",)))
    assert "data-kasus" in listed_paths(replace(OPD_USER, role="secretariat", unit_short_name=None))
    assert "isian" in listed_paths(OPD_USER)
    assert "isian" not in listed_paths(replace(OPD_USER, role="chair", unit_short_name=None))


def test_anonymous_visitors_get_no_guarded_page_in_the_menu():
    assert listed_paths(None) == set()
