"""The crawl: every page of the pages registry (ui.pages), opened through AppTest by every role of
the roles registry (indicators.roles) that may see it, and by a visitor who is not signed in, in
three states of the database:

- new_region: a deployment started without the demo whose admin has just added Kota Payakumbuh
  (13.76) and its accounts: no units, no cycle (a city's first hour);
- first_cycle: the same region with a few OPDs and an open cycle, nothing answered, no kecamatan or
  kelurahan yet (its first day, as the command line sets it up);
- open_cycle: the same with its kecamatan and kelurahan from the official list and an account per
  unit role (its first week);
- demo: the Kota Kupang demo with its NTT neighbours.

Each state is built once per test session through the services, as an admin would, and copied per
test. `visits(state)` yields one Visit per (role, page), with the AppTest showing it; tests read
what each visit shows (tests/app/test_page_crawl.py; the inert-text tests plant text first).
New pages and roles join by themselves: nothing here names one."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest
import streamlit as st
from streamlit import config
from streamlit.testing.v1 import AppTest

from bootstrap import ensure_database
from data.db import make_engine
from data.services.accounts.auth import command_line_user, create_user
from data.services.cycles.cycles import open_cycle
from data.services.regions.regions import add_region, create_areas_from_list
from data.services.setup.first_run import create_first_admin
from data.services.units.opds import add_opd
from data.services.units.roster import region_units
from indicators import clock, roles
from page_helpers import APP, DEMO_PASSWORD, sign_in
from seed.demo import seed_demo
from ui import pages

STATES = ("new_region", "first_cycle", "open_cycle", "demo")
ERROR_DETAILS = "client.showErrorDetails"
PASSWORD = "KotaBaru-2026!"
REGION = "13.76"
"""Kota Payakumbuh, Sumatera Barat: the city the issue tried (5 kecamatan in the official list)."""
FIRST_OPDS = [
    # name, data sources, short name: a first day's few OPDs, so that some data sources are still unanswered
    ("Dinas Pengendalian Penduduk, Keluarga Berencana, Pemberdayaan Perempuan dan Perlindungan Anak",
     ["dp3a", "uptd_ppa"], "dp3ap2kb"),
    ("Dinas Kesehatan", ["dinkes"], "dinkes"),
    ("Badan Perencanaan Pembangunan Daerah", ["bappeda"], "bappeda"),
]
DEMO_ACCOUNTS = {"admin": "admin", "secretariat": "sekretariat", "chair": "ketua", "member": "anggota",
                 "opd": "opd.dp3a", "kecamatan": "kec.alak", "kelurahan": "kel.alak", "forum": "forum.anak",
                 "province": "provinsi.ntt"}


@dataclass(frozen=True)
class CrawlState:
    """A database to crawl and, per role, the account that opens it (a role without one is not
    crawled: a region without units has no unit accounts)."""
    name: str
    url: str
    accounts: dict[str, str]
    password: str


@dataclass
class Visit:
    state: str
    role: str | None
    """None: a visitor who is not signed in."""
    page: str
    at: AppTest
    problems: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.state} / {self.role or 'publik'} / {self.page}"


def _account_name(role: str) -> str:
    return f"{role}.payakumbuh"


def build_new_region(url: str) -> dict[str, str]:
    """A deployment without the demo (KLA_DEMO=0): its first admin adds the region and an account
    for every role that needs no unit."""
    engine = ensure_database(url, load_demo=False)
    try:
        admin = create_first_admin(engine, "admin", "Admin Payakumbuh", PASSWORD, PASSWORD)
        add_region(engine, admin, REGION)
        accounts = {"admin": "admin"}
        for role in roles.ROLE_TABLE:
            if role.key == roles.ADMIN or role.unit_kind:
                continue
            where = REGION.split(".")[0] if role.scope == roles.PROVINCE else REGION
            create_user(engine, admin, _account_name(role.key), f"{role.name_id} Payakumbuh", PASSWORD, role.key,
                        where)
        accounts.update({role.key: _account_name(role.key) for role in roles.ROLE_TABLE
                         if role.key != roles.ADMIN and not role.unit_kind})
        return accounts
    finally:
        engine.dispose()


def build_first_cycle(url: str, accounts: dict[str, str]) -> dict[str, str]:
    """The new region (already in `url`) on its first day: a few OPDs, one OPD account and an open
    cycle nobody has answered; no kecamatan or kelurahan yet."""
    engine = make_engine(url)
    try:
        admin = command_line_user(engine, "admin")
        for name, sources, short_name in FIRST_OPDS:
            add_opd(engine, admin, name, sources, short_name, region_code=REGION)
        open_cycle(engine, admin, REGION, clock.today().year, clock.today() + timedelta(days=60))
        _unit_account(engine, admin, "opd", FIRST_OPDS[0][2])
        return {**accounts, "opd": _account_name("opd")}
    finally:
        engine.dispose()


def _unit_account(engine, admin, role: str, unit_short_name: str) -> None:
    create_user(engine, admin, _account_name(role), f"{roles.ROLES[role].name_id} Payakumbuh", PASSWORD, role,
                REGION, unit_short_name)


def build_open_cycle(url: str, accounts: dict[str, str]) -> dict[str, str]:
    """The region of the first cycle (already in `url`) a week on: its kecamatan and kelurahan from
    the official list, and an account per unit role."""
    engine = make_engine(url)
    try:
        admin = command_line_user(engine, "admin")
        create_areas_from_list(engine, admin, REGION, apply=True)
        units = region_units(engine, admin, REGION)
        first_of = {kind: units[units["kind"] == kind]["short_name"].iloc[0] for kind in ("kecamatan", "kelurahan")}
        accounts = dict(accounts)
        for role in roles.ROLE_TABLE:
            if role.unit_kind and role.key not in accounts:
                _unit_account(engine, admin, role.key, first_of[role.unit_kind])
                accounts[role.key] = _account_name(role.key)
        return accounts
    finally:
        engine.dispose()


def build_demo(url: str) -> dict[str, str]:
    engine = ensure_database(url, load_demo=False)
    try:
        seed_demo(engine)
        return dict(DEMO_ACCOUNTS)
    finally:
        engine.dispose()


def build_states(folder: Path) -> dict[str, CrawlState]:
    """The four states, built into SQLite files in `folder` (each one grows from the one before)."""
    url = {name: f"sqlite:///{folder / name}.sqlite3" for name in STATES}
    accounts = build_new_region(url["new_region"])
    (folder / "first_cycle.sqlite3").write_bytes((folder / "new_region.sqlite3").read_bytes())
    first_accounts = build_first_cycle(url["first_cycle"], accounts)
    (folder / "open_cycle.sqlite3").write_bytes((folder / "first_cycle.sqlite3").read_bytes())
    open_accounts = build_open_cycle(url["open_cycle"], first_accounts)
    return {"new_region": CrawlState("new_region", url["new_region"], accounts, PASSWORD),
            "first_cycle": CrawlState("first_cycle", url["first_cycle"], first_accounts, PASSWORD),
            "open_cycle": CrawlState("open_cycle", url["open_cycle"], open_accounts, PASSWORD),
            "demo": CrawlState("demo", url["demo"], build_demo(url["demo"]), DEMO_PASSWORD)}


@pytest.fixture(scope="session")
def crawl_templates(tmp_path_factory) -> dict[str, CrawlState]:
    """The states, each built once per session (copy one with `copied` before writing to it)."""
    return build_states(tmp_path_factory.mktemp("crawl"))


def copied(state: CrawlState, folder) -> CrawlState:
    """A copy of the state's database in `folder`, for a test that writes."""
    source = state.url.removeprefix("sqlite:///")
    target = folder / f"{state.name}.sqlite3"
    target.write_bytes(open(source, "rb").read())
    return CrawlState(state.name, f"sqlite:///{target}", state.accounts, state.password)


