#!/usr/bin/env python3
"""Pantau KLA command line: database, demo data, users, catalogs and scores.

    python manage.py init-db
    python manage.py seed-demo
    python manage.py create-user USERNAME --name "Nama" --role opd --region 53.71 --unit disdukcapil
    python manage.py check-catalog FILE
    python manage.py import-catalog FILE --cycle YEAR [--region CODE]
    python manage.py score --region CODE --cycle YEAR [--basis verified|self|province] [--json]
    python manage.py score-all [--cycle YEAR] [--basis verified|self] [--out FILE.csv]
    python manage.py import-cases FILE [--dry-run] [--region CODE] [--user USERNAME]
    python manage.py import-units --region CODE --file FILE [--apply] --user USERNAME
    python manage.py export-public --region CODE [--cycle YEAR] --out DIR
    python manage.py reminders --region CODE [--cycle YEAR] [--today YYYY-MM-DD]
    python manage.py actions --region CODE --cycle YEAR [--json]
    python manage.py export-template --opd SHORTNAME --cycle YEAR [--region CODE] FILE
    python manage.py import-entries FILE --user USERNAME [--dry-run]
    python manage.py report --region CODE --cycle YEAR --format pdf|xlsx --out FILE [--basis verified|self]

The database is KLA_DATABASE_URL (default: a SQLite file under instance/). Errors print one
sentence and exit non-zero.
"""
from __future__ import annotations

import argparse
import getpass
import json
import sys

from data.actor import COMMAND_LINE
from data.errors import DomainError, InvalidInput
from indicators.errors import CatalogError

EXIT_ERROR = 1


def cmd_init_db(args) -> int:
    from bootstrap import ensure_database

    ensure_database(load_demo=False)
    print("Skema basis data sudah mutakhir.")
    return 0


def cmd_seed_demo(args) -> int:
    from bootstrap import ensure_database
    from seed.demo import seed_demo

    engine = ensure_database(load_demo=False)
    if seed_demo(engine):
        print("Data demo Kota Kupang dimuat, dengan Kabupaten Kupang dan Kabupaten Belu sebagai contoh "
              "(data ilustratif) untuk papan kesiapan dan verifikasi provinsi.")
    else:
        print("Data demo Kota Kupang sudah ada; tidak ada yang diubah.")
    return 0


def cmd_create_user(args) -> int:
    from bootstrap import ensure_database
    from data.services.accounts.auth import create_user

    engine = ensure_database(load_demo=False)
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
            print("Kata sandi tidak sama; akun tidak dibuat.", file=sys.stderr)
            return EXIT_ERROR
    else:
        password = sys.stdin.readline().rstrip("\n")
    user = create_user(engine, COMMAND_LINE, args.username, args.name or args.username, password, args.role,
                       region_code=args.region, unit_short_name=args.unit, phone=args.phone, email=args.email)
    print(f"Akun '{user.username}' ({user.role}) dibuat.")
    return 0


def cmd_check_catalog(args) -> int:
    from indicators.catalog import load_catalog

    catalog = load_catalog(args.file)
    print(f"Katalog {catalog.version} sah: {len(catalog.groups)} grup, {len(catalog.indicators)} indikator, "
          f"{len(catalog.questions)} pertanyaan, total {catalog.total_points:g} poin.")
    return 0


def cmd_import_catalog(args) -> int:
    from bootstrap import ensure_database
    from data.services.catalog.catalog_admin import import_catalog

    engine = ensure_database(load_demo=False)
    result = import_catalog(engine, COMMAND_LINE, args.file, args.cycle, region_code=args.region)
    print(f"Katalog {result.version} ({result.questions} pertanyaan) dimuat untuk siklus {args.cycle}: "
          f"siklus baru {', '.join(result.cycles_created) or '-'}; katalog diganti {', '.join(result.cycles_switched) or '-'}; "
          f"{result.assignments_added} penugasan baru.")
    return 0


def cmd_score(args) -> int:
    from bootstrap import ensure_database
    from data.services.scoring.scores import score_report

    engine = ensure_database(load_demo=False)
    report = score_report(engine, args.region, args.cycle, args.basis)
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


