"""Login slips (pdf_look): one slip per new unit account, eight on each A4 page with cut lines,
for the secretariat to hand out: the app's address, the unit, the username, the one-time password
and what to do first. Built from a unit_accounts.UnitAccounts; reads no database."""
from __future__ import annotations

from datetime import datetime

from data.files.pdf_look import MeetingDocument, Slip

KIND_WORDS = {"opd": "OPD", "kecamatan": "Kecamatan", "kelurahan": "Kelurahan/desa"}
NO_ADDRESS = "tanyakan alamatnya kepada sekretariat KLA"


def slip_steps(address: str) -> tuple[str, ...]:
    where = address if address != NO_ADDRESS else "Pantau KLA"
    return (f"Buka {where} dan masuk dengan nama pengguna dan kata sandi di atas.",
            "Ganti kata sandi sekali pakai ini dengan kata sandi Anda sendiri (paling sedikit 8 karakter).",
            "Buka halaman Isian Saya: isi jawaban, unggah bukti dukung, lalu kirim. Simpan slip ini di tempat aman.")


def login_slips_pdf(accounts, generated_at: datetime) -> bytes:
    """accounts: a UnitAccounts (region_name, app_url, created)."""
    address = accounts.app_url or NO_ADDRESS
    document = MeetingDocument(f"Slip masuk Pantau KLA {accounts.region_name}", generated_at)
    document.cut_slips([Slip(
        kicker=f"PANTAU KLA · {accounts.region_name.upper()} · {KIND_WORDS.get(a.kind, a.kind).upper()}",
        title=a.unit_name,
        lines=(("Alamat", address), ("Nama pengguna", a.username), ("Kata sandi", a.one_time_password)),
        steps=slip_steps(address)) for a in accounts.created])
    return document.output()