def crawled_roles(state: CrawlState) -> list[str | None]:
    """The visitor who is not signed in, then every role of the registry that has an account here."""
    return [None] + [role.key for role in roles.ROLE_TABLE if role.key in state.accounts]


def crawled_pages(state: CrawlState, role: str | None) -> list[pages.Page]:
    """The pages of the registry in the menu of the role's account here (ui.pages.Page.listed_for)."""
    engine = make_engine(state.url)
    try:
        user = command_line_user(engine, state.accounts[role]) if role else None
    finally:
        engine.dispose()
    return [page for page in pages.PAGES if page.listed_for(user)]


def visits(state: CrawlState, role: str | None, monkeypatch) -> Iterator[Visit]:
    """Every page the role sees, opened in turn in one signed-in session; the database is the
    state's (KLA_DATABASE_URL)."""
    monkeypatch.setenv("KLA_DATABASE_URL", state.url)
    st.cache_data.clear()
    st.cache_resource.clear()
    listed = crawled_pages(state, role)
    shown_errors = config.get_option(ERROR_DETAILS)
    config.set_option(ERROR_DETAILS, "full")  # an exception's stack trace, for the failure's message
    try:
        at = AppTest.from_file(APP, default_timeout=60).run()
        if role:
            at.switch_page(pages.SIGN_IN).run()
            sign_in(at, state.accounts[role], state.password)
        for page in listed:
            at.switch_page(page.file).run()
            yield Visit(state.name, role, page.file, at)
    finally:
        config.set_option(ERROR_DETAILS, shown_errors)