def cmd_score_all(args) -> int:
    from bootstrap import ensure_database
    from data.services.scoring.scores import score_all_regions

    engine = ensure_database(load_demo=False)
    totals = score_all_regions(engine, args.basis, args.cycle).round({"total": 2})
    if args.out:
        totals.to_csv(args.out, index=False)
        print(f"{len(totals)} baris (wilayah x siklus) ditulis ke {args.out}.")
        return 0
    print(totals.to_csv(index=False), end="")
    return 0


def cmd_export_template(args) -> int:
    from pathlib import Path

    from bootstrap import ensure_database
    from data.services.entry.entry_workbook import export_template

    engine = ensure_database(load_demo=False)
    content = export_template(engine, COMMAND_LINE, args.opd, args.cycle, region_code=args.region)
    Path(args.file).write_bytes(content)
    print(f"Templat {args.opd} siklus {args.cycle} disimpan di {args.file}.")
    return 0


def cmd_import_entries(args) -> int:
    from pathlib import Path

    from bootstrap import ensure_database
    from data.services.accounts.auth import command_line_user
    from data.services.entry.entry_package import import_package

    engine = ensure_database(load_demo=False)
    user = command_line_user(engine, args.user)
    path = Path(args.file)
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        print(f"Berkas {path} tidak ditemukan.", file=sys.stderr)
        return EXIT_ERROR
    except OSError as error:
        print(f"Berkas {path} tidak dapat dibaca: {error.strerror}.", file=sys.stderr)
        return EXIT_ERROR
    result = import_package(engine, user, content, path.name, dry_run=args.dry_run)
    entries = result.entries
    if result.all_problems and not entries.applied:
        for problem in result.all_problems:
            print(problem, file=sys.stderr)
        print(f"File ditolak ({len(result.all_problems)} masalah); tidak ada jawaban yang diubah.", file=sys.stderr)
        return EXIT_ERROR
    files = f"; {len(result.files)} berkas bukti" if result.files else ""
    if args.dry_run:
        print(f"Pemeriksaan selesai tanpa masalah: {len(entries.changes)} jawaban akan diubah, "
              f"{entries.unchanged} tidak berubah{files}. Belum ada yang disimpan (--dry-run).")
    else:
        stored = f"; {result.stored} berkas bukti dilampirkan" if result.files else ""
        print(f"{len(entries.changes)} jawaban disimpan sebagai draf; {entries.unchanged} tidak berubah{stored}.")
    for problem in result.problems:
        print(problem, file=sys.stderr)
    return EXIT_ERROR if result.problems else 0


def cmd_report(args) -> int:
    from pathlib import Path

    from bootstrap import ensure_database
    from data.services.scoring.reports import build_report
    from indicators import text as fmt

    out = Path(args.out)
    if not out.parent.is_dir():
        print(f"Folder {out.parent} tidak ada; laporan tidak dibuat.", file=sys.stderr)
        return EXIT_ERROR
    engine = ensure_database(load_demo=False)
    content = build_report(engine, COMMAND_LINE, args.region, args.cycle, args.format, args.basis)
    out.write_bytes(content)
    print(f"Laporan {args.format.upper()} {args.region} siklus {args.cycle} ({args.basis}) disimpan di {out} "
          f"({fmt.whole(len(content))} bita).")
    return 0


def cmd_import_cases(args) -> int:
    from pathlib import Path

    from bootstrap import ensure_database
    from data.errors import InvalidInput
    from data.services.accounts.auth import command_line_user
    from data.services.cases.records import import_cases

    engine = ensure_database(load_demo=False)
    actor = command_line_user(engine, args.user) if args.user else COMMAND_LINE
    region = args.region or actor.region_code
    if not region:
        raise InvalidInput(["Sebutkan wilayahnya dengan --region KODE (mis. 53.71)."])
    data = _read_file(args.file)
    result = import_cases(engine, actor, region, data, dry_run=args.dry_run)
    print(("Pemeriksaan lolos, belum ada yang disimpan" if result.dry_run else "Impor selesai")
          + f": {result.rows_read} baris ({result.encoding}, pemisah '{result.separator}').")
    for change in result.changes:
        print(f"  {change.year}: {change.rows_before} -> {change.rows_after} baris, "
              f"{change.total_before} -> {change.total_after} kasus")
    return 0


