"""A region's reporting units: every unit listed with its short name, kind, kecamatan and account;
units imported from a spreadsheet, an import undone, a unit never used deleted."""
from __future__ import annotations

from cli.common import APPLY, CHECK_ONLY, REGION_OF_USER, actor, arg, command, fail, open_database, read_file, user
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


def units(args) -> int:
    from data.services.units.opds import opd_list
    from data.services.units.roster import region_units

    engine = open_database()
    acting = actor(engine, args.user)
    opds = opd_list(engine, acting, args.region)
    areas = region_units(engine, acting, args.region)
    rows = [("nama_singkat", "jenis", "kecamatan", "akun", "nama")]
    rows += [(o["short_name"], "opd", "", ", ".join(o["focal_points"]) or "-",
              o["name"] + ("" if o["active"] else " (nonaktif)")) for o in opds["opds"]]
    rows += [(u.short_name, u.kind, u.kecamatan_short_name or "", u.focal_points or "-",
              u.name + ("" if u.active else " (nonaktif)")) for u in areas.itertuples()]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[4])
    print(f"{len(rows) - 1} unit di {opds['region_code']}: {len(opds['opds'])} OPD, "
          f"{int((areas['kind'] == 'kecamatan').sum())} kecamatan, {int((areas['kind'] == 'kelurahan').sum())} "
          "desa/kelurahan.")
    return 0


def undo_import_units(args) -> int:
    from data.services.units.removal import undo_unit_import

    engine = open_database()
    try:
        print(undo_unit_import(engine, user(engine, args.user), args.batch, region_code=args.region).message)
    except InvalidInput as error:
        return fail(*error.messages)
    return 0


def delete_unit(args) -> int:
    from data.services.units.removal import delete_unit as remove

    engine = open_database()
    try:
        print(remove(engine, user(engine, args.user), args.unit, region_code=args.region).message)
    except InvalidInput as error:
        return fail(*error.messages)
    return 0


def register(commands) -> None:
    command(commands, "units", "daftar semua unit pelapor: nama singkat, jenis, kecamatan dan akunnya", units,
            arg("--region", help="kode Kemendagri wilayah; bawaan: wilayah akun --user (atau satu-satunya)"),
            arg("--user", help="bertindak sebagai akun ini (admin atau sekretariat); tanpa ini: sebagai admin"))
    command(commands, "import-units", "impor daftar unit: OPD, kecamatan dan kelurahan (.xlsx atau .csv)", import_units,
            arg("--file", required=True, help="berkas .xlsx atau .csv: kolom jenis, nama, nama_singkat, sumber_data, "
                                              "kecamatan (atau Kecamatan dan Kelurahan)"),
            REGION_OF_USER,
            arg("--user", required=True, help="bertindak sebagai akun ini (admin atau sekretariat)"),
            APPLY)
    command(commands, "undo-import-units", "hapus semua unit yang ditambahkan sebuah impor, selama belum dipakai",
            undo_import_units,
            arg("--batch", required=True, help="kode impor dari laporan import-units, mis. imp-20261207-3fa9c1"),
            REGION_OF_USER,
            arg("--user", required=True, help="bertindak sebagai akun ini (admin atau sekretariat)"))
    command(commands, "delete-unit", "hapus satu unit (OPD, kecamatan, kelurahan) yang belum pernah dipakai",
            delete_unit,
            arg("--unit", required=True, help="nama singkat unit, mis. dinas_x atau kel_oesapa"),
            REGION_OF_USER,
            arg("--user", required=True, help="bertindak sebagai akun ini (admin atau sekretariat)"))
