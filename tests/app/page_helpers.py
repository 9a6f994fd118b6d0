"""Helpers for AppTest page tests (imported by name; conftest modules are not importable
reliably when several test folders run together)."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "pantau.py")
DEMO_PASSWORD = "KlaKupang2024!"


def text_input(at: AppTest, label: str):
    matches = [widget for widget in at.text_input if widget.label == label]
    assert matches, f"no text input labelled {label!r}: {[w.label for w in at.text_input]}"
    return matches[0]


def sign_in(at: AppTest, username: str, password: str = DEMO_PASSWORD) -> AppTest:
    """Fill the sign-in form on the current page and submit it."""
    text_input(at, "Nama pengguna").input(username)
    text_input(at, "Kata sandi").input(password)
    submit = [b for b in at.button if b.label == "Masuk"]
    assert submit, "no 'Masuk' button on this page"
    submit[0].click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    """Everything the page wrote as text (titles, markdown, captions, alerts, metrics, tables)."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "error",
                 "success", "warning"):
        parts += [element.value for element in getattr(at, kind)]
    parts += [f"{m.label}: {m.value}" for m in at.metric]
    parts += [table.value.to_string() for table in at.table]
    return "\n".join(str(p) for p in parts)


def open_page_as(page: str, username: str) -> AppTest:
    """The app opened on `page` (a file under app_pages/), signed in there as `username`."""
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page(page).run()
    sign_in(at, username)
    assert not at.exception, [e.message for e in at.exception]
    return at
