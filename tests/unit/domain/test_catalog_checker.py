import json
from pathlib import Path

import pytest
import yaml

from catalog_samples import small_catalog_dict
from indicators.catalog import catalog_from_dict, load_catalog
from indicators.checker import check_catalog
from indicators.errors import CatalogError


def _reference() -> Path:
    """The reference instrument in shared/, which sits beside the project's checkout."""
    for folder in Path(__file__).resolve().parents:
        candidate = folder / "shared" / "reference" / "kla_instrument_2024.json"
        if candidate.exists():
            return candidate
    raise FileNotFoundError("shared/reference/kla_instrument_2024.json not found beside the checkout")


REFERENCE = _reference()


def messages(doc) -> list[str]:
    return [str(p) for p in check_catalog(doc, "uji.yaml")]


def test_small_catalog_is_accepted():
    assert check_catalog(small_catalog_dict(), "uji.yaml") == []
    catalog = catalog_from_dict(small_catalog_dict())
    assert [q.code for q in catalog.questions] == ["1.1", "1.2", "1.3", "2.1", "2.2", "3.1"]
    assert catalog_from_dict(catalog.to_dict()).to_dict() == catalog.to_dict()


def test_duplicate_question_code_is_named():
    doc = small_catalog_dict()
    doc["groups"][0]["indicators"][1]["questions"][0]["code"] = "1.1"
    assert any("pertanyaan 1.1" in m and "dipakai 2 kali" in m for m in messages(doc))


def test_duplicate_indicator_and_group_codes():
    doc = small_catalog_dict()
    doc["groups"][1]["code"] = "G1"
    doc["groups"][1]["indicators"][0]["code"] = "1"
    found = messages(doc)
    assert any("grup G1" in m and "unik" in m for m in found)
    assert any("indikator 1" in m and "unik" in m for m in found)


def test_unknown_answer_type():
    doc = small_catalog_dict()
    doc["groups"][0]["indicators"][0]["questions"][0]["answer"] = {"type": "essay"}
    assert any("pertanyaan 1.1" in m and "'essay' tidak dikenal" in m for m in messages(doc))


def test_choice_without_points():
    doc = small_catalog_dict()
    del doc["groups"][0]["indicators"][0]["questions"][1]["answer"]["options"][1]["share"]
    assert any("pertanyaan 1.2" in m and "'sebagian' tidak memiliki bagian poin" in m for m in messages(doc))


def test_questions_not_adding_up_to_indicator():
    doc = small_catalog_dict()
    doc["groups"][0]["indicators"][0]["questions"][0]["max_points"] = 11
    found = messages(doc)
    assert any("indikator 1" in m and "41" in m and "40" in m for m in found)


def test_indicators_not_adding_up_to_group_and_groups_to_total():
    doc = small_catalog_dict()
    doc["groups"][1]["max_points"] = 45
    found = messages(doc)
    assert any("grup G2" in m and "40" in m and "45" in m for m in found)
    assert any("katalog" in m and "105" in m and "100" in m for m in found)


def test_thresholds_must_increase():
    doc = small_catalog_dict()
    doc["predikat"][2]["above"] = 55
    assert any("predikat Nindya" in m and "harus naik" in m for m in messages(doc))


def test_bad_catalog_is_refused_with_every_problem():
    doc = small_catalog_dict()
    doc["groups"][0]["indicators"][0]["questions"][0]["answer"] = {"type": "essay"}
    doc["predikat"][2]["above"] = 10
    with pytest.raises(CatalogError) as refused:
        catalog_from_dict(doc, "uji.yaml")
    assert len(refused.value.problems) == 2
    assert "uji.yaml" in str(refused.value)


