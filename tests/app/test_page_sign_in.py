"""Masuk (app_pages/sign_in.py) and the signed-in frame, through AppTest."""

from page_helpers import DEMO_PASSWORD, sign_in, texts

SIGN_IN = "app_pages/sign_in.py"


def test_wrong_password_is_refused_and_stays_signed_out(app):
    app.switch_page(SIGN_IN).run()
    sign_in(app, "ketua", "bukan-kata-sandinya")
    assert [e.value for e in app.error] == ["Nama pengguna atau kata sandi salah."]
    assert "user" not in app.session_state
    assert not [b for b in app.sidebar.button if b.label == "Keluar"]


def test_unknown_user_gets_the_same_sentence(app):
    app.switch_page(SIGN_IN).run()
    sign_in(app, "tidak.ada", DEMO_PASSWORD)
    assert [e.value for e in app.error] == ["Nama pengguna atau kata sandi salah."]


def test_inactive_user_cannot_sign_in(app, deactivate):
    deactivate("anggota")
    app.switch_page(SIGN_IN).run()
    sign_in(app, "anggota")
    assert [e.value for e in app.error] == ["Akun ini dinonaktifkan. Hubungi sekretariat KLA."]
    assert "user" not in app.session_state


def test_empty_form_asks_for_both_fields(app):
    app.switch_page(SIGN_IN).run()
    [b for b in app.button if b.label == "Masuk"][0].click().run()
    assert [e.value for e in app.error] == ["Isi nama pengguna dan kata sandi."]


def test_good_sign_in_shows_the_signed_in_frame_and_pages(app):
    app.switch_page(SIGN_IN).run()
    sign_in(app, "ketua")
    assert not app.error
    assert app.session_state["user"]["username"] == "ketua"
    sidebar = "\n".join(m.value for m in app.sidebar.markdown)
    assert "Ketua Gugus Tugas KLA (Kepala Bappeda)" in sidebar
    assert "Ketua Gugus Tugas KLA · Badan Perencanaan" in "\n".join(c.value for c in app.sidebar.caption)
    assert [b.label for b in app.sidebar.button] == ["Keluar"]
    assert [t.value for t in app.title] == ["Verifikasi Jawaban"]  # landed on the chair's own work

    app.switch_page("app_pages/instrument.py").run()
    assert "Instrumen KLA" in [t.value for t in app.title]

    app.sidebar.button[0].click().run()  # Keluar
    assert "user" not in app.session_state
    assert "Ringkasan Publik KLA" in texts(app)


def test_a_name_written_as_markdown_is_shown_as_text_in_the_sidebar(app, run_sql):
    from sqlalchemy import update

    from data.models import User
    from ui.markup import plain

    name = "**Bos** [klik](http://x.y) <b>ya</b>"
    run_sql(update(User).where(User.username == "ketua").values(display_name=name))
    app.switch_page(SIGN_IN).run()
    sign_in(app, "ketua")
    sidebar = "\n".join(m.value for m in app.sidebar.markdown)
    assert f"**{plain(name)}**" in sidebar and "[klik](" not in sidebar and "<b>" not in sidebar.replace("\\<b>", "")
