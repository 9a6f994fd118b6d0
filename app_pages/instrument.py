"""Instrumen KLA: the catalog of the region's current cycle, read-only. Groups, indicators and
questions, each question with its code, prompt, answer type, maximum, data-source OPDs, who
answers it and the evidence it asks for."""

import streamlit as st

from data.errors import DomainError
from indicators import text as fmt
from ui import auth, loaders
from ui.components import region_picker
from ui.i18n import current_lang, t
from ui.markup import plain
from ui.views import instrument as instrument_view

user = auth.require_user()
lang = current_lang()
version = loaders.data_version()

st.title(t("instrument.title"))
# A user of one region reads that region's instrument; the deployment's admin picks.
public_regions = loaders.public_regions(version)
region = region_picker.show(region_picker.own(user) or public_regions, key="instrument_region",
                            preferred=region_picker.home(public_regions))
if region is None:
    st.info(t("picker.no_cycle_region"))
    st.stop()
region_code = region["code"]
try:
    catalog = loaders.catalog(region_code, None, version)
except DomainError as error:  # the region has no evaluation cycle yet
    st.info(plain(error.message))
    st.stop()
questions = catalog.questions
if questions.empty:
    st.info(t("instrument.none"))
    st.stop()
st.caption(t("instrument.caption", title=catalog.title_en if lang == "en" else catalog.title_id,
             version=catalog.version, count=fmt.number(len(questions), lang),
             max=fmt.number(questions["max_points"].sum(), lang)))

shown = instrument_view.filters(questions, lang)
st.caption(t("instrument.shown", shown=fmt.number(len(shown), lang),
             total=fmt.number(len(questions), lang)))
if shown.empty:
    st.info(t("instrument.no_match"))
    st.stop()
instrument_view.question_list(shown, questions, lang)
