"""The Forum Anak's view (data/services/forum/views.py, indicators/forum.py): recorded by its
facilitator per group with a rating, a short comment and the day they met; read by the task force,
and by the public only for a published cycle; bad input and other roles refused with nothing
changed; every change audited."""
from datetime import date

import pytest

from data.errors import InvalidInput, NotFound, PermissionDenied
from data.services.forum.views import forum_groups, forum_views, public_forum_views, record_views
from review_fixtures import account, audit_of, second_region, snapshot

TODAY = date(2026, 12, 4)


def test_the_facilitator_records_and_the_task_force_reads_it(seeded_engine):
    forum = account(seeded_engine, "forum.anak")
    count = record_views(seeded_engine, forum, None, 2025, met_on=date(2026, 11, 28), today=TODAY,
                         ratings={"KLASTER_I": (4, "KIA sudah dibagikan di sekolah <b>kami</b>."),
                                  "KLASTER_IV": (2, ""), "KLASTER_V": (None, "")})
    assert count == 2
    chair = account(seeded_engine, "ketua")
    views = forum_views(seeded_engine, chair, None, 2025)
    assert views[["group_code", "rating", "comment"]].values.tolist() == [
        ["KLASTER_I", 4, "KIA sudah dibagikan di sekolah <b>kami</b>."], ["KLASTER_IV", 2, ""]]
    record_views(seeded_engine, forum, None, 2025, met_on=date(2026, 12, 1), today=TODAY,
                 ratings={"KLASTER_I": (5, "Lebih baik.")})
    again = forum_views(seeded_engine, forum, None, 2025)
    assert again[again["group_code"] == "KLASTER_I"][["rating", "met_on"]].values.tolist() == [[5, date(2026, 12, 1)]]
    assert len(audit_of(seeded_engine, "forum.record")) == 2
    assert [g["code"] for g in forum_groups(seeded_engine, forum, None, 2025)][:2] == ["KELEMBAGAAN", "KLASTER_I"]


def test_the_public_sees_it_only_for_a_published_cycle(seeded_engine):
    published = public_forum_views(seeded_engine, "53.71", 2024)
    assert len(published) == 7 and published["met_on"].iloc[0] == date(2024, 7, 20)  # the demo's 2024 view
    record_views(seeded_engine, account(seeded_engine, "forum.anak"), None, 2025, met_on=date(2026, 11, 28),
                 today=TODAY, ratings={"KLASTER_I": (4, "Baik.")})
    with pytest.raises(NotFound, match="belum diterbitkan"):
        public_forum_views(seeded_engine, "53.71", 2025)


@pytest.mark.parametrize("ratings, met_on, message", [
    ({"KLASTER_I": (6, "")}, date(2026, 11, 1), "Klaster I: Hak Sipil dan Kebebasan: pilih penilaian 1 sampai 5."),
    ({"KLASTER_I": (True, "")}, date(2026, 11, 1), "Klaster I: Hak Sipil dan Kebebasan: pilih penilaian 1 sampai 5."),
    ({"KLASTER_I": (3, "x" * 501)}, date(2026, 11, 1),
     "Klaster I: Hak Sipil dan Kebebasan: Komentar terlalu panjang (501 karakter); maksimal 500."),
    ({"KLASTER_I": (3, "")}, None, "Isi tanggal pertemuan Forum Anak."),
    ({"KLASTER_I": (3, "")}, date(2026, 12, 25), "Tanggal pertemuan 25 Desember 2026 belum tiba."),
    ({"KLASTER_I": (3, "")}, date(2023, 5, 1), "Tanggal pertemuan 1 Mei 2023 di luar masa siklus 2025."),
    ({"KLASTER_IX": (3, "")}, date(2026, 11, 1), "Kelompok 'KLASTER_IX' tidak ada dalam instrumen siklus 2025."),
    ({"KLASTER_I": (None, " ")}, date(2026, 11, 1), "Beri penilaian untuk sedikitnya satu klaster."),
])
def test_bad_views_are_refused_and_nothing_changes(seeded_engine, ratings, met_on, message):
    forum = account(seeded_engine, "forum.anak")
    before = snapshot(seeded_engine), len(forum_views(seeded_engine, forum, None, 2025))
    with pytest.raises(InvalidInput) as raised:
        record_views(seeded_engine, forum, None, 2025, ratings=ratings, met_on=met_on, today=TODAY)
    assert message in raised.value.messages, raised.value.messages
    assert (snapshot(seeded_engine), len(forum_views(seeded_engine, forum, None, 2025))) == before


def test_only_the_facilitator_or_admin_records_and_only_in_their_region(seeded_engine):
    second_region(seeded_engine)
    before = snapshot(seeded_engine)
    for username in ("ketua", "sekretariat", "opd.dp3a"):
        with pytest.raises(PermissionDenied):
            record_views(seeded_engine, account(seeded_engine, username), None, 2025, met_on=date(2026, 11, 1),
                         today=TODAY, ratings={"KLASTER_I": (3, "")})
    with pytest.raises(PermissionDenied):
        forum_views(seeded_engine, account(seeded_engine, "opd.dp3a"), None, 2025)
    forum = account(seeded_engine, "forum.anak")
    with pytest.raises(PermissionDenied):
        record_views(seeded_engine, forum, "53.01", 2025, met_on=date(2026, 11, 1), today=TODAY,
                     ratings={"KLASTER_I": (3, "")})
    with pytest.raises(PermissionDenied):
        forum_views(seeded_engine, account(seeded_engine, "ketua.kab"), "53.71", 2025)
    assert snapshot(seeded_engine) == before
    admin = account(seeded_engine, "admin")
    assert record_views(seeded_engine, admin, "53.71", 2025, met_on=date(2026, 11, 1), today=TODAY,
                        ratings={"KLASTER_II": (3, "")}) == 1
