"""A region's kecamatan and kelurahan imported from a spreadsheet."""
from __future__ import annotations

from cli.common import APPLY, CHECK_ONLY, REGION_OF_USER, arg, command, fail, open_database, read_file, user
from data.errors import InvalidInput


def import_units(args) -> int:
    from pathlib import Path

    from data.services.units.unit_import import import_units as load

    engine = open_database()
    acting = user(engine, args.user)
    data = read_file(args.file)
    try:
        result = load(engine, acting, data, Path(args.file).name, apply=args.apply, region_code=args.region)
    except InvalidInput as error:
        return fail(*error.messages, "Tidak ada yang diubah.")
    print("\n".join(result.report))
    if not args.apply:
        print(CHECK_ONLY)
    return 0


def register(commands) -> None:
    command(commands, "import-units", "impor daftar kecamatan dan kelurahan (.xlsx atau .csv)", import_units,
            arg("--file", required=True, help="berkas .xlsx atau .csv: kolom Kecamatan dan Kelurahan"),
            REGION_OF_USER,
            arg("--user", required=True, help="bertindak sebagai akun ini (admin atau sekretariat)"),
            APPLY)