def test_malformed_yaml_file(tmp_path):
    bad = tmp_path / "rusak.yaml"
    bad.write_text("groups: [\n  - code: G1\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="rusak.yaml"):
        load_catalog(bad)
    missing = tmp_path / "tidak_ada.yaml"
    with pytest.raises(CatalogError, match="tidak ditemukan"):
        load_catalog(missing)


def reference_as_catalog() -> dict:
    """The reference instrument with its own figures, unchanged."""
    source = json.loads(REFERENCE.read_text(encoding="utf-8"))
    groups = []
    for g in source["groups"]:
        groups.append({"code": g["name"], "max_points": g["max_points_declared"], "indicators": [
            {"code": i["code"], "max_points": i["max_points"], "questions": [
                {"code": f"{i['code']}.{q['code']}", "prompt": {"id": q["text"]}, "max_points": q["max_points"],
                 "answer": {"type": "yes_no"}}
                for q in i["questions"]]}
            for i in g["indicators"]]})
    return {"version": "REF", "total_points": 1000, "groups": groups,
            "predikat": [{"code": "pratama", "name": "Pratama", "above": 500, "inclusive": True}]}


def test_reference_figures_report_indicators_19_and_21b():
    found = messages(reference_as_catalog())
    assert any("indikator 19:" in m and "54" in m and "51" in m for m in found)
    assert any("indikator 21 B:" in m and "18" in m and "17" in m for m in found)
    assert any("grup KLASTER I:" in m and "115" in m and "150" in m for m in found)
    assert any("katalog" in m and "1035" in m for m in found)


def test_default_catalog_matches_the_instrument():
    catalog = load_catalog(Path(__file__).resolve().parents[3] / "indicators" / "catalogs" / "kla_2024.yaml")
    assert len(catalog.groups) == 7
    assert len(catalog.indicators) == 31
    assert len(catalog.questions) == 274
    assert [g.max_points for g in catalog.groups] == [164, 115, 156, 150, 110, 205, 100]
    assert catalog.total_points == 1000
    assert len(catalog.resolutions) >= 3
    unused = set(catalog.data_sources) - {s for q in catalog.questions for s in q.data_sources}
    assert not unused


def test_default_catalog_yaml_is_plain_data():
    path = Path(__file__).resolve().parents[3] / "indicators" / "catalogs" / "kla_2024.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert doc["version"] == "KLA-2024"


def _question(doc, code):
    return next(q for g in doc["groups"] for i in g["indicators"] for q in i["questions"] if q["code"] == code)


def test_a_question_every_kecamatan_answers_needs_its_rule_and_its_unit_question():
    doc = small_catalog_dict()
    question = _question(doc, "1.3")
    question["answered_by"] = "every_kecamatan"
    found = messages(doc)
    assert any("pertanyaan 1.3" in m and "aturan turunan (derivation)" in m for m in found)
    assert any("pertanyaan 1.3" in m and "unit_prompt" in m for m in found)
    question["derivation"] = "share_yes"
    question["unit_prompt"] = {"id": "Apakah kecamatan ini memiliki Forum Anak?"}
    assert not [m for m in messages(doc) if "pertanyaan 1.3" in m]


def test_share_yes_makes_a_percentage_and_only_for_unit_questions():
    doc = small_catalog_dict()
    yes_no = _question(doc, "1.1")
    yes_no.update(answered_by="every_desa_kelurahan", derivation="share_yes",
                  unit_prompt={"id": "Apakah kelurahan ini memiliki Perdes?"})
    assert any("pertanyaan 1.1" in m and "harus percentage" in m for m in messages(doc))
    doc = small_catalog_dict()
    _question(doc, "1.3")["derivation"] = "share_yes"
    assert any("pertanyaan 1.3" in m and "hanya untuk pertanyaan yang dijawab setiap kecamatan" in m
               for m in messages(doc))


def test_a_kelana_dekela_question_states_its_rule():
    doc = small_catalog_dict()
    question = _question(doc, "1.3")
    question.update(answered_by="every_kecamatan", derivation="share_yes",
                    unit_prompt={"id": "Apakah kecamatan ini memiliki Forum Anak?"}, answer={"type": "percentage"})
    assert any("pertanyaan 1.3" in m and "wajib menyebut aturannya" in m for m in messages(doc))
    question["answer"] = {"type": "percentage", "rule": "bands",
                          "bands": [{"min": 0, "share": 0}, {"min": 50, "share": 0.5}, {"min": 75, "share": 0.8}]}
    assert not [m for m in messages(doc) if "pertanyaan 1.3" in m]


def test_graded_levels_reach_from_nothing_to_the_full_points():
    doc = small_catalog_dict()
    question = _question(doc, "1.1")
    question["answer"] = {"type": "graded"}
    assert not messages(doc)
    question["answer"] = {"type": "graded",
                          "levels": [{"code": "penuh", "share": 1}, {"code": "separuh", "share": 0.5}]}
    assert any("pertanyaan 1.1" in m and "share 0 (belum ada)" in m for m in messages(doc))
    question["answer"] = {"type": "graded", "levels": [{"code": "belum", "share": 0}, {"code": "x", "share": 1.5}]}
    found = messages(doc)
    assert any("bagian poin tingkat (level) 'x' harus 0 sampai 1" in m for m in found)
    assert any("share 1 (poin penuh)" in m for m in found)
    question["answer"] = {"type": "graded", "options": [{"code": "a", "share": 0}, {"code": "b", "share": 1}]}
    assert any("memakai levels, bukan options" in m for m in messages(doc))


def test_the_shipped_catalog_can_give_every_point_the_2024_recap_gives():
    """Where the recap scores a question partially, an answer of the shipped catalog earns exactly
    those points (a level, an option or a count band), and the question says what was assumed."""
    from indicators.answers import AnswerValue, points_for

    catalog = load_catalog(Path(__file__).resolve().parents[3] / "indicators" / "catalogs" / "kla_2024.yaml")
    source = json.loads(REFERENCE.read_text(encoding="utf-8"))
    unreachable, unexplained = [], []
    for group in source["groups"]:
        for indicator in group["indicators"]:
            for item in indicator["questions"]:
                code = f"{indicator['code']}.{item['code']}".replace(" ", "")
                points, maximum = item["ogan_ilir_2024_points"], item["max_points"]
                question = catalog.question(code)
                if points is None or points in (0, maximum) or question.answer.type == "percentage":
                    continue
                share = points / maximum if code != "21B.2" else 0.8  # 21B.2: the catalog's maximum is 8, not 9
                rule = question.answer
                values = [AnswerValue(choice_code=o.code) for o in rule.options] + \
                    [AnswerValue(count_value=b.min) for b in rule.bands]
                if not any(abs(points_for(question, v) - share * question.max_points) < 1e-9 for v in values):
                    unreachable.append(code)
                if not question.assumption:
                    unexplained.append(code)
    assert unreachable == [] and unexplained == []
    graded = [q for q in catalog.questions if q.answer.type == "graded"]
    assert len(graded) == 84 and all("Rekap penilaian mandiri 2024" in q.assumption for q in graded)
    assert all(q.answer.rule in ("linear", "bands") for q in catalog.questions if q.derivation)
