"""Every public address in a real browser on a fresh server, with and without parameters, in both
languages: each opens its page (never Streamlit's "Page not found" dialog), a wrong parameter or
page gives one sentence, and the address keeps the region and year shown, so a copied link opens
the same view."""

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from browser_helpers import exceptions, main_text, open_app, script_run
from ui.pages import PUBLIC_PAGES

NOT_FOUND_DIALOG = "[data-testid='stDialog']"

ADDRESSES = [
    # (path and query, the page's title in Indonesian, a sentence of its content, a notice or None)
    ("/", "Ringkasan Publik KLA", "meraih predikat Madya pada evaluasi 2024", None),
    ("/ringkasan", "Ringkasan Publik KLA", "meraih predikat Madya pada evaluasi 2024", None),
    ("/ringkasan/", "Ringkasan Publik KLA", "meraih predikat Madya pada evaluasi 2024", None),
    ("/ringkasan?wilayah=53.71&tahun=2022", "Ringkasan Publik KLA", "meraih predikat Pratama pada evaluasi 2022",
     None),
    ("/indikator-publik?wilayah=53.71&tahun=2023&kode=19", "Indikator KLA", "Indikator 19.", None),
    ("/kasus?wilayah=53.71&tahun=2023", "Statistik Kasus", "Jumlah kasus per tahun", None),
    ("/kelana-publik?wilayah=53.71&tahun=2023", "Kelana Dekela per kecamatan", "Pada evaluasi 2023", None),
    ("/halaman-lama", "Ringkasan Publik KLA", "pada evaluasi 2024", "Halaman '/halaman-lama' tidak ada"),
    ("/ringkasan?wilayah=99.99&tahun=2031", "Ringkasan Publik KLA", "pada evaluasi 2024",
     "Wilayah '99.99' pada tautan tidak ada"),
    ("/kasus?tahun=dua-ribu", "Statistik Kasus", "Jumlah kasus per tahun",
     "Tahun 'dua-ribu' pada tautan tidak dikenal"),
]


def test_every_public_page_of_the_registry_is_opened_here():
    """A public page added to ui/pages.py fails here until its address is in ADDRESSES."""
    opened = {urlparse(address).path.strip("/") for address, *_ in ADDRESSES}
    assert {page.url_path for page in PUBLIC_PAGES} - opened == set()


def parameters(page) -> dict[str, str]:
    return {key: values[-1] for key, values in parse_qs(urlparse(page.url).query).items()}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_public_address_opens_without_a_dialog(fresh_server, page, lang):
    for address, title, content, notice in ADDRESSES:
        separator = "&" if "?" in address else "?"
        open_app(page, fresh_server.url + address + (f"{separator}lang=en" if lang == "en" else ""))
        expect(page.get_by_test_id("stHeading").first).to_be_visible()
        assert page.locator(NOT_FOUND_DIALOG).count() == 0, address
        assert exceptions(page) == [], address
        text = main_text(page)
        if lang == "id":
            assert title in text and content in text, (address, text[:400])
            if notice:
                assert notice in text, address
        else:
            assert "Language" in page.get_by_test_id("stSidebar").inner_text() and title not in text, address
        wanted = parameters(page)
        assert wanted.get("wilayah") == "53.71" and wanted.get("tahun") in {"2022", "2023", "2024"}, address
        assert (wanted.get("lang") == "en") == (lang == "en"), address


def test_a_copied_link_opens_the_same_year_and_language(fresh_server, page, browser):
    open_app(page, fresh_server.url)
    with script_run(page):
        page.get_by_test_id("stSidebar").get_by_role("radio", name="English").click()
    with script_run(page):
        page.get_by_test_id("stSelectbox").filter(has_text="Evaluation year").click()
        page.get_by_role("option", name="2023").click()
    expect(page.get_by_text("in the 2023 evaluation")).to_be_visible()
    copied = page.url
    assert parameters(page) == {"wilayah": "53.71", "tahun": "2023", "lang": "en"}

    someone_else = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID").new_page()
    open_app(someone_else, copied)
    expect(someone_else.get_by_text("in the 2023 evaluation")).to_be_visible()
    assert someone_else.locator(NOT_FOUND_DIALOG).count() == 0
    someone_else.context.close()
