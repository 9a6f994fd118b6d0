"""The sign-in in a real browser: it survives a reload and a new tab (an HttpOnly cookie naming a
session on the server), sign-out ends it in every tab, "Keluar dari semua perangkat" ends it in
every browser, and an idle session ends after the configured time with a sentence saying why."""

from playwright.sync_api import Browser, Page, expect

from app_server import Server
from browser_helpers import open_app, polled, script_run, session_cookie, sign_in, wait_for_app

SIGNED_IN = "Masuk sebagai"


def sidebar(page: Page):
    return page.get_by_test_id("stSidebar")


def alert(page: Page, text: str):
    return page.get_by_test_id("stAlert").filter(has_text=text)


def signed_in_on(page: Page, url: str) -> None:
    open_app(page, url)
    sign_in(page, "opd.dinkes")
    expect(sidebar(page)).to_contain_text(SIGNED_IN)
    assert polled(lambda: session_cookie(page) is not None, page), "the browser never got its cookie"


def test_a_reload_and_a_new_tab_keep_the_sign_in_and_sign_out_ends_it_everywhere(fresh_server, page: Page):
    signed_in_on(page, f"{fresh_server.url}/masuk")
    cookie = session_cookie(page)
    assert cookie is not None and cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    expect(page).to_have_url(f"{fresh_server.url}/isian")

    page.reload()
    wait_for_app(page)
    expect(sidebar(page)).to_contain_text(SIGNED_IN)
    expect(page.get_by_role("heading", name="Isian Saya")).to_be_visible()

    other_tab = page.context.new_page()
    open_app(other_tab, f"{fresh_server.url}/akun")
    expect(sidebar(other_tab)).to_contain_text("Operator Dinas Kesehatan Kota Kupang")

    with script_run(page):
        sidebar(page).get_by_role("button", name="Keluar").click()
    expect(sidebar(page)).not_to_contain_text(SIGNED_IN)
    # the other tab, already open, is out at its next action
    with script_run(other_tab):
        other_tab.get_by_role("button", name="Keluar dari semua perangkat").click()
    expect(other_tab.get_by_role("heading", name="Masuk")).to_be_visible()
    expect(alert(other_tab, "Anda telah keluar (di tab atau perangkat lain)")).to_be_visible()
    # and a reload does not bring the session back
    other_tab.reload()
    wait_for_app(other_tab)
    expect(sidebar(other_tab)).not_to_contain_text(SIGNED_IN)


def test_signing_out_everywhere_ends_the_sign_in_of_another_browser(fresh_server, page: Page, browser: Browser):
    signed_in_on(page, f"{fresh_server.url}/masuk")
    phone = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    signed_in_on(phone, f"{fresh_server.url}/masuk")

    open_app(page, f"{fresh_server.url}/akun")
    with script_run(page):
        page.get_by_role("button", name="Keluar dari semua perangkat").click()
    expect(alert(page, "Anda telah keluar dari 2 sesi di semua perangkat")).to_be_visible()

    phone.reload()
    wait_for_app(phone)
    open_app(phone, f"{fresh_server.url}/isian")
    expect(phone.get_by_role("heading", name="Masuk")).to_be_visible()
    phone.context.close()


def test_an_idle_session_ends_with_a_sentence_saying_why(seeded_url, tmp_path, page: Page):
    server = Server(seeded_url, tmp_path / "streamlit.log", {"KLA_SESSION_IDLE_MINUTES": "0,2"})
    try:
        signed_in_on(page, f"{server.url}/masuk")

        def signed_out_on_load() -> bool:
            open_app(page, f"{server.url}/isian")
            return page.get_by_role("heading", name="Masuk").count() > 0

        assert polled(signed_out_on_load, page, every_ms=2000), "the idle session never ended"
        expect(alert(page, "tidak ada kegiatan selama 12 detik")).to_be_visible()
    finally:
        server.stop()
