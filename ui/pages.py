"""The pages of the app, in one table: each page's file, title key, icon, address (url path), menu
section and who sees it (the public, visitors who are not signed in, or the roles of the roles
registry). The frame builds the navigation from it (ui.frame.pages_for), the sign-in lands on a
role's home page through it, and the tests that walk pages iterate it: a page added here is
covered by the public-leak, query-plan, download and menu tests without being listed again.

A public page shows published figures only and needs no sign-in; every other page calls
ui.auth.require_user itself (the menu only decides what is listed). See docs/recipes.md."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from data.access import (
    ACTION_READERS,
    ALL_ROLES,
    BOARD_READERS,
    CYCLE_OPENERS,
    FORUM_READERS,
    PROVINCE_RETURN_READERS,
    PROVINCE_VERIFIERS,
    REGION_READERS,
    UNIT_MANAGERS,
    UNIT_ROLES,
    USER_MANAGERS,
    may_read_cases,
)
from data.actor import SignedInUser

PUBLIC = "public"
"""Who sees a public page: everyone, signed in or not."""
SIGNED_OUT = "signed_out"
"""Who sees the sign-in page: visitors who are not signed in."""

SECTIONS = ("entry", "review", "region", "province", "general", "public")
"""Menu sections in menu order; each is titled by the i18n key "section.<name>"."""


@dataclass(frozen=True)
class Page:
    """One page: its file under app_pages/, title key (ui.i18n), icon, address, menu section, and
    who sees it: PUBLIC, SIGNED_OUT, or a tuple of roles; or instead a test of the signed-in user
    (`shown_to`, when a role alone does not decide)."""

    file: str
    title_key: str
    icon: str
    url_path: str
    section: str
    who: tuple[str, ...] | str = ALL_ROLES
    shown_to: Callable[[SignedInUser], bool] | None = None

    @property
    def public(self) -> bool:
        """A page of published figures, open to everyone."""
        return self.who == PUBLIC

    @property
    def guarded(self) -> bool:
        """A page for signed-in users (it calls ui.auth.require_user itself)."""
        return self.who not in (PUBLIC, SIGNED_OUT)

    @property
    def roles(self) -> tuple[str, ...]:
        """The roles that see a guarded page in their menu (all, for a page shown by a test)."""
        return ALL_ROLES if self.shown_to or not self.guarded else tuple(self.who)

    def listed_for(self, user: SignedInUser | None) -> bool:
        """Whether the page is in this user's menu (None: a visitor who is not signed in)."""
        if self.who == PUBLIC:
            return True
        if self.who == SIGNED_OUT:
            return user is None
        if user is None:
            return False
        return self.shown_to(user) if self.shown_to else user.role in self.who


PUBLIC_SUMMARY = "app_pages/public_summary.py"
PUBLIC_INDICATOR = "app_pages/public_indicator.py"
PUBLIC_CASES = "app_pages/public_cases.py"
PUBLIC_KELANA = "app_pages/public_kelana.py"
SIGN_IN = "app_pages/sign_in.py"
ENTRY = "app_pages/entry.py"
REVIEW = "app_pages/review.py"
INDICATOR_DETAIL = "app_pages/indicator_detail.py"
FORUM = "app_pages/forum.py"
BOARD = "app_pages/board.py"
SETUP = "app_pages/setup.py"
REGIONS = "app_pages/regions.py"
USERS = "app_pages/users.py"
UNITS = "app_pages/units.py"
CYCLES = "app_pages/cycles.py"
INSTRUMENT = "app_pages/instrument.py"
ACCOUNT = "app_pages/account.py"
FIRST_RUN = "app_pages/first_run.py"
"""The only page of a deployment without an administrator yet (pantau.py); outside the table."""

SUMMARY_ADDRESS = "ringkasan"

PAGES: tuple[Page, ...] = (
    # In menu order within each section.
    Page(ENTRY, "page.entry", ":material/edit_note:", "isian", "entry", tuple(UNIT_ROLES)),
    Page(FORUM, "page.forum", ":material/diversity_3:", "forum-anak", "entry", FORUM_READERS),
    Page("app_pages/cases.py", "page.cases", ":material/shield_person:", "data-kasus", "entry",
         shown_to=may_read_cases),
    Page("app_pages/completeness.py", "page.completeness", ":material/donut_large:", "kelengkapan", "review",
         REGION_READERS),
    Page(REVIEW, "page.review", ":material/fact_check:", "verifikasi", "review", REGION_READERS),
    Page("app_pages/scores.py", "page.scores", ":material/leaderboard:", "nilai", "review", REGION_READERS),
    Page(INDICATOR_DETAIL, "page.indicator_detail", ":material/query_stats:", "indikator", "review",
         REGION_READERS),
    Page("app_pages/province_returns.py", "page.province_returns", ":material/assignment_return:",
         "dikembalikan-provinsi", "review", PROVINCE_RETURN_READERS),
    Page("app_pages/kelana.py", "kelana.page", ":material/holiday_village:", "kelana", "review", REGION_READERS),
    Page("app_pages/actions.py", "page.actions", ":material/task_alt:", "rencana-aksi", "review", ACTION_READERS),
    Page("app_pages/meetings.py", "page.meetings", ":material/groups:", "rakor", "review", REGION_READERS),
    Page(SETUP, "page.setup", ":material/checklist_rtl:", "persiapan", "region", REGION_READERS),
    Page(UNITS, "page.units", ":material/location_city:", "unit-wilayah", "region", UNIT_MANAGERS),
    Page(USERS, "page.users", ":material/group:", "pengguna", "region", USER_MANAGERS),
    Page(CYCLES, "page.cycles", ":material/event:", "siklus", "region", CYCLE_OPENERS),
    Page(REGIONS, "page.regions", ":material/map:", "wilayah", "region", ("admin",)),
    Page(BOARD, "page.board", ":material/dashboard:", "papan-kesiapan", "province", BOARD_READERS),
    Page("app_pages/province_review.py", "page.province_review", ":material/verified:", "verifikasi-provinsi",
         "province", PROVINCE_VERIFIERS),
    Page(INSTRUMENT, "page.instrument", ":material/checklist:", "instrumen", "general"),
    Page(ACCOUNT, "page.account", ":material/person:", "akun", "general"),
    Page(PUBLIC_SUMMARY, "page.public", ":material/insights:", SUMMARY_ADDRESS, "public", PUBLIC),
    Page(PUBLIC_INDICATOR, "page.public_indicator", ":material/query_stats:", "indikator-publik", "public", PUBLIC),
    Page(PUBLIC_CASES, "page.public_cases", ":material/shield_person:", "kasus", "public", PUBLIC),
    Page(PUBLIC_KELANA, "kelana.public_page", ":material/holiday_village:", "kelana-publik", "public", PUBLIC),
    Page(SIGN_IN, "page.sign_in", ":material/login:", "masuk", "public", SIGNED_OUT),
)

DEFAULT = PUBLIC_SUMMARY
"""The page served at the app's root and at any unknown address."""
BY_FILE = {page.file: page for page in PAGES}
BY_ADDRESS = {page.url_path: page for page in PAGES}
PUBLIC_PAGES = tuple(page for page in PAGES if page.public)
"""The pages of published figures, open to everyone (the public-leak, query-plan and download
tests walk each)."""
GUARDED = tuple(page for page in PAGES if page.guarded)
"""The pages for signed-in users (each calls ui.auth.require_user)."""
