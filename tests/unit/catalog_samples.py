"""A small, valid catalog with one question of every answer type, for domain tests."""
import copy


def small_catalog_dict() -> dict:
    return copy.deepcopy({
        "version": "TEST-1",
        "title": {"id": "Katalog uji", "en": "Test catalog"},
        "source": "tests",
        "total_points": 100,
        "predikat": [
            {"code": "pratama", "name": "Pratama", "above": 50, "inclusive": True},
            {"code": "madya", "name": "Madya", "above": 60},
            {"code": "nindya", "name": "Nindya", "above": 70},
        ],
        "data_sources": {"dp3a": {"name": "DP3A"}, "dinkes": {"name": "Dinas Kesehatan"}},
        "groups": [
            {"code": "G1", "name": {"id": "Grup satu"}, "max_points": 60, "indicators": [
                {"code": "1", "name": {"id": "Indikator satu"}, "max_points": 40, "questions": [
                    {"code": "1.1", "prompt": {"id": "Ada Perda?"}, "max_points": 10,
                     "answer": {"type": "yes_no"}, "data_sources": ["dp3a"]},
                    {"code": "1.2", "prompt": {"id": "Tingkat pelibatan?"}, "max_points": 10,
                     "answer": {"type": "choice", "options": [
                         {"code": "belum", "label": {"id": "Belum"}, "share": 0},
                         {"code": "sebagian", "label": {"id": "Sebagian"}, "share": 0.5},
                         {"code": "penuh", "label": {"id": "Penuh"}, "share": 1}]},
                     "data_sources": ["dp3a", "dinkes"]},
                    {"code": "1.3", "prompt": {"id": "Persentase anak berakta?"}, "max_points": 20,
                     "answer": {"type": "percentage", "rule": "linear"}, "data_sources": ["dinkes"]},
                ]},
                {"code": "2", "name": {"id": "Indikator dua"}, "max_points": 20, "questions": [
                    {"code": "2.1", "prompt": {"id": "Prevalensi stunting?"}, "max_points": 10,
                     "answer": {"type": "percentage", "rule": "inverse", "best": 0, "worst": 30},
                     "data_sources": ["dinkes"]},
                    {"code": "2.2", "prompt": {"id": "Persentase sekolah SRA?"}, "max_points": 10,
                     "answer": {"type": "percentage", "rule": "bands", "bands": [
                         {"min": 0, "share": 0}, {"min": 50, "share": 0.5}, {"min": 80, "share": 1}]},
                     "data_sources": ["dp3a"]},
                ]},
            ]},
            {"code": "G2", "name": {"id": "Grup dua"}, "max_points": 40, "indicators": [
                {"code": "3", "name": {"id": "Indikator tiga"}, "max_points": 40, "questions": [
                    {"code": "3.1", "prompt": {"id": "Jumlah Puskesmas ramah anak?"}, "max_points": 40,
                     "answer": {"type": "count", "bands": [{"min": 1, "share": 0.5}, {"min": 3, "share": 1}]},
                     "data_sources": ["dinkes"]},
                ]},
            ]},
        ],
    })
