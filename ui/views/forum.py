"""The Forum Anak blocks: the facilitator's form (a rating and a comment per group, the day the
children met), and the forum's view as a table beside the verified scores (task force) or on the
public page (data.services.forum checks every right and every value)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from data.access import FORUM_RECORDERS
from data.actor import SignedInUser
from data.errors import DomainError
from data.services.forum import views as forum
from indicators import clock
from indicators import forum as rules
from indicators import text as fmt
from ui import flash, loaders
from ui.components import problems
from ui.i18n import t
from ui.markup import markdown, plain

FLASH = "forum"


@st.cache_data(show_spinner=False, max_entries=32)
def cycle_years(actor: SignedInUser, region_code: str | None, version: int) -> tuple[list[int], int | None]:
    return forum.forum_years(loaders.engine(), actor, region_code)


@st.cache_data(show_spinner=False, max_entries=32)
def views(actor: SignedInUser, region_code: str | None, year: int, version: int) -> pd.DataFrame:
    return forum.forum_views(loaders.engine(), actor, region_code, year)


@st.cache_data(show_spinner=False, max_entries=32)
def groups(actor: SignedInUser, region_code: str | None, year: int, version: int) -> list[dict]:
    return forum.forum_groups(loaders.engine(), actor, region_code, year)


@st.cache_data(show_spinner=False, max_entries=32)
def public_views(region_code: str, year: int, version: int) -> pd.DataFrame:
    return forum.public_forum_views(loaders.engine(), region_code, year)


def table(recorded: pd.DataFrame, lang: str, scores: pd.DataFrame | None = None) -> None:
    """The forum's rating and comment per group, one card each (readable on a phone); with `scores`
    (group_code, points, max_points), the verified score beside them. The children's words are shown
    as text."""
    name = "name_en" if lang == "en" else "name_id"
    by_group = scores.set_index("group_code") if scores is not None else None
    for row in recorded.itertuples():
        line = markdown(f"{rules.rating_stars(row.rating)} **{plain(rules.rating_name(row.rating, lang))}**")
        if by_group is not None and row.group_code in by_group.index:
            points = fmt.points(by_group.at[row.group_code, "points"], lang)
            line = markdown(line + f" · {t('forum.col_score', lang)}: {points}"
                                   f" / {fmt.number(by_group.at[row.group_code, 'max_points'], lang)}")
        with st.container(border=True, key=f"forum_card_{row.group_code}"):
            st.markdown(f"**{plain(getattr(row, name))}**  \n{line}")
            if row.comment:
                st.markdown(f":gray[“{plain(row.comment)}”]")


def met_on(recorded: pd.DataFrame, lang: str) -> str:
    return fmt.long_date(max(recorded["met_on"]), lang) if len(recorded) else "—"


def record_form(user: SignedInUser, region_code: str | None, year: int, recorded: pd.DataFrame, lang: str,
                version: int) -> None:
    if user.role not in FORUM_RECORDERS:
        return
    name = "name_en" if lang == "en" else "name_id"
    known = recorded.set_index("group_code") if len(recorded) else pd.DataFrame()
    scale = [None, 1, 2, 3, 4, 5]
    labels = {None: t("forum.no_rating", lang), **{r: f"{r} · {rules.rating_name(r, lang)}" for r in scale[1:]}}
    with st.form(f"forum_form_{year}"):
        held = st.date_input(t("forum.met_on", lang), format="DD/MM/YYYY", key=f"forum_met_on_{year}",
                             value=known["met_on"].max() if len(known) else None, max_value=clock.today())
        entered = {}
        for group in groups(user, region_code, year, version):
            code = group["code"]
            before = known.loc[code] if code in known.index else None
            st.markdown(f"**{plain(group[name])}**")
            left, right = st.columns([1, 2])
            rating = left.selectbox(t("forum.rating", lang), scale, format_func=labels.get,
                                    index=scale.index(int(before["rating"])) if before is not None else 0,
                                    key=f"forum_rating_{year}_{code}")
            comment = right.text_area(t("forum.comment", lang, limit=rules.MAX_COMMENT), height=68,
                                      max_chars=rules.MAX_COMMENT, key=f"forum_comment_{year}_{code}",
                                      value=before["comment"] if before is not None else "")
            entered[code] = (rating, comment)
        submitted = st.form_submit_button(t("forum.save", lang), type="primary")
    if submitted:
        try:
            count = forum.record_views(loaders.engine(), user, region_code, year, ratings=entered, met_on=held)
        except DomainError as error:
            problems.show(error)
            return
        flash.show_later("success", t("forum.saved", lang, count=count), place=FLASH)
        st.rerun()


def beside_scores(user: SignedInUser, overview, lang: str, version: int) -> None:
    """On the scores page: the forum's view beside each group's verified score, when it has one."""
    recorded = views(user, overview.region_code, overview.year, version)
    if recorded.empty:
        return
    st.subheader(t("forum.beside_scores", lang))
    st.caption(t("forum.beside_caption", lang, date=met_on(recorded, lang)))
    table(recorded, lang, overview.groups.rename(columns={"verified_points": "points"}))


def on_public_page(summary, lang: str, version: int) -> None:
    """On the public summary of a published cycle: the forum's own view, when it recorded one."""
    recorded = public_views(summary.region_code, summary.year, version)
    if recorded.empty:
        return
    st.header(t("forum.beside_scores", lang), divider="gray")
    st.caption(t("forum.public_caption", lang, date=met_on(recorded, lang)))
    table(recorded, lang, summary.groups)
