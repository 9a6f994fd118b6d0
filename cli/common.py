"""What every command shares, written once: declaring a sub-command and its arguments, opening the
database, resolving who acts, reading a file or a date the user typed, and turning a domain error
into one Indonesian sentence on stderr and a non-zero exit code."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date

from data.actor import COMMAND_LINE, SignedInUser
from data.errors import DomainError, InvalidInput
from indicators.errors import CatalogError

EXIT_ERROR = 1

Command = Callable[[argparse.Namespace], int]
Argument = tuple[tuple[str, ...], dict]


def arg(*flags: str, **options) -> Argument:
    """One argument of a sub-command, as argparse's add_argument takes it."""
    return flags, options


def command(commands: argparse._SubParsersAction, name: str, help: str, run: Command,
            *arguments: Argument) -> argparse.ArgumentParser:
    """Adds the sub-command `name` with its arguments; `run(args)` returns the exit code."""
    sub = commands.add_parser(name, help=help)
    for flags, options in arguments:
        sub.add_argument(*flags, **options)
    sub.set_defaults(run=run)
    return sub


# Arguments that several commands take with the same words.
JSON = arg("--json", action="store_true", help="keluaran JSON")
APPLY = arg("--apply", action="store_true", help="terapkan; tanpa ini hanya pemeriksaan")
REGION = arg("--region", required=True, help="kode Kemendagri, mis. 53.71")
REGION_OF_UNIT = arg("--region", required=True, help="kode Kemendagri wilayah, mis. 53.71")
REGION_OF_USER = arg("--region", help="kode Kemendagri; bawaan: wilayah akun --user")
CYCLE = arg("--cycle", type=int, required=True, help="tahun siklus evaluasi")
OPEN_CYCLE = arg("--cycle", type=int, help="tahun siklus; bawaan: siklus terbuka")
ADMIN_USER = arg("--user", help="bertindak sebagai akun ini (admin atau sekretariat)")
UNIT_USER = arg("--user", required=True, help="akun petugas unit")

CHECK_ONLY = "Ini pemeriksaan saja; jalankan lagi dengan --apply untuk menerapkannya."


def open_database():
    """The engine of the migrated database named by KLA_DATABASE_URL (no demo is loaded)."""
    from bootstrap import ensure_database

    return ensure_database(load_demo=False)


def actor(engine, username: str | None) -> SignedInUser:
    """The account named by --user, or the command line acting as admin when none is named."""
    return user(engine, username) if username else COMMAND_LINE


def user(engine, username: str) -> SignedInUser:
    """The account named by a required --user; an unknown or disabled one is refused, and so is
    one still holding a one-time password (first and alone, before the command reads anything)."""
    from data.errors import PermissionDenied
    from data.services.accounts.auth import command_line_user

    acting = command_line_user(engine, username)
    if acting.must_change_password:
        raise PermissionDenied(f"Akun '{acting.username}' masih memakai kata sandi sekali pakai; gantilah dulu "
                               f"dengan: manage.py set-password {acting.username}")
    return acting


def read_file(path: str) -> bytes:
    from pathlib import Path

    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise InvalidInput([f"Berkas {path} tidak dapat dibaca ({error.strerror})."]) from error


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput([f"Tanggal '{text[:20]}' tidak dikenali; "
                            "tulis sebagai TTTT-BB-HH, mis. 2026-12-31."]) from None


def fail(*lines: str) -> int:
    """Prints the lines on stderr and gives the error exit code."""
    for line in lines:
        print(line, file=sys.stderr)
    return EXIT_ERROR


def run(args: argparse.Namespace) -> int:
    """Runs the chosen command; a domain error or Ctrl+C prints one message and exits non-zero."""
    try:
        return args.run(args)
    except CatalogError as error:
        return fail(str(error))
    except InvalidInput as error:
        return fail("\n".join(error.messages))
    except DomainError as error:
        return fail(error.message)
    except KeyboardInterrupt:
        return fail("Dibatalkan.")
