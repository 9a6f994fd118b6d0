"""The public pages on a 390-pixel-wide phone in a real browser: they render, nothing is wider
than the screen, and a screenshot of each is kept in tests/e2e/screenshots (gitignored)."""

import re

import pytest
from playwright.sync_api import expect

from browser_helpers import RUN_TIMEOUT_MS, SCREENSHOTS, exceptions, open_app, script_run, settled, wait_for_app

OVERFLOW = (
    # Anything reaching past the page's content column: sideways scrolling, or a table column
    # clipped by the box around it (which window-width checks alone do not see).
    "() => { const edge = Math.min(window.innerWidth,"
    " document.querySelector('[data-testid=stMainBlockContainer] > [data-testid=stVerticalBlock]')"
    ".getBoundingClientRect().right) + 1;"
    " return [...document.querySelectorAll('[data-testid=stMainBlockContainer] > [data-testid=stVerticalBlock] *')]"
    ".filter(e => e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().right > edge)"
    ".map(e => (e.getAttribute('data-testid') || e.tagName) + ':' + (e.innerText || '').slice(0, 30))"
    ".slice(0, 5) }"
)


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID",
                                  device_scale_factor=2, is_mobile=True, has_touch=True,
                                  timezone_id="Asia/Makassar")
    page = context.new_page()
    page.set_default_timeout(RUN_TIMEOUT_MS)
    yield page
    context.close()


def settle_full_height(page, name: str) -> None:
    """Screenshot the whole page at phone width, and check it for sideways overflow there too."""
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": 390, "height": max(844, min(int(height) + 100, 12_000))})
    wait_for_app(page)
    assert settled(page, OVERFLOW) == []
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}_390_full.png")
    page.set_viewport_size({"width": 390, "height": 844})


def test_summary_with_an_open_group_on_a_phone(server, phone):
    open_app(phone, server.url)
    expect(phone.get_by_text("Kota Kupang meraih predikat")).to_be_visible()
    phone.get_by_test_id("stExpander").first.locator("summary").click()  # opens in the browser; runs nothing
    expect(phone.get_by_text("Rincian indikator 1").first).to_be_visible()
    assert settled(phone, OVERFLOW) == []
    phone.screenshot(path=SCREENSHOTS / "public_summary_group_390.png")
    settle_full_height(phone, "public_summary_groups")
    assert exceptions(phone) == []


def test_indicator_page_from_the_link_on_a_phone(server, phone):
    open_app(phone, server.url)
    phone.get_by_test_id("stExpander").nth(4).locator("summary").click()  # opens in the browser; runs nothing
    with script_run(phone):
        phone.get_by_role("link", name="Rincian indikator 19").click()
    expect(phone.get_by_role("heading", name="Indikator 19. Sekolah (Satuan Pendidikan) Ramah Anak (SRA)")) \
        .to_be_visible()
    expect(phone).to_have_url(re.compile("kode=19"))
    expect(phone.get_by_test_id("stMain")).to_contain_text("Pertanyaan dan jawaban terverifikasi (2024)")
    expect(phone.get_by_test_id("stMain")).to_contain_text("Cara penilaian")
    assert settled(phone, OVERFLOW) == []
    phone.screenshot(path=SCREENSHOTS / "public_indicator_390.png")
    settle_full_height(phone, "public_indicator")
    assert exceptions(phone) == []


def test_case_statistics_on_a_phone_in_english(server, phone):
    open_app(phone, f"{server.url}/kasus")
    expect(phone.get_by_role("heading", name="Statistik Kasus Kekerasan terhadap Perempuan dan Anak")).to_be_visible()
    expect(phone.get_by_test_id("stMain")).to_contain_text("<5")
    expect(phone.get_by_test_id("stVegaLiteChart")).to_have_count(4)
    assert settled(phone, OVERFLOW) == []
    phone.screenshot(path=SCREENSHOTS / "public_cases_390.png")
    settle_full_height(phone, "public_cases")

    phone.get_by_test_id("stExpandSidebarButton").click()
    with script_run(phone):
        phone.get_by_test_id("stSidebar").get_by_role("radio", name="English").click()
    expect(phone.get_by_role("heading", name="Statistics of Violence against Women and Children")).to_be_visible()
    phone.get_by_test_id("stSidebarCollapseButton").locator("button").click()
    expect(phone.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")
    settle_full_height(phone, "public_cases_en")
    assert exceptions(phone) == []
