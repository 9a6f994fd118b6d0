"""The database itself: create or migrate its schema, load the demo."""
from __future__ import annotations

from cli.common import command, open_database


def init_db(args) -> int:
    open_database()
    print("Skema basis data sudah mutakhir.")
    return 0


def seed_demo(args) -> int:
    from seed.demo import seed_demo as load_demo

    if load_demo(open_database()):
        print("Data demo Kota Kupang dimuat, dengan Kabupaten Kupang dan Kabupaten Belu sebagai contoh "
              "(data ilustratif) untuk papan kesiapan dan verifikasi provinsi.")
    else:
        print("Data demo Kota Kupang sudah ada; tidak ada yang diubah.")
    return 0


def register(commands) -> None:
    command(commands, "init-db", "buat atau mutakhirkan skema basis data", init_db)
    command(commands, "seed-demo", "muat data demo Kota Kupang", seed_demo)
