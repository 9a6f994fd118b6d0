"""The catalog: check an instrument file, load it for an evaluation cycle."""
from __future__ import annotations

from cli.common import CYCLE, arg, command, open_database
from data.actor import COMMAND_LINE


def check_catalog(args) -> int:
    from indicators.catalog import load_catalog

    catalog = load_catalog(args.file)
    print(f"Katalog {catalog.version} sah: {len(catalog.groups)} grup, {len(catalog.indicators)} indikator, "
          f"{len(catalog.questions)} pertanyaan, total {catalog.total_points:g} poin.")
    return 0


def import_catalog(args) -> int:
    from data.services.catalog.catalog_admin import import_catalog as load

    result = load(open_database(), COMMAND_LINE, args.file, args.cycle, region_code=args.region)
    print(f"Katalog {result.version} ({result.questions} pertanyaan) dimuat untuk siklus {args.cycle}: "
          f"siklus baru {', '.join(result.cycles_created) or '-'}; "
          f"katalog diganti {', '.join(result.cycles_switched) or '-'}; "
          f"{result.assignments_added} penugasan baru.")
    return 0


def register(commands) -> None:
    command(commands, "check-catalog", "periksa file katalog (.yaml atau .xlsx)", check_catalog,
            arg("file"))
    command(commands, "import-catalog", "muat katalog untuk siklus evaluasi", import_catalog,
            arg("file"),
            CYCLE,
            arg("--region", help="hanya untuk wilayah ini (kode Kemendagri)"))
