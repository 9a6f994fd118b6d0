"""ui.auth.require_user: the guard every non-public page starts with."""

from streamlit.testing.v1 import AppTest


def guarded_page():
    import streamlit as st

    from ui.auth import require_user

    user = require_user(roles=("chair", "member"))
    st.title(f"Halaman tim untuk {user.username}")


def as_user(role: str) -> dict:
    return {
        "id": 7, "username": f"{role}.test", "display_name": "Uji", "role": role, "region_id": 1,
        "region_code": "53.71", "region_name": "Kota Kupang", "unit_id": None,
        "unit_short_name": None, "unit_name": None,
    }


def test_a_stranger_gets_the_sign_in_form():
    at = AppTest.from_function(guarded_page, default_timeout=30).run()
    assert [t.value for t in at.title] == ["Masuk"]
    assert {w.label for w in at.text_input} == {"Nama pengguna", "Kata sandi"}


def test_another_role_gets_one_sentence_and_nothing_else():
    at = AppTest.from_function(guarded_page, default_timeout=30)
    at.session_state["user"] = as_user("opd")
    at.run()
    assert [e.value for e in at.error] == ["Halaman ini tidak tersedia untuk peran Anda (Petugas OPD)."]
    assert not at.title


def test_the_right_role_sees_the_page():
    at = AppTest.from_function(guarded_page, default_timeout=30)
    at.session_state["user"] = as_user("chair")
    at.run()
    assert [t.value for t in at.title] == ["Halaman tim untuk chair.test"]
