"""Every setting the operator gives through the environment (KLA_*), in one table with its default
and its meaning, read the same way everywhere: no other module reads os.environ for a setting.
docs/operasi.md lists the same table (a test keeps the two alike). A wrong value is refused
with one Indonesian sentence naming the variable."""
from __future__ import annotations

import math
import os
from dataclasses import dataclass

from indicators.text import parse_decimal


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    """As the operator would write it; "" means unset."""
    meaning: str


DATABASE_URL = "KLA_DATABASE_URL"
DEMO = "KLA_DEMO"
SETUP_TOKEN = "KLA_SETUP_TOKEN"
APP_URL = "KLA_APP_URL"
COOKIE_SECURE = "KLA_COOKIE_SECURE"
TRUSTED_PROXIES = "KLA_TRUSTED_PROXIES"
SESSION_IDLE_MINUTES = "KLA_SESSION_IDLE_MINUTES"
SESSION_HOURS = "KLA_SESSION_HOURS"
EVIDENCE_MAX_MB = "KLA_EVIDENCE_MAX_MB"
PUBLISH_MIN_VERIFIED_PERCENT = "KLA_PUBLISH_MIN_VERIFIED_PERCENT"
PLAUSIBLE_CHANGE_PP = "KLA_PLAUSIBLE_CHANGE_PP"
PLAUSIBLE_CHANGE_COUNT = "KLA_PLAUSIBLE_CHANGE_COUNT"
PDF_FONT_DIR = "KLA_PDF_FONT_DIR"
RUN_LOG = "KLA_RUN_LOG"
CLOCK = "KLA_CLOCK"
ARGON2_FAST = "KLA_ARGON2_FAST"
SMTP_HOST = "KLA_SMTP_HOST"
SMTP_PORT = "KLA_SMTP_PORT"
SMTP_USER = "KLA_SMTP_USER"
SMTP_PASSWORD = "KLA_SMTP_PASSWORD"
SMTP_SENDER = "KLA_SMTP_SENDER"
SMTP_SECURITY = "KLA_SMTP_SECURITY"

SETTINGS: dict[str, Setting] = {setting.name: setting for setting in (
    Setting(DATABASE_URL, "",
            "Alamat basis data (SQLAlchemy), mis. postgresql+psycopg://kla@localhost/kla; kosong: berkas SQLite "
            "instance/pantau_kla.sqlite3."),
    Setting(DEMO, "1", "1: basis data kosong diisi data demo Kota Kupang saat pertama dibuka; 0: mulai kosong "
                       "(penyiapan wilayah pertama di peramban)."),
    Setting(SETUP_TOKEN, "", "Kode penyiapan yang diminta halaman penyiapan pertama (KLA_DEMO=0); kosong: siapa "
                             "pun yang membuka aplikasi pertama kali dapat menyiapkannya."),
    Setting(APP_URL, "", "Alamat publik aplikasi yang dicantumkan dalam pesan pengingat dan slip masuk akun "
                        "(mis. https://kla.kupangkota.go.id)."),
    Setting(COOKIE_SECURE, "0", "1: kuki masuk hanya dikirim lewat HTTPS (pasang bila di belakang proksi HTTPS)."),
    Setting(TRUSTED_PROXIES, "", "Alamat proksi (dipisah koma, mis. 127.0.0.1) yang X-Forwarded-For-nya dipercaya "
                                 "sebagai alamat peramban; kosong: alamat koneksi itu sendiri."),
    Setting(SESSION_IDLE_MINUTES, "60", "Menit tanpa kegiatan sebelum sesi masuk berakhir."),
    Setting(SESSION_HOURS, "12", "Jam paling lama satu sesi masuk berlaku."),
    Setting(EVIDENCE_MAX_MB, "10", "Ukuran paling besar satu berkas bukti dukung, dalam megabita."),
    Setting(PUBLISH_MIN_VERIFIED_PERCENT, "90",
            "Persen jawaban terverifikasi yang dibutuhkan sebelum siklus dapat dipublikasikan."),
    Setting(PLAUSIBLE_CHANGE_PP, "30",
            "Perubahan persentase (poin persen) dari tahun lalu yang ditandai untuk diperiksa."),
    Setting(PLAUSIBLE_CHANGE_COUNT, "1",
            "Perubahan jumlah dari tahun lalu (kelipatan) yang ditandai untuk diperiksa."),
    Setting(PDF_FONT_DIR, "", "Folder huruf DejaVu untuk laporan PDF; kosong: folder huruf sistem."),
    Setting(RUN_LOG, "", "Berkas tempat setiap jalannya halaman dicatat waktunya (untuk pengukuran); kosong: mati."),
    Setting(CLOCK, "", "Tanggal (dan jam) ISO tempat jam aplikasi dimulai, mis. 2026-12-19, untuk latihan dan "
                       "pengujian; kosong: jam sistem."),
    Setting(ARGON2_FAST, "0", "1: hash kata sandi dengan parameter murah, HANYA untuk pengujian."),
    Setting(SMTP_HOST, "", "Server e-mail (SMTP) untuk mengirim pengingat, bila wilayah belum mengaturnya di "
                           "aplikasi; kosong: pengingat hanya lewat WhatsApp dan salin-tempel."),
    Setting(SMTP_PORT, "587", "Port server SMTP: 587 untuk starttls, 465 untuk ssl, 25 tanpa pengamanan."),
    Setting(SMTP_USER, "", "Nama pengguna untuk masuk ke server SMTP; kosong: tanpa masuk."),
    Setting(SMTP_PASSWORD, "", "Kata sandi server SMTP (tidak pernah ditampilkan)."),
    Setting(SMTP_SENDER, "", "Alamat pengirim pengingat, mis. sekretariat.kla@kupangkota.go.id."),
    Setting(SMTP_SECURITY, "starttls", "starttls, ssl atau none: cara sambungan ke server SMTP diamankan."),
)}


def text(name: str) -> str:
    """The setting's value, stripped, or its default when unset or blank."""
    return os.environ.get(name, "").strip() or SETTINGS[name].default


def switched_on(name: str) -> bool:
    """A 0/1 setting."""
    return text(name) == "1"


def positive_number(name: str, unit: str = "") -> float:
    """The setting's value (decimal comma or point), its default when unset; refuses a value that
    is not a finite number above 0."""
    raw = text(name)
    wanted = f"angka {unit}".strip()
    try:
        value = parse_decimal(raw)
    except ValueError:
        raise ValueError(f"{name} harus berupa {wanted}, bukan '{raw}'.") from None
    if not math.isfinite(value) or not value > 0:
        raise ValueError(f"{name} harus lebih dari 0, bukan '{raw}'.")
    return value


def default_number(name: str) -> float:
    return float(SETTINGS[name].default)
