"""Evaluation cycles: open one, move its deadline, assign its questions to units, list who answers."""
from __future__ import annotations

from cli.common import ADMIN_USER, REGION_OF_USER, actor, arg, command, open_database, parse_date


def open_cycle(args) -> int:
    from data.services.cycles.cycles import open_cycle as open_

    engine = open_database()
    opened = open_(engine, actor(engine, args.user), args.region, args.year, parse_date(args.deadline), args.catalog)
    print(f"Siklus {opened.year} {opened.region_code} dibuka (instrumen {opened.catalog_version}, batas waktu "
          f"{opened.deadline:%d-%m-%Y}).")
    if opened.unassigned:
        print(f"Peringatan: {len(opened.unassigned)} pertanyaan belum dijawab unit mana pun: "
              f"{', '.join(opened.unassigned[:30])}{' ...' if len(opened.unassigned) > 30 else ''}")
    return 0


def set_deadline(args) -> int:
    from data.services.cycles.cycles import set_deadline as move

    engine = open_database()
    deadline = parse_date(args.deadline)
    move(engine, actor(engine, args.user), args.region, args.year, deadline)
    print(f"Batas waktu siklus {args.year} sekarang {deadline:%d-%m-%Y}.")
    return 0


def assign(args) -> int:
    from data.services.cycles.assignments import assign as change

    engine = open_database()
    added, removed = change(engine, actor(engine, args.user), args.region, args.cycle, args.question, args.unit,
                            remove=args.remove, confirm_answered=args.confirm)
    print(f"Pertanyaan {args.question}: ditambahkan {', '.join(added) or '-'}; dihapus {', '.join(removed) or '-'}.")
    return 0


def assignments(args) -> int:
    from data.services.cycles.assignments import assignment_table

    engine = open_database()
    rows = assignment_table(engine, actor(engine, args.user), args.region, args.cycle)
    if args.unassigned:
        rows = [r for r in rows if not r["units"]]
    for row in rows:
        print(f"{row['code']}\t{', '.join(row['units']) or '(belum ada)'}\t{row['prompt'][:80]}")
    print(f"{len(rows)} pertanyaan.")
    return 0


def register(commands) -> None:
    command(commands, "open-cycle", "buka siklus evaluasi wilayah untuk satu tahun", open_cycle,
            REGION_OF_USER,
            arg("--year", required=True, help="tahun siklus, mis. 2025"),
            arg("--deadline", required=True, help="batas waktu pengisian, TTTT-BB-HH"),
            arg("--catalog", help="versi instrumen; bawaan: yang terbaru dimuat"),
            ADMIN_USER)
    command(commands, "set-deadline", "ubah batas waktu siklus yang belum ditutup", set_deadline,
            arg("--region"),
            arg("--year", type=int, required=True),
            arg("--deadline", required=True, help="TTTT-BB-HH"),
            arg("--user"))
    command(commands, "assign", "tugaskan pertanyaan kepada OPD (atau --remove)", assign,
            arg("--region"),
            arg("--cycle", type=int, required=True, help="tahun siklus"),
            arg("--question", required=True, help="kode pertanyaan, mis. 1.1"),
            arg("--unit", required=True, help="nama singkat OPD"),
            arg("--remove", action="store_true", help="hapus OPD ini dari penjawab pertanyaan"),
            arg("--confirm", action="store_true", help="tetap hapus walau OPD sudah menjawab"),
            arg("--user"))
    command(commands, "assignments", "daftar siapa menjawab setiap pertanyaan siklus", assignments,
            arg("--region"),
            arg("--cycle", type=int, required=True),
            arg("--unassigned", action="store_true", help="hanya pertanyaan tanpa penjawab"),
            arg("--user"))
