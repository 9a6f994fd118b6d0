"""Texts of the peers side-by-side block (the scores page and the public summary)."""

TEXTS = {
    "id": {
        "peers.title": "Dibandingkan kabupaten/kota lain",
        "peers.caption": ("Untuk setiap indikator: berapa kabupaten/kota yang meraih poin penuh, sebagian atau "
                          "tidak sama sekali pada evaluasi {year}, dan posisi {region}. Wilayah lain dihitung "
                          "hanya bila siklusnya sudah diterbitkan."),
        "peers.alone": "Belum ada kabupaten/kota lain yang menerbitkan evaluasi {year}; perbandingan muncul setelahnya.",
        "peers.regions": "Wilayah dibandingkan",
        "peers.rank": "Peringkat di {province}",
        "peers.rank_value": "{rank} dari {count}",
        "peers.unmet": "Belum dipenuhi wilayah mana pun: {codes}.",
        "peers.col_indicator": "Indikator",
        "peers.col_own": "Poin {region}",
        "peers.col_counts": "Wilayah: penuh · sebagian · belum",
        "peers.state.full": "penuh",
        "peers.state.partial": "sebagian",
        "peers.state.none": "belum",
    },
    "en": {
        "peers.title": "Compared with other kab/kota",
        "peers.caption": ("For each indicator: how many kab/kota earn its full points, part of them or none "
                          "in the {year} evaluation, and where {region} stands. Other regions count only once their "
                          "cycle is published."),
        "peers.alone": "No other kab/kota has published its {year} evaluation yet; the comparison appears then.",
        "peers.regions": "Regions compared",
        "peers.rank": "Rank in {province}",
        "peers.rank_value": "{rank} of {count}",
        "peers.unmet": "Met by no region yet: {codes}.",
        "peers.col_indicator": "Indicator",
        "peers.col_own": "{region}'s points",
        "peers.col_counts": "Regions: full · partial · none",
        "peers.state.full": "full",
        "peers.state.partial": "partial",
        "peers.state.none": "none",
    },
}
