"""Texts of the public pages added for issue 5 (indicators by group, the per-indicator page).
The original public.* keys of the summary stay in ui/i18n.py."""

TEXTS = {
    "id": {
        "pub.year": "Tahun evaluasi",
        "pub.url_unknown_region": ("Wilayah '{value}' pada tautan tidak ada di antara wilayah yang sudah menerbitkan "
                                   "hasil evaluasi; yang ditampilkan {name}."),
        "pub.url_unpublished_year": ("Evaluasi {value} {region} belum diterbitkan; yang ditampilkan evaluasi {year} "
                                     "(yang sudah diterbitkan: {years})."),
        "pub.url_unknown_year": "Tahun '{value}' pada tautan tidak dikenal; yang ditampilkan evaluasi {year}.",
        "pub.url_unknown_page": "Halaman '/{path}' tidak ada; yang ditampilkan Ringkasan Publik.",
        "pub.url_unknown_indicator": "Indikator '{value}' pada tautan tidak ada; yang ditampilkan indikator {code}.",
        "pub.coverage": "Terverifikasi",
        "pub.coverage_value": "{verified} dari {count} pertanyaan",
        "pub.coverage_help": ("Pertanyaan instrumen yang jawabannya sudah diverifikasi Gugus Tugas KLA. "
                              "Pertanyaan yang belum diverifikasi dihitung 0 poin."),
        "pub.partial": ("**Hasil sebagian.** Siklus ini diterbitkan dengan {coverage}; pertanyaan yang belum "
                        "diverifikasi dihitung 0, jadi nilainya belum menggambarkan capaian sebenarnya. "
                        "Alasan Gugus Tugas menerbitkannya: {reason}"),
        "pub.partial_no_reason": "tidak dicatat (diterbitkan sebelum alasan diwajibkan).",
        "page.public_indicator": "Indikator Publik",
        "page.public_cases": "Statistik Kasus",
        "pub.indicators_title": "Indikator per kelompok",
        "pub.indicators_caption": (
            "Buka kelompok untuk melihat indikatornya: nilai terverifikasi evaluasi {year}, nilai "
            "evaluasi sebelumnya, definisi, dan OPD sumber datanya."
        ),
        "pub.indicators_caption_first": (
            "Buka kelompok untuk melihat indikatornya: nilai terverifikasi evaluasi {year}, "
            "definisi, dan OPD sumber datanya."
        ),
        "pub.group_label": "{name} · {points} / {max}",
        "pub.col_code": "Kode",
        "pub.col_indicator": "Indikator",
        "pub.col_previous": "Nilai {year}",
        "pub.col_points_year": "Nilai {year}",
        "pub.open_indicator": "Rincian indikator {code}",
        "pub.definition": "Definisi",
        "pub.sources": "Sumber data",
        "pub.source_note": "Sumber instrumen: {source}",
        "pub.download_indicators": "Unduh semua indikator (CSV)",
        "pub.download_trend": "Unduh tren nilai total (CSV)",
        "pub.more_title": "Lihat juga",
        "pub.link_indicator": "Halaman per indikator",
        "pub.link_cases": "Statistik kasus kekerasan (Klaster V)",
        "pub.chart_indicators_alt": "Diagram batang nilai tiap indikator kelompok {group} dibandingkan nilai maksimumnya.",
        # per-indicator page
        "pub.ind_title": "Indikator KLA",
        "pub.ind_caption": (
            "Satu indikator dari waktu ke waktu: nilai terverifikasi setiap evaluasi yang sudah "
            "diterbitkan, pertanyaan-pertanyaannya, dan keterangannya."
        ),
        "pub.ind_pick": "Indikator",
        "pub.ind_heading": "Indikator {code}. {name}",
        "pub.ind_group": "Kelompok: {group}",
        "pub.ind_latest": "Nilai {year}",
        "pub.ind_latest_value": "{points} / {max}",
        "pub.ind_change": "Dibanding {year}",
        "pub.ind_change_value": "{sign}{points} poin",
        "pub.ind_trend_title": "Nilai dari waktu ke waktu",
        "pub.ind_trend_alt": "Diagram batang nilai indikator {code} per tahun evaluasi dibandingkan nilai maksimumnya.",
        "pub.ind_questions_title": "Pertanyaan dan jawaban terverifikasi ({year})",
        "pub.ind_questions_caption": (
            "Jawaban yang sudah diverifikasi Gugus Tugas KLA pada evaluasi {year} dan nilainya. "
            "Pertanyaan tanpa jawaban terverifikasi bernilai 0."
        ),
        "pub.col_question": "Pertanyaan",
        "pub.col_answer": "Jawaban terverifikasi",
        "pub.no_answer": "belum terverifikasi",
        "pub.ind_meta_title": "Keterangan indikator",
        "pub.meta_definition": "Definisi",
        "pub.meta_satu_data": "Metadata Satu Data Indonesia",
        "pub.meta_satu_data_caption": ("Unsur metadata indikator menurut Satu Data Indonesia (Perpres 39/2019); sama "
                                       "dengan berkas metadata_indikator dalam paket data terbuka wilayah ini."),
        "pub.meta_element": "Unsur",
        "pub.meta_value": "Isi",
        "pub.meta_scoring": "Cara penilaian",
        "pub.meta_scoring_body": (
            "Nilai maksimum indikator ini {max} poin, dibagi atas {count} pertanyaan. Tim verifikasi "
            "menetapkan nilai setiap pertanyaan dalam batas maksimumnya; nilai indikator adalah "
            "jumlahnya. Jenis pertanyaan: {types}."
        ),
        "pub.meta_responsible": "OPD penanggung jawab data",
        "pub.meta_source": "Sumber",
        "pub.meta_source_body": "Instrumen {version}. {source}",
        "pub.download_ind_trend": "Unduh nilai per tahun (CSV)",
        "pub.download_ind_questions": "Unduh pertanyaan dan jawaban (CSV)",
        "pub.back_summary": "Kembali ke ringkasan",
        "pub.type_count": "{name} ({count})",
    },
    "en": {
        "pub.year": "Evaluation year",
        "pub.url_unknown_region": ("The region '{value}' in the link is not among the regions that have published an "
                                   "evaluation; showing {name}."),
        "pub.url_unpublished_year": ("The {value} evaluation of {region} is not published; showing the {year} "
                                     "evaluation (published: {years})."),
        "pub.url_unknown_year": "The year '{value}' in the link is not a year; showing the {year} evaluation.",
        "pub.url_unknown_page": "There is no page '/{path}'; showing the public summary.",
        "pub.url_unknown_indicator": "The indicator '{value}' in the link does not exist; showing indicator {code}.",
        "pub.coverage": "Verified",
        "pub.coverage_value": "{verified} of {count} questions",
        "pub.coverage_help": ("Questions of the instrument whose answer the KLA task force has verified. "
                              "Questions not yet verified count 0 points."),
        "pub.partial": ("**Partial result.** This cycle was published with {coverage}; questions not yet verified "
                        "count 0, so the score does not yet reflect what the city achieved. The task force's "
                        "reason for publishing it: {reason}"),
        "pub.partial_no_reason": "not recorded (published before a reason was required).",
        "page.public_indicator": "Public Indicators",
        "page.public_cases": "Case Statistics",
        "pub.indicators_title": "Indicators by group",
        "pub.indicators_caption": (
            "Open a group to see its indicators: verified score of the {year} evaluation, the "
            "previous evaluation's score, definition, and the OPDs that supply the data."
        ),
        "pub.indicators_caption_first": (
            "Open a group to see its indicators: verified score of the {year} evaluation, "
            "definition, and the OPDs that supply the data."
        ),
        "pub.group_label": "{name} · {points} / {max}",
        "pub.col_code": "Code",
        "pub.col_indicator": "Indicator",
        "pub.col_previous": "Score {year}",
        "pub.col_points_year": "Score {year}",
        "pub.open_indicator": "Indicator {code} in detail",
        "pub.definition": "Definition",
        "pub.sources": "Data sources",
        "pub.source_note": "Source of the instrument: {source}",
        "pub.download_indicators": "Download all indicators (CSV)",
        "pub.download_trend": "Download total score trend (CSV)",
        "pub.more_title": "See also",
        "pub.link_indicator": "Page per indicator",
        "pub.link_cases": "Violence case statistics (Cluster V)",
        "pub.chart_indicators_alt": "Bar chart of each indicator's score in {group} against its maximum.",
        "pub.ind_title": "KLA Indicator",
        "pub.ind_caption": (
            "One indicator over time: its verified score in every published evaluation, its "
            "questions, and what it measures."
        ),
        "pub.ind_pick": "Indicator",
        "pub.ind_heading": "Indicator {code}. {name}",
        "pub.ind_group": "Group: {group}",
        "pub.ind_latest": "Score {year}",
        "pub.ind_latest_value": "{points} / {max}",
        "pub.ind_change": "Compared with {year}",
        "pub.ind_change_value": "{sign}{points} points",
        "pub.ind_trend_title": "Score over time",
        "pub.ind_trend_alt": "Bar chart of indicator {code}'s score per evaluation year against its maximum.",
        "pub.ind_questions_title": "Questions and verified answers ({year})",
        "pub.ind_questions_caption": (
            "Answers verified by the KLA task force in the {year} evaluation and their points. "
            "A question without a verified answer scores 0."
        ),
        "pub.col_question": "Question",
        "pub.col_answer": "Verified answer",
        "pub.no_answer": "not verified",
        "pub.ind_meta_title": "About this indicator",
        "pub.meta_definition": "Definition",
        "pub.meta_satu_data": "Satu Data Indonesia metadata",
        "pub.meta_satu_data_caption": ("The indicator's metadata as Satu Data Indonesia asks for it (Perpres 39/2019); "
                                       "the same as the metadata_indikator file of this region's open-data package."),
        "pub.meta_element": "Element",
        "pub.meta_value": "Value",
        "pub.meta_scoring": "How it is scored",
        "pub.meta_scoring_body": (
            "This indicator is worth at most {max} points, spread over {count} questions. The "
            "verification team sets each question's points within its maximum; the indicator's "
            "score is their sum. Question types: {types}."
        ),
        "pub.meta_responsible": "OPDs responsible for the data",
        "pub.meta_source": "Source",
        "pub.meta_source_body": "Instrument {version}. {source}",
        "pub.download_ind_trend": "Download score per year (CSV)",
        "pub.download_ind_questions": "Download questions and answers (CSV)",
        "pub.back_summary": "Back to the summary",
        "pub.type_count": "{name} ({count})",
    },
}
