"""The blocks of the Wilayah page (admin): hosted regions, adding and renaming one, creating its
kecamatan and kelurahan from the official list, loading a newer list. The services check rights."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from data.actor import SignedInUser
from data.errors import DomainError
from data.services.regions import official_list, regions
from indicators import text as fmt
from ui import flash, loaders
from ui.components import problems, region_picker
from ui.i18n import t

FLASH = "regions"


def _done(message: str) -> None:
    flash.show_later("success", message, place=FLASH)
    st.rerun()


def caption() -> None:
    info = official_list.official_list_info(loaders.engine())
    st.caption(t("regions.caption", list=info.list_name or "-", regencies=fmt.whole(info.regencies),
                 kecamatan=fmt.whole(info.kecamatan), villages=fmt.whole(info.villages)))


def hosted(user: SignedInUser) -> list[dict]:
    rows = regions.hosted_regions(loaders.engine(), user)
    if not rows:
        st.info(t("regions.none"))
        return rows
    st.dataframe(pd.DataFrame({
        t("regions.col_code"): [r["code"] for r in rows],
        t("regions.col_name"): [r["name"] for r in rows],
        t("regions.col_province"): [r["province_name"] for r in rows],
        t("regions.col_units"): [r["units"] for r in rows],
        t("regions.col_cycles"): [", ".join(str(y) for y in r["cycles"]) or "—" for r in rows],
    }), hide_index=True, width="stretch")
    return rows


def forms(user: SignedInUser, rows: list[dict]) -> None:
    tabs = st.tabs([t("regions.tab_add"), t("regions.tab_rename"), t("regions.tab_areas"), t("regions.tab_list")])
    with tabs[0]:
        _add(user, {r["code"] for r in rows})
    with tabs[1]:
        _rename(user, rows)
    with tabs[2]:
        _areas(user, rows)
    with tabs[3]:
        _official_list(user)


def _add(user: SignedInUser, hosted_codes: set[str]) -> None:
    engine = loaders.engine()
    provinces = {p["code"]: f"{p['name']} ({p['code']})" for p in regions.official_provinces(engine)}
    province = st.selectbox(t("regions.province"), list(provinces), format_func=provinces.get,
                            index=None, key="regions_province", placeholder=t("regions.choose_province"))
    if province is None:
        return
    choices = {r["code"]: f"{r['name']} ({r['code']})" for r in regions.official_regencies(engine, province)
               if r["code"] not in hosted_codes}
    if not choices:
        st.info(t("regions.all_hosted"))
        return
    with st.form("regions_add"):
        # none chosen first: a second click never adds the next kab/kota of the list by itself
        code = st.selectbox(t("regions.regency"), list(choices), format_func=choices.get, index=None,
                            placeholder=t("regions.choose_regency"), key="regions_regency")
        name = st.text_input(t("regions.name"), help=t("regions.name_help"), max_chars=200, key="regions_new_name")
        submitted = st.form_submit_button(t("regions.add"), type="primary")
    if submitted:
        if code is None:
            st.error(t("regions.choose_regency_first"))
            return
        try:
            region = regions.add_region(engine, user, code, name or None, province)
        except DomainError as error:
            problems.show(error)
            return
        for key in ("regions_regency", "regions_new_name"):  # the form starts empty again
            st.session_state.pop(key, None)
        # the next steps (kecamatan from the list, units, cycle) work on the region just added
        st.session_state[region_picker.WORKING_ON] = region.code
        st.session_state["regions_areas_region"] = region.code
        st.session_state["regions_rename_region"] = region.code
        _done(t("regions.added", name=region.name, code=region.code))


def _rename(user: SignedInUser, rows: list[dict]) -> None:
    if not rows:
        return
    names = _labels(rows)
    with st.form("regions_rename"):
        code = st.selectbox(t("regions.region"), list(names), format_func=names.get, key="regions_rename_region")
        name = st.text_input(t("regions.new_name"), max_chars=200)
        submitted = st.form_submit_button(t("regions.rename"))
    if submitted:
        try:
            region = regions.rename_region(loaders.engine(), user, code, name)
        except DomainError as error:
            problems.show(error)
            return
        _done(t("regions.renamed", code=region.code, name=region.name))


def _areas(user: SignedInUser, rows: list[dict]) -> None:
    if not rows:
        return
    st.write(t("regions.areas_intro"))
    names = _labels(rows)
    code = st.selectbox(t("regions.region"), list(names), format_func=names.get, key="regions_areas_region")
    try:
        plan = regions.create_areas_from_list(loaders.engine(), user, code)
    except DomainError as error:
        problems.show(error)
        return
    if not (plan.kecamatan_added or plan.kelurahan_added or plan.desa_added or plan.coded):
        st.success(t("regions.areas_nothing"))
        return
    st.info(t("regions.areas_preview", kecamatan=len(plan.kecamatan_added), kelurahan=plan.kelurahan_added,
              desa=plan.desa_added, coded=len(plan.coded), unchanged=plan.unchanged))
    if st.button(t("regions.areas_apply"), type="primary", key="regions_areas_apply"):
        try:
            done = regions.create_areas_from_list(loaders.engine(), user, code, apply=True)
        except DomainError as error:
            problems.show(error)
            return
        _done(t("regions.areas_done", kecamatan=len(done.kecamatan_added), kelurahan=done.kelurahan_added,
                desa=done.desa_added, coded=len(done.coded)))


def _labels(rows: list[dict]) -> dict[str, str]:
    return {r["code"]: f"{r['name']} ({r['code']})" for r in rows}


def _official_list(user: SignedInUser) -> None:
    info = official_list.official_list_info(loaders.engine())
    st.caption(t("regions.list_intro", list=info.list_name or "-"))
    with st.form("regions_list", clear_on_submit=True):
        regions_file = st.file_uploader(t("regions.list_regions"), type=["csv"])
        areas_file = st.file_uploader(t("regions.list_areas"), type=["csv"])
        name = st.text_input(t("regions.list_name"), max_chars=100)
        submitted = st.form_submit_button(t("regions.list_load"))
    if submitted:
        try:
            loaded = official_list.load_official_list(
                loaders.engine(), user, regions_file.getvalue() if regions_file else b"",
                areas_file.getvalue() if areas_file else b"", name)
        except DomainError as error:
            problems.show(error)
            return
        _done(t("regions.list_loaded", list=loaded.list_name, regencies=fmt.whole(loaded.regencies),
                kecamatan=fmt.whole(loaded.kecamatan), villages=fmt.whole(loaded.villages)))
