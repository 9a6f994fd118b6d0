"""The demo's action plan: the decisions of Kota Kupang's Rakor Gugus Tugas KLA of March 2024
(the seed articles: OPDs that "still work alone", coordination as the key), carried into the 2025
cycle as actions; some done, some running late, one only proposed. Illustrative, not the city's
real plan."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TypedDict

from data.models import ActionPlan, ActionUpdate, EvaluationCycle, Meeting, MeetingAttendance, ReportingUnit, User

# indicator, questions, title, output, lead, supporting, due (a timedelta: from the day the demo is loaded),
# budget (Rp), source, status, progress, notes
RAKOR_2024_DECISIONS = [
    ("19", ["19.2b", "19.2c"], "SK Wali Kota tentang Sekolah Ramah Anak untuk semua SD/MI dan SMP/MTs",
     "SK penetapan SRA dan daftar sekolahnya", "disdikbud", ["dp3a", "kemenag"], date(2025, 6, 30),
     25_000_000, "APBD", "done", 100, ["Draf SK dibahas bersama Kemenag", "SK Wali Kota terbit Juni 2025"]),
    ("13", ["13.3"], "Pendampingan gizi baduta di enam kecamatan", "Kelas gizi di setiap puskesmas",
     "dinkes", ["bappeda", "dp3a"], timedelta(days=24), 120_000_000, "APBD", "in_progress", 60,
     ["Kelas gizi berjalan di 7 dari 11 puskesmas"]),
    ("4", ["4.3"], "Jemput bola Kartu Identitas Anak di sekolah", "KIA untuk siswa SD kelas 1-6",
     "disdukcapil", ["disdikbud"], date(2025, 5, 31), 15_000_000, "APBD", "in_progress", 40,
     ["Baru 20 SD dikunjungi; alat cetak KIA rusak dua bulan"]),
    ("1", ["1.1"], "Pembaruan Perda Kota Layak Anak", "Naskah akademik dan rancangan Perda", "bagian_hukum",
     ["dp3a", "bappeda"], date(2025, 11, 30), None, None, "in_progress", 30,
     ["Naskah akademik selesai; rancangan belum masuk Propemperda"]),
    ("25", ["25.2"], "Forum Anak di setiap kecamatan", "SK Forum Anak kecamatan", "dp3a", [],
     timedelta(days=24), 10_000_000, "APBD", "proposed", 0, []),
]


class _Rakor(TypedDict):
    title: str
    held_on: date
    place: str
    agenda: list[dict]
    minutes: str
    present: dict[str, str]  # OPD short name -> who represented it


RAKOR_2024: _Rakor = {
    "title": "Rakor Gugus Tugas KLA Tingkat Kota Kupang Tahun 2024",
    "held_on": date(2024, 3, 14),
    "place": "Aula Bappeda Kota Kupang, Jalan Perintis Kemerdekaan, Kota Baru",
    "agenda": [
        {"topic": "Tindak lanjut keputusan rapat sebelumnya", "items": ["Belum ada rapat sebelumnya yang tercatat."]},
        {"topic": "Rancangan Perda Kota Layak Anak (naskah akademik bersama Kanwil Kemenkumham NTT)",
         "items": ["Jadwal pengesahan dan pembagian tugas Bagian Hukum, DP3A dan Bappeda"]},
        {"topic": "Lima klaster KLA: capaian dan kesenjangan terbesar evaluasi 2023",
         "items": ["Hak sipil: Kartu Identitas Anak", "Kesehatan: gizi baduta",
                   "Pendidikan: Sekolah Ramah Anak", "Partisipasi anak: Forum Anak kecamatan"]},
        {"topic": "Koordinasi dan integrasi antar-OPD",
         "items": ["Rapat per klaster bersama OPD dan pemangku kepentingan"]},
        {"topic": "Keputusan dan pembagian tugas (dicatat sebagai rencana aksi)", "items": []},
    ],
    "minutes": ("Rapat dibuka Kepala DP3A atas nama Ketua Gugus Tugas. Semua OPD berupaya mewujudkan Kota Kupang "
                "sebagai Kota Layak Anak, namun koordinasi dan integrasi antar-OPD masih harus diperkuat: OPD masih "
                "bekerja sendiri-sendiri. Naskah akademik Perda KLA sudah disusun bersama Kanwil Kemenkumham NTT. "
                "Disepakati rapat per klaster bersama semua OPD dan pemangku kepentingan, dan lima keputusan berikut "
                "dicatat sebagai rencana aksi siklus 2025 dengan OPD penanggung jawabnya."),
    "present": {"bappeda": "Sekretaris Bappeda", "dp3a": "Kepala DP3A", "dinkes": "Kepala Bidang Kesehatan Masyarakat",
                "disdikbud": "Sekretaris Dinas", "disdukcapil": "Kepala Bidang Pelayanan Pendaftaran Penduduk",
                "dinsos": "Kepala Bidang Rehabilitasi Sosial", "bagian_hukum": "Kepala Bagian Hukum",
                "kemenag": "Kepala Seksi Pendidikan Madrasah", "uptd_ppa": "Kepala UPTD PPA",
                "diskominfo": "Kepala Bidang Informasi Publik", "forum_anak": "Pendamping Forum Anak"},
}
"""The Rakor of 14 March 2024 (the seed article of Timex Kupang): where and when, what was discussed;
the representatives are named by office, not by person."""


def add_rakor(session, region, cycle: EvaluationCycle, units: dict[str, ReportingUnit], chair: User) -> Meeting:
    """The March 2024 Rakor, held, with its attendance and minutes; its decisions are the actions."""
    created = datetime(2024, 3, 11, 9, tzinfo=UTC)
    meeting = Meeting(region_id=region.id, cycle_id=cycle.id, title=RAKOR_2024["title"],
                      held_on=RAKOR_2024["held_on"], place=RAKOR_2024["place"], agenda=RAKOR_2024["agenda"],
                      minutes=RAKOR_2024["minutes"], status="held", version=2, created_by_id=chair.id,
                      created_at=created, updated_at=datetime(2024, 3, 15, 8, tzinfo=UTC))
    session.add(meeting)
    session.flush()
    for short, unit in sorted(units.items()):
        if unit.kind == "opd" and unit.active:
            representative = RAKOR_2024["present"].get(short)
            session.add(MeetingAttendance(meeting_id=meeting.id, reporting_unit_id=unit.id,
                                          present=representative is not None, representative=representative))
    return meeting


def add_actions(session, region, cycle: EvaluationCycle, units: dict[str, ReportingUnit], users: dict[str, User],
                catalog, chair: User, today: date) -> None:
    """The Rakor's decisions as actions of `cycle`, with their progress reports."""
    meeting = add_rakor(session, region, cycle, units, chair)
    points = {i.code: float(i.max_points) for i in catalog.indicators}
    for number, (indicator, questions, title, output, lead, supporting, due, budget, source, status, progress,
                 notes) in enumerate(RAKOR_2024_DECISIONS):
        created = datetime(2025, 3, 20, 9, tzinfo=UTC)
        action = ActionPlan(region_id=region.id, cycle_id=cycle.id, indicator_code=indicator, question_codes=questions,
                            title=title, output=output, lead_unit_id=units[lead].id,
                            supporting_unit_ids=[units[s].id for s in supporting],
                            due_date=today + due if isinstance(due, timedelta) else due, budget_amount=budget,
                            budget_source=source, points=points[indicator], status=status, progress=progress,
                            version=1 + len(notes), created_by_id=chair.id, created_at=created, updated_at=created,
                            meeting_id=meeting.id)
        session.add(action)
        session.flush()
        author = users.get(f"opd.{lead}")
        for step, note in enumerate(notes, start=1):
            last = step == len(notes)
            session.add(ActionUpdate(action_id=action.id, author_id=author.id if author else chair.id,
                                     status=status if last else "in_progress",
                                     progress=progress if last else progress / 2, note=note,
                                     created_at=datetime(2025, 4 + 2 * step + number % 2, 10, 14, tzinfo=UTC)))
