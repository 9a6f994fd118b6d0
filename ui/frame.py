"""The frame around every page: the language switch, the page list for the signed-in role and
the sidebar with the app's name, the user and the sign-out button."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import streamlit as st

from data.actor import SignedInUser
from indicators import roles
from indicators.text import excerpt
from ui import auth, pages
from ui.components import url_state
from ui.i18n import DEFAULT_LANG, LANGUAGES, role_name, t
from ui.markup import plain
from ui.pages import (  # noqa: F401  (re-exported: pages and views name them through the frame)
    ACCOUNT,
    CYCLES,
    FIRST_RUN,
    INDICATOR_DETAIL,
    INSTRUMENT,
    PUBLIC_CASES,
    PUBLIC_INDICATOR,
    PUBLIC_KELANA,
    PUBLIC_SUMMARY,
    REGIONS,
    SETUP,
    SIGN_IN,
    SUMMARY_ADDRESS,
    UNITS,
    USERS,
)

LOGO = str(Path(__file__).resolve().parent / "assets" / "logo.svg")

GUARDED = pages.GUARDED
GUARDED_PAGES = {page.url_path: page.file for page in pages.GUARDED}
"""URL path -> file of every page that needs a signed-in user (the browser tests visit each)."""
PUBLIC_ADDRESSES = tuple(page.url_path for page in pages.PAGES if not page.guarded)


def home_of(user: SignedInUser) -> str:
    """Where a user lands after signing in: their role's home page (indicators.roles), or the
    new-password form first when they signed in with a one-time password."""
    if user.must_change_password:
        return ACCOUNT
    role = roles.ROLES.get(user.role)
    return pages.BY_ADDRESS[role.home].file if role else PUBLIC_SUMMARY


def language_switch() -> None:
    """Bahasa Indonesia / English, kept in st.session_state["lang"] and, when English, in the
    address (?lang=en: a shared link opens in the sender's language). Drawn first, because page
    titles depend on it; it sits at the bottom of the sidebar."""
    url_state.follow("lang", list(LANGUAGES), "lang", DEFAULT_LANG)
    with st.sidebar.container():
        st.segmented_control(
            t("frame.language"),
            options=list(LANGUAGES),
            format_func=LANGUAGES.get,
            key="lang",
            required=True,
        )
    url_state.write("lang", None if st.session_state["lang"] == DEFAULT_LANG else st.session_state["lang"])


DEFAULT_PAGE_KEY = "#ringkasan"
"""The default page is served at "/"; Streamlit names it by its url_path only internally, so this
name (which no address can hold) leaves "ringkasan" free for the summary's own address."""


def requested_address() -> str:
    """The page part of the address the browser asked for ("" for the app's root)."""
    path = urlparse(st.context.url or "").path.strip("/")
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base):].strip("/")
    return path


def unknown_address() -> str | None:
    """The address asked for when no page has it (the summary is shown in its place)."""
    path = requested_address()
    return path if path and path not in PUBLIC_ADDRESSES and path not in GUARDED_PAGES else None


def say_unknown_address() -> None:
    path = unknown_address()
    if path is not None:
        st.info(t("pub.url_unknown_page", path=plain(excerpt(path))), icon=":material/link_off:")


def menu_of(user: SignedInUser | None) -> dict[str, list[pages.Page]]:
    """Section -> the registry's pages listed to this user, in menu order: a signed-in user's by
    section (ui.pages.SECTIONS, the public pages last), a visitor's in one list without heading
    (section "")."""
    menu: dict[str, list[pages.Page]] = {}
    for name in pages.SECTIONS:
        listed = [page for page in pages.PAGES if page.section == name and page.listed_for(user)]
        if listed:
            menu.setdefault(name if user is not None else "", []).extend(listed)
    return menu


def pages_for(user: SignedInUser | None) -> dict[str, list[st.Page]]:
    """The navigation of this user, from the pages registry (ui.pages): the menu (menu_of), each
    section under its title. The guarded pages not listed stay routable (hidden), so a deep link
    to one lands on its own guard, which shows the sign-in form and then the page itself, or
    explains the refusal. The summary is the default page at the root, and also answers at
    /ringkasan and at any unknown address (with a sentence saying so), never with Streamlit's
    "Page not found" dialog."""
    def page_of(page: pages.Page, visible: bool, url_path: str | None = None) -> st.Page:
        if page.file == pages.DEFAULT and url_path is None:
            return st.Page(page.file, title=t(page.title_key), icon=page.icon, url_path=DEFAULT_PAGE_KEY,
                           default=True)
        return st.Page(page.file, title=t(page.title_key), icon=page.icon, url_path=url_path or page.url_path,
                       visibility="visible" if visible else "hidden")

    menu = menu_of(user)
    listed = {page.file for section in menu.values() for page in section}
    default = pages.BY_FILE[pages.DEFAULT]
    hidden = [page_of(page, False) for page in pages.GUARDED if page.file not in listed]
    hidden += [page_of(default, False, path) for path in [default.url_path, unknown_address()]
               if path and "/" not in path]
    navigation = {(t(f"section.{name}") if name else ""): [page_of(page, True) for page in section]
                  for name, section in menu.items()}
    navigation[""] = navigation.get("", []) + hidden
    return navigation


def first_run_page() -> st.Page:
    """The only page of a deployment that has no administrator yet."""
    return st.Page(FIRST_RUN, title=t("page.first_run"), icon=":material/rocket_launch:")


def sidebar(user: SignedInUser | None, header) -> None:
    st.logo(LOGO, size="large")  # above the page list, and beside the menu button on a phone
    with header:
        st.markdown(f"**{t('app.name')}**  \n:small[{t('app.tagline')}]")
        if user is None:
            st.caption(t("frame.not_signed_in"))
            return
        st.markdown(f"{t('frame.signed_in_as')} **{plain(user.display_name)}**")
        details = [role_name(user.role), user.unit_name, user.region_name]
        st.caption(plain(" · ".join(d for d in details if d)))
        if st.button(t("frame.sign_out"), icon=":material/logout:", key="sign_out"):
            auth.sign_out()
            st.switch_page(PUBLIC_SUMMARY)


CSS = """
<style>
.st-key-kla_lead p { font-size: 1.3rem; line-height: 1.5; margin-bottom: 0.25rem; }
@media (max-width: 640px) {
  .st-key-kla_lead p { font-size: 1.15rem; }
  [data-testid="stMain"] h1 { font-size: 2rem; }
  [data-testid="stMain"] h2 { font-size: 1.5rem; }
  [data-testid="stMain"] h3 { font-size: 1.25rem; }
  [data-testid="stMetricValue"] { font-size: 1.6rem; }
}
</style>
"""


def style() -> None:
    """A few rules the theme cannot express: the lead sentence and metric size on phones."""
    st.html(CSS)
