"""The blocks of "Dikembalikan provinsi": the city's queue of answers the province returned (the
task force's whole region, an OPD its own), each with the province's reason and date, its evidence,
a file to add and a note on what was done, sent back to the province for a re-check
(data.services.province.returns checks every right and every value)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from data.actor import SignedInUser
from data.errors import DomainError
from data.services.province import returns
from indicators import text as fmt
from ui import flash, loaders
from ui.components import problems
from ui.i18n import t
from ui.markup import plain

FLASH = "province_returns"


@st.cache_data(show_spinner=False, max_entries=32)
def queue(actor: SignedInUser, region_code: str, version: int) -> pd.DataFrame:
    return returns.province_returns(loaders.engine(), actor, region_code)


def counts_line(rows: pd.DataFrame, lang: str) -> None:
    waiting, answered = int((rows["state"] == "returned").sum()), int((rows["state"] == "answered").sum())
    st.markdown(t("ret.counts", lang, waiting=fmt.whole(waiting, lang), answered=fmt.whole(answered, lang),
                  returns=fmt.whole(int(rows["returns"].sum()), lang), fixes=fmt.whole(int(rows["fixes"].sum()), lang),
                  rechecks=fmt.whole(int(rows["rechecks"].sum()), lang)))


def answer_card(user: SignedInUser, row, lang: str) -> None:
    """One returned answer: what the province asked, by when, and the city's answer back."""
    answer_id = int(row.answer_id)
    with st.container(border=True, key=f"ret_card_{answer_id}"):
        st.markdown(f"**{plain(row.question_code)}** · {plain(row.prompt_id)}")
        st.caption(f"{plain(row.unit_name)} · {t('ret.year', lang, year=row.year)} · {plain(row.answer)}")
        st.warning(t("ret.reason", lang, reason=plain(row.return_reason)))
        if pd.notna(row.due):
            st.markdown(t("ret.due_strict" if row.strict else "ret.due", lang, due=fmt.long_date(row.due, lang)))
        files = ", ".join(plain(f["filename"]) for f in row.evidence) or t("ret.no_files", lang)
        st.caption(t("ret.files", lang, files=files))
        if row.state == "answered":
            st.success(t("ret.sent", lang, note=plain(row.fix_note)) + (" " + t("prov.late", lang) if row.late else ""))
            return
        upload = st.file_uploader(t("ret.upload", lang), key=f"ret_file_{answer_id}")
        note = st.text_area(t("ret.note", lang), key=f"ret_note_{answer_id}", height=80)
        if st.button(t("ret.send", lang), type="primary", key=f"ret_send_{answer_id}"):
            engine = loaders.engine()
            try:
                if upload is not None:
                    returns.attach_return_evidence(engine, user, answer_id, upload.name, upload.getvalue())
                returns.send_back_to_province(engine, user, answer_id, note)
            except DomainError as error:
                problems.show(error)
                return
            flash.show_later("success", t("ret.sent_flash", lang, code=row.question_code), place=FLASH)
            st.rerun()
