"""Pengguna (admin, secretariat): the accounts of a region, their contacts and last sign-in, and
the forms that manage them."""

import streamlit as st

from data import access
from ui import auth, flash
from ui.i18n import t
from ui.views import users as users_view

user = auth.require_user(access.USER_MANAGERS)

st.title(t("users.title"))
flash.show_pending(users_view.FLASH)
users_view.reveal_once()
region = users_view.region_choice(user)
code = region["code"] if region else None
st.caption(t("users.caption", region=region["name"] if region else ""))
accounts = users_view.accounts(user, code)
users_view.table(accounts)
users_view.forms(user, code, accounts)
