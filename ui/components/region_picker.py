"""The region a page works on: no widget when there is only one, otherwise a select box. Every
page that reads one region's data (the task force's pages, units, cases, instrument, the public
pages) picks it here."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from data.actor import SignedInUser
from ui.i18n import t


def name(region: dict) -> str:
    return region["name"]


def name_and_code(region: dict) -> str:
    """Kota Kupang (53.71): for staff, who know the Kemendagri codes."""
    return f"{region['name']} ({region['code']})"


def name_and_province(region: dict) -> str:
    """Kota Kupang (Nusa Tenggara Timur): for the public."""
    return f"{region['name']} ({region['province_name']})"


def own(user: SignedInUser | None) -> list[dict]:
    """The user's own region as the only choice; none for a visitor or an account of no region
    (the deployment's admin), who choose from a list."""
    if user is None or not user.region_code:
        return []
    return [{"code": user.region_code, "name": user.region_name}]


WORKING_ON = "region_picker.working_on"
"""The region the admin has just added (ui.views.regions): the pickers select it first."""


def home(regions: list[dict]) -> str | None:
    """The code of the region a visitor sees first (the deployment's first hosted, marked "home")."""
    return next((r["code"] for r in regions if r.get("home")), None)


def show(regions: list[dict], *, key: str, preferred: str | None = None,
         label_of: Callable[[dict], str] = name, where=st) -> dict | None:
    """One of `regions` (dicts with at least code and name): None when there is none, the only one
    without asking, else the reader's pick, `preferred` (a code) selected first. `where` is the
    column or container to draw in."""
    if not regions:
        return None
    if len(regions) == 1:
        return regions[0]
    by_code = {r["code"]: r for r in regions}
    codes = list(by_code)
    labels = {code: label_of(region) for code, region in by_code.items()}  # a dict's .get pickles
    preferred = preferred or st.session_state.get(WORKING_ON)
    index = codes.index(preferred) if preferred in codes else 0
    code = where.selectbox(t("picker.region"), codes, index=index, format_func=labels.get, key=key)
    return by_code[code]
