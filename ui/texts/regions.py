"""Texts of the Wilayah page: the regions a deployment hosts and the official Kemendagri list."""

TEXTS = {
    "id": {
        "page.regions": "Wilayah",
        "regions.title": "Wilayah",
        "regions.caption": (
            "Kabupaten/kota yang memakai Pantau KLA di instalasi ini. Kode diperiksa terhadap daftar resmi "
            "{list} ({regencies} kabupaten/kota, {kecamatan} kecamatan, {villages} desa/kelurahan)."
        ),
        "regions.none": "Belum ada wilayah. Tambahkan kabupaten/kota pertama di bawah.",
        "regions.col_code": "Kode",
        "regions.col_name": "Nama",
        "regions.col_province": "Provinsi",
        "regions.col_units": "Unit aktif",
        "regions.col_cycles": "Siklus",
        "regions.tab_add": "Tambah wilayah",
        "regions.tab_rename": "Ubah nama",
        "regions.tab_areas": "Kecamatan & kelurahan",
        "regions.tab_list": "Daftar resmi",
        "regions.province": "Provinsi",
        "regions.choose_province": "Pilih provinsi",
        "regions.choose_regency": "Pilih kabupaten/kota",
        "regions.choose_regency_first": "Pilih dulu kabupaten/kota yang ditambahkan.",
        "regions.regency": "Kabupaten/kota",
        "regions.all_hosted": "Semua kabupaten/kota provinsi ini sudah ada di instalasi.",
        "regions.name": "Nama yang dipakai (opsional)",
        "regions.name_help": "Kosongkan untuk memakai nama pada daftar resmi.",
        "regions.add": "Tambah wilayah",
        "regions.added": "{name} ({code}) ditambahkan. Lanjutkan dengan kecamatan dan kelurahannya, lalu akun sekretariat di halaman Pengguna.",
        "regions.region": "Wilayah",
        "regions.new_name": "Nama baru",
        "regions.rename": "Simpan nama",
        "regions.renamed": "Nama wilayah {code} sekarang {name}.",
        "regions.areas_intro": (
            "Buat kecamatan dan kelurahan/desa wilayah ini dari daftar resmi dalam satu langkah, lengkap "
            "dengan kodenya. Unit yang sudah ada tidak diubah; yang bernama sama diberi kodenya."
        ),
        "regions.areas_preview": (
            "Akan dibuat {kecamatan} kecamatan, {kelurahan} kelurahan dan {desa} desa; {coded} unit yang sudah "
            "ada diberi kodenya; {unchanged} sudah lengkap."
        ),
        "regions.areas_nothing": "Semua kecamatan dan kelurahan daftar resmi sudah ada, lengkap dengan kodenya.",
        "regions.areas_apply": "Buat dari daftar resmi",
        "regions.areas_done": "Dibuat {kecamatan} kecamatan, {kelurahan} kelurahan dan {desa} desa; {coded} unit diberi kodenya.",
        "regions.list_intro": (
            "Daftar yang dimuat: {list}. Muat daftar yang lebih baru bila Kemendagri menerbitkannya: dua berkas "
            "CSV dengan kolom yang sama seperti data/reference/ (kode,nama,tingkat,kode_provinsi,nama_provinsi; "
            "kode,nama,tingkat). Seluruh daftar diganti, atau tidak sama sekali bila ada masalah."
        ),
        "regions.list_regions": "CSV provinsi dan kabupaten/kota",
        "regions.list_areas": "CSV kecamatan dan desa/kelurahan",
        "regions.list_name": "Nama daftar (mis. nomor Kepmendagri)",
        "regions.list_load": "Muat daftar",
        "regions.list_loaded": "Daftar '{list}' dimuat: {regencies} kabupaten/kota, {kecamatan} kecamatan, {villages} desa/kelurahan.",
    },
    "en": {
        "page.regions": "Regions",
        "regions.title": "Regions",
        "regions.caption": (
            "The kab/kota using Pantau KLA on this deployment. Codes are checked against the official list "
            "{list} ({regencies} kab/kota, {kecamatan} kecamatan, {villages} desa/kelurahan)."
        ),
        "regions.none": "No region yet. Add the first kab/kota below.",
        "regions.col_code": "Code",
        "regions.col_name": "Name",
        "regions.col_province": "Province",
        "regions.col_units": "Active units",
        "regions.col_cycles": "Cycles",
        "regions.tab_add": "Add a region",
        "regions.tab_rename": "Rename",
        "regions.tab_areas": "Kecamatan & kelurahan",
        "regions.tab_list": "Official list",
        "regions.province": "Province",
        "regions.choose_province": "Choose a province",
        "regions.choose_regency": "Choose a regency or city",
        "regions.choose_regency_first": "Choose the regency or city to add first.",
        "regions.regency": "Kab/kota",
        "regions.all_hosted": "Every kab/kota of this province is already hosted.",
        "regions.name": "Name to use (optional)",
        "regions.name_help": "Leave empty to use the official name.",
        "regions.add": "Add the region",
        "regions.added": "{name} ({code}) added. Continue with its kecamatan and kelurahan, then the secretariat's account on the Users page.",
        "regions.region": "Region",
        "regions.new_name": "New name",
        "regions.rename": "Save the name",
        "regions.renamed": "Region {code} is now named {name}.",
        "regions.areas_intro": (
            "Create this region's kecamatan and kelurahan/desa from the official list in one step, with their "
            "codes. Existing units are not changed; those of the same name receive their code."
        ),
        "regions.areas_preview": (
            "{kecamatan} kecamatan, {kelurahan} kelurahan and {desa} desa will be created; {coded} existing units "
            "receive their code; {unchanged} are complete."
        ),
        "regions.areas_nothing": "Every kecamatan and kelurahan of the official list exists, with its code.",
        "regions.areas_apply": "Create from the official list",
        "regions.areas_done": "Created {kecamatan} kecamatan, {kelurahan} kelurahan and {desa} desa; {coded} units received their code.",
        "regions.list_intro": (
            "Loaded list: {list}. Load a newer list when the ministry issues one: two CSV files with the columns "
            "of data/reference/ (kode,nama,tingkat,kode_provinsi,nama_provinsi; kode,nama,tingkat). The whole "
            "list is replaced, or nothing when there is a problem."
        ),
        "regions.list_regions": "CSV of provinces and kab/kota",
        "regions.list_areas": "CSV of kecamatan and desa/kelurahan",
        "regions.list_name": "Name of the list (e.g. the decree number)",
        "regions.list_load": "Load the list",
        "regions.list_loaded": "List '{list}' loaded: {regencies} kab/kota, {kecamatan} kecamatan, {villages} desa/kelurahan.",
    },
}
