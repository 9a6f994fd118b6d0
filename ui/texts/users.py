"""Texts of the Pengguna page: accounts managed by the admin and the secretariat."""

TEXTS = {
    "id": {
        "page.users": "Pengguna",
        "users.title": "Pengguna",
        "users.caption": (
            "Akun {region}. Sekretariat mengelola akun OPD, kecamatan dan kelurahan; akun sekretariat dan Gugus "
            "Tugas dibuat admin. Akun baru dan kata sandi yang diatur ulang mendapat kata sandi sekali pakai yang "
            "wajib diganti saat masuk pertama."
        ),
        "users.all_regions": "Semua wilayah dan admin",
        "users.filter_role": "Peran",
        "users.filter_active": "Hanya akun aktif",
        "users.col_username": "Nama pengguna",
        "users.col_name": "Nama",
        "users.col_role": "Peran",
        "users.col_unit": "Unit",
        "users.col_region": "Wilayah",
        "users.col_phone": "Telepon",
        "users.col_email": "E-mail",
        "users.col_last": "Terakhir masuk",
        "users.col_status": "Status",
        "users.active": "aktif",
        "users.inactive": "nonaktif",
        "users.must_change": "menunggu kata sandi baru",
        "users.none": "Belum ada akun.",
        "users.tab_add": "Tambah akun",
        "users.tab_edit": "Ubah akun",
        "users.tab_status": "Nonaktifkan / aktifkan",
        "users.tab_reset": "Atur ulang kata sandi",
        "users.tab_import": "Impor dari berkas",
        "users.username": "Nama pengguna",
        "users.username_help": "Huruf kecil, angka, titik, garis bawah atau tanda hubung, mis. opd.dinkes.",
        "users.name": "Nama lengkap",
        "users.role": "Peran",
        "users.unit": "Unit pelapor",
        "users.province": "Provinsi (untuk verifikator provinsi)",
        "users.province_placeholder": "Pilih provinsi dari daftar resmi",
        "users.no_unit": "(tanpa unit)",
        "users.phone": "Telepon / WhatsApp",
        "users.email": "E-mail",
        "users.create": "Buat akun",
        "users.created": "Akun {username} dibuat.",
        "users.one_time": (
            "Kata sandi sekali pakai untuk {username}: salin sekarang dan serahkan kepada pemiliknya. Kata sandi "
            "ini tidak akan ditampilkan lagi dan wajib diganti saat masuk pertama."
        ),
        "users.account": "Akun",
        "users.save": "Simpan perubahan",
        "users.saved": "Akun {username} diperbarui.",
        "users.reason": "Alasan",
        "users.deactivate": "Nonaktifkan",
        "users.reactivate": "Aktifkan kembali",
        "users.deactivated": "Akun {username} dinonaktifkan.",
        "users.reactivated": "Akun {username} diaktifkan kembali.",
        "users.reset": "Buat kata sandi sekali pakai",
        "users.reset_help": "Kata sandi lama berhenti berlaku; pemilik akun wajib membuat kata sandi baru saat masuk.",
        "users.import_help": (
            "Kolom: nama_pengguna, nama, peran (opd, kecamatan, kelurahan), unit (nama singkat unit), telepon, "
            "email. Jangan cantumkan kata sandi: setiap akun mendapat kata sandi sekali pakai."
        ),
        "users.import_file": "Berkas .xlsx atau .csv",
        "users.check": "Periksa",
        "users.apply": "Buat akun-akun ini",
        "users.checked": "Pemeriksaan lolos: {count} akun siap dibuat.",
        "users.imported": (
            "{count} akun dibuat. Unduh kata sandi sekali pakai sekarang: berkas ini hanya ditawarkan sekali."
        ),
        "users.download_passwords": "Unduh kata sandi sekali pakai (CSV)",
        "users.none_manageable": "Tidak ada akun yang dapat Anda ubah di sini.",
        "users.tab_units": "Akun semua unit",
        "users.units_help": (
            "Membuat sekaligus akun petugas yang belum ada untuk setiap OPD, kecamatan dan kelurahan/desa aktif "
            "(opd.<nama singkat>, kec.<nama>, kel.<nama>). Kata sandi sekali pakainya hanya ada di slip masuk PDF "
            "yang ditawarkan sekali sesudahnya: cetak, gunting dan serahkan kepada setiap petugas."
        ),
        "users.units_create": "Buat akun semua unit dan slip masuknya",
        "users.units_pick_region": "Pilih satu wilayah dulu untuk membuat akun unitnya.",
        "users.download_slips": "Unduh slip masuk (PDF)",
    },
    "en": {
        "page.users": "Users",
        "users.title": "Users",
        "users.caption": (
            "Accounts of {region}. The secretariat manages OPD, kecamatan and kelurahan accounts; the admin creates "
            "secretariat and task-force accounts. New accounts and reset passwords get a one-time password that "
            "must be changed at the first sign-in."
        ),
        "users.all_regions": "All regions and admins",
        "users.filter_role": "Role",
        "users.filter_active": "Active accounts only",
        "users.col_username": "Username",
        "users.col_name": "Name",
        "users.col_role": "Role",
        "users.col_unit": "Unit",
        "users.col_region": "Region",
        "users.col_phone": "Phone",
        "users.col_email": "E-mail",
        "users.col_last": "Last sign-in",
        "users.col_status": "Status",
        "users.active": "active",
        "users.inactive": "inactive",
        "users.must_change": "awaiting a new password",
        "users.none": "No account yet.",
        "users.tab_add": "Add an account",
        "users.tab_edit": "Change an account",
        "users.tab_status": "Deactivate / reactivate",
        "users.tab_reset": "Reset a password",
        "users.tab_import": "Import from a file",
        "users.username": "Username",
        "users.username_help": "Lower-case letters, digits, dot, underscore or hyphen, e.g. opd.dinkes.",
        "users.name": "Full name",
        "users.role": "Role",
        "users.unit": "Reporting unit",
        "users.province": "Province (for a province verifier)",
        "users.province_placeholder": "Choose a province from the official list",
        "users.no_unit": "(no unit)",
        "users.phone": "Phone / WhatsApp",
        "users.email": "E-mail",
        "users.create": "Create the account",
        "users.created": "Account {username} created.",
        "users.one_time": (
            "One-time password for {username}: copy it now and hand it to its owner. It will not be shown again "
            "and must be changed at the first sign-in."
        ),
        "users.account": "Account",
        "users.save": "Save the changes",
        "users.saved": "Account {username} updated.",
        "users.reason": "Reason",
        "users.deactivate": "Deactivate",
        "users.reactivate": "Reactivate",
        "users.deactivated": "Account {username} deactivated.",
        "users.reactivated": "Account {username} reactivated.",
        "users.reset": "Create a one-time password",
        "users.reset_help": "The old password stops working; the owner must choose a new one at sign-in.",
        "users.import_help": (
            "Columns: nama_pengguna, nama, peran (opd, kecamatan, kelurahan), unit (the unit's short name), telepon, "
            "email. Never include a password: each account gets a one-time password."
        ),
        "users.import_file": ".xlsx or .csv file",
        "users.check": "Check",
        "users.apply": "Create these accounts",
        "users.checked": "Check passed: {count} accounts ready to be created.",
        "users.imported": "{count} accounts created. Download the one-time passwords now: the file is offered once.",
        "users.download_passwords": "Download the one-time passwords (CSV)",
        "users.none_manageable": "No account you may change here.",
        "users.tab_units": "Accounts for every unit",
        "users.units_help": (
            "Creates at once the missing focal-point accounts of every active OPD, kecamatan and kelurahan/desa "
            "(opd.<short name>, kec.<name>, kel.<name>). Their one-time passwords exist only in the PDF login "
            "slips offered once afterwards: print them, cut them apart and hand one to each focal point."
        ),
        "users.units_create": "Create every unit's account and its login slip",
        "users.units_pick_region": "Pick one region first to create its units' accounts.",
        "users.download_slips": "Download the login slips (PDF)",
    },
}
