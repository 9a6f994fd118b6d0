"""The blocks of the public summary page: headline, tables and the note about the data.
Everything shown comes from the PublicSummary the service returned; here it is only worded
and formatted."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from data.services.public import files as public_files
from data.services.public import summary as summary_service
from data.services.public.summary import PublicSummary
from indicators import text as fmt
from indicators.open_data import METADATA_FIELDS
from indicators.publication import coverage_sentence, min_verified_share, needs_reason
from ui import auth, charts, loaders
from ui.components import public_download, region_picker, url_state
from ui.frame import PUBLIC_CASES, PUBLIC_INDICATOR, PUBLIC_KELANA
from ui.i18n import answer_type_name, reader_zone, t, t_text
from ui.markup import markdown, plain, plain_frame


@dataclass(frozen=True)
class PublicView:
    """What a public page shows: the region, its published evaluation of the chosen year, and the
    region's public data version (for the page's other cached reads)."""

    region: dict
    summary: PublicSummary
    version: int

    @property
    def year(self) -> int:
        return self.summary.year


def public_view(version: int) -> PublicView:
    """The region and published year a public page shows, kept in its address
    (?wilayah=53.71&tahun=2024): the address first, then the reader's earlier choice, then the
    signed-in reader's own region and the latest published year. A region or year the address
    names wrongly gives one sentence and the default view; the page stops with a sentence when
    nothing is published yet."""
    regions = loaders.public_regions(version)
    if not regions:
        st.info(t("public.no_regions"))
        st.stop()
    by_code = {r["code"]: r for r in regions}
    codes = list(by_code)
    user = auth.current_user()
    preferred = user.region_code if user is not None and user.region_code in by_code else region_picker.home(regions)
    unknown_region = url_state.follow("wilayah", codes, "public_region", preferred)
    if len(codes) > 1:
        region_column, year_column = st.columns([2, 1])
        labels = {code: region_picker.name_and_province(region) for code, region in by_code.items()}
        code = region_column.selectbox(t("picker.region"), codes, format_func=labels.get, key="public_region")
    else:
        code, year_column = codes[0], st.columns([1, 2])[0]
    region = by_code[code]
    version = loaders.public_version(code)
    latest = loaders.public_summary(code, version)
    if latest is None:
        st.info(t("public.no_cycle", region=region["name"]))
        st.stop()
    years = [str(y) for y in reversed(latest.published_years)]
    unknown_year = url_state.follow("tahun", years, "public_year", years[0])
    year = year_column.selectbox(t("pub.year"), years, key="public_year")
    summary = latest if year == years[0] else loaders.public_summary(code, version, int(year))
    url_state.write("wilayah", code)
    url_state.write("tahun", year)
    notices = []
    if unknown_region is not None:
        notices.append(t("pub.url_unknown_region", value=plain(fmt.excerpt(unknown_region)), name=region["name"]))
    if unknown_year is not None:
        if re.fullmatch(r"\d{4}", unknown_year.strip()):
            notices.append(t("pub.url_unpublished_year", value=unknown_year.strip(), region=region["name"],
                             year=year, years=", ".join(reversed(years))))
        else:
            notices.append(t("pub.url_unknown_year", value=plain(fmt.excerpt(unknown_year)), year=year))
    if notices:
        st.info(markdown(" ".join(notices)), icon=":material/link_off:")
    return PublicView(region=region, summary=summary, version=version)


def address(summary: PublicSummary, **more: str) -> dict[str, str]:
    """The query parameters that open another public page on the same region and year."""
    return {"wilayah": summary.region_code, "tahun": str(summary.year), **more}


def lead_sentence(region_name: str, year: int, total: float, max_points: float, predikat_name: str | None,
                  first_name: str, first_above: float, lang: str) -> str:
    """The public headline: the predikat and total, or how far the first predikat is."""
    total_text, maximum = fmt.points(total, lang), fmt.number(max_points, lang)
    if predikat_name:
        return t("public.sentence", lang, region=region_name, predikat=predikat_name, year=year, total=total_text,
                 max=maximum)
    return t("public.sentence_none", lang, region=region_name, year=year, total=total_text, max=maximum,
             first=first_name, above=fmt.number(first_above, lang))


def headline(summary: PublicSummary, lang: str) -> None:
    total = fmt.points(summary.total, lang)
    maximum = fmt.number(summary.max_points, lang)
    st.subheader(t("public.heading", region=summary.region_name, province=summary.province_name))
    first = summary.thresholds.iloc[0]
    sentence = lead_sentence(summary.region_name, summary.year, summary.total, summary.max_points,
                             summary.predikat_name, first["name"], first["above"], lang)
    with st.container(key="kla_lead"):  # styled larger by ui.frame.style()
        st.markdown(sentence)

    with st.container(horizontal=True, gap="small"):  # side by side; wraps on a phone
        st.metric(t("public.predikat"), summary.predikat_name or t("public.no_predikat"),
                  border=True)
        st.metric(t("public.total"), t("public.total_value", total=total, max=maximum),
                  border=True)
        if summary.next_predikat_name:
            st.metric(
                t("public.to_next", name=summary.next_predikat_name),
                t("public.to_next_value", points=fmt.points(summary.points_to_next_predikat, lang)),
                border=True,
            )
        else:
            st.metric(t("public.top"), t("public.top_value"), border=True)
        if summary.coverage is not None:
            st.metric(t("pub.coverage"), t("pub.coverage_value", verified=fmt.whole(summary.coverage.verified, lang),
                                           count=fmt.whole(summary.coverage.question_count, lang)),
                      border=True, help=t("pub.coverage_help"))
    coverage_note(summary, lang)
    published = fmt.long_date(summary.published_at, lang, reader_zone())
    st.caption(f"{t('public.cycle', year=summary.year)} · {t('public.published', date=published)}")


def coverage_note(summary: PublicSummary, lang: str) -> None:
    """A cycle published below the minimum share of verified questions says so, with the chair's reason."""
    coverage = summary.coverage
    if coverage is None or not (summary.publication_note or needs_reason(coverage, min_verified_share())):
        return
    st.warning(t("pub.partial", coverage=coverage_sentence(coverage, lang),
                 reason=plain(summary.publication_note or t("pub.partial_no_reason"))), icon=":material/info:")


