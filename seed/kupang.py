"""Facts of the Kota Kupang demo: the region, its OPDs and kecamatan, the demo accounts and the
story the three past cycles tell (rising from Pratama towards Madya)."""
from datetime import date, timedelta

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
    "Kota Lama": ["Airmata", "Bonipoi", "Fatubesi", "Lai Lai Bisi Kopan", "Merdeka", "Nefonaek", "Oeba",
                  "Pasir Panjang", "Solor", "Tode Kisar"],
    "Kota Raja": ["Airnona", "Bakunase", "Bakunase Dua", "Fontein", "Kuanino", "Naikoten Satu", "Naikoten Dua",
                  "Nunleu"],
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
    ("forum.anak", "Fasilitator Forum Anak Kota Kupang", "forum", None),
    ("provinsi.ntt", "Verifikator Provinsi Nusa Tenggara Timur", "province", None),
]

# Verified totals the demo aims at per published cycle, and the cycle settings. The open cycle's
# deadline is counted from the day the demo is loaded (a timedelta), so the demo reads the same on any date.
CYCLES = [
    {"year": 2022, "status": "closed", "published": True, "target_total": 538.0, "deadline": date(2022, 4, 30)},
    {"year": 2023, "status": "closed", "published": True, "target_total": 579.0, "deadline": date(2023, 4, 28)},
    {"year": 2024, "status": "closed", "published": True, "target_total": 624.0, "deadline": date(2024, 4, 30)},
    {"year": 2025, "status": "open", "published": False, "target_total": 655.0, "deadline": timedelta(days=11)},
]
# The bases (denominators) of the city-level percentage questions in 2022, of Kota Kupang's size:
# about 466 000 people, 150 000 of them children, 8 500 births and 115 000 households a year,
# 11 puskesmas, 210 TK/RA, 140 SD/MI, 65 SMP/MTs, 55 SMA/MA/SMK and 4 SLB (rounded from BPS "Kota
# Kupang Dalam Angka" and Dapodik; illustrative). They grow BASE_GROWTH a year.
PERCENTAGE_BASES = {
    "4.3": 150_000,                                            # children 0-17 (KIA)
    "12.1": 8_500, "12.2": 9_000, "12.3": 8_300,               # births, pregnant women, infants
    "13.1": 30_000, "13.2": 30_000, "13.3": 15_000,            # toddlers weighed, under-twos measured
    "14.1": 4_000, "14.2": 8_400, "14.3": 4_000, "14.4": 12_000,  # infants under 6 months, newborns, 6-23 months
    "14.5": 120, "14.6": 60,                                   # offices, public facilities
    "15.1": 11,                                                # puskesmas
    "16.2": 115_000, "16.5": 115_000,                          # households
    "19.2a": 210, "19.2b": 140, "19.2c": 65, "19.2d": 55, "19.2e": 4,  # schools by level
}
BASE_GROWTH = 0.015

# seed.answers.calibrated_offset for the shipped catalog and the totals above (tests/unit check it).
CALIBRATED_OFFSETS = {2022: 0.07589173316955566, 2023: 0.05437111854553223, 2024: 0.05552315711975098,
                      2025: 0.036345720291137695}
OPEN_CYCLE_ANSWERED_SHARE = 0.55
