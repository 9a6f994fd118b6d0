"""ui.auth.require_user: the guard every non-public page starts with."""

from streamlit.testing.v1 import AppTest

from data.services.accounts.auth import authenticate
from data.services.accounts.sign_in_sessions import start
from page_helpers import DEMO_PASSWORD


def guarded_page():
    import streamlit as st

    from ui.auth import require_user

    user = require_user(roles=("chair", "member"))
    st.title(f"Halaman tim untuk {user.username}")


def signed_in(at: AppTest, engine, username: str) -> AppTest:
    """The page as `username` would see it after signing in: a real session on the server."""
    session_id, _ = start(engine, authenticate(engine, username, DEMO_PASSWORD))
    at.session_state["sign_in_session"] = session_id
    return at


def test_a_stranger_gets_the_sign_in_form(database_url):
    at = AppTest.from_function(guarded_page, default_timeout=30).run()
    assert [t.value for t in at.title] == ["Masuk"]
    assert {w.label for w in at.text_input} == {"Nama pengguna", "Kata sandi"}


def test_another_role_gets_one_sentence_and_nothing_else(engine):
    at = signed_in(AppTest.from_function(guarded_page, default_timeout=30), engine, "opd.dinkes").run()
    assert [e.value for e in at.error] == ["Halaman ini tidak tersedia untuk peran Anda (Petugas OPD)."]
    assert not at.title


def test_the_right_role_sees_the_page(engine):
    at = signed_in(AppTest.from_function(guarded_page, default_timeout=30), engine, "ketua").run()
    assert [t.value for t in at.title] == ["Halaman tim untuk ketua"]