def _styled(frame: pd.DataFrame, formats: dict):
    """Numbers stay numbers (so st.table right-aligns them) but read the reader's way."""
    return frame.style.format(formats).hide(axis="index")


def group_table(groups: pd.DataFrame, lang: str) -> None:
    name_column = "name_en" if lang == "en" else "name_id"
    group, points, maximum, share = (t("col.group"), t("col.points"), t("col.max_points"),
                                     t("col.share"))
    table = pd.DataFrame({
        group: groups[name_column].fillna(groups["name_id"]),
        points: groups["points"],
        maximum: groups["max_points"],
        share: groups["points"] / groups["max_points"],
    })
    st.table(plain_frame(_styled(table, {
        points: lambda v: fmt.points(v, lang),
        maximum: lambda v: fmt.number(v, lang),
        share: lambda v: fmt.percent(v, lang),
    })))


def trend_table(trend: pd.DataFrame, lang: str) -> None:
    year, total, predikat = t("col.year"), t("col.total"), t("col.predikat")
    table = pd.DataFrame({
        year: trend["year"].astype(int).astype(str),
        total: trend["total"],
        predikat: trend["predikat_name"].fillna(t("public.no_predikat")),
    })
    st.table(plain_frame(_styled(table, {total: lambda v: fmt.points(v, lang)})))


def download(summary: PublicSummary) -> None:
    """The group scores of the cycle shown as CSV (machine-readable, dot decimals)."""
    public_download.offer(public_files.groups_file(summary), t("public.download"))


def download_trend(summary: PublicSummary) -> None:
    public_download.offer(public_files.trend_file(summary), t("pub.download_trend"))


def indicator_groups(summary: PublicSummary, lang: str) -> None:
    """Each group opens to its indicators: a small chart, a table (with the previous published
    cycle's points), and every indicator's definition, sources and a link to its own page."""
    name_column = "name_en" if lang == "en" else "name_id"
    definition_column = "definition_en" if lang == "en" else "definition_id"
    if summary.previous_year is not None:
        st.caption(t("pub.indicators_caption", year=summary.year))
    else:
        st.caption(t("pub.indicators_caption_first", year=summary.year))
    for group in summary.groups.itertuples():
        group_name = getattr(group, name_column) or group.name_id
        label = t("pub.group_label", name=group_name, points=fmt.points(group.points, lang),
                  max=fmt.number(group.max_points, lang))
        indicators = summary.indicators[summary.indicators["group_code"] == group.group_code]
        with st.expander(label, key=f"pub_group_{group.group_code}"):
            charts.show(charts.indicator_bars,
                        indicators[["indicator_code", "name_id", "name_en", "points", "max_points"]], lang,
                        alt_text=t_text("pub.chart_indicators_alt", group=group_name))
            indicator_table(indicators, summary, lang)
            for row in indicators.itertuples():
                name = getattr(row, name_column) or row.name_id
                definition = getattr(row, definition_column) or row.definition_id
                st.markdown(f"**{plain(row.indicator_code)}. {plain(name)}**  \n{plain(definition)}")
                st.page_link(PUBLIC_INDICATOR, label=t("pub.open_indicator", code=row.indicator_code),
                             icon=":material/arrow_forward:",
                             query_params=address(summary, kode=row.indicator_code))


