"""The region and cycle a page works on, as one PageContext: the reader's own region for roles of
one region (an OPD, the Forum Anak facilitator), else a region picker over the regions the page may
show; then the cycle picker over that region's years. Stops the page with a sentence when there is
nothing to pick. Every page of one region and one cycle (the task force's, the province's, actions,
meetings, Forum Anak) starts here; the widget keys are `{key}_region` and `{key}_year_{region code}`.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from data.actor import SignedInUser
from ui import loaders
from ui.components import cycle_picker, region_picker
from ui.i18n import t


@dataclass(frozen=True)
class PageContext:
    """What a page of one region and one cycle works on."""

    region_code: str
    region_name: str
    year: int | None
    """The cycle picked; None only on a page that asked for the region alone (with_year=False)."""
    version: int
    """The region's data version, the key of the page's cached reads."""
    years: tuple[int, ...] = ()
    """The region's cycle years, newest first."""


YearsOf = Callable[[SignedInUser, str, int], tuple[list[int], int | None]]


def show(user: SignedInUser, key: str, regions_of: Callable[[SignedInUser, int], list[dict]],
         years_of: YearsOf | None = None, *, own_region_roles: tuple[str, ...] = (),
         label_of: Callable[[dict], str] = region_picker.name_and_code, preferred: str | None = None,
         with_year: bool = True, side_by_side: bool = False, empty: str = "picker.no_cycle_region") -> PageContext:
    """The page's region and cycle. regions_of(user, version) gives the regions to pick from (code,
    name and, when years_of is None, years); years_of(user, region code, version) the years (newest
    first) and the one to show first. `preferred` is the region code selected first; side_by_side
    draws the two pickers in two columns; `empty` is the i18n key of the sentence shown when there is
    nothing to pick."""
    if user.role in own_region_roles:
        region = {"code": user.region_code, "name": user.region_name}
        listed = [region]
    else:
        listed = regions_of(user, loaders.data_version())
        region = None
    region_column = year_column = st
    if side_by_side and region is None and listed:
        region_column, year_column = st.columns([2, 1]) if len(listed) > 1 else (st, st.columns([1, 2])[0])
    if region is None:
        region = region_picker.show(listed, key=f"{key}_region", preferred=preferred, label_of=label_of,
                                    where=region_column)
    if region is None:
        st.info(t(empty))
        st.stop()
    code = region["code"]
    version = loaders.data_version(code)
    if years_of is None:
        years, first = list(region.get("years") or ()), None
    else:
        years, first = years_of(user, code, version)
    year = None
    if with_year:
        year = cycle_picker.show(years, key=f"{key}_year_{code}", default=first, where=year_column)
        if year is None:
            st.info(t(empty))
            st.stop()
    return PageContext(region_code=code, region_name=region.get("name") or code, year=year, version=version,
                       years=tuple(years))