def cmd_import_units(args) -> int:
    from pathlib import Path

    from bootstrap import ensure_database
    from data.errors import InvalidInput
    from data.services.accounts.auth import command_line_user
    from data.services.units.unit_import import import_units

    engine = ensure_database(load_demo=False)
    actor = command_line_user(engine, args.user)
    data = _read_file(args.file)
    try:
        result = import_units(engine, actor, data, Path(args.file).name, apply=args.apply, region_code=args.region)
    except InvalidInput as error:
        print("\n".join(error.messages), file=sys.stderr)
        print("Tidak ada yang diubah.", file=sys.stderr)
        return EXIT_ERROR
    print("\n".join(result.report))
    if not args.apply:
        print("Ini pemeriksaan saja; jalankan lagi dengan --apply untuk menerapkannya.")
    return 0


def _read_file(path: str) -> bytes:
    from pathlib import Path

    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise InvalidInput([f"Berkas {path} tidak dapat dibaca ({error.strerror})."]) from error


def _actor(engine, username: str | None):
    from data.services.accounts.auth import command_line_user

    return command_line_user(engine, username) if username else COMMAND_LINE


def cmd_add_region(args) -> int:
    from bootstrap import ensure_database
    from data.services.regions.regions import add_region

    engine = ensure_database(load_demo=False)
    region = add_region(engine, _actor(engine, args.user), args.code, args.name, args.province)
    print(f"Wilayah {region.code} {region.name} ({region.province_name}) ditambahkan.")
    return 0


def cmd_load_wilayah(args) -> int:
    from pathlib import Path

    from bootstrap import ensure_database
    from data.errors import InvalidInput
    from data.services.regions.official_list import load_official_list

    engine = ensure_database(load_demo=False)
    regions, areas = _read_file(args.regions), _read_file(args.areas)
    info = load_official_list(engine, _actor(engine, args.user), regions, areas, args.name)
    print(f"Daftar wilayah resmi '{info.list_name}' dimuat: {info.provinces} provinsi, {info.regencies} "
          f"kabupaten/kota, {info.kecamatan} kecamatan, {info.villages} desa/kelurahan.")
    return 0


def cmd_create_areas(args) -> int:
    from bootstrap import ensure_database
    from data.services.regions.regions import create_areas_from_list

    engine = ensure_database(load_demo=False)
    plan = create_areas_from_list(engine, _actor(engine, args.user), args.region, args.kecamatan, apply=args.apply)
    print(f"{'Dibuat' if plan.applied else 'Akan dibuat'}: {len(plan.kecamatan_added)} kecamatan, "
          f"{plan.kelurahan_added} kelurahan, {plan.desa_added} desa; {len(plan.coded)} unit yang sudah ada "
          f"{'diberi' if plan.applied else 'akan diberi'} kodenya; {plan.unchanged} sudah lengkap.")
    if not plan.applied:
        print("Ini pemeriksaan saja; jalankan lagi dengan --apply untuk menerapkannya.")
    return 0


def cmd_import_users(args) -> int:
    from pathlib import Path

    from bootstrap import ensure_database
    from data.services.accounts.account_import import import_accounts, passwords_csv

    engine = ensure_database(load_demo=False)
    actor = _actor(engine, args.user)
    out = Path(args.passwords_out) if args.passwords_out else None
    if args.apply and out is None:
        raise InvalidInput(["Sebutkan --passwords-out BERKAS: kata sandi sekali pakai ditulis ke sana, tidak ke layar."])
    if args.apply and out.exists():
        raise InvalidInput([f"{out} sudah ada; pilih nama berkas lain agar tidak tertimpa."])
    data = _read_file(args.file)
    result = import_accounts(engine, actor, data, Path(args.file).name, apply=args.apply, region_code=args.region)
    print("\n".join(result.report))
    if result.applied:
        out.write_text(passwords_csv(result), encoding="utf-8")
        out.chmod(0o600)
        print(f"Kata sandi sekali pakai ditulis ke {out}; serahkan kepada setiap petugas lalu hapus berkasnya.")
    else:
        print("Ini pemeriksaan saja; jalankan lagi dengan --apply --passwords-out BERKAS untuk membuat akunnya.")
    return 0


def cmd_reset_password(args) -> int:
    from bootstrap import ensure_database
    from data.services.accounts.admin import reset_password

    engine = ensure_database(load_demo=False)
    password = reset_password(engine, _actor(engine, args.user), args.username)
    print(f"Kata sandi sekali pakai untuk {args.username.strip().lower()}: {password}")
    return 0


