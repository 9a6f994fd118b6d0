"""The blocks of the province's administrative verification: the queue of a kab/kota's verified
answers with the province's reading, one question's check (evidence, the city's points and reason,
the province's points or a return), and the province's reading as the city's task force sees it
(data.services.province.verification checks every right and every value)."""
from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from data.actor import SignedInUser
from data.errors import DomainError
from data.services.entry.evidence import download_evidence
from data.services.province import verification
from indicators import text as fmt
from ui import flash, loaders
from ui.components import problems
from ui.i18n import t
from ui.markup import plain

FLASH = "province"
STATES = tuple(verification.STATES)


@st.cache_data(show_spinner=False, max_entries=16)
def regions(actor: SignedInUser, version: int) -> list[dict]:
    return verification.province_regions(loaders.engine(), actor)


@st.cache_data(show_spinner=False, max_entries=32)
def queue(actor: SignedInUser, region_code: str, year: int, version: int) -> pd.DataFrame:
    return verification.province_queue(loaders.engine(), actor, region_code, year)


@st.cache_data(show_spinner=False, max_entries=32)
def reading(actor: SignedInUser, region_code: str, year: int, version: int) -> pd.DataFrame:
    return verification.province_reading(loaders.engine(), actor, region_code, year)


@st.cache_data(show_spinner=False, max_entries=32)
def totals(actor: SignedInUser, region_code: str, year: int, version: int) -> dict[str, float]:
    return verification.three_readings(loaders.engine(), actor, region_code, year)


def totals_line(actor: SignedInUser, region_code: str, year: int, version: int, lang: str) -> None:
    found = totals(actor, region_code, year, version)
    st.markdown(t("prov.totals", lang, **{k: f"**{fmt.points(v, lang)}**" for k, v in found.items()}))


def table(answers: pd.DataFrame, lang: str) -> None:
    st.dataframe(pd.DataFrame({
        "code": answers["question_code"], "unit": answers["unit_short_name"], "answer": answers["answer"],
        "evidence": answers["evidence_count"],
        "verified": [fmt.points(p, lang) for p in answers["verified_points"]],
        "province": [fmt.points(p, lang) if pd.notna(p) else "—" for p in answers["province_points"]],
        "state": [t(f"prov.state.{s}", lang) for s in answers["province_state"]],
        "reason": [r or back for r, back in zip(answers["province_reason"], answers["province_return_reason"],
                                                strict=True)],
    }), hide_index=True, width="stretch", column_config={
        "code": st.column_config.TextColumn(t("prov.col_code", lang), width="small"),
        "unit": st.column_config.TextColumn(t("prov.col_unit", lang), width="small"),
        "answer": st.column_config.TextColumn(t("prov.col_answer", lang)),
        "evidence": st.column_config.NumberColumn(t("prov.col_evidence", lang), width="small"),
        "verified": st.column_config.TextColumn(t("prov.col_verified", lang), width="small"),
        "province": st.column_config.TextColumn(t("prov.col_province", lang), width="small"),
        "state": st.column_config.TextColumn(t("prov.col_state", lang)),
        "reason": st.column_config.TextColumn(t("prov.col_reason", lang), width="large"),
    })


def _file(user: SignedInUser, evidence_id: int) -> bytes:
    """Read only when the button is clicked."""
    return download_evidence(loaders.engine(), user, evidence_id)[2]


def check_form(user: SignedInUser, answers: pd.DataFrame, lang: str) -> None:
    labels = {int(r.answer_id): f"{r.question_code} · {r.unit_short_name} · {t(f'prov.state.{r.province_state}', lang)}"
              for r in answers.itertuples()}
    chosen = st.selectbox(t("prov.pick", lang), list(labels), format_func=labels.get, key="prov_pick")
    row = answers[answers["answer_id"] == chosen].iloc[0]
    with st.container(border=True, key=f"prov_card_{chosen}"):
        st.markdown(f"**{plain(row['question_code'])}** · {plain(row['prompt_id'])}")
        st.markdown(f"{plain(row['unit_name'])}: **{plain(row['answer'])}** · "
                    f"{t('prov.col_verified', lang)} {fmt.points(row['verified_points'], lang)} / "
                    f"{fmt.number(row['max_points'], lang)}")
        if row["verified_reason"]:
            st.caption(t("prov.city_reason", lang, reason=plain(row["verified_reason"])))
        if not row["evidence"]:
            st.warning(t("prov.no_evidence", lang))
        for file in row["evidence"]:
            st.download_button(plain(file["filename"]), data=partial(_file, user, int(file["id"])),
                               file_name=file["filename"], on_click="ignore", icon=":material/download:",
                               key=f"prov_file_{file['id']}")
        with st.form(f"prov_form_{chosen}"):
            start = row["province_points"] if pd.notna(row["province_points"]) else row["verified_points"]
            points = st.number_input(t("prov.points", lang), min_value=0.0, max_value=float(row["max_points"]),
                                     value=float(start or 0), step=0.25, key=f"prov_points_{chosen}")
            reason = st.text_area(t("prov.reason", lang), value=row["province_reason"] or "", height=80,
                                  key=f"prov_reason_{chosen}")
            left, right = st.columns(2)
            save = left.form_submit_button(t("prov.save", lang), type="primary")
            back = right.form_submit_button(t("prov.return", lang))
    if save or back:
        try:
            if save:
                verification.set_province_points(loaders.engine(), user, chosen, points, reason)
            else:
                verification.return_to_city(loaders.engine(), user, chosen, reason)
        except DomainError as error:
            problems.show(error)
            return
        flash.show_later("success", t("prov.saved" if save else "prov.returned", lang, code=row["question_code"]),
                         place=FLASH)
        st.rerun()


def city_view(user: SignedInUser, region_code: str, year: int, lang: str, version: int) -> None:
    """On the city's scores page: the three totals and what the province changed or returned, why."""
    changed = reading(user, region_code, year, version)
    st.subheader(t("prov.reading_title", lang))
    totals_line(user, region_code, year, version, lang)
    if changed.empty:
        st.caption(t("prov.reading_none", lang))
        return
    st.caption(t("prov.reading_caption", lang))
    table(changed, lang)
