"""The blocks of the province's administrative verification: the queue of a kab/kota's verified
answers with the province's reading, one question's check (evidence, the city's points and reason,
the province's points or a return), and the province's reading as the city's task force sees it
(data.services.province.verification checks every right and every value)."""
from __future__ import annotations

from datetime import timedelta
from functools import partial

import pandas as pd
import streamlit as st

from data.actor import SignedInUser
from data.errors import DomainError
from data.services.entry.evidence import download_evidence
from data.services.province import verification
from indicators import clock
from indicators import text as fmt
from ui import flash, loaders
from ui.components import problems
from ui.i18n import t
from ui.markup import Markdown, markdown, plain

FLASH = "province"
STATES = tuple(verification.STATES)
EVIDENCE_FILTERS = ("all", "missing", "present")
PICK, NEXT = "prov_pick", "prov_next"
RETURN_DAYS = timedelta(days=14)
"""The date offered by which the city answers a return."""


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
def totals(actor: SignedInUser, region_code: str, year: int, version: int) -> dict[str, tuple[float, str | None]]:
    return verification.readings(loaders.engine(), actor, region_code, year)


def reading_text(total: float, predikat: str | None, lang: str) -> Markdown:
    """"707,83 (Nindya)": a total with its predikat, or the words for none."""
    return markdown(f"**{plain(fmt.points(total, lang))}** "
                    f"({plain(predikat) if predikat else t('prov.no_predikat', lang)})")


def totals_line(actor: SignedInUser, region_code: str, year: int, version: int, lang: str) -> None:
    found = totals(actor, region_code, year, version)
    st.markdown(t("prov.totals", lang, **{basis: reading_text(*found[basis], lang) for basis in found}))


def counts_line(answers: pd.DataFrame, lang: str) -> dict[str, int]:
    counts = verification.round_trip_counts(answers)
    checked = counts["answers"] - counts["unchecked"] - counts["awaiting_recheck"]
    st.markdown(t("prov.counts", lang, checked=fmt.whole(checked, lang), answers=fmt.whole(counts["answers"], lang),
                  share=fmt.percent(checked / counts["answers"] if counts["answers"] else 0, lang),
                  **{k: fmt.whole(v, lang) for k, v in counts.items() if k not in ("answers",)}))
    return counts


