"""Accounts: create one (password typed twice, or a one-time password), import many from a
spreadsheet, create every unit's missing account with its login slip, reset a password."""
from __future__ import annotations

import getpass
import sys

from cli.common import REGION_OF_USER, actor, arg, command, fail, open_database, read_file
from data.actor import COMMAND_LINE
from data.errors import InvalidInput


def create_user(args) -> int:
    from data.services.accounts.auth import create_user as create

    engine = open_database()
    if args.one_time:
        from data.services.accounts.admin import create_account

        new = create_account(engine, COMMAND_LINE, args.username, args.name or args.username, args.role,
                             args.region, args.unit, args.phone, args.email)
        print(f"Akun '{new.username}' ({new.role}) dibuat. Kata sandi sekali pakai (diganti saat masuk pertama): "
              f"{new.one_time_password}")
        return 0
    if sys.stdin.isatty():
        password = getpass.getpass("Kata sandi: ")
        if getpass.getpass("Ulangi kata sandi: ") != password:
            return fail("Kata sandi tidak sama; akun tidak dibuat.")
    else:
        password = sys.stdin.readline().rstrip("\n")
    user = create(engine, COMMAND_LINE, args.username, args.name or args.username, password, args.role,
                  region_code=args.region, unit_short_name=args.unit, phone=args.phone, email=args.email)
    print(f"Akun '{user.username}' ({user.role}) dibuat.")
    return 0


def import_users(args) -> int:
    from pathlib import Path

    from data.services.accounts.account_import import import_accounts, passwords_csv

    engine = open_database()
    acting = actor(engine, args.user)
    out = Path(args.passwords_out) if args.passwords_out else None
    if args.apply:
        if out is None:
            raise InvalidInput(["Sebutkan --passwords-out BERKAS: kata sandi sekali pakai ditulis ke sana, "
                                "tidak ke layar."])
        if out.exists():
            raise InvalidInput([f"{out} sudah ada; pilih nama berkas lain agar tidak tertimpa."])
    data = read_file(args.file)
    result = import_accounts(engine, acting, data, Path(args.file).name, apply=args.apply, region_code=args.region)
    print("\n".join(result.report))
    if result.applied and out is not None:  # applied only with --apply, which requires the file
        out.write_text(passwords_csv(result), encoding="utf-8")
        out.chmod(0o600)
        print(f"Kata sandi sekali pakai ditulis ke {out}; serahkan kepada setiap petugas lalu hapus berkasnya.")
    else:
        print("Ini pemeriksaan saja; jalankan lagi dengan --apply --passwords-out BERKAS untuk membuat akunnya.")
    return 0


def unit_accounts(args) -> int:
    from pathlib import Path

    from data.services.accounts.unit_accounts import create_unit_accounts, login_slips

    out = Path(args.slips_out)
    if out.exists():
        raise InvalidInput([f"{out} sudah ada; pilih nama berkas lain agar tidak tertimpa."])
    engine = open_database()
    result = create_unit_accounts(engine, actor(engine, args.user), args.region)
    print(result.message)
    if result.created:
        out.write_bytes(login_slips(result))
        out.chmod(0o600)
        print(f"Slip masuk ({len(result.created)} akun) ditulis ke {out}; cetak, gunting dan serahkan kepada "
              "setiap petugas, lalu hapus berkasnya.")
    return 0


def reset_password(args) -> int:
    from data.services.accounts.admin import reset_password as reset

    engine = open_database()
    password = reset(engine, actor(engine, args.user), args.username)
    print(f"Kata sandi sekali pakai untuk {args.username.strip().lower()}: {password}")
    return 0


def set_password(args) -> int:
    from data.services.accounts.auth import change_password, command_line_user

    engine = open_database()
    account = command_line_user(engine, args.username)
    current, new, repeated = _typed_passwords()
    if new != repeated:
        return fail("Kata sandi baru tidak sama; kata sandi tidak diganti.")
    change_password(engine, account, current, new)
    print(f"Kata sandi {account.username} diganti; sesi lain akun ini berakhir.")
    return 0


def _typed_passwords() -> tuple[str, str, str]:
    """The current (or one-time) password and the new one twice: hidden on a terminal, else three
    lines of standard input. Never an argument, so no password lands in the shell's history."""
    prompts = ("Kata sandi saat ini (atau sekali pakai): ", "Kata sandi baru: ", "Ulangi kata sandi baru: ")
    if sys.stdin.isatty():
        current, new, repeated = (getpass.getpass(prompt) for prompt in prompts)
    else:
        current, new, repeated = (sys.stdin.readline().rstrip("\n") for _ in prompts)
    return current, new, repeated


def register(commands) -> None:
    command(commands, "create-user", "buat akun (kata sandi ditanyakan, tidak ditampilkan)", create_user,
            arg("username"),
            arg("--name", help="nama tampilan"),
            arg("--role", required=True, help="admin, secretariat, chair, member, opd, kecamatan atau kelurahan"),
            arg("--region", help="kode Kemendagri wilayah, mis. 53.71"),
            arg("--unit", help="nama singkat OPD/kecamatan, mis. disdukcapil"),
            arg("--phone", help="nomor telepon/WhatsApp, mis. 0812-3456-7890"),
            arg("--email", help="alamat e-mail"),
            arg("--one-time", action="store_true",
                help="buat kata sandi sekali pakai (dicetak; wajib diganti saat masuk pertama)"))
    command(commands, "import-users", "impor akun dari .xlsx/.csv (tanpa kata sandi di berkas)", import_users,
            arg("--file", required=True, help="kolom nama_pengguna, nama, peran, unit, telepon, email"),
            REGION_OF_USER,
            arg("--user", help="bertindak sebagai akun ini (admin atau sekretariat); tanpa ini: sebagai admin"),
            arg("--apply", action="store_true", help="buat akunnya; tanpa ini hanya pemeriksaan"),
            arg("--passwords-out", help="berkas CSV baru untuk kata sandi sekali pakai (wajib dengan --apply)"))
    command(commands, "unit-accounts", "buat akun petugas yang belum ada untuk semua OPD, kecamatan dan kelurahan",
            unit_accounts,
            REGION_OF_USER,
            arg("--user", help="bertindak sebagai akun ini (admin atau sekretariat); tanpa ini: sebagai admin"),
            arg("--slips-out", required=True, help="berkas PDF baru untuk slip masuk (kata sandi sekali pakai)"))
    command(commands, "reset-password", "beri akun kata sandi sekali pakai yang baru", reset_password,
            arg("--username", required=True),
            arg("--user", help="bertindak sebagai akun ini; tanpa ini: sebagai admin"))
    command(commands, "set-password", "ganti kata sandi akun, juga yang sekali pakai (diketik, tidak ditampilkan)",
            set_password,
            arg("username", help="akun yang kata sandinya diganti"))
