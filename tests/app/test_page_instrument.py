"""Instrumen KLA (app_pages/instrument.py) through AppTest."""

from page_helpers import sign_in, texts

INSTRUMENT = "app_pages/instrument.py"


def test_anonymous_visitor_gets_the_sign_in_form_and_none_of_the_page(app):
    app.switch_page(INSTRUMENT).run()
    assert not app.exception
    assert [t.value for t in app.title] == ["Masuk"]
    assert {w.label for w in app.text_input} == {"Nama pengguna", "Kata sandi"}
    page = texts(app)
    assert "Instrumen KLA" not in page
    assert "1.1" not in page and not app.expander


def test_signing_in_on_the_page_opens_it(app):
    app.switch_page(INSTRUMENT).run()
    sign_in(app, "opd.disdukcapil")
    assert [t.value for t in app.title] == ["Instrumen KLA"]


def test_catalog_with_filters(app):
    app.switch_page(INSTRUMENT).run()
    sign_in(app, "sekretariat")
    page = texts(app)
    assert "KLA-2024" in page and "274 dari 274 pertanyaan" in page
    assert len(app.expander) == 31
    assert "**1.1** · Apakah daerah sudah memiliki Perda tentang penyelenggaraan KLA?" in page
    assert "Jenis jawaban: **Ya/tidak**" in page
    assert "Dijawab oleh: **Kabupaten/kota**" in page

    app.selectbox(key="instrument_group").select("KELANA_DEKELA").run()
    page = texts(app)
    assert "Kelana Dekela" in [s.value for s in app.subheader][0]
    assert "Setiap kecamatan" in page or "Setiap desa/kelurahan" in page
    shown_all_kelana = [c.value for c in app.caption if "pertanyaan" in c.value and " dari " in c.value]

    app.text_input(key="instrument_search").input("zzz-tidak-ada").run()
    assert "Tidak ada pertanyaan yang cocok dengan saringan ini." in texts(app)
    assert shown_all_kelana


def test_search_finds_by_words_and_in_english(app):
    app.switch_page(INSTRUMENT).run()
    sign_in(app, "ketua")
    app.text_input(key="instrument_search").input("akta kelahiran").run()
    captions = [c.value for c in app.caption if " dari 274 pertanyaan" in c.value]
    assert captions and not captions[0].startswith("274 ")
    assert app.expander and all(e.proto.expanded for e in app.expander)

    app.sidebar.segmented_control[0].set_value("en").run()
    assert [t.value for t in app.title] == ["KLA Instrument"]
    assert "Answer type: **" in texts(app)
