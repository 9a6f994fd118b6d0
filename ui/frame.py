"""The frame around every page: the language switch, the page list for the signed-in role and
the sidebar with the app's name, the user and the sign-out button."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import streamlit as st

from data.access import (ACTION_READERS, ALL_ROLES, BOARD_READERS, PROVINCE_VERIFIERS, CYCLE_OPENERS, FORUM_READERS, REGION_READERS, UNIT_MANAGERS,
                         UNIT_ROLES, USER_MANAGERS, may_read_cases)
from data.actor import SignedInUser
from ui import auth
from ui.components import url_state
from ui.i18n import DEFAULT_LANG, LANGUAGES, role_name, t
from indicators.text import excerpt
from ui.markup import plain

PUBLIC_SUMMARY = "app_pages/public_summary.py"
PUBLIC_INDICATOR = "app_pages/public_indicator.py"
PUBLIC_CASES = "app_pages/public_cases.py"
PUBLIC_KELANA = "app_pages/public_kelana.py"
SIGN_IN = "app_pages/sign_in.py"
INSTRUMENT = "app_pages/instrument.py"
ACCOUNT = "app_pages/account.py"
INDICATOR_DETAIL = "app_pages/indicator_detail.py"
FIRST_RUN = "app_pages/first_run.py"
SETUP = "app_pages/setup.py"
REGIONS = "app_pages/regions.py"
USERS = "app_pages/users.py"
UNITS = "app_pages/units.py"
CYCLES = "app_pages/cycles.py"

LOGO = str(Path(__file__).resolve().parent / "assets" / "logo.svg")


@dataclass(frozen=True)
class GuardedPage:
    """A page for signed-in users: its file, title key, icon, URL path and the roles that see
    it in their menu, or instead a test of the user (when a role alone does not decide). Every
    guarded page calls ui.auth.require_user itself."""

    file: str
    title_key: str
    icon: str
    url_path: str
    roles: tuple[str, ...] = ALL_ROLES
    shown_to: Callable[[SignedInUser], bool] | None = None

    def listed_for(self, user: SignedInUser | None) -> bool:
        if user is None:
            return False
        return self.shown_to(user) if self.shown_to else user.role in self.roles


GUARDED = (
    # Features add their pages here, in menu order.
    GuardedPage("app_pages/entry.py", "page.entry", ":material/edit_note:", "isian", tuple(UNIT_ROLES)),
    GuardedPage("app_pages/completeness.py", "page.completeness", ":material/donut_large:", "kelengkapan",
                REGION_READERS),
    GuardedPage("app_pages/review.py", "page.review", ":material/fact_check:", "verifikasi", REGION_READERS),
    GuardedPage("app_pages/scores.py", "page.scores", ":material/leaderboard:", "nilai", REGION_READERS),
    GuardedPage(INDICATOR_DETAIL, "page.indicator_detail", ":material/query_stats:", "indikator", REGION_READERS),
    GuardedPage("app_pages/actions.py", "page.actions", ":material/task_alt:", "rencana-aksi", ACTION_READERS),
    GuardedPage("app_pages/meetings.py", "page.meetings", ":material/groups:", "rakor", REGION_READERS),
    GuardedPage("app_pages/forum.py", "page.forum", ":material/diversity_3:", "forum-anak", FORUM_READERS),
    GuardedPage("app_pages/kelana.py", "kelana.page", ":material/holiday_village:", "kelana", REGION_READERS),
    GuardedPage("app_pages/cases.py", "page.cases", ":material/shield_person:", "data-kasus",
                shown_to=may_read_cases),
    GuardedPage(UNITS, "page.units", ":material/location_city:", "unit-wilayah", UNIT_MANAGERS),
    GuardedPage(USERS, "page.users", ":material/group:", "pengguna", USER_MANAGERS),
    GuardedPage(CYCLES, "page.cycles", ":material/event:", "siklus", CYCLE_OPENERS),
    GuardedPage(SETUP, "page.setup", ":material/checklist_rtl:", "persiapan", REGION_READERS),
    GuardedPage(REGIONS, "page.regions", ":material/map:", "wilayah", ("admin",)),
    GuardedPage("app_pages/board.py", "page.board", ":material/dashboard:", "papan-kesiapan", BOARD_READERS),
    GuardedPage("app_pages/province_review.py", "page.province_review", ":material/verified:", "verifikasi-provinsi",
                PROVINCE_VERIFIERS),
    GuardedPage(INSTRUMENT, "page.instrument", ":material/checklist:", "instrumen"),
    GuardedPage(ACCOUNT, "page.account", ":material/person:", "akun"),
)

GUARDED_PAGES = {page.url_path: page.file for page in GUARDED}

HOME = {"opd": "app_pages/entry.py", "kecamatan": "app_pages/entry.py", "kelurahan": "app_pages/entry.py",
        "chair": "app_pages/review.py", "member": "app_pages/review.py", "secretariat": SETUP, "admin": SETUP,
        "forum": "app_pages/forum.py", "province": "app_pages/board.py"}


def home_of(user: SignedInUser) -> str:
    """Where a user lands after signing in: their own work (the new-password form first, when
    they signed in with a one-time password)."""
    return ACCOUNT if user.must_change_password else HOME.get(user.role, PUBLIC_SUMMARY)
"""URL path -> file of every page that needs a signed-in user (the browser tests visit each)."""


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


SUMMARY_ADDRESS = "ringkasan"
PUBLIC_ADDRESSES = (SUMMARY_ADDRESS, "indikator-publik", "kasus", "kelana-publik", "masuk")
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


def pages_for(user: SignedInUser | None) -> list[st.Page]:
    """The page list of this role. Anonymous visitors get the public summary and the sign-in
    page; the guarded pages stay routable but unlisted, so a deep link to them lands on their
    own guard, which shows the sign-in form and then the page itself. A signed-in user sees the
    pages of their role; the others stay routable too and their guard explains the refusal.
    The summary also answers at /ringkasan and at any unknown address (with a sentence saying
    so), never with Streamlit's "Page not found" dialog."""
    public = st.Page(PUBLIC_SUMMARY, title=t("page.public"), icon=":material/insights:",
                     url_path=DEFAULT_PAGE_KEY, default=True)
    summary_elsewhere = [SUMMARY_ADDRESS] + [p for p in [unknown_address()] if p and "/" not in p]
    public_pages = [
        public,
        *[st.Page(PUBLIC_SUMMARY, title=t("page.public"), icon=":material/insights:", url_path=path,
                  visibility="hidden") for path in summary_elsewhere],
        st.Page(PUBLIC_INDICATOR, title=t("page.public_indicator"), icon=":material/query_stats:",
                url_path="indikator-publik"),
        st.Page(PUBLIC_CASES, title=t("page.public_cases"), icon=":material/shield_person:", url_path="kasus"),
        st.Page(PUBLIC_KELANA, title=t("kelana.public_page"), icon=":material/holiday_village:",
                url_path="kelana-publik"),
    ]
    guarded = [
        st.Page(page.file, title=t(page.title_key), icon=page.icon, url_path=page.url_path,
                visibility="visible" if page.listed_for(user) else "hidden")
        for page in GUARDED
    ]
    if user is not None:
        return [*public_pages, *guarded]
    sign_in = st.Page(SIGN_IN, title=t("page.sign_in"), icon=":material/login:", url_path="masuk")
    return [*public_pages, sign_in, *guarded]


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
