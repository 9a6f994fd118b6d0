"""The region and cycle a task-force page works on: the reader's own region for roles of one region
(an OPD, the Forum Anak facilitator), else a region picker over the regions whose scores the reader
may read; then the cycle picker over that region's years. Stops the page with a sentence when there
is nothing to pick."""
from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from data.actor import SignedInUser
from ui import loaders
from ui.components import cycle_picker, region_picker
from ui.i18n import t


def show(user: SignedInUser, key: str, regions_of: Callable[[SignedInUser, int], list[dict]],
         years_of: Callable[[SignedInUser, str, int], tuple[list[int], int | None]],
         own_region_roles: tuple[str, ...] = ()) -> tuple[str, int, int]:
    """(region code, year, the region's data version). regions_of(user, version) gives the regions
    to pick from (code, name); years_of(user, region code, version) the years (newest first) and
    the one to show first."""
    if user.role in own_region_roles:
        region_code = user.region_code
    else:
        region = region_picker.show(regions_of(user, loaders.data_version()), key=f"{key}_region",
                                    label_of=region_picker.name_and_code)
        if region is None:
            st.info(t("picker.no_cycle_region"))
            st.stop()
        region_code = region["code"]
    version = loaders.data_version(region_code)
    years, current = years_of(user, region_code, version)
    year = cycle_picker.show(years, key=f"{key}_year_{region_code}", default=current)
    if year is None:
        st.info(t("picker.no_cycle_region"))
        st.stop()
    return region_code, year, version
