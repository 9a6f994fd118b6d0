"""The blocks of the Instrumen KLA page: filters and the group -> indicator -> question list of
a CatalogView's questions frame."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from indicators import text as fmt
from ui.i18n import answer_type_name, answered_by_name, t
from ui.markup import markdown, plain

ALL = "*"  # the group filter's "every group" option


def _in_lang(frame: pd.DataFrame, stem: str, lang: str) -> pd.Series:
    """The English column where asked for and filled, otherwise the Indonesian one."""
    indonesian = frame[f"{stem}_id"]
    if lang != "en":
        return indonesian
    english = frame[f"{stem}_en"].replace("", None)
    return english.fillna(indonesian)


def filters(questions: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Group and free-text filters; returns the questions that pass both."""
    groups = questions.drop_duplicates("group_code")
    group_names = dict(zip(groups["group_code"], _in_lang(groups, "group_name", lang), strict=True))
    left, right = st.columns([1, 2])
    labels = {ALL: t("instrument.all_groups"), **group_names}
    # A dict's bound .get, not a lambda: widget state must pickle (enforceSerializableSessionState).
    group = left.selectbox(t("instrument.group"), list(labels), key="instrument_group",
                           format_func=labels.get)
    text = right.text_input(t("instrument.search"), key="instrument_search",
                            placeholder=t("instrument.search_placeholder"), type="search")
    shown = questions if group == ALL else questions[questions["group_code"] == group]
    needle = (text or "").strip().casefold()
    if needle:
        haystack = (
            shown["question_code"] + " " + shown["prompt_id"] + " " + shown["prompt_en"].fillna("")
            + " " + shown["indicator_name_id"] + " " + shown["data_sources"].map(" ".join)
        ).str.casefold()
        shown = shown[haystack.str.contains(needle, regex=False)]
    return shown


def question_list(shown: pd.DataFrame, questions: pd.DataFrame, lang: str) -> None:
    """The shown questions under their group and indicator; an indicator's count and maximum
    are those of the whole instrument. Indicators open by themselves once a filter narrows the
    list."""
    expanded = len(shown) < len(questions) and len(shown) <= 60
    indicators = questions.groupby("indicator_code", sort=False)["max_points"].agg(["size", "sum"])
    shown = shown.assign(
        group_name=_in_lang(shown, "group_name", lang),
        indicator_name=_in_lang(shown, "indicator_name", lang),
        prompt=_in_lang(shown, "prompt", lang),
        evidence=_in_lang(shown, "evidence", lang),
        help=_in_lang(shown, "help", lang),
    )
    group_names = shown.groupby("group_code", sort=False)["group_name"].first()
    for group_code, group_name in group_names.items():
        st.subheader(plain(group_name))
        in_group = shown[shown["group_code"] == group_code]
        for _, indicator in in_group.groupby("indicator_code", sort=False):
            first = indicator.iloc[0]
            size, maximum = indicators.loc[first["indicator_code"]]
            label = t("instrument.indicator", code=first["indicator_code"], name=plain(first["indicator_name"]),
                      count=fmt.number(size, lang), max=fmt.number(maximum, lang))
            with st.expander(label, expanded=expanded):
                for row in indicator.itertuples():
                    _question(row, lang)


def _question(row, lang: str) -> None:
    evidence = (
        t("instrument.evidence_required", text=plain(row.evidence)) if row.evidence and row.evidence_required
        else plain(row.evidence) if row.evidence else t("instrument.no_evidence")
    )
    facts = " · ".join([
        f"{t('instrument.answer_type')}: **{answer_type_name(row.answer_type)}**",
        f"{t('instrument.max_points')}: **{fmt.number(row.max_points, lang)}**",
        f"{t('instrument.answered_by')}: **{answered_by_name(row.answered_by)}**",
    ])
    details = markdown("  \n".join([
        facts,
        f"{t('instrument.sources')}: {plain(', '.join(row.data_sources))}",
        f"{t('instrument.evidence')}: {evidence}",
    ]))
    with st.container(border=True, gap="small"):
        st.markdown(f"**{plain(row.question_code)}** · {plain(row.prompt)}")
        st.markdown(f":small[{details}]")
        if row.help:
            st.caption(plain(row.help))
