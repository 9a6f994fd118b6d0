"""Facts of the Kota Kupang demo: the region, its OPDs and kecamatan, the demo accounts and the
story the three past cycles tell (rising from Pratama towards Madya)."""
from datetime import date

REGION = {"code": "53.71", "name": "Kota Kupang", "kind": "kota", "province_code": "53",
          "province_name": "Nusa Tenggara Timur"}

DEMO_PASSWORD = "KlaKupang2024!"

# short name -> name; the short names are the catalog's data-source keys
OPDS = {
    "bappeda": "Badan Perencanaan Pembangunan Daerah (Bappeda) Kota Kupang",
    "dp3a": "Dinas Pemberdayaan Perempuan dan Perlindungan Anak (DP3A) Kota Kupang",
    "uptd_ppa": "UPTD Perlindungan Perempuan dan Anak (UPTD PPA) Kota Kupang",
    "disdukcapil": "Dinas Kependudukan dan Pencatatan Sipil (Disdukcapil) Kota Kupang",
    "dinkes": "Dinas Kesehatan Kota Kupang",
    "disdikbud": "Dinas Pendidikan dan Kebudayaan Kota Kupang",
    "dinsos": "Dinas Sosial Kota Kupang",
    "diskominfo": "Dinas Komunikasi dan Informatika (Diskominfo) Kota Kupang",
    "dlh": "Dinas Lingkungan Hidup Kota Kupang",
    "dinas_pupr": "Dinas Pekerjaan Umum dan Penataan Ruang (PUPR) Kota Kupang",
    "dinas_perkim": "Dinas Perumahan dan Kawasan Permukiman Kota Kupang",
    "dishub": "Dinas Perhubungan Kota Kupang",
    "dispar": "Dinas Pariwisata Kota Kupang",
    "dispora": "Dinas Pemuda dan Olahraga Kota Kupang",
    "satpolpp": "Satuan Polisi Pamong Praja (Satpol PP) Kota Kupang",
    "bagian_hukum": "Bagian Hukum Sekretariat Daerah Kota Kupang",
    "jdih": "Jaringan Dokumentasi dan Informasi Hukum (JDIH) Kota Kupang",
    "kemenag": "Kantor Kementerian Agama Kota Kupang",
    "polresta": "Polresta Kupang Kota (Unit PPA)",
    "kejaksaan": "Kejaksaan Negeri Kota Kupang",
    "pengadilan": "Pengadilan Negeri dan Pengadilan Agama Kupang",
    "bnn": "Badan Narkotika Nasional (BNN) Kota Kupang",
    "bpbd": "Badan Penanggulangan Bencana Daerah (BPBD) Kota Kupang",
    "disnaker": "Dinas Tenaga Kerja Kota Kupang",
    "kesbangpol": "Badan Kesatuan Bangsa dan Politik Kota Kupang",
    "dinas_perpustakaan": "Dinas Perpustakaan dan Kearsipan Kota Kupang",
    "bapenda": "Badan Pendapatan Daerah Kota Kupang",
    "forum_anak": "Forum Anak Kota Kupang",
    "dunia_usaha": "Forum CSR Dunia Usaha Kota Kupang",
}

# kecamatan -> its kelurahan (Kota Kupang: 6 kecamatan, 51 kelurahan), named as the official
# Kemendagri list names them (their codes are taken from it when the demo is loaded)
KELURAHAN = {
    "Alak": ["Alak", "Batu Plat", "Fatufeto", "Mantasi", "Manulai II", "Manutapen", "Naioni", "Namosain",
             "Nunbaun Delha", "Nunbaun Sabu", "Nunhila", "Penkase Oeleta"],
    "Kelapa Lima": ["Kelapa Lima", "Lasiana", "Oesapa", "Oesapa Barat", "Oesapa Selatan"],
    "Kota Lama": ["Airmata", "Bonipoi", "Fatubesi", "Lai Lai Bisi Kopan", "Merdeka", "Nefonaek", "Oeba", "Pasir Panjang",
                  "Solor", "Tode Kisar"],
    "Kota Raja": ["Airnona", "Bakunase", "Bakunase Dua", "Fontein", "Kuanino", "Naikoten Satu", "Naikoten Dua", "Nunleu"],
    "Maulafa": ["Bello", "Fatukoa", "Kolhua", "Maulafa", "Naikolan", "Naimata", "Oepura", "Penfui", "Sikumana"],
    "Oebobo": ["Fatululi", "Kayu Putih", "Liliba", "Oebobo", "Oebufu", "Oetete", "Tuak Daun Merah"],
}
KECAMATAN = list(KELURAHAN)
# kelurahan whose focal point has a demo account (kel.<slug>); every kecamatan has one (kec.<slug>)
KELURAHAN_ACCOUNTS = ["Oesapa", "Oebobo", "Fatululi", "Bakunase", "Sikumana", "Alak"]


STAFF_ACCOUNTS = [
    # username, display name, role, unit short name
    ("admin", "Administrator Pantau KLA", "admin", None),
    ("sekretariat", "Sekretariat KLA (DP3A)", "secretariat", "dp3a"),
    ("ketua", "Ketua Gugus Tugas KLA (Kepala Bappeda)", "chair", "bappeda"),
    ("anggota", "Anggota Gugus Tugas KLA", "member", "bappeda"),
]

# Verified totals the demo aims at per published cycle, and the cycle settings.
CYCLES = [
    {"year": 2022, "status": "closed", "published": True, "target_total": 538.0, "deadline": date(2022, 4, 30)},
    {"year": 2023, "status": "closed", "published": True, "target_total": 579.0, "deadline": date(2023, 4, 28)},
    {"year": 2024, "status": "closed", "published": True, "target_total": 624.0, "deadline": date(2024, 4, 30)},
    {"year": 2025, "status": "open", "published": False, "target_total": 655.0, "deadline": date(2026, 12, 18)},
]
# seed.demo.calibrated_offset for the shipped catalog and the totals above (tests/unit check it).
CALIBRATED_OFFSETS = {2022: 0.052230119705200195, 2023: 0.0353085994720459, 2024: 0.04243826866149902,
                      2025: 0.0072591304779052734}
OPEN_CYCLE_ANSWERED_SHARE = 0.55
