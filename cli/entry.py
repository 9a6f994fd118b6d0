"""A unit's answers from the command line: the Excel template out and back in, evidence, submit."""
from __future__ import annotations

from cli.common import CYCLE, OPEN_CYCLE, UNIT_USER, arg, command, fail, open_database, read_file, user
from data.actor import COMMAND_LINE


def export_template(args) -> int:
    from pathlib import Path

    from data.services.entry.entry_workbook import export_template as template

    content = template(open_database(), COMMAND_LINE, args.opd, args.cycle, region_code=args.region)
    Path(args.file).write_bytes(content)
    print(f"Templat {args.opd} siklus {args.cycle} disimpan di {args.file}.")
    return 0


def import_entries(args) -> int:
    from pathlib import Path

    from data.services.entry.entry_package import import_package

    engine = open_database()
    uploader = user(engine, args.user)
    path = Path(args.file)
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        return fail(f"Berkas {path} tidak ditemukan.")
    except OSError as error:
        return fail(f"Berkas {path} tidak dapat dibaca: {error.strerror}.")
    result = import_package(engine, uploader, content, path.name, dry_run=args.dry_run)
    entries = result.entries
    if result.all_problems and not entries.applied:
        return fail(*result.all_problems,
                    f"File ditolak ({len(result.all_problems)} masalah); tidak ada jawaban yang diubah.")
    files = f"; {len(result.files)} berkas bukti" if result.files else ""
    if args.dry_run:
        print(f"Pemeriksaan selesai tanpa masalah: {len(entries.changes)} jawaban akan diubah, "
              f"{entries.unchanged} tidak berubah{files}. Belum ada yang disimpan (--dry-run).")
    else:
        stored = f"; {result.stored} berkas bukti dilampirkan" if result.files else ""
        print(f"{len(entries.changes)} jawaban disimpan sebagai draf; {entries.unchanged} tidak berubah{stored}.")
    return fail(*result.problems) if result.problems else 0


def attach_evidence(args) -> int:
    from pathlib import Path

    from data.services.entry.evidence import upload_evidence

    engine = open_database()
    uploader = user(engine, args.user)
    content = read_file(args.file)
    info = upload_evidence(engine, uploader, args.question, Path(args.file).name, content, year=args.cycle)
    print(f"Bukti {info.filename} dilampirkan pada pertanyaan {args.question} (versi berkas {info.file_version}).")
    return 0


def submit(args) -> int:
    from data.services.entry.answers import submit_answers

    engine = open_database()
    submitted = submit_answers(engine, user(engine, args.user), args.question, year=args.cycle)
    print(f"{len(submitted)} jawaban diajukan kepada Gugus Tugas: {', '.join(args.question)}.")
    return 0


def register(commands) -> None:
    command(commands, "export-template", "unduh templat isian Excel satu OPD untuk satu siklus", export_template,
            arg("file", help="file .xlsx yang dibuat"),
            arg("--opd", required=True, help="nama singkat unit, mis. dp3a"),
            CYCLE,
            arg("--region", help="kode Kemendagri wilayah (wajib bila ada lebih dari satu)"))
    command(commands, "import-entries", "muat jawaban dari templat Excel yang sudah diisi", import_entries,
            arg("file", help="templat .xlsx yang sudah diisi, atau .zip berisi templat dan bukti dukung "
                             "yang namanya berawalan kode pertanyaan"),
            arg("--user", required=True, help="nama pengguna yang mengunggah; haknya berlaku"),
            arg("--dry-run", action="store_true", help="hanya periksa; tidak menyimpan apa pun"))
    command(commands, "attach-evidence", "lampirkan bukti dukung pada jawaban unit akun --user", attach_evidence,
            UNIT_USER,
            arg("--question", required=True, help="kode pertanyaan"),
            arg("--file", required=True, help="PDF, JPG, PNG, XLSX atau DOCX"),
            OPEN_CYCLE)
    command(commands, "submit", "ajukan jawaban yang tersimpan kepada Gugus Tugas", submit,
            UNIT_USER,
            arg("--question", required=True, nargs="+", help="kode pertanyaan"),
            OPEN_CYCLE)
