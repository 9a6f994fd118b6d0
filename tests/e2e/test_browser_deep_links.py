"""On a freshly started server, a deep link to a page that needs a signed-in user shows the
sign-in form and nothing of the page (the legacy pages/ mode would have run the page itself)."""

import pytest
from playwright.sync_api import expect

from browser_helpers import exceptions, main_text, open_app, sign_in
from ui.frame import GUARDED_PAGES

# What each guarded page shows once signed in, and so must not show to a stranger.
PAGE_CONTENT = {
    "instrumen": ["Instrumen KLA", "Cari pertanyaan", "Indikator 1."],
    "akun": ["Akun Saya", "Ganti kata sandi", "Kata sandi lama"],
    "isian": ["Isian Saya", "pertanyaan diajukan", "Dikembalikan oleh Gugus Tugas"],
    "nilai": ["Nilai dan Predikat", "Nilai total (terverifikasi)", "Yang mengangkat nilai"],
    "indikator": ["Rincian Indikator", "Nilai per siklus", "Riwayat jawaban"],
    "data-kasus": ["Data Kasus Klaster V", "Ringkasan per tahun (angka asli)", "Impor dari CSV"],
    "kelengkapan": ["Kelengkapan Isian", "Siapa yang perlu dihubungi", "Per OPD, kecamatan dan kelurahan"],
    "verifikasi": ["Verifikasi Jawaban", "Menunggu verifikasi", "Poin mandiri"],
    "unit-wilayah": ["Unit Pelapor", "Kecamatan dan kelurahannya", "Ubah daftar unit"],
    "kelana": ["Kelana Dekela: kecamatan dan kelurahan", "Poin per kecamatan", "Belum menjawab"],
    "pengguna": ["Pengguna", "Hanya akun aktif", "Atur ulang kata sandi"],
    "persiapan": ["Persiapan Wilayah", "butir selesai", "Akun petugas"],
    "siklus": ["Siklus & Penugasan", "Penugasan pertanyaan", "Ubah batas waktu"],
    "rencana-aksi": ["Rencana Aksi (RAD KLA)", "Laporkan kemajuan", "Jemput bola Kartu Identitas Anak"],
    "wilayah": ["Wilayah", "Kecamatan & kelurahan", "Daftar resmi"],
    "rakor": ["Rapat Koordinasi (Rakor) Gugus Tugas KLA", "Siapkan rapat baru",
              "Rakor Gugus Tugas KLA Tingkat Kota Kupang Tahun 2024"],
    "forum-anak": ["Suara Forum Anak", "Tanggal Forum Anak bertemu", "Simpan pandangan Forum Anak"],
    "papan-kesiapan": ["Papan Kesiapan Kabupaten/Kota", "Per provinsi", "Unduh papan (PDF)"],
    "verifikasi-provinsi": ["Verifikasi Administrasi Provinsi", "Periksa pertanyaan", "Simpan poin provinsi"],
    "dikembalikan-provinsi": ["Dikembalikan Provinsi", "Alasan provinsi", "Kirim kembali ke provinsi"],
}
# Who signs in after the deep link: someone whose role the page serves.
PAGE_USER = {"isian": "opd.dp3a", "wilayah": "admin", "forum-anak": "forum.anak", "papan-kesiapan": "admin",
             "verifikasi-provinsi": "provinsi.ntt", "dikembalikan-provinsi": "ketua"}


def test_every_guarded_page_is_listed_here():
    assert set(PAGE_CONTENT) == set(GUARDED_PAGES)


@pytest.mark.parametrize("path", sorted(GUARDED_PAGES))
def test_deep_link_on_a_fresh_server_shows_only_the_sign_in_form(fresh_server, page, path):
    open_app(page, f"{fresh_server.url}/{path}")
    expect(page.get_by_role("textbox", name="Nama pengguna", exact=True)).to_be_visible()
    expect(page.get_by_role("textbox", name="Kata sandi", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Masuk")).to_be_visible()
    shown = main_text(page) + page.get_by_test_id("stSidebar").inner_text()
    for content in PAGE_CONTENT[path]:
        assert content not in shown, f"/{path} showed {content!r} to an anonymous visitor"
    assert exceptions(page) == []

    sign_in(page, PAGE_USER.get(path, "sekretariat"))  # and signing in there opens the page itself
    expect(page.get_by_role("heading", name=PAGE_CONTENT[path][0])).to_be_visible()
