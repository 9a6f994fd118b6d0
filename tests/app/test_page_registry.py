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


def _roles_the_page_file_requires(page) -> set[str]:
    """The roles a guarded page's own guard admits: the argument of its `auth.require_user(...)`
    call, evaluated (no argument: every role)."""
    import ast

    from data import access
    from ui.pages import PROVINCE_VERIFIERS

    tree = ast.parse((ROOT / page.file).read_text(encoding="utf-8"))
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
             and node.func.attr == "require_user"]
    assert len(calls) == 1, f"{page.file}: one auth.require_user call expected"
    if not calls[0].args:
        return set(roles.KEYS)
    expression = ast.Expression(calls[0].args[0])
    return set(eval(compile(expression, page.file, "eval"),
                    {"access": access, "PROVINCE_VERIFIERS": PROVINCE_VERIFIERS, "tuple": tuple}))


def test_each_page_guard_admits_the_roles_its_registry_row_lists():
    """The menu (the registry) and the page's own guard agree, so nobody is shown a page that then
    refuses them, and no role reaches a page the registry does not list for it."""
    for page in pages.GUARDED:
        if page.shown_to is None:
            assert _roles_the_page_file_requires(page) == set(page.roles), page.file
