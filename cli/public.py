"""The open-data package: the files the public pages offer (CSV and JSON) and datapackage.json."""
from __future__ import annotations

from cli.common import REGION, arg, command, open_database


def export_public(args) -> int:
    from pathlib import Path

    from data.services.public.export import public_package

    package = public_package(open_database(), args.region, args.cycle)
    out = Path(args.out)
    for path, text in package.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text(text, encoding="utf-8")
    tables = sum(1 for path in package if path.startswith("csv/"))
    print(f"{tables} tabel publik (CSV dan JSON) dan datapackage.json ditulis ke {out}.")
    return 0


def register(commands) -> None:
    command(commands, "export-public", "tulis paket data terbuka: berkas yang ditawarkan halaman publik "
            "(CSV dan JSON) dan datapackage.json", export_public,
            REGION,
            arg("--cycle", type=int, help="siklus terbit yang dianggap terbaru; bawaan: yang terakhir"),
            arg("--out", required=True, help="folder tujuan"))
