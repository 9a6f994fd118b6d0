"""Texts of the Unit Wilayah page: kecamatan and kelurahan managed by the secretariat."""

TEXTS = {
    "id": {
        "page.units": "Unit Pelapor",
        "units.title": "Unit Pelapor",
        "opds.title": "OPD dan sumber datanya",
        "opds.caption": (
            "Setiap OPD menjawab pertanyaan dari sumber data katalog yang dipilih di sini (mis. DP3AP2KB untuk "
            "dp3a). Satu OPD boleh menjawab beberapa sumber data. OPD yang dinonaktifkan tetap menyimpan jawabannya."
        ),
        "opds.none": "Belum ada OPD. Tambahkan di bawah atau impor daftarnya (tab Impor di bagian Ubah daftar unit).",
        "units.areas_title": "Kecamatan dan kelurahan",
        "opds.col_name": "OPD",
        "opds.col_short": "Nama singkat",
        "opds.col_sources": "Menjawab untuk",
        "opds.col_status": "Status",
        "opds.col_focal": "Akun",
        "opds.tab_add": "Tambah OPD",
        "opds.tab_edit": "Ubah nama / sumber data",
        "opds.tab_status": "Nonaktifkan / aktifkan",
        "opds.name": "Nama OPD",
        "opds.short": "Nama singkat (opsional)",
        "opds.short_help": "Huruf kecil, angka, garis bawah; kosong: dari singkatan dalam kurung pada nama.",
        "opds.sources": "Sumber data yang dijawab",
        "opds.suggest": "Sarankan dari nama",
        "opds.suggested": "Saran dari nama: {sources}",
        "opds.no_suggestion": "Tidak ada saran dari nama ini; pilih sumber datanya sendiri.",
        "opds.add": "Tambah OPD",
        "opds.which": "OPD",
        "opds.save": "Simpan perubahan",
        "opds.reason": "Alasan",
        "opds.deactivate": "Nonaktifkan",
        "opds.reactivate": "Aktifkan kembali",
        "units.caption": (
            "Kecamatan dan kelurahan {region} yang menjawab pertanyaan Kelana Dekela. Jawaban kota untuk "
            "pertanyaan itu dihitung dari jawaban unit yang aktif."
        ),
        "units.metric_kecamatan": "Kecamatan aktif",
        "units.metric_kelurahan": "Kelurahan aktif",
        "units.metric_inactive": "Nonaktif",
        "units.list_title": "Kecamatan dan kelurahannya",
        "units.list_empty": "Belum ada kecamatan. Tambahkan di bawah atau impor dari lembar kerja.",
        "units.kecamatan_label": "{name} · {count} kelurahan",
        "units.kecamatan_inactive": "{name} · nonaktif",
        "units.kecamatan_focal": "Petugas kecamatan: {names}",
        "units.no_focal": "belum ada akun",
        "units.no_kelurahan": "Belum ada kelurahan di kecamatan ini.",
        "units.orphans": "Kelurahan tanpa kecamatan",
        "units.col_kelurahan": "Kelurahan",
        "units.col_status": "Status",
        "units.col_focal": "Petugas",
        "units.active": "aktif",
        "units.inactive": "nonaktif",
        "units.change_title": "Ubah daftar unit",
        "units.tab_add_kecamatan": "Tambah kecamatan",
        "units.tab_add_kelurahan": "Tambah kelurahan",
        "units.tab_status": "Nonaktifkan / aktifkan",
        "units.tab_move": "Pindahkan kelurahan",
        "units.tab_account": "Akun petugas",
        "units.tab_import": "Impor",
        "units.kecamatan_name": "Nama kecamatan",
        "units.kecamatan_placeholder": "mis. Kupang Tengah",
        "units.kelurahan_name": "Nama kelurahan atau desa",
        "units.kelurahan_placeholder": "mis. Oesapa Tengah",
        "units.kecamatan": "Kecamatan",
        "units.no_active_kecamatan": "Belum ada kecamatan aktif; tambahkan kecamatan dulu.",
        "units.account_password": "Kata sandi akun petugas (boleh dikosongkan)",
        "units.account_password_help": (
            "Bila diisi, akun kec.<nama> atau kel.<nama> dibuat sekaligus. Minimal 8 karakter; berikan kepada "
            "petugasnya secara langsung."
        ),
        "units.working": "Menyimpan dan menghitung ulang jawaban kota ...",
        "units.add_kecamatan": "Tambah kecamatan",
        "units.add_kelurahan": "Tambah kelurahan",
        "units.unit": "Unit",
        "units.unit_option": "{name} ({state})",
        "units.unit_option_kelurahan": "{name} — {kecamatan} ({state})",
        "units.reason": "Alasan",
        "units.reason_placeholder": "mis. digabung dengan kelurahan lain sesuai Perda ...",
        "units.status_caption": (
            "Unit yang dinonaktifkan tidak dihapus: jawabannya tetap tersimpan, tetapi tidak lagi dihitung dalam "
            "jawaban kota pada siklus yang belum ditutup, dan akunnya tidak dapat mengisi lagi. Kecamatan hanya "
            "dapat dinonaktifkan setelah kelurahannya dinonaktifkan atau dipindahkan."
        ),
        "units.deactivate": "Nonaktifkan",
        "units.reactivate": "Aktifkan kembali",
        "units.move_caption": (
            "Bila kelurahan sudah menjawab pada siklus yang belum ditutup, jawabannya ikut pindah dan Anda "
            "diminta memastikan dulu."
        ),
        "units.move_kelurahan": "Kelurahan",
        "units.move_to": "Pindahkan ke kecamatan",
        "units.move": "Pindahkan",
        "units.confirm_move": "Ya, pindahkan beserta jawabannya",
        "units.cancel": "Batal",
        "units.account_caption": (
            "Nama pengguna dibentuk dari nama unit: kec.<nama> untuk kecamatan, kel.<nama> untuk kelurahan."
        ),
        "units.account_unit": "Unit",
        "units.password": "Kata sandi",
        "units.password_again": "Ulangi kata sandi",
        "units.password_mismatch": "Kedua kata sandi tidak sama; akun belum dibuat.",
        "units.create_account": "Buat akun petugas",
        "units.account_created": "Akun {username} dibuat untuk {unit}. Berikan kata sandinya kepada petugas secara langsung.",
        "units.import_caption": (
            "Satu baris per kelurahan dengan kolom Kecamatan dan Kelurahan (atau Desa/Kelurahan), dalam berkas "
            ".xlsx atau .csv. Kecamatan dan kelurahan baru ditambahkan; kelurahan yang tercantum di bawah "
            "kecamatan lain dipindahkan. Unit yang tidak tercantum tidak dinonaktifkan."
        ),
        "units.template": "Unduh templat (.xlsx, berisi daftar saat ini)",
        "units.import_file": "Berkas OPD, kecamatan dan kelurahan",
        "units.check": "Periksa",
        "units.apply": "Terapkan",
        "units.apply_help": "Aktif setelah pemeriksaan berkas yang sama lolos.",
        "units.checked": "Pemeriksaan lolos; belum ada yang diubah. Tekan Terapkan untuk menerapkannya.",
        "units.applied": "Impor selesai.",
        "units.report_rows": "{rows} baris kelurahan dibaca dari {file}.",
        "units.report_new_kecamatan": "Kecamatan baru ({count}): {names}",
        "units.report_new_kelurahan": "Kelurahan baru ({count}): {names}",
        "units.report_move": "{kelurahan}: dari {old} ke {new}",
        "units.report_move_answers": "{kelurahan}: dari {old} ke {new}; {answers} jawaban pada siklus yang belum ditutup ikut pindah",
        "units.report_moves": "Kelurahan yang pindah kecamatan ({count}):",
        "units.report_nothing": "Tidak ada perubahan: semua kecamatan dan kelurahan dalam berkas sudah terdaftar.",
        "units.report_unchanged": "Tidak berubah: {count} kelurahan.",
        "units.report_left_inactive": "Tercantum tetapi nonaktif, tetap nonaktif: {names}",
        "units.report_not_in_file": (
            "{count} unit aktif tidak tercantum dalam berkas; impor tidak menonaktifkannya."
        ),
    },
    "en": {
        "page.units": "Reporting Units",
        "units.title": "Reporting Units",
        "opds.title": "OPDs and their data sources",
        "opds.caption": (
            "Each OPD answers the questions of the catalog data sources chosen here (e.g. DP3AP2KB for dp3a). One "
            "OPD may answer for several data sources. A deactivated OPD keeps its answers."
        ),
        "opds.none": "No OPD yet. Add one below or import the list (tab Import under Change the list of units).",
        "units.areas_title": "Kecamatan and kelurahan",
        "opds.col_name": "OPD",
        "opds.col_short": "Short name",
        "opds.col_sources": "Answers for",
        "opds.col_status": "Status",
        "opds.col_focal": "Accounts",
        "opds.tab_add": "Add an OPD",
        "opds.tab_edit": "Rename / data sources",
        "opds.tab_status": "Deactivate / reactivate",
        "opds.name": "OPD name",
        "opds.short": "Short name (optional)",
        "opds.short_help": "Lower-case letters, digits, underscore; empty: from the abbreviation in brackets in the name.",
        "opds.sources": "Data sources it answers for",
        "opds.suggest": "Suggest from the name",
        "opds.suggested": "Suggested from the name: {sources}",
        "opds.no_suggestion": "No suggestion from this name; choose its data sources yourself.",
        "opds.add": "Add the OPD",
        "opds.which": "OPD",
        "opds.save": "Save the changes",
        "opds.reason": "Reason",
        "opds.deactivate": "Deactivate",
        "opds.reactivate": "Reactivate",
        "units.caption": (
            "The kecamatan (districts) and kelurahan (wards) of {region} that answer the Kelana Dekela "
            "questions. The city's answer to those questions is derived from the active units' answers."
        ),
        "units.metric_kecamatan": "Active kecamatan",
        "units.metric_kelurahan": "Active kelurahan",
        "units.metric_inactive": "Inactive",
        "units.list_title": "Kecamatan and their kelurahan",
        "units.list_empty": "No kecamatan yet. Add one below or import a spreadsheet.",
        "units.kecamatan_label": "{name} · {count} kelurahan",
        "units.kecamatan_inactive": "{name} · inactive",
        "units.kecamatan_focal": "Kecamatan focal point: {names}",
        "units.no_focal": "no account yet",
        "units.no_kelurahan": "No kelurahan in this kecamatan yet.",
        "units.orphans": "Kelurahan without a kecamatan",
        "units.col_kelurahan": "Kelurahan",
        "units.col_status": "Status",
        "units.col_focal": "Focal point",
        "units.active": "active",
        "units.inactive": "inactive",
        "units.change_title": "Change the list of units",
        "units.tab_add_kecamatan": "Add kecamatan",
        "units.tab_add_kelurahan": "Add kelurahan",
        "units.tab_status": "Deactivate / reactivate",
        "units.tab_move": "Move kelurahan",
        "units.tab_account": "Focal-point account",
        "units.tab_import": "Import",
        "units.kecamatan_name": "Kecamatan name",
        "units.kecamatan_placeholder": "e.g. Kupang Tengah",
        "units.kelurahan_name": "Kelurahan or village name",
        "units.kelurahan_placeholder": "e.g. Oesapa Tengah",
        "units.kecamatan": "Kecamatan",
        "units.no_active_kecamatan": "No active kecamatan yet; add a kecamatan first.",
        "units.account_password": "Focal-point account password (optional)",
        "units.account_password_help": (
            "When filled in, the account kec.<name> or kel.<name> is created too. At least 8 characters; "
            "give it to the focal point in person."
        ),
        "units.working": "Saving and recomputing the city's answers ...",
        "units.add_kecamatan": "Add kecamatan",
        "units.add_kelurahan": "Add kelurahan",
        "units.unit": "Unit",
        "units.unit_option": "{name} ({state})",
        "units.unit_option_kelurahan": "{name} — {kecamatan} ({state})",
        "units.reason": "Reason",
        "units.reason_placeholder": "e.g. merged with another kelurahan by local regulation ...",
        "units.status_caption": (
            "A deactivated unit is not deleted: its answers stay stored but no longer count in the city's answers "
            "of cycles that are not closed, and its accounts can no longer enter answers. A kecamatan can be "
            "deactivated only after its kelurahan are deactivated or moved."
        ),
        "units.deactivate": "Deactivate",
        "units.reactivate": "Reactivate",
        "units.move_caption": (
            "When the kelurahan has answered in a cycle that is not closed, its answers move with it and you are "
            "asked to confirm first."
        ),
        "units.move_kelurahan": "Kelurahan",
        "units.move_to": "Move to kecamatan",
        "units.move": "Move",
        "units.confirm_move": "Yes, move it with its answers",
        "units.cancel": "Cancel",
        "units.account_caption": "The username follows the unit: kec.<name> for a kecamatan, kel.<name> for a kelurahan.",
        "units.account_unit": "Unit",
        "units.password": "Password",
        "units.password_again": "Repeat the password",
        "units.password_mismatch": "The two passwords differ; no account was created.",
        "units.create_account": "Create focal-point account",
        "units.account_created": "Account {username} created for {unit}. Give the password to the focal point in person.",
        "units.import_caption": (
            "One row per kelurahan with the columns Kecamatan and Kelurahan (or Desa/Kelurahan), as .xlsx or "
            ".csv. New kecamatan and kelurahan are added; a kelurahan listed under another kecamatan is moved. "
            "Units not in the file are not deactivated."
        ),
        "units.template": "Download template (.xlsx, with the current list)",
        "units.import_file": "OPD, kecamatan and kelurahan file",
        "units.check": "Check",
        "units.apply": "Apply",
        "units.apply_help": "Enabled once a check of the same file passed.",
        "units.checked": "The check passed; nothing changed yet. Press Apply to apply it.",
        "units.applied": "Import done.",
        "units.report_rows": "{rows} kelurahan rows read from {file}.",
        "units.report_new_kecamatan": "New kecamatan ({count}): {names}",
        "units.report_new_kelurahan": "New kelurahan ({count}): {names}",
        "units.report_move": "{kelurahan}: from {old} to {new}",
        "units.report_move_answers": "{kelurahan}: from {old} to {new}; {answers} answers in cycles not closed move with it",
        "units.report_moves": "Kelurahan moving to another kecamatan ({count}):",
        "units.report_nothing": "No change: every kecamatan and kelurahan in the file is already registered.",
        "units.report_unchanged": "Unchanged: {count} kelurahan.",
        "units.report_left_inactive": "Listed but inactive, left inactive: {names}",
        "units.report_not_in_file": "{count} active units are not in the file; an import does not deactivate them.",
    },
}