def indicator_table(indicators: pd.DataFrame, summary: PublicSummary, lang: str) -> None:
    """Code, name, this cycle's "points / max" and the previous cycle's points: four columns,
    so the table fits a phone inside its expander."""
    name_column = "name_en" if lang == "en" else "name_id"
    code, name = t("pub.col_code"), t("pub.col_indicator")
    points = t("pub.col_points_year", year=summary.year)
    columns = {
        code: indicators["indicator_code"].astype(str),
        name: indicators[name_column].fillna(indicators["name_id"]),
        points: [f"{fmt.points(p, lang)} / {fmt.number(m, lang)}"
                 for p, m in zip(indicators["points"], indicators["max_points"], strict=True)],
    }
    if summary.previous_year is not None:
        columns[t("pub.col_previous", year=summary.previous_year)] = [
            fmt.points(p, lang) for p in indicators["previous_points"]]
    st.table(plain_frame(pd.DataFrame(columns)), hide_index=True)


def download_indicators(summary: PublicSummary) -> None:
    public_download.offer(public_files.indicators_file(summary), t("pub.download_indicators"))


def see_also(summary: PublicSummary) -> None:
    st.subheader(t("pub.more_title"))
    query = address(summary)
    st.page_link(PUBLIC_INDICATOR, label=t("pub.link_indicator"), icon=":material/query_stats:", query_params=query)
    st.page_link(PUBLIC_CASES, label=t("pub.link_cases"), icon=":material/shield_person:", query_params=query)
    st.page_link(PUBLIC_KELANA, label=t("kelana.public_link"), icon=":material/holiday_village:",
                 query_params=query)


def about(summary: PublicSummary, lang: str) -> None:
    bounds = [
        t("public.threshold_from" if i == 0 else "public.threshold_above",
          name=row.name, above=fmt.number(row.above, lang))
        for i, row in enumerate(summary.thresholds.itertuples())
    ]
    st.subheader(t("public.about_title"))
    st.markdown(t("public.about_body", catalog=summary.catalog_version,
                  max=fmt.number(summary.max_points, lang), thresholds=", ".join(bounds)))
    if summary.missing_count:
        st.caption(t("public.missing", count=fmt.number(summary.missing_count, lang)))
    else:
        st.caption(t("public.missing_none"))
    if summary.catalog_source:
        st.caption(t("pub.source_note", source=summary.catalog_source))


# --- the per-indicator page -------------------------------------------------------------------

ANSWER_TYPE_KEYS = ("yes_no", "graded", "choice", "percentage", "count")


@st.cache_data(show_spinner=False, max_entries=256)
def public_indicator(region_code: str, indicator_code: str, year: int, version: int):
    """Cached by the data version like ui.loaders' reads, so a publication shows at once."""
    return summary_service.public_indicator(loaders.engine(), region_code, indicator_code, year)


def indicator_picker(indicators: pd.DataFrame, lang: str) -> str:
    """The indicator to show, kept in the URL (?kode=19) so a link opens it directly."""
    name_column = "name_en" if lang == "en" else "name_id"
    codes = indicators["indicator_code"].astype(str).tolist()
    names = dict(zip(codes, indicators[name_column].fillna(indicators["name_id"]), strict=True))
    unknown = url_state.follow("kode", codes, "pub_indicator", codes[0])
    labels = {c: f"{c}. {names[c]}" for c in codes}
    code = st.selectbox(t("pub.ind_pick"), codes, format_func=labels.get, key="pub_indicator")
    url_state.write("kode", code)
    if unknown is not None:
        st.info(t("pub.url_unknown_indicator", value=plain(fmt.excerpt(unknown)), code=code),
                icon=":material/link_off:")
    return code