def filters(answers: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The verifier's filters: required evidence missing or present, not yet checked, indicator, OPD."""
    everything = t("prov.filter_all", lang)
    indicators = {None: everything, **{code: code for code in answers["indicator_code"].unique()}}
    units = {None: everything, **{code: code for code in sorted(answers["unit_short_name"].unique())}}
    with st.container(horizontal=True, gap="small", vertical_alignment="bottom"):
        evidence = st.selectbox(t("prov.filter_evidence", lang), EVIDENCE_FILTERS, key="prov_f_evidence",
                                format_func={k: t(f"prov.filter_evidence.{k}", lang) for k in EVIDENCE_FILTERS}.get)
        indicator = st.selectbox(t("prov.filter_indicator", lang), list(indicators), format_func=indicators.get,
                                 key="prov_f_indicator")
        unit = st.selectbox(t("prov.filter_unit", lang), list(units), format_func=units.get, key="prov_f_unit")
        unchecked = st.toggle(t("prov.filter_unchecked", lang), key="prov_f_unchecked")
    return verification.queue_filter(answers, evidence, unchecked, indicator, unit)


def bulk_confirm(user: SignedInUser, region_code: str, year: int, shown: pd.DataFrame, lang: str) -> None:
    """Confirm at once the shown answers not yet checked whose evidence is in order."""
    ready = shown[(shown["province_state"] == "open") & ~verification.needs_evidence_missing(shown)]
    if ready.empty:
        return
    if st.button(t("prov.bulk", lang, count=fmt.whole(len(ready), lang)), icon=":material/done_all:",
                 key="prov_bulk"):
        try:
            done = verification.confirm_with_evidence(loaders.engine(), user, region_code, year,
                                                      [int(i) for i in ready["answer_id"]])
        except DomainError as error:
            problems.show(error)
            return
        flash.show_later("success", t("prov.bulk_done", lang, count=fmt.whole(done, lang)), place=FLASH)
        st.rerun()


def finish(user: SignedInUser, region_code: str, year: int, counts: dict[str, int], lang: str) -> None:
    """Declare the verification finished (the city may then publish)."""
    with st.container(border=True, key="prov_finish_box"):
        st.markdown(f"**{t('prov.finish_title', lang)}**")
        st.caption(t("prov.finish_help", lang, unchecked=fmt.whole(counts["unchecked"], lang)))
        if st.button(t("prov.finish", lang), type="primary", key="prov_finish"):
            try:
                verification.finish_verification(loaders.engine(), user, region_code, year)
            except DomainError as error:
                problems.show(error)
                return
            flash.show_later("success", t("prov.finished", lang), place=FLASH)
            st.rerun()


def table(answers: pd.DataFrame, lang: str) -> None:
    st.dataframe(pd.DataFrame({
        "code": answers["question_code"], "unit": answers["unit_short_name"], "answer": answers["answer"],
        "evidence": [evidence_mark(required, count, lang) for required, count in
                     zip(answers["evidence_required"], answers["evidence_count"], strict=True)],
        "verified": [fmt.points(p, lang) for p in answers["verified_points"]],
        "province": [fmt.points(p, lang) if pd.notna(p) else "—" for p in answers["province_points"]],
        "state": [t(f"prov.state.{s}", lang) for s in answers["province_state"]],
        "reason": [r or back for r, back in zip(answers["province_reason"], answers["province_return_reason"],
                                                strict=True)],
    }), hide_index=True, width="stretch", column_order=("code", "state", "province", "verified", "evidence",
                                                        "reason", "unit", "answer"), column_config={
        "code": st.column_config.TextColumn(t("prov.col_code", lang), width="small"),
        "unit": st.column_config.TextColumn(t("prov.col_unit", lang), width="small"),
        "answer": st.column_config.TextColumn(t("prov.col_answer", lang)),
        "evidence": st.column_config.TextColumn(t("prov.col_evidence", lang), width="small"),
        "verified": st.column_config.TextColumn(t("prov.col_verified", lang), width="small"),
        "province": st.column_config.TextColumn(t("prov.col_province", lang), width="small"),
        "state": st.column_config.TextColumn(t("prov.col_state", lang), width="small"),
        "reason": st.column_config.TextColumn(t("prov.col_reason", lang), width="large"),
    })


def evidence_mark(required: bool, count: int, lang: str) -> str:
    """"2" files, "0 · wajib" when the question asks for evidence and none is attached."""
    return t("prov.evidence_missing", lang) if required and not count else fmt.whole(int(count), lang)


def _file(user: SignedInUser, evidence_id: int) -> bytes:
    """Read only when the button is clicked."""
    return download_evidence(loaders.engine(), user, evidence_id)[2]


def check_form(user: SignedInUser, answers: pd.DataFrame, lang: str, region_code: str) -> None:
    """One answer at a time: its evidence, the city's points and reason, the province's decision;
    after each decision the next answer not yet checked is chosen."""
    labels = {int(r.answer_id): f"{r.question_code} · {r.unit_short_name} · {t(f'prov.state.{r.province_state}', lang)}"
              for r in answers.itertuples()}
    wanted = st.session_state.pop(NEXT, None)
    if wanted in labels:
        st.session_state[PICK] = wanted
    elif st.session_state.get(PICK) not in labels:
        st.session_state[PICK] = verification.next_unchecked(answers) or next(iter(labels))
    chosen = st.selectbox(t("prov.pick", lang), list(labels), format_func=labels.get, key=PICK)
    row = answers[answers["answer_id"] == chosen].iloc[0]
    with st.container(border=True, key=f"prov_card_{chosen}"):
        st.markdown(f"**{plain(row['question_code'])}** · {plain(row['prompt_id'])}")
        st.markdown(f"{plain(row['unit_name'])}: **{plain(row['answer'])}** · "
                    f"{t('prov.col_verified', lang)} {fmt.points(row['verified_points'], lang)} / "
                    f"{fmt.number(row['max_points'], lang)}")
        decided = (fmt.points(row["province_points"], lang) if pd.notna(row["province_points"]) else "—")
        st.markdown(t("prov.decision", lang, state=t(f"prov.state.{row['province_state']}", lang), points=decided))
        if row["province_reason"] or row["province_return_reason"]:
            st.caption(t("prov.decision_reason", lang,
                          reason=plain(row["province_reason"] or row["province_return_reason"])))
        if row["province_return_reason"] and pd.notna(row["province_return_due"]):
            st.caption(t("prov.due_line", lang, due=fmt.long_date(row["province_return_due"], lang)))
        if row["province_fix_note"]:
            st.info(t("prov.fix_note", lang, note=plain(row["province_fix_note"]))
                    + (" " + t("prov.late", lang) if row["province_fix_late"] else ""))
        if row["verified_reason"]:
            st.caption(t("prov.city_reason", lang, reason=plain(row["verified_reason"])))
        if not row["evidence"]:
            st.warning(t("prov.no_evidence_required" if row["evidence_required"] else "prov.no_evidence", lang))
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
            due = st.date_input(t("prov.due", lang), value=clock.today(region_code) + RETURN_DAYS, format="DD/MM/YYYY",
                                key=f"prov_due_{chosen}")
            strict = st.checkbox(t("prov.strict", lang), key=f"prov_strict_{chosen}")
            with st.container(horizontal=True, gap="small"):
                confirm = st.form_submit_button(t("prov.confirm", lang), type="primary")
                save = st.form_submit_button(t("prov.save", lang))
                back = st.form_submit_button(t("prov.return", lang))
    if confirm or save or back:
        engine = loaders.engine()
        try:
            if back:
                verification.return_to_city(engine, user, chosen, reason, due, strict)
            else:
                verification.set_province_points(engine, user, chosen,
                                                 float(row["verified_points"] or 0) if confirm else points,
                                                 "" if confirm else reason)
        except DomainError as error:
            problems.show(error)
            return
        message = "prov.returned" if back else "prov.saved"
        flash.show_later("success", t(message, lang, code=row["question_code"]), place=FLASH)
        st.session_state[NEXT] = verification.next_unchecked(answers, after=chosen)
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
