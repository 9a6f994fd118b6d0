"""Backups: copy the whole database (evidence included) while the app runs, restore one into an
empty database."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from cli.common import arg, command


@contextmanager
def _bare_engine() -> Iterator:
    """The engine of KLA_DATABASE_URL as it is, not migrated (a restore needs an empty database)."""
    from data.db import make_engine

    engine = make_engine()
    try:
        yield engine
    finally:
        engine.dispose()


def backup(args) -> int:
    from data.backup import backup as write_backup

    with _bare_engine() as engine:
        info = write_backup(engine, args.file)
    print(f"Cadangan {info.engine} ditulis ke {info.path} ({info.size_bytes} bita), termasuk berkas bukti.")
    return 0


def restore(args) -> int:
    from data.backup import restore as read_backup

    with _bare_engine() as engine:
        read_backup(engine, args.file)
    print(f"Cadangan {args.file} dipulihkan. "
          "Jalankan init-db bila cadangan berasal dari versi aplikasi yang lebih lama.")
    return 0


def register(commands) -> None:
    command(commands, "backup", "cadangkan seluruh basis data (termasuk bukti) selagi aplikasi berjalan", backup,
            arg("file", help="berkas cadangan baru (tidak pernah ditimpa)"))
    command(commands, "restore", "pulihkan cadangan ke basis data yang masih kosong", restore,
            arg("file", help="berkas dari manage.py backup"))
