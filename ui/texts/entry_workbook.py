"""Texts of the Excel route on the entry page (ui/views/entry_workbook.py)."""

TEXTS = {
    "id": {
        "entry_workbook.title": "Isi lewat Excel",
        "entry_workbook.caption": (
            "Unduh templat berisi pertanyaan {unit} untuk siklus {year}, isi di Excel tanpa "
            "koneksi, lalu unggah kembali. Periksa dulu: semua masalah ditampilkan per baris dan "
            "kolom, dan belum ada yang disimpan. Satu masalah saja membuat seluruh file ditolak."
        ),
        "entry_workbook.download": "Unduh templat Excel",
        "entry_workbook.closed": "Siklus {year} tidak terbuka untuk pengisian; templat hanya untuk dibaca.",
        "entry_workbook.upload": "Unggah templat yang sudah diisi (.xlsx), atau ZIP berisi templat dan bukti dukungnya",
        "entry_workbook.upload_help": "Hanya templat yang diunduh dari halaman ini (paling besar 10 MB). Dalam ZIP, "
                                      "beri setiap bukti nama berawalan kode pertanyaannya, misalnya "
                                      "\"2.1 SK Gugus Tugas.pdf\".",
        "entry_workbook.files_ready": "{count} berkas bukti akan dilampirkan ke pertanyaannya:",
        "entry_workbook.files_applied": "{count} berkas bukti dari ZIP dilampirkan ke pertanyaannya.",
        "entry_workbook.col_file": "Berkas",
        "entry_workbook.check": "Periksa",
        "entry_workbook.apply": "Terapkan",
        "entry_workbook.problems": "File ditolak: {count} masalah. Perbaiki lalu unggah lagi; belum ada yang disimpan.",
        "entry_workbook.problem_column": "Masalah",
        "entry_workbook.ready": (
            "Tidak ada masalah. {count} jawaban akan disimpan sebagai draf ({unchanged} baris tidak "
            "berubah). Tekan Terapkan untuk menyimpan."
        ),
        "entry_workbook.nothing": "Tidak ada masalah, tetapi tidak ada jawaban yang berubah ({unchanged} baris sama).",
        "entry_workbook.col_row": "Baris",
        "entry_workbook.col_code": "Kode",
        "entry_workbook.col_old": "Sekarang",
        "entry_workbook.col_new": "Dari file",
        "entry_workbook.col_note": "Catatan berubah",
        "entry_workbook.yes": "ya",
        "entry_workbook.no": "-",
        "entry_workbook.empty": "(belum diisi)",
        "entry_workbook.check_first": "Tekan Periksa untuk memeriksa file ini sebelum menyimpan.",
        "entry_workbook.applied": (
            "{count} jawaban dari Excel disimpan sebagai draf. Ajukan jawaban yang sudah siap di atas."
        ),
    },
    "en": {
        "entry_workbook.title": "Fill in with Excel",
        "entry_workbook.caption": (
            "Download a template with {unit}'s questions for the {year} cycle, fill it in Excel "
            "offline, then upload it. Check it first: every problem is listed by row and column, "
            "and nothing is saved yet. A single problem refuses the whole file."
        ),
        "entry_workbook.download": "Download Excel template",
        "entry_workbook.closed": "The {year} cycle is not open for entry; the template is read-only.",
        "entry_workbook.upload": "Upload the filled template (.xlsx), or a ZIP with the template and its evidence",
        "entry_workbook.upload_help": "Only a template downloaded from this page (at most 10 MB). In a ZIP, start "
                                      "each evidence file's name with its question code, e.g. "
                                      "\"2.1 SK Gugus Tugas.pdf\".",
        "entry_workbook.files_ready": "{count} evidence files will be attached to their questions:",
        "entry_workbook.files_applied": "{count} evidence files from the ZIP attached to their questions.",
        "entry_workbook.col_file": "File",
        "entry_workbook.check": "Check",
        "entry_workbook.apply": "Apply",
        "entry_workbook.problems": "File refused: {count} problems. Fix them and upload again; nothing was saved.",
        "entry_workbook.problem_column": "Problem",
        "entry_workbook.ready": (
            "No problems. {count} answers will be saved as drafts ({unchanged} rows unchanged). "
            "Press Apply to save."
        ),
        "entry_workbook.nothing": "No problems, but no answer changes ({unchanged} rows are the same).",
        "entry_workbook.col_row": "Row",
        "entry_workbook.col_code": "Code",
        "entry_workbook.col_old": "Now",
        "entry_workbook.col_new": "From the file",
        "entry_workbook.col_note": "Note changed",
        "entry_workbook.yes": "yes",
        "entry_workbook.no": "-",
        "entry_workbook.empty": "(not answered)",
        "entry_workbook.check_first": "Press Check to check this file before saving.",
        "entry_workbook.applied": (
            "{count} answers from Excel were saved as drafts. Submit the ready answers above."
        ),
    },
}
