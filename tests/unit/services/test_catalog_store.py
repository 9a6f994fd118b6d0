"""A catalog stored in the catalog tables comes back as the same Catalog."""

import copy

import pytest
from sqlalchemy import func, select

from data.catalog_store import load_catalog_version, store_catalog
from data.db import read_data_version, unit_of_work
from data.errors import InvalidInput, NotFound
from data.models import CatalogGroup, CatalogVersion, Indicator, Question
from indicators.catalog import catalog_from_dict

CATALOG_DOCUMENT = {
    "version": "UJI-2024",
    "title": {"id": "Instrumen uji", "en": "Test instrument"},
    "source": "hand-written for tests/unit/test_catalog_store.py",
    "total_points": 100,
    "predikat": [
        {"code": "pratama", "name": "Pratama", "above": 50, "inclusive": True},
        {"code": "madya", "name": "Madya", "above": 60},
        {"code": "nindya", "name": "Nindya", "above": 70},
        {"code": "utama", "name": "Utama", "above": 80},
        {"code": "kla", "name": "KLA", "above": 90},
    ],
    "resolutions": ["Indicator 10 keeps the source's 30 points on purpose."],
    "data_sources": {
        "dp3a": {"name": "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "aliases": ["DP3A"]},
        "disdukcapil": {"name": "Dinas Kependudukan dan Pencatatan Sipil", "aliases": []},
        "dinkes": {"name": "Dinas Kesehatan", "aliases": ["Dinkes"]},
    },
    "groups": [
        {
            "code": "KELEMBAGAAN",
            "name": {"id": "Kelembagaan", "en": "Institutional strengthening"},
            "definition": {"id": "Penguatan kelembagaan KLA.", "en": "Institutions for KLA."},
            "max_points": 40,
            "indicators": [
                {
                    "code": "1",
                    "name": {"id": "Peraturan KLA", "en": "KLA regulation"},
                    "definition": {"id": "Ada peraturan daerah.", "en": "A local regulation."},
                    "max_points": 40,
                    "questions": [
                        {
                            "code": "1.1a",
                            "prompt": {"id": "Apakah ada Perda KLA?", "en": "Is there a bylaw?"},
                            "help": {"id": "Perda atau Perwali.", "en": "Bylaw or decree."},
                            "max_points": 10,
                            "answer": {"type": "yes_no"},
                            "data_sources": ["dp3a"],
                            "answered_by": "city",
                            "evidence": {"id": "Salinan Perda", "en": "Copy of the bylaw"},
                            "evidence_required": True,
                        },
                        {
                            "code": "1.2",
                            "prompt": {"id": "Seberapa jauh anak dilibatkan?", "en": "How far?"},
                            "help": {"id": "", "en": ""},
                            "max_points": 30,
                            "answer": {
                                "type": "choice",
                                "options": [
                                    {"code": "belum", "label": {"id": "Belum", "en": "No"},
                                     "share": 0},
                                    {"code": "sebagian", "label": {"id": "Sebagian", "en": "Some"},
                                     "share": 0.5},
                                    {"code": "penuh", "label": {"id": "Penuh", "en": "Fully"},
                                     "share": 1},
                                ],
                            },
                            "data_sources": ["dp3a", "dinkes"],
                            "answered_by": "city",
                            "evidence_required": False,
                            "assumption": "Three levels read from the wording.",
                        },
                    ],
                },
            ],
        },
        {
            "code": "KLASTER_I",
            "name": {"id": "Hak Sipil dan Kebebasan", "en": "Civil rights and freedoms"},
            "definition": {"id": "Klaster I.", "en": "Cluster I."},
            "max_points": 60,
            "indicators": [
                # "10" before "9": the catalog's order, not the codes' order, must come back.
                {
                    "code": "10",
                    "name": {"id": "Forum Anak", "en": "Children's forum"},
                    "definition": {"id": "Forum anak aktif.", "en": "Active forum."},
                    "max_points": 30,
                    "questions": [
                        {
                            "code": "10.1",
                            "prompt": {"id": "Persentase kelurahan dengan Forum Anak",
                                       "en": "Share of kelurahan with a forum"},
                            "help": {"id": "Dihitung dari jawaban kelurahan.", "en": ""},
                            "max_points": 20,
                            "answer": {"type": "percentage", "rule": "linear", "target": 80},
                            "data_sources": ["dp3a"],
                            "answered_by": "every_desa_kelurahan",
                            "unit_prompt": {"id": "Apakah kelurahan ini memiliki Forum Anak?",
                                            "en": "Does this kelurahan have a forum?"},
                            "derivation": "share_yes",
                            "evidence_required": False,
                        },
                        {
                            "code": "10.2",
                            "prompt": {"id": "Berapa jumlah pertemuan Forum Anak?",
                                       "en": "How many forum meetings?"},
                            "help": {"id": "", "en": ""},
                            "max_points": 10,
                            "answer": {"type": "count",
                                       "bands": [{"min": 1, "share": 0.5},
                                                 {"min": 4, "share": 1}]},
                            "data_sources": ["dp3a"],
                            "answered_by": "city",
                            "evidence_required": False,
                        },
                    ],
                },
                {
                    "code": "9",
                    "name": {"id": "Akta kelahiran", "en": "Birth certificates"},
                    "definition": {"id": "Anak memiliki akta.", "en": "Children registered."},
                    "max_points": 30,
                    "questions": [
                        {
                            "code": "9.1",
                            "prompt": {"id": "Berapa persentase anak yang memiliki akta?",
                                       "en": "What share of children has a certificate?"},
                            "help": {"id": "", "en": ""},
                            "max_points": 14.5,
                            "answer": {"type": "percentage", "rule": "bands",
                                       "bands": [{"min": 0, "share": 0},
                                                 {"min": 50, "share": 0.5},
                                                 {"min": 90, "share": 1}]},
                            "data_sources": ["disdukcapil"],
                            "answered_by": "city",
                            "evidence_required": True,
                            "evidence": {"id": "Data SIAK", "en": "SIAK data"},
                        },
                        {
                            "code": "9.2",
                            "prompt": {"id": "Berapa persentase anak tanpa akta?",
                                       "en": "What share has none?"},
                            "help": {"id": "", "en": ""},
                            "max_points": 15.5,
                            "answer": {"type": "percentage", "rule": "inverse",
                                       "best": 0, "worst": 30},
                            "data_sources": ["disdukcapil"],
                            "answered_by": "city",
                            "evidence_required": False,
                        },
                    ],
                },
            ],
        },
    ],
}


@pytest.fixture
def catalog():
    return catalog_from_dict(copy.deepcopy(CATALOG_DOCUMENT), "test")


def test_a_stored_catalog_comes_back_unchanged(engine, catalog):
    with unit_of_work(engine) as session:
        store_catalog(session, catalog, "uji.yaml")

    with unit_of_work(engine) as session:
        loaded = load_catalog_version(session, "UJI-2024")

    assert loaded.to_dict() == catalog.to_dict()
    assert loaded == catalog


def test_the_rows_hold_every_level_in_the_catalog_order(engine, catalog):
    # Fractional points (9.1: 14.5, 9.2: 15.5) must survive too.
    with unit_of_work(engine) as session:
        store_catalog(session, catalog, "uji.yaml")

    with unit_of_work(engine) as session:
        version = session.scalar(select(CatalogVersion))
        groups = session.scalars(select(CatalogGroup.code).order_by(CatalogGroup.position)).all()
        indicators = session.scalars(select(Indicator.code).order_by(Indicator.id)).all()
        questions = {
            question.code: question
            for question in session.scalars(select(Question).order_by(Question.id))
        }

    assert (version.version, version.title_en, version.loaded_from) == (
        "UJI-2024",
        "Test instrument",
        "uji.yaml",
    )
    assert version.data_sources["dp3a"]["aliases"] == ["DP3A"]
    assert groups == ["KELEMBAGAAN", "KLASTER_I"]
    assert indicators == ["1", "10", "9"]
    assert {code: q.answer_type for code, q in questions.items()} == {
        "1.1a": "yes_no",
        "1.2": "choice",
        "10.1": "percentage",
        "10.2": "count",
        "9.1": "percentage",
        "9.2": "percentage",
    }
    assert questions["10.1"].answered_by == "every_desa_kelurahan"
    assert questions["10.1"].derivation == "share_yes"
    assert questions["1.2"].data_sources == ["dp3a", "dinkes"]
    assert questions["1.1a"].evidence_required is True
    assert questions["9.2"].max_points == 15.5


def test_storing_the_same_catalog_again_changes_nothing(engine, catalog):
    with unit_of_work(engine) as session:
        first_id = store_catalog(session, catalog, "uji.yaml").id
    with unit_of_work(engine) as session:
        data_version = read_data_version(session)

    with unit_of_work(engine) as session:
        again_id = store_catalog(session, catalog, "uji-copy.yaml").id

    with unit_of_work(engine) as session:
        assert again_id == first_id
        assert session.scalar(select(func.count()).select_from(Question)) == 6
        assert read_data_version(session) == data_version


def test_different_content_under_a_stored_version_is_refused(engine, catalog):
    with unit_of_work(engine) as session:
        store_catalog(session, catalog, "uji.yaml")
    changed = catalog.to_dict()
    changed["groups"][0]["indicators"][0]["questions"][0]["prompt"]["id"] = "Diubah?"

    with pytest.raises(InvalidInput) as raised:
        with unit_of_work(engine) as session:
            store_catalog(session, catalog_from_dict(changed, "changed"), "changed.yaml")

    assert "UJI-2024" in raised.value.message
    with unit_of_work(engine) as session:
        assert load_catalog_version(session, "UJI-2024") == catalog


def test_a_new_version_leaves_the_older_one_as_it_was(engine, catalog):
    newer = catalog.to_dict()
    newer["version"] = "UJI-2025"
    newer["groups"][0]["indicators"][0]["questions"][0]["prompt"]["id"] = "Pertanyaan baru?"

    with unit_of_work(engine) as session:
        store_catalog(session, catalog, "uji.yaml")
        store_catalog(session, catalog_from_dict(newer, "newer"), "uji-2025.yaml")

    with unit_of_work(engine) as session:
        assert load_catalog_version(session, "UJI-2024") == catalog
        assert load_catalog_version(session, "UJI-2025").question("1.1a").prompt.id == (
            "Pertanyaan baru?"
        )


def test_an_unknown_version_is_not_found(engine):
    with pytest.raises(NotFound) as raised:
        with unit_of_work(engine) as session:
            load_catalog_version(session, "KLA-1999")

    assert raised.value.message == "Versi katalog 'KLA-1999' tidak ditemukan."
