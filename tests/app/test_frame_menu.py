"""The menu lists a page only to the users who may open it, from the pages registry (ui.pages),
in sections; every role's home page is a page of the registry that its role sees."""

from dataclasses import replace

import pytest
from streamlit.testing.v1 import AppTest

from data.actor import SignedInUser
from indicators import roles
from page_helpers import APP
from ui import frame, pages
from ui.i18n import t

OPD_USER = SignedInUser(id=1, username="opd.dinkes", display_name="Operator Dinkes", role="opd",
                        region_id=1, region_code="53.71", region_name="Kota Kupang", unit_id=2,
                        unit_short_name="dinkes", unit_name="Dinas Kesehatan")


def listed_paths(user):
    return {page.url_path for page in pages.GUARDED if page.listed_for(user)}


def test_case_data_is_listed_to_the_case_units_and_the_task_force_only():
    assert "data-kasus" not in listed_paths(OPD_USER)
    assert "data-kasus" in listed_paths(replace(OPD_USER, username="opd.dp3a", unit_short_name="dp3a",
                                                         unit_data_sources=("dp3a",)))
    assert "data-kasus" in listed_paths(replace(OPD_USER, role="secretariat", unit_short_name=None))
    assert "isian" in listed_paths(OPD_USER)
    assert "isian" not in listed_paths(replace(OPD_USER, role="chair", unit_short_name=None))


def test_anonymous_visitors_get_no_guarded_page_in_the_menu():
    assert listed_paths(None) == set()
    assert {page.url_path for page in pages.PAGES if page.listed_for(None)} == {
        *(page.url_path for page in pages.PUBLIC_PAGES), "masuk"}


@pytest.mark.parametrize("role", roles.KEYS)
def test_every_role_lands_on_a_page_of_its_own_menu(role):
    user = replace(OPD_USER, role=role, unit_data_sources=())
    home = pages.BY_ADDRESS[roles.ROLES[role].home]
    assert home.guarded and home.listed_for(user), role


def test_the_admins_menu_comes_in_sections_the_public_last():
    menu = frame.menu_of(replace(OPD_USER, role="admin", unit_short_name=None))
    assert list(menu) == ["entry", "review", "region", "province", "general", "public"]
    assert sum(len(section) for section in menu.values()) >= 20
    assert [page.url_path for page in menu["public"]] == [page.url_path for page in pages.PUBLIC_PAGES]


def test_an_opd_sees_its_entry_first_and_a_visitor_one_list_without_heading():
    assert list(frame.menu_of(OPD_USER)) == ["entry", "review", "general", "public"]  # review: its action plans
    assert frame.menu_of(OPD_USER)["entry"][0].url_path == "isian"
    [visitor] = frame.menu_of(None).values()
    assert list(frame.menu_of(None)) == [""]
    assert [page.url_path for page in visitor] == [*(page.url_path for page in pages.PUBLIC_PAGES), "masuk"]


def test_every_section_has_a_title_in_both_languages():
    for name in pages.SECTIONS:
        for lang in ("id", "en"):
            assert t(f"section.{name}", lang) != f"section.{name}", (name, lang)
    assert {page.section for page in pages.PAGES} == set(pages.SECTIONS)


def test_the_navigation_routes_every_page_and_the_summary_at_its_other_addresses(database_url):
    """The whole app under AppTest: each registry page opens by its file for a visitor (the guarded
    ones show their sign-in form)."""
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    for page in pages.PAGES:
        at.switch_page(page.file).run()
        assert not at.exception, page.file
