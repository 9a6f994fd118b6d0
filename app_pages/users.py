"""Pengguna (admin, secretariat): the accounts of a region, their contacts and last sign-in, and
the forms that manage them."""

import streamlit as st

from data import access
from data.services.accounts import admin
from ui import auth, flash, loaders
from ui.components import region_picker
from ui.i18n import t
from ui.views import users as users_view

user = auth.require_user(access.USER_MANAGERS)

st.title(t("users.title"))
flash.show_pending(users_view.FLASH)
users_view.reveal_once()
regions = region_picker.own(user) or admin.manageable_regions(loaders.engine(), user)
if user.role == "admin":
    regions = [{"code": None, "name": t("users.all_regions")}, *regions]
region = region_picker.show(regions, key="users_region", label_of=region_picker.name)
code = region["code"] if region else None
st.caption(t("users.caption", region=region["name"] if region else ""))
accounts = admin.list_accounts(loaders.engine(), user, code)
users_view.table(accounts)
users_view.forms(user, code, accounts)
