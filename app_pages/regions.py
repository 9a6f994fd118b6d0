"""Wilayah (admin): the kab/kota this deployment hosts, checked against the official Kemendagri
list, and their kecamatan and kelurahan created from it."""

import streamlit as st

from ui import auth, flash
from ui.i18n import t
from ui.views import regions as regions_view

user = auth.require_user(("admin",))

st.title(t("regions.title"))
regions_view.caption()
flash.show_pending(regions_view.FLASH)
rows = regions_view.hosted(user)
regions_view.forms(user, rows)