def _date(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput([f"Tanggal '{text[:20]}' tidak dikenali; tulis sebagai TTTT-BB-HH, mis. 2026-12-31."]) from None


def cmd_open_cycle(args) -> int:
    from bootstrap import ensure_database
    from data.services.cycles.cycles import open_cycle

    engine = ensure_database(load_demo=False)
    opened = open_cycle(engine, _actor(engine, args.user), args.region, args.year, _date(args.deadline), args.catalog)
    print(f"Siklus {opened.year} {opened.region_code} dibuka (instrumen {opened.catalog_version}, batas waktu "
          f"{opened.deadline:%d-%m-%Y}).")
    if opened.unassigned:
        print(f"Peringatan: {len(opened.unassigned)} pertanyaan belum dijawab unit mana pun: "
              f"{', '.join(opened.unassigned[:30])}{' ...' if len(opened.unassigned) > 30 else ''}")
    return 0


def cmd_set_deadline(args) -> int:
    from bootstrap import ensure_database
    from data.services.cycles.cycles import set_deadline

    engine = ensure_database(load_demo=False)
    deadline = _date(args.deadline)
    set_deadline(engine, _actor(engine, args.user), args.region, args.year, deadline)
    print(f"Batas waktu siklus {args.year} sekarang {deadline:%d-%m-%Y}.")
    return 0


def cmd_assign(args) -> int:
    from bootstrap import ensure_database
    from data.services.cycles.assignments import assign

    engine = ensure_database(load_demo=False)
    added, removed = assign(engine, _actor(engine, args.user), args.region, args.cycle, args.question, args.unit,
                            remove=args.remove, confirm_answered=args.confirm)
    print(f"Pertanyaan {args.question}: ditambahkan {', '.join(added) or '-'}; dihapus {', '.join(removed) or '-'}.")
    return 0


def cmd_assignments(args) -> int:
    from bootstrap import ensure_database
    from data.services.cycles.assignments import assignment_table

    engine = ensure_database(load_demo=False)
    rows = assignment_table(engine, _actor(engine, args.user), args.region, args.cycle)
    if args.unassigned:
        rows = [r for r in rows if not r["units"]]
    for row in rows:
        print(f"{row['code']}\t{', '.join(row['units']) or '(belum ada)'}\t{row['prompt'][:80]}")
    print(f"{len(rows)} pertanyaan.")
    return 0


def cmd_attach_evidence(args) -> int:
    from pathlib import Path

    from bootstrap import ensure_database
    from data.services.accounts.auth import command_line_user
    from data.services.entry.evidence import upload_evidence

    engine = ensure_database(load_demo=False)
    user = command_line_user(engine, args.user)
    content = _read_file(args.file)
    info = upload_evidence(engine, user, args.question, Path(args.file).name, content, year=args.cycle)
    print(f"Bukti {info.filename} dilampirkan pada pertanyaan {args.question} (versi berkas {info.file_version}).")
    return 0


def cmd_submit(args) -> int:
    from bootstrap import ensure_database
    from data.services.accounts.auth import command_line_user
    from data.services.entry.answers import submit_answers

    engine = ensure_database(load_demo=False)
    submitted = submit_answers(engine, command_line_user(engine, args.user), args.question, year=args.cycle)
    print(f"{len(submitted)} jawaban diajukan kepada Gugus Tugas: {', '.join(args.question)}.")
    return 0


def cmd_verify(args) -> int:
    from bootstrap import ensure_database
    from data.services.accounts.auth import command_line_user
    from data.services.review.review import find_answer, verify

    engine = ensure_database(load_demo=False)
    user = command_line_user(engine, args.user)
    answer_id, version = find_answer(engine, user, args.cycle, args.question, args.unit, args.region)
    result = verify(engine, user, answer_id, version, args.points, args.reason)
    print(f"Pertanyaan {args.question} {args.unit} terverifikasi: {result.verified_points} poin.")
    return 0


def cmd_backup(args) -> int:
    from data.backup import backup
    from data.db import make_engine

    engine = make_engine()
    try:
        info = backup(engine, args.file)
    finally:
        engine.dispose()
    print(f"Cadangan {info.engine} ditulis ke {info.path} ({info.size_bytes} bita), termasuk berkas bukti.")
    return 0


def cmd_restore(args) -> int:
    from data.backup import restore
    from data.db import make_engine

    engine = make_engine()
    try:
        restore(engine, args.file)
    finally:
        engine.dispose()
    print(f"Cadangan {args.file} dipulihkan. Jalankan init-db bila cadangan berasal dari versi aplikasi yang lebih lama.")
    return 0


def cmd_reminders(args) -> int:
    from datetime import date

    from bootstrap import ensure_database
    from data.services.review.reminders import reminders

    try:
        today = date.fromisoformat(args.today) if args.today else None
    except ValueError:
        raise InvalidInput([f"Tanggal '{args.today[:20]}' tidak sah; tulis YYYY-MM-DD, mis. 2026-12-04."]) from None
    engine = ensure_database(load_demo=False)
    listed = reminders(engine, COMMAND_LINE, args.region, args.cycle, today)
    if not listed:
        print("Semua unit sudah mengirim semua jawabannya; tidak ada yang perlu diingatkan.")
        return 0
    for reminder in listed:
        contact = reminder.focal_points or "belum ada akun petugas"
        late = ", terlambat" if reminder.overdue else ""
        print(f"=== {reminder.unit_name} ({reminder.unit_short_name}{late}); petugas: {contact}")
        print(reminder.message)
        print()
    print(f"{len(listed)} unit perlu diingatkan.")
    return 0


def cmd_actions(args) -> int:
    from bootstrap import ensure_database
    from data.services.actions.plans import list_actions

    engine = ensure_database(load_demo=False)
    frame = list_actions(engine, COMMAND_LINE, args.region, args.cycle)
    if args.json:
        records = frame.drop(columns=["updated_at", "version"]).assign(
            due_date=[d.isoformat() for d in frame["due_date"]]).to_dict("records")
        print(json.dumps({"region": args.region, "cycle": args.cycle, "actions": records}, ensure_ascii=False,
                         indent=2, default=str))
        return 0
    if frame.empty:
        print(f"Belum ada rencana aksi untuk siklus {args.cycle}.")
        return 0
    from indicators.actions import status_name

    for row in frame.itertuples():
        late = "  TERLAMBAT" if row.overdue else ""
        print(f"[{row.id}] Indikator {row.indicator_code}: {row.title}")
        print(f"    OPD: {row.lead_unit}{' + ' + ', '.join(row.supporting_units) if row.supporting_units else ''}; "
              f"tenggat {row.due_date:%d-%m-%Y}; {status_name(row.status)} {row.progress:g}%{late}")
    print(f"{len(frame)} aksi; {int(frame['overdue'].sum())} terlambat.")
    return 0


def cmd_export_public(args) -> int:
    from pathlib import Path

    from bootstrap import ensure_database
    from data.services.public.export import public_package

    engine = ensure_database(load_demo=False)
    package = public_package(engine, args.region, args.cycle)
    out = Path(args.out)
    for path, text in package.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text(text, encoding="utf-8")
    tables = sum(1 for path in package if path.startswith("csv/"))
    print(f"{tables} tabel publik (CSV dan JSON) dan datapackage.json ditulis ke {out}.")
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="manage.py", description="Pantau KLA: perintah administrasi.")
    commands = root.add_subparsers(dest="command", required=True)
    commands.add_parser("init-db", help="buat atau mutakhirkan skema basis data").set_defaults(run=cmd_init_db)
    commands.add_parser("seed-demo", help="muat data demo Kota Kupang").set_defaults(run=cmd_seed_demo)
    user = commands.add_parser("create-user", help="buat akun (kata sandi ditanyakan, tidak ditampilkan)")
    user.add_argument("username")
    user.add_argument("--name", help="nama tampilan")
    user.add_argument("--role", required=True,
                      help="admin, secretariat, chair, member, opd, kecamatan atau kelurahan")
    user.add_argument("--region", help="kode Kemendagri wilayah, mis. 53.71")
    user.add_argument("--unit", help="nama singkat OPD/kecamatan, mis. disdukcapil")
    user.add_argument("--phone", help="nomor telepon/WhatsApp, mis. 0812-3456-7890")
    user.add_argument("--email", help="alamat e-mail")
    user.add_argument("--one-time", action="store_true",
                      help="buat kata sandi sekali pakai (dicetak; wajib diganti saat masuk pertama)")
    user.set_defaults(run=cmd_create_user)
    users = commands.add_parser("import-users", help="impor akun dari .xlsx/.csv (tanpa kata sandi di berkas)")
    users.add_argument("--file", required=True, help="kolom nama_pengguna, nama, peran, unit, telepon, email")
    users.add_argument("--region", help="kode Kemendagri; bawaan: wilayah akun --user")
    users.add_argument("--user", help="bertindak sebagai akun ini (admin atau sekretariat); tanpa ini: sebagai admin")
    users.add_argument("--apply", action="store_true", help="buat akunnya; tanpa ini hanya pemeriksaan")
    users.add_argument("--passwords-out", help="berkas CSV baru untuk kata sandi sekali pakai (wajib dengan --apply)")
    users.set_defaults(run=cmd_import_users)
    reset = commands.add_parser("reset-password", help="beri akun kata sandi sekali pakai yang baru")
    reset.add_argument("--username", required=True)
    reset.add_argument("--user", help="bertindak sebagai akun ini; tanpa ini: sebagai admin")
    reset.set_defaults(run=cmd_reset_password)
    check = commands.add_parser("check-catalog", help="periksa file katalog (.yaml atau .xlsx)")
    check.add_argument("file")
    check.set_defaults(run=cmd_check_catalog)
    load = commands.add_parser("import-catalog", help="muat katalog untuk siklus evaluasi")
    load.add_argument("file")
    load.add_argument("--cycle", type=int, required=True, help="tahun siklus evaluasi")
    load.add_argument("--region", help="hanya untuk wilayah ini (kode Kemendagri)")
    load.set_defaults(run=cmd_import_catalog)
    score = commands.add_parser("score", help="nilai wilayah pada satu siklus")
    score.add_argument("--region", required=True, help="kode Kemendagri, mis. 53.71")
    score.add_argument("--cycle", type=int, required=True, help="tahun siklus evaluasi")
    score.add_argument("--basis", choices=("verified", "self", "province"), default="verified",
                       help="verified (nilai terverifikasi, bawaan) atau self (penilaian mandiri)")
    score.add_argument("--json", action="store_true", help="keluaran JSON")
    score.set_defaults(run=cmd_score)

    score_all = commands.add_parser("score-all", help="nilai dan predikat setiap wilayah (CSV)")
    score_all.add_argument("--cycle", type=int, help="hanya siklus tahun ini")
    score_all.add_argument("--basis", choices=("verified", "self", "province"), default="verified",
                           help="dasar penilaian (bawaan: verified)")
    score_all.add_argument("--out", help="berkas CSV (bawaan: layar)")
    score_all.set_defaults(run=cmd_score_all)
    plan = commands.add_parser("actions", help="rencana aksi (RAD KLA) satu siklus: indikator, OPD, tenggat, status")
    plan.add_argument("--region", required=True, help="kode Kemendagri wilayah, mis. 53.71")
    plan.add_argument("--cycle", type=int, required=True, help="tahun siklus")
    plan.add_argument("--json", action="store_true", help="keluaran JSON")
    plan.set_defaults(run=cmd_actions)
    remind = commands.add_parser("reminders", help="pesan pengingat untuk setiap unit yang belum mengirim jawabannya")
    remind.add_argument("--region", required=True, help="kode Kemendagri wilayah, mis. 53.71")
    remind.add_argument("--cycle", type=int, help="tahun siklus (bawaan: siklus yang terbuka)")
    remind.add_argument("--today", help="tanggal hari ini untuk menghitung sisa waktu, YYYY-MM-DD")
    remind.set_defaults(run=cmd_reminders)
    export = commands.add_parser("export-template", help="unduh templat isian Excel satu OPD untuk satu siklus")
    export.add_argument("file", help="file .xlsx yang dibuat")
    export.add_argument("--opd", required=True, help="nama singkat unit, mis. dp3a")
    export.add_argument("--cycle", type=int, required=True, help="tahun siklus evaluasi")
    export.add_argument("--region", help="kode Kemendagri wilayah (wajib bila ada lebih dari satu)")
    export.set_defaults(run=cmd_export_template)
    entries = commands.add_parser("import-entries", help="muat jawaban dari templat Excel yang sudah diisi")
    entries.add_argument("file", help="templat .xlsx yang sudah diisi, atau .zip berisi templat dan bukti dukung "
                                      "yang namanya berawalan kode pertanyaan")
    entries.add_argument("--user", required=True, help="nama pengguna yang mengunggah; haknya berlaku")
    entries.add_argument("--dry-run", action="store_true", help="hanya periksa; tidak menyimpan apa pun")
    entries.set_defaults(run=cmd_import_entries)
    report = commands.add_parser("report", help="laporan rapat Gugus Tugas (PDF) atau lembar kerja (XLSX)")
    report.add_argument("--region", required=True, help="kode Kemendagri, mis. 53.71")
    report.add_argument("--cycle", type=int, required=True, help="tahun siklus evaluasi")
    report.add_argument("--format", required=True, help="pdf atau xlsx")
    report.add_argument("--out", required=True, help="file yang dibuat")
    report.add_argument("--basis", default="verified",
                        help="verified (nilai terverifikasi, bawaan) atau self (penilaian mandiri)")
    report.set_defaults(run=cmd_report)
    cases = commands.add_parser("import-cases", help="impor data kasus Klaster V dari CSV")
    cases.add_argument("file")
    cases.add_argument("--dry-run", action="store_true", help="periksa saja, tanpa menyimpan")
    cases.add_argument("--region", help="kode Kemendagri; bawaan: wilayah akun --user")
    cases.add_argument("--user", help="bertindak sebagai akun ini (dengan haknya); tanpa ini: sebagai admin")
    cases.set_defaults(run=cmd_import_cases)
    units = commands.add_parser("import-units", help="impor daftar kecamatan dan kelurahan (.xlsx atau .csv)")
    units.add_argument("--file", required=True, help="berkas .xlsx atau .csv: kolom Kecamatan dan Kelurahan")
    units.add_argument("--region", help="kode Kemendagri; bawaan: wilayah akun --user")
    units.add_argument("--user", required=True, help="bertindak sebagai akun ini (admin atau sekretariat)")
    units.add_argument("--apply", action="store_true", help="terapkan; tanpa ini hanya pemeriksaan")
    units.set_defaults(run=cmd_import_units)
    region = commands.add_parser("add-region", help="tambahkan kabupaten/kota (kode diperiksa pada daftar resmi)")
    region.add_argument("--code", required=True, help="kode Kemendagri kabupaten/kota, mis. 13.76")
    region.add_argument("--name", help="nama; bawaan: nama pada daftar resmi")
    region.add_argument("--province", help="provinsi (nama atau kode); diperiksa pada daftar resmi")
    region.add_argument("--user", help="bertindak sebagai akun admin ini; tanpa ini: sebagai admin")
    region.set_defaults(run=cmd_add_region)
    wilayah = commands.add_parser("load-wilayah", help="muat daftar wilayah resmi Kemendagri yang lebih baru")
    wilayah.add_argument("--regions", required=True, help="CSV provinsi dan kabupaten/kota "
                         "(kode,nama,tingkat,kode_provinsi,nama_provinsi)")
    wilayah.add_argument("--areas", required=True, help="CSV kecamatan dan desa/kelurahan (kode,nama,tingkat)")
    wilayah.add_argument("--name", required=True, help="nama daftar, mis. Kepmendagri 300.2.2-2138/2025")
    wilayah.add_argument("--user", help="bertindak sebagai akun admin ini")
    wilayah.set_defaults(run=cmd_load_wilayah)
    areas = commands.add_parser("create-areas", help="buat kecamatan dan kelurahan/desa wilayah dari daftar resmi")
    areas.add_argument("--region", help="kode Kemendagri; bawaan: wilayah akun --user")
    areas.add_argument("--kecamatan", nargs="*", help="hanya kecamatan dengan kode ini, mis. 13.76.01")
    areas.add_argument("--user", help="bertindak sebagai akun ini (admin atau sekretariat)")
    areas.add_argument("--apply", action="store_true", help="terapkan; tanpa ini hanya pemeriksaan")
    areas.set_defaults(run=cmd_create_areas)
    cycle = commands.add_parser("open-cycle", help="buka siklus evaluasi wilayah untuk satu tahun")
    cycle.add_argument("--region", help="kode Kemendagri; bawaan: wilayah akun --user")
    cycle.add_argument("--year", required=True, help="tahun siklus, mis. 2025")
    cycle.add_argument("--deadline", required=True, help="batas waktu pengisian, TTTT-BB-HH")
    cycle.add_argument("--catalog", help="versi instrumen; bawaan: yang terbaru dimuat")
    cycle.add_argument("--user", help="bertindak sebagai akun ini (admin atau sekretariat)")
    cycle.set_defaults(run=cmd_open_cycle)
    deadline = commands.add_parser("set-deadline", help="ubah batas waktu siklus yang belum ditutup")
    deadline.add_argument("--region")
    deadline.add_argument("--year", type=int, required=True)
    deadline.add_argument("--deadline", required=True, help="TTTT-BB-HH")
    deadline.add_argument("--user")
    deadline.set_defaults(run=cmd_set_deadline)
    assign = commands.add_parser("assign", help="tugaskan pertanyaan kepada OPD (atau --remove)")
    assign.add_argument("--region")
    assign.add_argument("--cycle", type=int, required=True, help="tahun siklus")
    assign.add_argument("--question", required=True, help="kode pertanyaan, mis. 1.1")
    assign.add_argument("--unit", required=True, help="nama singkat OPD")
    assign.add_argument("--remove", action="store_true", help="hapus OPD ini dari penjawab pertanyaan")
    assign.add_argument("--confirm", action="store_true", help="tetap hapus walau OPD sudah menjawab")
    assign.add_argument("--user")
    assign.set_defaults(run=cmd_assign)
    listing = commands.add_parser("assignments", help="daftar siapa menjawab setiap pertanyaan siklus")
    listing.add_argument("--region")
    listing.add_argument("--cycle", type=int, required=True)
    listing.add_argument("--unassigned", action="store_true", help="hanya pertanyaan tanpa penjawab")
    listing.add_argument("--user")
    listing.set_defaults(run=cmd_assignments)
    evidence = commands.add_parser("attach-evidence", help="lampirkan bukti dukung pada jawaban unit akun --user")
    evidence.add_argument("--user", required=True, help="akun petugas unit")
    evidence.add_argument("--question", required=True, help="kode pertanyaan")
    evidence.add_argument("--file", required=True, help="PDF, JPG, PNG, XLSX atau DOCX")
    evidence.add_argument("--cycle", type=int, help="tahun siklus; bawaan: siklus terbuka")
    evidence.set_defaults(run=cmd_attach_evidence)
    submit = commands.add_parser("submit", help="ajukan jawaban yang tersimpan kepada Gugus Tugas")
    submit.add_argument("--user", required=True, help="akun petugas unit")
    submit.add_argument("--question", required=True, nargs="+", help="kode pertanyaan")
    submit.add_argument("--cycle", type=int, help="tahun siklus; bawaan: siklus terbuka")
    submit.set_defaults(run=cmd_submit)
    check = commands.add_parser("verify", help="verifikasi jawaban yang diajukan (ketua atau anggota Gugus Tugas)")
    check.add_argument("--user", required=True, help="akun ketua atau anggota Gugus Tugas")
    check.add_argument("--region", help="kode Kemendagri; bawaan: wilayah akun")
    check.add_argument("--cycle", type=int, help="tahun siklus; bawaan: siklus terbuka")
    check.add_argument("--question", required=True)
    check.add_argument("--unit", required=True, help="nama singkat unit yang menjawab")
    check.add_argument("--points", type=float, help="poin terverifikasi; bawaan: poin penilaian mandiri")
    check.add_argument("--reason", help="alasan bila poin berbeda")
    check.set_defaults(run=cmd_verify)
    save = commands.add_parser("backup", help="cadangkan seluruh basis data (termasuk bukti) selagi aplikasi berjalan")
    save.add_argument("file", help="berkas cadangan baru (tidak pernah ditimpa)")
    save.set_defaults(run=cmd_backup)
    back = commands.add_parser("restore", help="pulihkan cadangan ke basis data yang masih kosong")
    back.add_argument("file", help="berkas dari manage.py backup")
    back.set_defaults(run=cmd_restore)
    export = commands.add_parser("export-public", help="tulis paket data terbuka: berkas yang ditawarkan halaman publik (CSV dan JSON) dan datapackage.json")
    export.add_argument("--region", required=True, help="kode Kemendagri, mis. 53.71")
    export.add_argument("--cycle", type=int, help="siklus terbit yang dianggap terbaru; bawaan: yang terakhir")
    export.add_argument("--out", required=True, help="folder tujuan")
    export.set_defaults(run=cmd_export_public)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except CatalogError as error:
        print(str(error), file=sys.stderr)
    except InvalidInput as error:
        print("\n".join(error.messages), file=sys.stderr)
    except DomainError as error:
        print(error.message, file=sys.stderr)
    except KeyboardInterrupt:
        print("Dibatalkan.", file=sys.stderr)
    return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
