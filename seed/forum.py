"""The demo's Forum Anak view: what the children's forum of Kota Kupang said of the 2024 evaluation
when it met before Hari Anak Nasional. Illustrative, in the children's own plain words; no child is
named."""
from __future__ import annotations

from datetime import UTC, date, datetime

from data.models import EvaluationCycle, ForumView, User

FORUM_MET_ON = date(2024, 7, 20)
FORUM_2024 = [
    ("KELEMBAGAAN", 3, "Kami diundang ke Musrenbang kota, tetapi usulan kami belum terlihat hasilnya."),
    ("KLASTER_I", 4, "Banyak teman sudah punya akta kelahiran dan KIA. Di Alak masih ada yang belum."),
    ("KLASTER_II", 3, "Konseling keluarga di Puspaga baik, tapi banyak orang tua belum tahu tempatnya."),
    ("KLASTER_III", 3, "Air bersih di sekolah sering mati saat musim kemarau. Puskesmas ramah, antreannya panjang."),
    ("KLASTER_IV", 2, "Taman bermain dan perpustakaan jauh dari kelurahan kami. Sekolah ramah anak baru sebagian."),
    ("KLASTER_V", 3, "Kami ingin tahu harus lapor ke mana kalau teman mengalami kekerasan; "
                     "nomor pengaduan belum dikenal."),
    ("KELANA_DEKELA", 2, "Forum anak baru ada di sebagian kelurahan; kami ingin ada di setiap kecamatan."),
]


def add_forum_view(session, region, cycle: EvaluationCycle, facilitator: User) -> None:
    recorded = datetime(2024, 7, 22, 10, tzinfo=UTC)
    for code, rating, comment in FORUM_2024:
        session.add(ForumView(region_id=region.id, cycle_id=cycle.id, group_code=code, rating=rating,
                              comment=comment, met_on=FORUM_MET_ON, version=1, recorded_by_id=facilitator.id,
                              recorded_at=recorded))
