"""Scores: one region's cycle, every region's totals, and the task force's meeting report."""
from __future__ import annotations

import json
from pathlib import Path

from cli.common import CYCLE, JSON, REGION, arg, command, fail, open_database
from data.actor import COMMAND_LINE
from data.files.csv_text import csv_of

BASIS_HELP = "verified (nilai terverifikasi, bawaan) atau self (penilaian mandiri)"


def score(args) -> int:
    from data.services.scoring.scores import score_report

    report = score_report(open_database(), args.region, args.cycle, args.basis)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    print(f"{report['region']['name']} ({report['region']['code']}), siklus {report['cycle']}, "
          f"dasar {report['basis']}: {report['total']:.2f} dari {report['max_points']:g} poin; "
          f"predikat {report['predikat'] or 'belum ada'}")
    for group in report["groups"]:
        print(f"  {group['code']:<14} {group['points']:>8.2f} / {group['max_points']:g}")
    if report["next_predikat"]:
        print(f"Kurang {report['points_to_next_predikat']:.2f} poin menuju {report['next_predikat']}; "
              f"{report['missing_count']} pertanyaan belum bernilai.")
    return 0


def score_all(args) -> int:
    from data.services.scoring.scores import score_all_regions

    totals = score_all_regions(open_database(), args.basis, args.cycle).round({"total": 2})
    if args.out:
        Path(args.out).write_text(csv_of(totals), encoding="utf-8")
        print(f"{len(totals)} baris (wilayah x siklus) ditulis ke {args.out}.")
        return 0
    print(csv_of(totals), end="")
    return 0


def report(args) -> int:
    from pathlib import Path

    from data.services.scoring.reports import build_report
    from indicators import text as fmt

    out = Path(args.out)
    if not out.parent.is_dir():
        return fail(f"Folder {out.parent} tidak ada; laporan tidak dibuat.")
    content = build_report(open_database(), COMMAND_LINE, args.region, args.cycle, args.format, args.basis)
    out.write_bytes(content)
    print(f"Laporan {args.format.upper()} {args.region} siklus {args.cycle} ({args.basis}) disimpan di {out} "
          f"({fmt.whole(len(content))} bita).")
    return 0


def register(commands) -> None:
    command(commands, "score", "nilai wilayah pada satu siklus", score,
            REGION,
            CYCLE,
            arg("--basis", choices=("verified", "self", "province"), default="verified", help=BASIS_HELP),
            JSON)
    command(commands, "score-all", "nilai dan predikat setiap wilayah (CSV)", score_all,
            arg("--cycle", type=int, help="hanya siklus tahun ini"),
            arg("--basis", choices=("verified", "self", "province"), default="verified",
                help="dasar penilaian (bawaan: verified)"),
            arg("--out", help="berkas CSV (bawaan: layar)"))
    command(commands, "report", "laporan rapat Gugus Tugas (PDF) atau lembar kerja (XLSX)", report,
            REGION,
            CYCLE,
            arg("--format", required=True, help="pdf atau xlsx"),
            arg("--out", required=True, help="file yang dibuat"),
            arg("--basis", default="verified", help=BASIS_HELP))
