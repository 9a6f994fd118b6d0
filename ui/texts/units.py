"""Texts of the Unit Wilayah page: kecamatan and kelurahan managed by the secretariat."""

TEXTS = {
    "id": {
        "page.units": "Unit Pelapor",
        "units.title": "Unit Pelapor",
        "opds.title": "OPD dan sumber datanya",
        "opds.guide_title": "Daftar sumber data",
        "opds.guide_caption": (
            "Setiap pertanyaan katalog menyebut sumber datanya. Sebuah OPD menjawab pertanyaan sumber data yang "
            "dipilihnya; satu OPD dapat menjawab beberapa sumber data (mis. DP3AP2KB: dp3a). Kunci ini diisi di "
            "kolom sumber_data berkas impor (daftar yang sama ada di lembar sumber_data templat)."
        ),
        "opds.guide_key": "Kunci",
        "opds.guide_office": "Kantor yang menjawab",
        "opds.guide_questions": "Pertanyaan",
        "opds.guide_examples": "Contoh nama resmi",
        "opds.guide_answered_by": "Dijawab oleh",
        "opds.guide_nobody": "belum ada",
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
        "units.col_short": "Nama singkat",
        "units.kecamatan_short": "Nama singkat (dipakai perintah manage.py): {short}",
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
            "Satu baris per unit dengan kolom jenis, nama, nama_singkat, sumber_data dan kecamatan (lihat templat "
            "dan lembar sumber_data-nya), atau berkas lama dengan kolom Kecamatan dan Kelurahan, dalam .xlsx atau "
            ".csv. Judul kolom yang tidak dikenal ditolak. OPD tanpa sumber_data ditolak; isi - bila OPD itu "
            "memang tidak menjawab apa pun. Unit baru ditambahkan; kelurahan yang tercantum di bawah kecamatan "
            "lain dipindahkan. Unit yang tidak tercantum tidak dinonaktifkan."
        ),
        "units.template": "Unduh templat (.xlsx, berisi daftar saat ini)",
        "units.import_file": "Berkas OPD, kecamatan dan kelurahan",
        "units.check": "Periksa",
        "units.apply": "Terapkan",
        "units.apply_help": "Aktif setelah pemeriksaan berkas yang sama lolos.",
        "units.checked": "Pemeriksaan lolos; belum ada yang diubah. Tekan Terapkan untuk menerapkannya.",
        "units.applied": "Impor selesai.",
        "units.tab_delete": "Hapus",
        "units.undo_title": "Batalkan impor",
        "units.undo_none": "Belum ada impor yang menambahkan unit yang masih terdaftar.",
        "units.undo_option": "{file} · {batch} · {count} unit",
        "units.undo_pick": "Impor",
        "units.undo_units": "Unit yang ditambahkan impor ini dan akan dihapus: {names}",
        "units.undo_confirm": "Saya yakin: hapus semua unit yang ditambahkan impor ini (ditolak bila ada yang sudah dipakai)",
        "units.undo_button": "Batalkan impor",
        "units.delete_caption": (
            "Hapus unit yang ditambahkan karena keliru dan belum pernah dipakai: belum menjawab, tidak tercantum "
            "dalam rencana aksi atau rapat, akunnya belum pernah dipakai. Unit yang sudah dipakai dinonaktifkan saja."
        ),
        "units.delete_none": "Belum ada unit.",
        "units.delete_pick": "Unit",
        "units.delete_confirm": "Saya yakin: hapus unit ini",
        "units.delete_button": "Hapus unit",
    },
    "en": {
        "page.units": "Reporting Units",
        "units.title": "Reporting Units",
        "opds.title": "OPDs and their data sources",
        "opds.guide_title": "Data sources",
        "opds.guide_caption": (
            "Every catalog question names its data sources. An OPD answers the questions of the sources it "
            "chooses; one OPD may answer several sources (e.g. DP3AP2KB: dp3a). The key goes in the sumber_data "
            "column of an import file (the template's sumber_data sheet lists the same)."
        ),
        "opds.guide_key": "Key",
        "opds.guide_office": "Office that answers",
        "opds.guide_questions": "Questions",
        "opds.guide_examples": "Official names seen",
        "opds.guide_answered_by": "Answered by",
        "opds.guide_nobody": "nobody yet",
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
        "units.col_short": "Short name",
        "units.kecamatan_short": "Short name (used by manage.py commands): {short}",
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
            "One row per unit with the columns jenis, nama, nama_singkat, sumber_data and kecamatan (see the "
            "template and its sumber_data sheet), or an older file with the columns Kecamatan and Kelurahan, as "
            ".xlsx or .csv. An unknown column title is refused. An OPD without sumber_data is refused; write - "
            "when it truly answers nothing. New units are added; kelurahan listed under another kecamatan are "
            "moved. Units not in the file are not deactivated."
        ),
        "units.template": "Download template (.xlsx, with the current list)",
        "units.import_file": "OPD, kecamatan and kelurahan file",
        "units.check": "Check",
        "units.apply": "Apply",
        "units.apply_help": "Enabled once a check of the same file passed.",
        "units.checked": "The check passed; nothing changed yet. Press Apply to apply it.",
        "units.applied": "Import done.",
        "units.tab_delete": "Delete",
        "units.undo_title": "Undo an import",
        "units.undo_none": "No import has added units that are still registered.",
        "units.undo_option": "{file} · {batch} · {count} units",
        "units.undo_pick": "Import",
        "units.undo_units": "Units this import added, to be deleted: {names}",
        "units.undo_confirm": "I am sure: delete every unit this import added (refused if any is in use)",
        "units.undo_button": "Undo import",
        "units.delete_caption": (
            "Delete a unit added by mistake and never used: no answers, not named in an action plan or meeting, "
            "its accounts never used. A unit in use can only be deactivated."
        ),
        "units.delete_none": "No units yet.",
        "units.delete_pick": "Unit",
        "units.delete_confirm": "I am sure: delete this unit",
        "units.delete_button": "Delete unit",
    },
}
