"""The engine and the cached reads the pages use.

The engine is one per process (st.cache_resource); data.bootstrap.ensure_database() migrates
and, on an empty database, loads the demo the first time it is asked for. Every cached read
takes the data version (a counter bumped by every write, read from the database), so a write
made by any process is seen at once; and everything that scopes the result (region, cycle) is an
argument, never read from st.session_state inside the cached function.
"""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

import bootstrap
from data import db
from data.services.catalog import catalog_view
from data.services.public import summary
from data.services.setup import first_run
from indicators import settings


@st.cache_resource(show_spinner="Menyiapkan basis data (hanya pada awal pertama) · Preparing the database",
                   on_release=lambda engine: engine.dispose())
def engine() -> Engine:
    return bootstrap.ensure_database(load_demo=demo_wanted())


def demo_wanted() -> bool:
    """KLA_DEMO=0 starts on an empty database (a real region); the Kupang demo is the default."""
    return settings.text(settings.DEMO) != "0"


def admin_exists() -> bool:
    """Whether the deployment has an administrator; asked on every run until it has one (then the
    answer cannot go back, as the last admin cannot be deactivated)."""
    if not st.session_state.get("admin_exists"):
        st.session_state["admin_exists"] = first_run.admin_exists(engine())
    return st.session_state["admin_exists"]


def data_version(region_code: str | None = None) -> int:
    """The write counter, read fresh on every run (one tiny query), never cached: the
    deployment's, plus the region's own when one is named (a save in one region leaves the other
    regions' caches alone)."""
    return db.current_data_version(engine(), region_code)


def public_version(region_code: str | None) -> int:
    """The counter of what a region's public pages show: publication, case statistics and what
    the whole deployment shares; the region's saves in its open cycle leave it alone."""
    return db.current_data_version(engine(), region_code, public=True)


@st.cache_data(show_spinner=False, max_entries=64)
def public_regions(version: int) -> list[dict]:
    return summary.list_public_regions(engine())


@st.cache_data(show_spinner=False, max_entries=256)
def public_summary(region_code: str, version: int, year: int | None = None):
    """The region's published evaluation of `year` (the latest when None), with the trend up to it."""
    return summary.public_summary(engine(), region_code, year)


@st.cache_data(show_spinner=False, max_entries=64)
def catalog(region_code: str, year: int | None, version: int):
    return catalog_view.catalog_for_region(engine(), region_code, year)
