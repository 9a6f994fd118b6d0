"""The pages registry (ui/pages.py) is complete: every page file under app_pages/ is in it (the
first-run page aside), addresses and files are unique, titles exist in both languages, and every
role's home page (indicators/roles.py) is a page its role sees. The tests that walk pages iterate
the registry (public leaks, query plans, downloads, the menu), so they cover a new page by itself."""
from pathlib import Path

from data.actor import SignedInUser
from indicators import roles
from ui import pages
from ui.i18n import CATALOGS, role_name

ROOT = Path(__file__).resolve().parents[2]


def test_every_page_file_is_in_the_registry():
    files = {f"app_pages/{path.name}" for path in (ROOT / "app_pages").glob("*.py") if path.name != "__init__.py"}
    assert files == {page.file for page in pages.PAGES} | {pages.FIRST_RUN}
    assert len(pages.BY_FILE) == len(pages.BY_ADDRESS) == len(pages.PAGES)


def test_every_page_has_a_title_in_both_languages_and_a_known_section_and_audience():
    for page in pages.PAGES:
        assert page.title_key in CATALOGS["id"] and page.title_key in CATALOGS["en"], page.file
        assert page.section in pages.SECTIONS and page.icon.startswith(":material/"), page.file
        assert page.public or page.who == pages.SIGNED_OUT or set(page.roles) <= set(roles.KEYS), page.file
    assert pages.BY_FILE[pages.DEFAULT].public


def test_every_role_is_named_in_both_languages_and_lands_on_a_page_it_sees():
    for role in roles.ROLE_TABLE:
        assert role_name(role.key, "id") == role.name_id and role_name(role.key, "en") == role.name_en
        user = SignedInUser(id=1, username="x", display_name="X", role=role.key, region_id=1, region_code="53.71",
                            region_name="Kota Kupang", unit_id=None, unit_short_name=None, unit_name=None)
        home = pages.BY_ADDRESS[role.home]
        assert home.guarded and home.listed_for(user), role.key
