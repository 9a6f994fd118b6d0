"""Klaster V case statistics (SIMFONI-PPA aggregates) imported from a CSV file."""
from __future__ import annotations

from cli.common import REGION_OF_USER, actor, arg, command, open_database, read_file
from data.errors import InvalidInput


def import_cases(args) -> int:
    from data.services.cases.records import import_cases as load

    engine = open_database()
    acting = actor(engine, args.user)
    region = args.region or acting.region_code
    if not region:
        raise InvalidInput(["Sebutkan wilayahnya dengan --region KODE (mis. 53.71)."])
    result = load(engine, acting, region, read_file(args.file), dry_run=args.dry_run)
    print(("Pemeriksaan lolos, belum ada yang disimpan" if result.dry_run else "Impor selesai")
          + f": {result.rows_read} baris ({result.encoding}, pemisah '{result.separator}').")
    for change in result.changes:
        print(f"  {change.year}: {change.rows_before} -> {change.rows_after} baris, "
              f"{change.total_before} -> {change.total_after} kasus")
    return 0


def register(commands) -> None:
    command(commands, "import-cases", "impor data kasus Klaster V dari CSV", import_cases,
            arg("file"),
            arg("--dry-run", action="store_true", help="periksa saja, tanpa menyimpan"),
            REGION_OF_USER,
            arg("--user", help="bertindak sebagai akun ini (dengan haknya); tanpa ini: sebagai admin"))
