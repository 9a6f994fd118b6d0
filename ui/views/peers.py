"""Peers side by side, for the task force (its own cycle, whatever its state) and the public
(published cycles only): data.services.province.peers decides who counts."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from data.actor import SignedInUser
from data.services.province import peers as service
from indicators import text as fmt
from ui import loaders
from ui.i18n import t
from ui.markup import plain_frame


@st.cache_data(show_spinner=False, max_entries=32)
def comparison(actor: SignedInUser | None, region_code: str, year: int, version: int) -> service.Peers:
    return service.peer_comparison(loaders.engine(), actor, region_code, year)


def show(found: service.Peers, lang: str) -> None:
    st.subheader(t("peers.title", lang))
    if found.regions < 2:
        st.caption(t("peers.alone", lang, year=found.year))
        return
    st.caption(t("peers.caption", lang, year=found.year, region=found.region_name))
    with st.container(horizontal=True, gap="small"):
        st.metric(t("peers.regions", lang), fmt.whole(found.regions, lang), border=True)
        if found.province_rank is not None:
            st.metric(t("peers.rank", lang, province=found.province_name),
                      t("peers.rank_value", lang, rank=found.province_rank, count=found.province_regions), border=True)
    if found.unmet:
        st.info(t("peers.unmet", lang, codes=", ".join(found.unmet)))
    frame = found.indicators
    name = "name_en" if lang == "en" else "name_id"
    counts = [" · ".join(fmt.whole(round(share * regions), lang) for share in shares)
              for regions, *shares in zip(frame["regions"], frame["full_share"], frame["partial_share"],
                                          frame["none_share"], strict=True)]
    # st.table wraps long names, so the comparison reads on a phone without sideways scrolling
    st.table(plain_frame(pd.DataFrame({
        t("peers.col_indicator", lang): frame["indicator_code"] + ". " + frame[name],
        t("peers.col_own", lang, region=found.region_name): [
            f"{fmt.points(p, lang)} / {fmt.number(m, lang)} ({t(f'peers.state.{s}', lang)})"
            for p, m, s in zip(frame["own_points"], frame["max_points"], frame["own_state"], strict=True)],
        t("peers.col_counts", lang): counts,
    })), hide_index=True)
