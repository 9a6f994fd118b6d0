"""The public summary and signing in, in a real browser against `streamlit run`."""

from playwright.sync_api import expect

from browser_helpers import SCREENSHOTS, exceptions, open_app, script_run, settled, sign_in, wait_for_app


def test_public_page_renders_without_exception(server, page):
    open_app(page, server.url)  # the first visit also migrates and seeds the empty database
    expect(page.get_by_role("heading", name="Ringkasan Publik KLA")).to_be_visible()
    expect(page.get_by_text("Kota Kupang meraih predikat")).to_be_visible()
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("Madya")
    # groups, one small chart per group (in its expander), trend
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(2 + 7)
    assert exceptions(page) == []
    expect(page.get_by_test_id("stMain")).to_contain_text("Tentang data ini")


def test_english_switch(server, page):
    open_app(page, server.url)
    with script_run(page):
        page.get_by_test_id("stSidebar").get_by_role("radio", name="English").click()
    expect(page.get_by_role("heading", name="KLA Public Summary")).to_be_visible()
    expect(page.get_by_text("reached the")).to_be_visible()
    assert exceptions(page) == []


def test_signing_in_as_ketua(server, page):
    open_app(page, f"{server.url}/masuk")
    sign_in(page, "ketua")
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Ketua Gugus Tugas KLA (Kepala Bappeda)")).to_be_visible()
    expect(sidebar.get_by_role("link", name="Instrumen KLA")).to_be_visible()
    expect(sidebar.get_by_role("link", name="Masuk")).to_have_count(0)

    with script_run(page):
        sidebar.get_by_role("link", name="Instrumen KLA").click()
    expect(page.get_by_role("heading", name="Instrumen KLA")).to_be_visible()
    expect(page.get_by_text("274 dari 274 pertanyaan")).to_be_visible()

    with script_run(page):
        sidebar.get_by_role("button", name="Keluar").click()
    expect(sidebar.get_by_role("link", name="Instrumen KLA")).to_have_count(0)
    expect(page.get_by_role("heading", name="Ringkasan Publik KLA")).to_be_visible()
    assert exceptions(page) == []


def test_wrong_password_in_the_browser(server, page):
    open_app(page, f"{server.url}/masuk")
    sign_in(page, "ketua", "bukan-ini")
    expect(page.get_by_text("Nama pengguna atau kata sandi salah.")).to_be_visible()


def test_phone_width_screenshot(server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID",
                                  device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        open_app(page, server.url)
        expect(page.get_by_text("Kota Kupang meraih predikat")).to_be_visible()
        # groups, one small chart per group (in its expander), trend
        expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(2 + 7)
        # Nothing wider than the phone: no sideways scrolling.
        overflow = settled(page,
            "() => [...document.querySelectorAll('[data-testid=stMain] *')]"
            ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
            ".map(e => e.getAttribute('data-testid') || e.tagName).slice(0, 5)"
        )
        assert overflow == []
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SCREENSHOTS / "public_summary_390.png")
        page.set_viewport_size({"width": 390, "height": 3200})
        wait_for_app(page)
        page.screenshot(path=SCREENSHOTS / "public_summary_390_full.png")
        assert exceptions(page) == []
    finally:
        context.close()
