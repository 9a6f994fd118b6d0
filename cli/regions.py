"""Regions: add a kab/kota, load a newer official Kemendagri list, create a region's kecamatan and
desa/kelurahan from it."""
from __future__ import annotations

from cli.common import ADMIN_USER, APPLY, CHECK_ONLY, REGION_OF_USER, actor, arg, command, open_database, read_file


def add_region(args) -> int:
    from data.services.regions.regions import add_region as add

    engine = open_database()
    region = add(engine, actor(engine, args.user), args.code, args.name, args.province)
    print(f"Wilayah {region.code} {region.name} ({region.province_name}) ditambahkan.")
    return 0


def load_wilayah(args) -> int:
    from data.services.regions.official_list import load_official_list

    engine = open_database()
    regions, areas = read_file(args.regions), read_file(args.areas)
    info = load_official_list(engine, actor(engine, args.user), regions, areas, args.name)
    print(f"Daftar wilayah resmi '{info.list_name}' dimuat: {info.provinces} provinsi, {info.regencies} "
          f"kabupaten/kota, {info.kecamatan} kecamatan, {info.villages} desa/kelurahan.")
    return 0


def create_areas(args) -> int:
    from data.services.regions.regions import create_areas_from_list

    engine = open_database()
    plan = create_areas_from_list(engine, actor(engine, args.user), args.region, args.kecamatan, apply=args.apply)
    print(f"{'Dibuat' if plan.applied else 'Akan dibuat'}: {len(plan.kecamatan_added)} kecamatan, "
          f"{plan.kelurahan_added} kelurahan, {plan.desa_added} desa; {len(plan.coded)} unit yang sudah ada "
          f"{'diberi' if plan.applied else 'akan diberi'} kodenya; {plan.unchanged} sudah lengkap.")
    if not plan.applied:
        print(CHECK_ONLY)
    return 0


def register(commands) -> None:
    command(commands, "add-region", "tambahkan kabupaten/kota (kode diperiksa pada daftar resmi)", add_region,
            arg("--code", required=True, help="kode Kemendagri kabupaten/kota, mis. 13.76"),
            arg("--name", help="nama; bawaan: nama pada daftar resmi"),
            arg("--province", help="provinsi (nama atau kode); diperiksa pada daftar resmi"),
            arg("--user", help="bertindak sebagai akun admin ini; tanpa ini: sebagai admin"))
    command(commands, "load-wilayah", "muat daftar wilayah resmi Kemendagri yang lebih baru", load_wilayah,
            arg("--regions", required=True, help="CSV provinsi dan kabupaten/kota "
                "(kode,nama,tingkat,kode_provinsi,nama_provinsi)"),
            arg("--areas", required=True, help="CSV kecamatan dan desa/kelurahan (kode,nama,tingkat)"),
            arg("--name", required=True, help="nama daftar, mis. Kepmendagri 300.2.2-2138/2025"),
            arg("--user", help="bertindak sebagai akun admin ini"))
    command(commands, "create-areas", "buat kecamatan dan kelurahan/desa wilayah dari daftar resmi", create_areas,
            REGION_OF_USER,
            arg("--kecamatan", nargs="*", help="hanya kecamatan dengan kode ini, mis. 13.76.01"),
            ADMIN_USER,
            APPLY)
