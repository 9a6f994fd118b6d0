"""Every string the UI shows, in Indonesian (default) and English, behind t(key, **kw).

The language lives in st.session_state["lang"] ("id" or "en"), set by the switch in the frame.
Domain data (group, indicator and question names) carries its own _id/_en columns; messages
raised by services are Indonesian sentences and are shown as they come.
"""

from __future__ import annotations

import importlib
import pkgutil

import streamlit as st

import ui.texts
from indicators import roles, workflow
from indicators.wilayah import time_zone_of
from ui.markup import Markdown, plain

LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}
DEFAULT_LANG = "id"

CATALOGS: dict[str, dict[str, str]] = {
    "id": {
        "app.name": "Pantau KLA",
        "app.tagline": "Pemantauan Kabupaten/Kota Layak Anak",
        "frame.language": "Bahasa",
        "frame.signed_in_as": "Masuk sebagai",
        "frame.not_signed_in": "Anda belum masuk. Ringkasan publik terbuka untuk semua.",
        "frame.sign_out": "Keluar",
        "frame.all_regions": "Semua wilayah",
        "picker.region": "Wilayah",
        "picker.choose_any": "Pilih satu atau lebih",
        "picker.all": "Semua",
        "picker.cycle": "Siklus",
        "picker.no_cycle_region": (
            "Belum ada siklus evaluasi. Sekretariat KLA atau admin membukanya di halaman Siklus & Penugasan "
            "(langkah persiapan lainnya ada di Persiapan Wilayah); halaman ini terisi setelah itu."
        ),
        "picker.no_region": "Belum ada wilayah. Muat data demo atau tambahkan wilayah dulu.",
        "problems.more": "... dan {count} masalah lain; perbaiki yang di atas lalu periksa lagi.",
        "section.entry": "Isian",
        "section.review": "Tinjauan",
        "section.region": "Pengaturan wilayah",
        "section.province": "Provinsi",
        "section.general": "Umum",
        "section.public": "Publik",
        "page.public": "Ringkasan Publik",
        "page.sign_in": "Masuk",
        "page.instrument": "Instrumen KLA",
        "page.account": "Akun Saya",
        "db.unavailable_title": "Aplikasi belum dapat dibuka.",
        # sign-in
        "signin.title": "Masuk",
        "signin.caption": "Masuk dengan akun yang diberikan sekretariat Gugus Tugas KLA.",
        "signin.guard": "Halaman ini hanya untuk pengguna yang sudah masuk.",
        "signin.username": "Nama pengguna",
        "signin.password": "Kata sandi",
        "signin.submit": "Masuk",
        "signin.missing": "Isi nama pengguna dan kata sandi.",
        "signin.welcome": "Selamat datang, {name}.",
        "auth.forbidden": "Halaman ini tidak tersedia untuk peran Anda ({role}).",
        "auth.one_time_title": "Buat kata sandi baru",
        "auth.one_time_lead": (
            "Selamat datang, {name}. Anda masuk dengan kata sandi sekali pakai dari sekretariat KLA. Buat kata "
            "sandi baru Anda sendiri sekarang; halaman lain terbuka sesudahnya."
        ),
        "auth.one_time_password": "Kata sandi sekali pakai",
        # public summary
        "public.title": "Ringkasan Publik KLA",
        "public.caption": (
            "Hasil evaluasi mandiri Kabupaten/Kota Layak Anak yang sudah diverifikasi "
            "Gugus Tugas KLA dan diterbitkan."
        ),
        "public.no_regions": (
            "Belum ada hasil evaluasi yang diterbitkan. Ringkasan akan tampil di sini "
            "setelah Gugus Tugas KLA menerbitkan hasil verifikasi."
        ),
        "public.no_cycle": (
            "{region} belum menerbitkan hasil evaluasi. Ringkasan akan tampil di sini "
            "setelah Gugus Tugas KLA menerbitkan hasil verifikasi."
        ),
        "public.heading": "{region}, {province}",
        "public.sentence": (
            "{region} meraih predikat **{predikat}** pada evaluasi {year} "
            "dengan nilai **{total}** dari {max}."
        ),
        "public.sentence_none": (
            "{region} belum meraih predikat pada evaluasi {year}: nilainya **{total}** dari "
            "{max}, sedangkan predikat pertama ({first}) dimulai dari {above}."
        ),
        "public.predikat": "Predikat",
        "public.no_predikat": "Belum berpredikat",
        "public.total": "Nilai total",
        "public.total_value": "{total} / {max}",
        "public.to_next": "Menuju {name}",
        "public.to_next_value": "{points} poin lagi",
        "public.top": "Predikat tertinggi",
        "public.top_value": "Sudah tercapai",
        "public.cycle": "Evaluasi {year}",
        "public.published": "Diterbitkan {date}",
        "public.groups_title": "Nilai per kelompok",
        "public.groups_caption": (
            "Kelembagaan, lima klaster hak anak dan Kelana Dekela, masing-masing dibandingkan "
            "dengan nilai maksimumnya."
        ),
        "public.trend_title": "Perkembangan nilai total",
        "public.trend_caption": (
            "Nilai total setiap evaluasi yang sudah diterbitkan; garis putus-putus menandai "
            "batas bawah tiap predikat."
        ),
        "public.trend_single": "Baru satu evaluasi yang diterbitkan; tren tampil mulai evaluasi kedua.",
        "public.download": "Unduh tabel (CSV)",
        "public.about_title": "Tentang data ini",
        "public.about_body": (
            "- Hanya nilai yang **sudah diverifikasi** Gugus Tugas KLA pada evaluasi yang "
            "**sudah diterbitkan** yang ditampilkan. Angka evaluasi yang masih berjalan tidak "
            "tampil di sini.\n"
            "- Instrumen: {catalog} (kelompok → indikator → pertanyaan). Nilai setiap pertanyaan "
            "ditetapkan tim verifikasi dalam batas nilai maksimumnya; nilai indikator, kelompok "
            "dan total adalah jumlahnya (maksimum {max}).\n"
            "- Predikat menurut nilai total: {thresholds}.\n"
            "- Ini hasil evaluasi mandiri daerah; verifikasi provinsi dan kementerian dapat "
            "mengubah nilai akhirnya."
        ),
        "public.missing": (
            "{count} pertanyaan belum memiliki nilai terverifikasi dan dihitung 0."
        ),
        "public.missing_none": "Semua pertanyaan memiliki nilai terverifikasi.",
        "public.threshold_from": "{name} mulai {above}",
        "public.threshold_above": "{name} di atas {above}",
        "col.group": "Kelompok",
        "col.points": "Nilai",
        "col.max_points": "Maksimum",
        "col.share": "Capaian",
        "col.year": "Tahun",
        "col.total": "Nilai total",
        "col.predikat": "Predikat",
        "chart.points": "Nilai",
        "chart.max_points": "Nilai maksimum",
        "chart.year": "Tahun evaluasi",
        "chart.total": "Nilai total",
        "chart.groups_alt": "Diagram batang nilai tiap kelompok dibandingkan nilai maksimumnya.",
        "chart.trend_alt": "Diagram garis nilai total per tahun evaluasi dengan batas predikat.",
        # instrument
        "instrument.title": "Instrumen KLA",
        "instrument.caption": "{title} · versi {version} · {count} pertanyaan, nilai maksimum {max}",
        "instrument.none": "Belum ada instrumen untuk wilayah ini.",
        "instrument.group": "Kelompok",
        "instrument.all_groups": "Semua kelompok",
        "instrument.search": "Cari pertanyaan",
        "instrument.search_placeholder": "kode, kata dalam pertanyaan, atau OPD",
        "instrument.shown": "{shown} dari {total} pertanyaan",
        "instrument.no_match": "Tidak ada pertanyaan yang cocok dengan saringan ini.",
        "instrument.indicator": "Indikator {code}. {name} ({count} pertanyaan, maks. {max})",
        "instrument.answer_type": "Jenis jawaban",
        "instrument.max_points": "Nilai maks.",
        "instrument.sources": "Sumber data",
        "instrument.answered_by": "Dijawab oleh",
        "instrument.evidence": "Bukti",
        "instrument.evidence_required": "{text} (wajib)",
        "instrument.no_evidence": "tidak diminta",
        # account
        "account.title": "Akun Saya",
        "account.name": "Nama",
        "account.username": "Nama pengguna",
        "account.role": "Peran",
        "account.unit": "Unit",
        "account.region": "Wilayah",
        "account.last_sign_in": "Masuk sejak",
        "account.none": "—",
        "account.change_password": "Ganti kata sandi",
        "account.old_password": "Kata sandi lama",
        "account.new_password": "Kata sandi baru",
        "account.confirm_password": "Ulangi kata sandi baru",
        "account.submit": "Simpan kata sandi",
        "account.mismatch": "Kata sandi baru dan ulangannya tidak sama.",
        "account.missing": "Isi ketiga kolom kata sandi.",
        "account.changed": "Kata sandi sudah diganti. Gunakan kata sandi baru saat masuk berikutnya.",
        "account.hint": "Minimal 8 karakter dan berbeda dari kata sandi lama.",
        "account.sessions": "Perangkat yang masuk",
        "account.sessions_lead": "Anda tetap masuk saat halaman dimuat ulang atau dibuka di tab baru, sampai "
                                 "Anda keluar, {idle} tanpa kegiatan, atau {lifetime} setelah masuk.",
        "account.sign_out_everywhere": "Keluar dari semua perangkat",
        "account.sign_out_everywhere_help": "Misalnya setelah masuk di komputer bersama atau ponsel yang hilang.",
        "account.signed_out_everywhere": "Anda telah keluar dari {count} sesi di semua perangkat.",
    },
    "en": {
        "app.name": "Pantau KLA",
        "app.tagline": "Child-Friendly City monitoring",
        "frame.language": "Language",
        "frame.signed_in_as": "Signed in as",
        "frame.not_signed_in": "You are not signed in. The public summary is open to everyone.",
        "frame.sign_out": "Sign out",
        "frame.all_regions": "All regions",
        "picker.region": "Region",
        "picker.choose_any": "Choose one or more",
        "picker.all": "All",
        "picker.cycle": "Cycle",
        "picker.no_cycle_region": (
            "No evaluation cycle yet. The KLA secretariat or the admin opens one on Cycles & Assignments "
            "(the other setup steps are on Region setup); this page fills in after that."
        ),
        "picker.no_region": "No region yet. Load the demo or add a region first.",
        "problems.more": "... and {count} more problems; fix those above and check again.",
        "section.entry": "Entry",
        "section.review": "Review",
        "section.region": "Region settings",
        "section.province": "Province",
        "section.general": "General",
        "section.public": "Public",
        "page.public": "Public Summary",
        "page.sign_in": "Sign in",
        "page.instrument": "KLA Instrument",
        "page.account": "My Account",
        "db.unavailable_title": "The application cannot open yet.",
        "signin.title": "Sign in",
        "signin.caption": "Sign in with the account given to you by the KLA task-force secretariat.",
        "signin.guard": "This page is only for signed-in users.",
        "signin.username": "Username",
        "signin.password": "Password",
        "signin.submit": "Sign in",
        "signin.missing": "Enter your username and password.",
        "signin.welcome": "Welcome, {name}.",
        "auth.forbidden": "This page is not available for your role ({role}).",
        "auth.one_time_title": "Choose a new password",
        "auth.one_time_lead": (
            "Welcome, {name}. You signed in with a one-time password from the KLA secretariat. Choose your own "
            "password now; the other pages open afterwards."
        ),
        "auth.one_time_password": "One-time password",
        "public.title": "KLA Public Summary",
        "public.caption": (
            "Results of the Child-Friendly City self-assessment, verified by the KLA task "
            "force and published."
        ),
        "public.no_regions": (
            "No evaluation results have been published yet. The summary appears here once the "
            "KLA task force publishes its verified results."
        ),
        "public.no_cycle": (
            "{region} has not published an evaluation yet. The summary appears here once the "
            "KLA task force publishes its verified results."
        ),
        "public.heading": "{region}, {province}",
        "public.sentence": (
            "{region} reached the **{predikat}** rating in the {year} evaluation with a score "
            "of **{total}** out of {max}."
        ),
        "public.sentence_none": (
            "{region} did not reach a rating in the {year} evaluation: it scored **{total}** out "
            "of {max}, and the first rating ({first}) starts at {above}."
        ),
        "public.predikat": "Rating (predikat)",
        "public.no_predikat": "No rating yet",
        "public.total": "Total score",
        "public.total_value": "{total} / {max}",
        "public.to_next": "To {name}",
        "public.to_next_value": "{points} more points",
        "public.top": "Highest rating",
        "public.top_value": "Reached",
        "public.cycle": "{year} evaluation",
        "public.published": "Published {date}",
        "public.groups_title": "Score by group",
        "public.groups_caption": (
            "Institutional strengthening, the five child-rights clusters and Kelana Dekela, each "
            "against its maximum."
        ),
        "public.trend_title": "Total score over time",
        "public.trend_caption": (
            "Total score of every published evaluation; dashed lines mark the lower bound of "
            "each rating."
        ),
        "public.trend_single": "Only one evaluation is published so far; the trend starts with the second.",
        "public.download": "Download table (CSV)",
        "public.about_title": "About this data",
        "public.about_body": (
            "- Only scores **verified** by the KLA task force in **published** evaluations are "
            "shown. Figures of an evaluation still in progress do not appear here.\n"
            "- Instrument: {catalog} (group → indicator → question). The verification team sets "
            "each question's points within its maximum; indicator, group and total scores are "
            "sums (maximum {max}).\n"
            "- Rating by total score: {thresholds}.\n"
            "- This is the region's self-assessment; the province's and the ministry's "
            "verification may change the final score."
        ),
        "public.missing": "{count} questions have no verified score yet and count as 0.",
        "public.missing_none": "Every question has a verified score.",
        "public.threshold_from": "{name} from {above}",
        "public.threshold_above": "{name} above {above}",
        "col.group": "Group",
        "col.points": "Score",
        "col.max_points": "Maximum",
        "col.share": "Achieved",
        "col.year": "Year",
        "col.total": "Total score",
        "col.predikat": "Rating",
        "chart.points": "Score",
        "chart.max_points": "Maximum score",
        "chart.year": "Evaluation year",
        "chart.total": "Total score",
        "chart.groups_alt": "Bar chart of each group's score against its maximum.",
        "chart.trend_alt": "Line chart of the total score per evaluation year with rating bounds.",
        "instrument.title": "KLA Instrument",
        "instrument.caption": "{title} · version {version} · {count} questions, maximum {max}",
        "instrument.none": "There is no instrument for this region yet.",
        "instrument.group": "Group",
        "instrument.all_groups": "All groups",
        "instrument.search": "Search questions",
        "instrument.search_placeholder": "code, words of the question, or OPD",
        "instrument.shown": "{shown} of {total} questions",
        "instrument.no_match": "No question matches these filters.",
        "instrument.indicator": "Indicator {code}. {name} ({count} questions, max. {max})",
        "instrument.answer_type": "Answer type",
        "instrument.max_points": "Max. points",
        "instrument.sources": "Data source",
        "instrument.answered_by": "Answered by",
        "instrument.evidence": "Evidence",
        "instrument.evidence_required": "{text} (required)",
        "instrument.no_evidence": "not asked",
        "account.title": "My Account",
        "account.name": "Name",
        "account.username": "Username",
        "account.role": "Role",
        "account.unit": "Unit",
        "account.region": "Region",
        "account.last_sign_in": "Signed in since",
        "account.none": "—",
        "account.change_password": "Change password",
        "account.old_password": "Current password",
        "account.new_password": "New password",
        "account.confirm_password": "Repeat new password",
        "account.submit": "Save password",
        "account.mismatch": "The new password and its repetition differ.",
        "account.missing": "Fill in all three password fields.",
        "account.changed": "Your password has been changed. Use the new one next time you sign in.",
        "account.hint": "At least 8 characters, and different from the current one.",
        "account.sessions": "Signed-in devices",
        "account.sessions_lead": "You stay signed in when the page reloads or opens in a new tab, until you "
                                 "sign out, after {idle} without activity, or {lifetime} after signing in.",
        "account.sign_out_everywhere": "Sign out on every device",
        "account.sign_out_everywhere_help": "For instance after signing in on a shared computer or losing a phone.",
        "account.signed_out_everywhere": "You have signed out of {count} sessions on every device.",
    },
}

