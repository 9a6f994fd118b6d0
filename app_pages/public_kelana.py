"""Kelana Dekela per kecamatan, open to everyone: for a published evaluation, the verified points
of the group, what each kecamatan (with its kelurahan) contributes and could still earn, and the
share of its kelurahan meeting each requirement. Verified yes answers of published cycles only;
no names, notes or drafts."""

import streamlit as st

from data.errors import NotFound
from ui import loaders
from ui.i18n import current_lang, t
from ui.markup import plain
from ui.views import kelana as view
from ui.views import summary as summary_view

lang = current_lang()
version = loaders.data_version()

st.title(t("kelana.public_title"))
st.caption(t("kelana.public_caption"))

shown = summary_view.public_view(version)
try:
    data = view.public(shown.region["code"], shown.year, shown.version)
except NotFound as error:
    st.info(plain(error.message))
    st.stop()

view.public_headline(data, lang)
if not data.has_unit_answers or data.kecamatan.empty:
    st.info(t("kelana.public_no_units", year=data.year))
    st.stop()
view.public_chart(data, lang)
view.public_table(data, lang)
view.public_detail(data, lang)
view.public_download(data)
st.caption(t("kelana.public_about"))