# What the crawl asks of every visit --------------------------------------------------------------

MISSING_WORDS = re.compile(r"(?<![\w.])(nan|NaN|None|NaT|<NA>)(?![\w])")
"""A missing value printed as text (pandas' and Python's spellings)."""


def shown_texts(at: AppTest) -> list[str]:
    """Every piece of text the page shows: titles, markdown, captions, alerts, metrics, labels,
    options, table cells and column headings."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "error", "success",
                 "warning", "toast"):
        parts += [str(element.value) for element in at.get(kind)]
    parts += [f"{m.label}\n{m.value}\n{m.proto.delta or ''}" for m in at.metric]
    parts += [e.label for e in at.expander] + [tab.label for tab in at.tabs]
    for kind in ("button", "checkbox", "toggle", "text_input", "text_area", "number_input", "date_input",
                 "selectbox", "multiselect", "radio", "segmented_control", "select_slider", "download_button",
                 "file_uploader", "time_input", "pills"):
        for widget in at.get(kind):
            proto = getattr(widget, "proto", None)
            parts.append(str(getattr(widget, "label", "") or ""))
            parts.append(str(getattr(proto, "help", "") or ""))
            parts.append(str(getattr(proto, "placeholder", "") or ""))
            parts += [str(option) for option in getattr(proto, "options", ()) or ()]
    for table in list(at.table) + list(at.dataframe):
        frame = table.value
        parts += [str(column) for column in frame.columns]
        for column in frame.columns:
            parts += [value for value in frame[column].tolist() if isinstance(value, str)]
    return [part for part in parts if part]


def missing_values(texts: list[str]) -> list[str]:
    return [text[:160] for text in texts if MISSING_WORDS.search(text)]


def english_leftovers(texts: list[str], english: set[str]) -> list[str]:
    """Texts (in Indonesian mode) holding a sentence of the English catalog that the Indonesian one
    does not have."""
    return [text[:160] for text in texts if any(phrase in text for phrase in english)]


def english_phrases() -> set[str]:
    """The English catalog's phrases that no Indonesian text holds: each English value cut at its
    placeholders and markup, pieces of two words or more and ten characters or more (shorter ones,
    such as "Status" or "Total", are words both languages share)."""
    from ui.i18n import CATALOGS

    def pieces(text: str) -> list[str]:
        return [piece.strip(" .,:;()") for piece in re.split(r"\{[^}]*\}|\*\*|[`_#\n|]|\]\(|\[|\)", text)]

    indonesian = "\n".join(CATALOGS["id"].values())
    english = {piece for text in CATALOGS["en"].values() for piece in pieces(text)
               if len(piece) >= 10 and " " in piece}
    return {piece for piece in english if piece not in indonesian}


STREAMLIT_ENGLISH = ("Choose an option", "Choose options", "No options to select", "Press Enter to apply")
"""What Streamlit writes itself in English when a widget is given no Indonesian text."""