ROLE_NAMES = {lang: {role.key: role.name(lang) for role in roles.ROLE_TABLE} for lang in LANGUAGES}
"""Role names come from the roles registry (indicators/roles.py)."""

ANSWER_TYPE_NAMES = {
    "id": {
        "yes_no": "Ya/tidak",
        "graded": "Bertingkat (sebagian poin)",
        "choice": "Pilihan",
        "percentage": "Persentase (pembilang dan penyebut)",
        "count": "Jumlah",
    },
    "en": {
        "yes_no": "Yes/no",
        "graded": "Graded (partial points)",
        "choice": "Choice",
        "percentage": "Percentage (numerator and denominator)",
        "count": "Count",
    },
}

ANSWERED_BY_NAMES = {
    "id": {
        "city": "Kabupaten/kota",
        "every_kecamatan": "Setiap kecamatan",
        "every_desa_kelurahan": "Setiap desa/kelurahan",
    },
    "en": {
        "city": "The city/regency",
        "every_kecamatan": "Every kecamatan",
        "every_desa_kelurahan": "Every desa/kelurahan",
    },
}


def _merge_feature_texts() -> None:
    """Add the TEXTS of every module in ui/texts/ to CATALOGS."""
    for module_info in sorted(pkgutil.iter_modules(ui.texts.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"ui.texts.{module_info.name}")
        for lang, texts in module.TEXTS.items():
            clashes = CATALOGS[lang].keys() & texts.keys()
            if clashes:
                raise RuntimeError(f"ui/texts/{module_info.name}.py redefines {sorted(clashes)}")
            CATALOGS[lang].update(texts)


_merge_feature_texts()


def reader_zone(region_code: str | None = None) -> str | None:
    """The time zone every time on a page is shown in: the reader's browser's; without it, the
    region's (WIB, WITA or WIT), the signed-in user's by default."""
    zone = st.context.timezone
    if isinstance(zone, str) and zone:
        return zone
    return time_zone_of(region_code or (st.session_state.get("user") or {}).get("region_code"))


def current_lang() -> str:
    lang = st.session_state.get("lang")
    return lang if lang in CATALOGS else DEFAULT_LANG


def t(key: str, lang: str | None = None, **kw: object) -> str:
    """The text for key in the current (or given) language, with {placeholders} filled in (text
    values through `plain`, so a typed name shows as written wherever the text is markdown).
    A key missing in English falls back to Indonesian; a key missing everywhere shows itself,
    so a gap is visible rather than fatal."""
    text = _template(key, lang)
    if not kw:
        return Markdown(text)
    return Markdown(text.format(**{name: plain(value) if isinstance(value, str) else value
                                   for name, value in kw.items()}))


def t_text(key: str, lang: str | None = None, **kw: object) -> str:
    """`t` for the places Streamlit shows text as it is, not as markdown: option labels of a
    selectbox or multiselect (format_func), st.dataframe and st.data_editor cells and column names,
    chart titles and tooltips, a download's file name, a text field's value. The values are filled
    in as typed (escaping them there would show the backslashes). The result is a plain str, not a
    `Markdown`, so tests/unit/test_typed_text.py refuses it at a markdown sink."""
    text = _template(key, lang)
    return str(text.format(**kw) if kw else text)


def _template(key: str, lang: str | None) -> str:
    lang = lang or current_lang()
    return CATALOGS[lang].get(key) or CATALOGS[DEFAULT_LANG].get(key) or key


def _lookup(table: dict[str, dict[str, str]], code: str | None, lang: str | None) -> str:
    if code is None:
        return ""
    lang = lang or current_lang()
    return table[lang].get(code) or table[DEFAULT_LANG].get(code) or code


def role_name(role: str | None, lang: str | None = None) -> str:
    return _lookup(ROLE_NAMES, role, lang)


def answer_type_name(answer_type: str | None, lang: str | None = None) -> str:
    return _lookup(ANSWER_TYPE_NAMES, answer_type, lang)


def answered_by_name(answered_by: str | None, lang: str | None = None) -> str:
    return _lookup(ANSWERED_BY_NAMES, answered_by, lang)


def answer_status_name(status: str | None, lang: str | None = None) -> str:
    """An answer's status as a label or a column heading ("Diajukan"): the domain's name
    (indicators.workflow), capitalised."""
    return workflow.status_name(status, lang or current_lang()).capitalize()


def cycle_status_name(status: str, lang: str | None = None) -> str:
    """A cycle's status inside a sentence ("siklus 2025 (terbuka)")."""
    return workflow.cycle_status_name(status, lang or current_lang())
