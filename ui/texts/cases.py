"""Texts of the Klaster V case statistics: the public page and the staff page."""

TEXTS = {
    "id": {
        "page.cases": "Data Kasus Klaster V",
        # public
        "cases.public_title": "Statistik Kasus Kekerasan terhadap Perempuan dan Anak",
        "cases.public_caption": (
            "Klaster V (Perlindungan Khusus): jumlah kasus yang ditangani DP3A/UPTD PPA dan mitranya "
            "per tahun. Hanya angka gabungan, tidak pernah data seseorang."
        ),
        "cases.none": (
            "{region} belum menerbitkan statistik kasus. Angka suatu tahun tampil di sini setelah "
            "evaluasi KLA tahun berikutnya diterbitkan."
        ),
        "cases.trend_title": "Jumlah kasus per tahun",
        "cases.trend_caption": "Kasus kekerasan terhadap perempuan dewasa dan terhadap anak.",
        "cases.trend_alt": "Diagram batang jumlah kasus per tahun, dibagi perempuan dewasa dan anak.",
        "cases.breakdown_title": "Rincian per tahun",
        "cases.year": "Tahun",
        "cases.by_violence_type": "Menurut jenis kekerasan",
        "cases.by_victim_sex": "Menurut jenis kelamin korban",
        "cases.by_age_group": "Menurut kelompok umur korban",
        "cases.by_victim_group": "Menurut kelompok korban",
        "cases.breakdown_alt": "Diagram batang jumlah kasus {year} {what}.",
        "cases.col_category": "Kategori",
        "cases.col_count": "Jumlah kasus",
        "cases.col_year": "Tahun",
        "cases.col_total": "Jumlah",
        "cases.download": "Unduh tabel kasus (CSV)",
        "cases.about_title": "Tentang angka ini",
        "cases.about_body": (
            "- **<5** berarti 1 sampai 4 kasus. Angka sekecil itu tidak ditampilkan supaya korban "
            "tidak dapat dikenali.\n"
            "- **x** berarti angka disembunyikan (selalu 5 atau lebih) supaya angka <5 tidak dapat "
            "dihitung dari jumlah dan angka lain di tabel yang sama.\n"
            "- **0-4** berarti 0 sampai 4 kasus: rincian dari jumlah di bawah 5, juga nol, ditampilkan "
            "begitu agar angka kecilnya tidak dapat ditebak.\n"
            "- Unduhan CSV mengikuti aturan yang sama: kolom *jumlah* kosong untuk angka yang "
            "disembunyikan, kolom *tampil* berisi <5, 0-4 atau x.\n"
            "- Angka tahun tertentu diterbitkan bersama hasil evaluasi KLA tahun berikutnya "
            "(evaluasi tahun itu menilai data tahun sebelumnya).\n"
            "- Kategori mengikuti SIMFONI-PPA. Sumber: DP3A dan UPTD PPA {region}, Polres, dan "
            "lembaga layanan."
        ),
        "cases.hidden_note": ("<5 = 1-4 kasus; 0-4 = 0 sampai 4 kasus; x = disembunyikan agar angka kecil tidak dapat "
                              "dihitung balik; … = rincian tahun itu tidak ditampilkan karena kasusnya terlalu sedikit "
                              "untuk dilindungi."),
        # staff
        "cases.staff_title": "Data Kasus Klaster V",
        "cases.staff_caption": (
            "Angka asli (tanpa penyembunyian) untuk Gugus Tugas KLA, DP3A dan UPTD PPA. Halaman "
            "publik hanya menampilkan versi yang disamarkan."
        ),
        "cases.not_allowed": (
            "Data kasus hanya untuk admin, Gugus Tugas KLA, dan petugas DP3A atau UPTD PPA."
        ),
        "cases.years_title": "Ringkasan per tahun (angka asli)",
        "cases.no_data": "Belum ada data kasus untuk wilayah ini. Petugas DP3A atau UPTD PPA mengisinya di tabel di bawah atau mengimpor berkas CSV.",
        "cases.public_from": "Tahun yang sudah tampil di halaman publik: {years}.",
        "cases.public_none": "Belum ada tahun yang tampil di halaman publik.",
        "cases.grid_title": "Isi atau ubah data satu tahun",
        "cases.grid_caption": (
            "Satu baris untuk setiap gabungan kategori. Menyimpan mengganti seluruh data tahun itu; "
            "baris dengan jumlah 0 atau kosong dibuang."
        ),
        "cases.grid_year": "Tahun data",
        "cases.stated_women": "Jumlah kasus perempuan dewasa yang dilaporkan (opsional)",
        "cases.stated_children": "Jumlah kasus anak yang dilaporkan (opsional)",
        "cases.stated_help": "Bila diisi, rincian harus berjumlah tepat sama.",
        "cases.save": "Simpan data {year}",
        "cases.saved": "Data {year} disimpan: {rows} baris, {total} kasus (sebelumnya {before}).",
        "cases.read_only": "Peran Anda hanya dapat melihat data ini.",
        "cases.import_title": "Impor dari CSV",
        "cases.import_caption": (
            "Kolom: {columns}. Pemisah koma atau titik koma; UTF-8 atau Windows-1252. Setiap tahun "
            "dalam berkas mengganti data tahun itu. Baris berisi 'jumlah' di kolom jenis_kekerasan "
            "menyatakan jumlah satu kelompok korban sebagai pemeriksa."
        ),
        "cases.import_file": "Berkas CSV",
        "cases.check": "Periksa saja (tanpa menyimpan)",
        "cases.import": "Impor",
        "cases.import_ok_dry": "Pemeriksaan lolos ({rows} baris, {encoding}, pemisah '{separator}'). Belum ada yang disimpan:",
        "cases.import_ok": "Impor selesai ({rows} baris):",
        "cases.change_line": "- {year}: {rows_before} → {rows_after} baris, {total_before} → {total_after} kasus",
        "cases.template": "Unduh contoh CSV",
        "cases.col_group": "Kelompok korban",
        "cases.col_type": "Jenis kekerasan",
        "cases.col_sex": "Jenis kelamin",
        "cases.col_age": "Umur",
        "cases.col_cause": "Penyebab",
        "cases.col_source": "Sumber",
        "cases.col_place": "Tempat",
        "cases.col_service": "Layanan",
        "cases.col_adult_women": "Perempuan dewasa",
        "cases.col_children": "Anak",
    },
    "en": {
        "page.cases": "Cluster V Case Data",
        "cases.public_title": "Statistics of Violence against Women and Children",
        "cases.public_caption": (
            "Cluster V (Special Protection): cases handled by DP3A/UPTD PPA and their partners each "
            "year. Aggregate counts only, never a person's data."
        ),
        "cases.none": (
            "{region} has not published case statistics yet. A year's figures appear here once the "
            "following year's KLA evaluation is published."
        ),
        "cases.trend_title": "Cases per year",
        "cases.trend_caption": "Cases of violence against adult women and against children.",
        "cases.trend_alt": "Bar chart of cases per year, split into adult women and children.",
        "cases.breakdown_title": "Breakdown by year",
        "cases.year": "Year",
        "cases.by_violence_type": "By type of violence",
        "cases.by_victim_sex": "By victim's sex",
        "cases.by_age_group": "By victim's age group",
        "cases.by_victim_group": "By victim group",
        "cases.breakdown_alt": "Bar chart of {year} cases {what}.",
        "cases.col_category": "Category",
        "cases.col_count": "Cases",
        "cases.col_year": "Year",
        "cases.col_total": "Total",
        "cases.download": "Download case table (CSV)",
        "cases.about_title": "About these figures",
        "cases.about_body": (
            "- **<5** means 1 to 4 cases. Counts that small are not shown, so that no victim can be "
            "recognised.\n"
            "- **x** means a count is hidden (always 5 or more) so that a <5 count cannot be worked "
            "out from the total and the other numbers of the same table.\n"
            "- **0-4** means 0 to 4 cases: the parts of a total below 5, zeros included, are shown so "
            "that their small counts cannot be guessed.\n"
            "- The CSV download follows the same rule: the *jumlah* column is empty for hidden counts "
            "and the *tampil* column says <5, 0-4 or x.\n"
            "- A year's figures are published with the following year's KLA evaluation (each "
            "evaluation assesses the previous year's data).\n"
            "- Categories follow SIMFONI-PPA. Sources: DP3A and UPTD PPA of {region}, the police and "
            "service providers."
        ),
        "cases.hidden_note": ("<5 = 1-4 cases; 0-4 = 0 to 4 cases; x = hidden so that a small count cannot be worked "
                              "back; … = that year's breakdown is withheld, its cases too few to protect."),
        "cases.staff_title": "Cluster V Case Data",
        "cases.staff_caption": (
            "True counts (nothing hidden) for the KLA task force, DP3A and UPTD PPA. The public page "
            "shows only the suppressed version."
        ),
        "cases.not_allowed": "Case data is only for the admin, the KLA task force, and DP3A or UPTD PPA staff.",
        "cases.years_title": "Summary per year (true counts)",
        "cases.no_data": "No case data for this region yet. The DP3A or UPTD PPA focal point fills in the grid below or imports a CSV file.",
        "cases.public_from": "Years already on the public page: {years}.",
        "cases.public_none": "No year is on the public page yet.",
        "cases.grid_title": "Enter or change one year's data",
        "cases.grid_caption": (
            "One row per combination of categories. Saving replaces the whole year; rows with a count "
            "of 0 or none are dropped."
        ),
        "cases.grid_year": "Data year",
        "cases.stated_women": "Reported cases against adult women (optional)",
        "cases.stated_children": "Reported cases against children (optional)",
        "cases.stated_help": "If given, the breakdown must add up to exactly this.",
        "cases.save": "Save {year} data",
        "cases.saved": "{year} data saved: {rows} rows, {total} cases (before: {before}).",
        "cases.read_only": "Your role can only view this data.",
        "cases.import_title": "Import from CSV",
        "cases.import_caption": (
            "Columns: {columns}. Comma or semicolon separated; UTF-8 or Windows-1252. Each year in "
            "the file replaces that year's data. A row with 'jumlah' in the jenis_kekerasan column "
            "states a victim group's total as a check."
        ),
        "cases.import_file": "CSV file",
        "cases.check": "Check only (save nothing)",
        "cases.import": "Import",
        "cases.import_ok_dry": "Check passed ({rows} rows, {encoding}, separator '{separator}'). Nothing saved yet:",
        "cases.import_ok": "Import done ({rows} rows):",
        "cases.change_line": "- {year}: {rows_before} → {rows_after} rows, {total_before} → {total_after} cases",
        "cases.template": "Download sample CSV",
        "cases.col_group": "Victim group",
        "cases.col_type": "Type of violence",
        "cases.col_sex": "Sex",
        "cases.col_age": "Age",
        "cases.col_cause": "Cause",
        "cases.col_source": "Source",
        "cases.col_place": "Place",
        "cases.col_service": "Service",
        "cases.col_adult_women": "Adult women",
        "cases.col_children": "Children",
    },
}
