"""The task force's review: remind the units that have not sent their answers, verify an answer,
close and publish the cycle."""
from __future__ import annotations

from datetime import date

from cli.common import CYCLE, OPEN_CYCLE, REGION_OF_UNIT, arg, command, open_database, user
from data.actor import COMMAND_LINE
from data.errors import InvalidInput


def reminders(args) -> int:
    from data.services.review.reminders import reminders as pending

    try:
        today = date.fromisoformat(args.today) if args.today else None
    except ValueError:
        raise InvalidInput([f"Tanggal '{args.today[:20]}' tidak sah; tulis YYYY-MM-DD, mis. 2026-12-04."]) from None
    if args.send:
        from data.services.review.reminder_mail import send_reminders

        report = send_reminders(open_database(), COMMAND_LINE, args.region, args.cycle, today)
        print("\n".join(report.lines))
        return 1 if report.failed else 0
    listed = pending(open_database(), COMMAND_LINE, args.region, args.cycle, today)
    if not listed:
        print("Semua unit sudah mengirim semua jawabannya; tidak ada yang perlu diingatkan.")
        return 0
    for reminder in listed:
        contact = reminder.focal_points or "belum ada akun petugas"
        late = ", terlambat" if reminder.overdue else ""
        print(f"=== {reminder.unit_name} ({reminder.unit_short_name}{late}); petugas: {contact}")
        for person in reminder.contacts:
            print(f"WhatsApp {person.name}: {person.whatsapp or person.whatsapp_problem}")
        print(reminder.message)
        print()
    print(f"{len(listed)} unit perlu diingatkan.")
    return 0


def verify(args) -> int:
    from data.services.review.review import find_answer
    from data.services.review.review import verify as verify_answer

    engine = open_database()
    reviewer = user(engine, args.user)
    answer_id, version = find_answer(engine, reviewer, args.cycle, args.question, args.unit, args.region)
    result = verify_answer(engine, reviewer, answer_id, version, args.points, args.reason)
    print(f"Pertanyaan {args.question} {args.unit} terverifikasi: {result.verified_points} poin.")
    return 0


def close_cycle(args) -> int:
    from data.services.review.cycle_admin import close_cycle as close

    engine = open_database()
    state = close(engine, user(engine, args.user), args.cycle, args.region)
    print(f"Siklus {args.cycle} {state.region_code} ditutup: tidak ada lagi pengisian atau verifikasi.")
    return 0


def publish(args) -> int:
    from data.services.review.cycle_admin import publish_cycle

    engine = open_database()
    state = publish_cycle(engine, user(engine, args.user), args.cycle, args.region, args.reason)
    print(f"Siklus {args.cycle} {state.region_code} dipublikasikan: angka terverifikasinya tampil di halaman publik.")
    return 0


def register(commands) -> None:
    command(commands, "reminders", "pesan pengingat untuk setiap unit yang belum mengirim jawabannya", reminders,
            REGION_OF_UNIT,
            arg("--cycle", type=int, help="tahun siklus (bawaan: siklus yang terbuka)"),
            arg("--today", help="tanggal hari ini untuk menghitung sisa waktu, YYYY-MM-DD"),
            arg("--send", action="store_true",
                help="kirim lewat e-mail (server SMTP wilayah atau KLA_SMTP_*) ke setiap petugas yang punya alamat"))
    command(commands, "verify", "verifikasi jawaban yang diajukan (ketua atau anggota Gugus Tugas)", verify,
            arg("--user", required=True, help="akun ketua atau anggota Gugus Tugas"),
            arg("--region", help="kode Kemendagri; bawaan: wilayah akun"),
            OPEN_CYCLE,
            arg("--question", required=True),
            arg("--unit", required=True, help="nama singkat unit yang menjawab"),
            arg("--points", type=float, help="poin terverifikasi; bawaan: poin penilaian mandiri"),
            arg("--reason", help="alasan bila poin berbeda"))
    command(commands, "close-cycle", "tutup siklus: pengisian dan verifikasi berhenti (ketua Gugus Tugas)",
            close_cycle,
            arg("--user", required=True, help="akun ketua Gugus Tugas"),
            arg("--region", help="kode Kemendagri; bawaan: wilayah akun"),
            CYCLE)
    command(commands, "publish", "publikasikan siklus yang sudah ditutup (ketua Gugus Tugas)", publish,
            arg("--user", required=True, help="akun ketua Gugus Tugas"),
            arg("--region", help="kode Kemendagri; bawaan: wilayah akun"),
            CYCLE,
            arg("--reason", help="alasan publikasi bila pertanyaan terverifikasi masih di bawah batas minimum"))