def indicator_headline(indicator, lang: str) -> None:
    name = indicator.name_en if lang == "en" and indicator.name_en else indicator.name_id
    group = indicator.group_name_en if lang == "en" and indicator.group_name_en else indicator.group_name_id
    st.header(t("pub.ind_heading", code=indicator.indicator_code, name=name), divider="gray")
    st.caption(t("pub.ind_group", group=group))
    trend = indicator.trend
    latest = trend.iloc[-1]
    with st.container(horizontal=True, gap="small"):
        st.metric(t("pub.ind_latest", year=int(latest["year"])),
                  t("pub.ind_latest_value", points=fmt.points(latest["points"], lang),
                    max=fmt.number(indicator.max_points, lang)), border=True)
        if len(trend) > 1:
            previous = trend.iloc[-2]
            change = float(latest["points"] - previous["points"])
            st.metric(t("pub.ind_change", year=int(previous["year"])),
                      t("pub.ind_change_value", sign=markdown("+") if change > 0 else "",
                        points=fmt.points(change, lang)),
                      border=True)


def indicator_trend_table(indicator, lang: str) -> None:
    year, points, maximum, share = t("col.year"), t("col.points"), t("col.max_points"), t("col.share")
    trend = indicator.trend
    table = pd.DataFrame({
        year: trend["year"].astype(int).astype(str),
        points: trend["points"],
        maximum: trend["max_points"],
        share: trend["points"] / trend["max_points"],
    })
    st.table(plain_frame(_styled(table, {points: lambda v: fmt.points(v, lang), maximum: lambda v: fmt.number(v, lang),
                             share: lambda v: fmt.percent(v, lang)})))
    public_download.offer(public_files.indicator_trend_file(indicator), t("pub.download_ind_trend"))


def indicator_questions(indicator, lang: str) -> None:
    questions = indicator.questions
    code, question, answer = t("pub.col_code"), t("pub.col_question"), t("pub.col_answer")
    points = t("col.points")
    prompt_column = "prompt_en" if lang == "en" else "prompt_id"
    answer_column = "answer_en" if lang == "en" else "answer_id"
    # Points and maximum share one column ("2,78 / 3"), so the table fits a phone's width.
    table = pd.DataFrame({
        code: questions["question_code"],
        question: questions[prompt_column].fillna(questions["prompt_id"]),
        answer: questions[answer_column].replace("", t("pub.no_answer")),
        points: [f"{fmt.points(p, lang) if pd.notna(p) else '—'} / {fmt.number(m, lang)}"
                 for p, m in zip(questions["verified_points"], questions["max_points"], strict=True)],
    })
    st.table(plain_frame(table), hide_index=True)
    public_download.offer(public_files.indicator_questions_file(indicator), t("pub.download_ind_questions"))


def indicator_metadata(indicator, lang: str) -> None:
    definition = indicator.definition_en if lang == "en" and indicator.definition_en else indicator.definition_id
    counts = indicator.questions["answer_type"].value_counts()
    types = ", ".join(t("pub.type_count", name=answer_type_name(kind).lower(), count=int(counts[kind]))
                      for kind in ANSWER_TYPE_KEYS if kind in counts)
    st.markdown(f"**{t('pub.meta_definition')}**  \n{plain(definition)}")
    st.markdown(f"**{t('pub.meta_scoring')}**  \n" + t(
        "pub.meta_scoring_body", max=fmt.number(indicator.max_points, lang),
        count=fmt.number(len(indicator.questions), lang), types=types))
    st.markdown(f"**{t('pub.meta_responsible')}**  \n" + "; ".join(plain(name) for name in indicator.responsible))
    st.markdown(f"**{t('pub.meta_source')}**  \n" + t("pub.meta_source_body", version=indicator.catalog_version,
                                                        source=indicator.catalog_source))
    metadata = public_files.indicator_metadata(indicator, lang)
    with st.expander(t("pub.meta_satu_data"), key="pub_satu_data"):
        st.caption(t("pub.meta_satu_data_caption"))
        st.table(plain_frame(pd.DataFrame({
            t("pub.meta_element"): [label_en if lang == "en" else label_id
                                    for _, label_id, label_en in METADATA_FIELDS],
            t("pub.meta_value"): [metadata[key] for key, _, _ in METADATA_FIELDS],
        })), hide_index=True)
