"""The targets block of the Siklus & Penugasan page: the secretariat sets what the region aims at
per indicator (points) or per question (points, or the percentage or count itself) for a cycle,
and removes a target (data.services.cycles.targets checks every rule)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from data.actor import SignedInUser
from data.errors import DomainError
from data.services.cycles import targets
from indicators import text as fmt
from indicators.workflow import CYCLE_CLOSED
from ui import flash, loaders
from ui.components import problems
from ui.i18n import current_lang, t
from ui.views import scores as scores_view
from ui.views.cycles import FLASH


@st.cache_data(show_spinner=False, max_entries=16)
def cycle_targets(actor: SignedInUser, region_code: str, year: int, version: int) -> pd.DataFrame:
    return targets.cycle_targets(loaders.engine(), actor, region_code, year)


def _saved(message: str) -> None:
    flash.show_later("success", message, place=FLASH)
    st.rerun()


def target_editor(user: SignedInUser, region_code: str, rows: list[dict], version: int) -> None:
    if not rows:
        st.info(t("cycles.none"))
        return
    lang = current_lang()
    years = [r["year"] for r in rows]
    first = next((r["year"] for r in rows if r["status"] != CYCLE_CLOSED), years[0])
    year = st.selectbox(t("targets.cycle"), years, index=years.index(first), key="targets_year")
    catalog = scores_view.cycle_catalog(user, region_code, year, version)
    listed = cycle_targets(user, region_code, year, version)
    target_table(listed, lang)
    name = "en" if lang == "en" else "id"
    choices = {f"i:{i.code}": f"{t('targets.indicator')} {i.code}. {i.name.get(name) or i.name.id}"
               for i in catalog.indicators}
    choices.update({f"q:{q.code}": f"{t('targets.question')} {q.code}. {(q.prompt.get(name) or q.prompt.id)[:90]}"
                    for q in catalog.questions})
    with st.form("targets_form"):
        chosen = st.selectbox(t("targets.what"), list(choices), format_func=choices.get, key="targets_what")
        left, right = st.columns(2)
        points = left.text_input(t("targets.points"), key="targets_points", placeholder="mis. 40,5")
        value = right.text_input(t("targets.value"), key="targets_value", help=t("targets.value_help"))
        note = st.text_input(t("targets.note"), key="targets_note", max_chars=targets.MAX_NOTE)
        submitted = st.form_submit_button(t("targets.save"), type="primary")
    if submitted:
        kind, code = chosen.split(":", 1)
        try:
            targets.set_target(loaders.engine(), user, region_code, year,
                               indicator_code=code if kind == "i" else None,
                               question_code=code if kind == "q" else None,
                               target_points=points, target_value=value, note=note)
        except DomainError as error:
            problems.show(error)
            return
        _saved(t("targets.saved", what=choices[chosen].split(".")[0], year=year))
    if not listed.empty:
        keys = [f"q:{q}" if isinstance(q, str) and q else f"i:{i}"
                for i, q in zip(listed["indicator_code"], listed["question_code"], strict=True)]
        with st.form("targets_remove_form"):
            labels = {k: choices.get(k, k) for k in keys}  # a dict's .get pickles, a lambda does not
            removing = st.selectbox(t("targets.remove_which"), keys, format_func=labels.get)
            removed = st.form_submit_button(t("targets.remove"))
        if removed:
            kind, code = removing.split(":", 1)
            try:
                targets.remove_target(loaders.engine(), user, region_code, year,
                                      indicator_code=code if kind == "i" else None,
                                      question_code=code if kind == "q" else None)
            except DomainError as error:
                problems.show(error)
                return
            _saved(t("targets.removed", what=choices.get(removing, code).split(".")[0], year=year))


def target_table(listed: pd.DataFrame, lang: str) -> None:
    if listed.empty:
        st.caption(t("targets.none"))
        return
    st.dataframe(pd.DataFrame({
        t("targets.col_for"): [f"{t('targets.question')} {q}" if isinstance(q, str) and q else
                               f"{t('targets.indicator')} {i}"
                               for i, q in zip(listed["indicator_code"], listed["question_code"], strict=True)],
        t("targets.col_points"): [f"{fmt.number(p, lang)} / {fmt.number(m, lang)}" if pd.notna(p) else ""
                                  for p, m in zip(listed["target_points"], listed["max_points"], strict=True)],
        t("targets.col_value"): [fmt.number(v, lang) if pd.notna(v) else "" for v in listed["target_value"]],
        t("targets.col_note"): listed["note"].fillna(""),
    }), hide_index=True, width="stretch")
