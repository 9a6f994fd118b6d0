"""Nothing of an open or unpublished cycle, no unverified answer, no note or reason and no
private case count reaches any public output: the services behind the public pages, every CSV
they offer, and what manage.py export-public writes. (The pages themselves: tests/app.)"""
from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

import manage
from data.actor import COMMAND_LINE
from data.errors import NotFound
from data.services.cases.public import public_cases
from data.services.cases.records import case_rows
from data.services.public import summary
from data.services.public.export import public_files
from data.services.public.files import kelana_file
from public_secrets import MARKER, OPEN_COUNT, UNVERIFIED_COUNT, forbidden_strings, leaks, plant


def as_text(value) -> str:
    """Everything a public dataclass carries, DataFrames in full."""
    if isinstance(value, pd.DataFrame):
        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 10_000,
                               "display.max_colwidth", None):
            return value.to_string() + "\n" + value.to_csv(index=False)
    if dataclasses.is_dataclass(value):
        return "\n".join(as_text(getattr(value, f.name)) for f in dataclasses.fields(value))
    return repr(value)


@pytest.fixture
def planted(seeded_engine):
    return forbidden_strings(plant(seeded_engine))


def test_the_planted_values_are_really_there(seeded_engine, planted):
    """Guard against a test that cannot fail: the secrets exist where staff can see them."""
    from data.services.scoring.scores import score_report

    open_report = score_report(seeded_engine, "53.71", 2025, "verified")
    assert open_report["answered_count"] > 100  # the planted 2025 answers count as verified
    truth = case_rows(seeded_engine, COMMAND_LINE, "53.71", 2024)
    assert truth["case_count"].max() == 97531
    assert leaks(as_text(truth), planted)


def test_public_summary_and_indicators_show_nothing_private(seeded_engine, planted):
    public = summary.public_summary(seeded_engine, "53.71")
    assert public.year == 2024 and list(public.trend["year"]) == [2022, 2023, 2024]
    assert leaks(as_text(public), planted) == []
    assert set(public.indicator_trend["year"]) == {2022, 2023, 2024}
    for code in public.indicators["indicator_code"]:
        indicator = summary.public_indicator(seeded_engine, "53.71", code)
        assert leaks(as_text(indicator), planted) == [], code
    nineteen = summary.public_indicator(seeded_engine, "53.71", "19")
    shown = nineteen.questions.set_index("question_code")
    assert shown.loc["19.4", "answer_id"] != f"{UNVERIFIED_COUNT:,}".replace(",", ".")
    assert MARKER not in as_text(nineteen)


def test_public_cases_show_only_published_years(seeded_engine, planted):
    public = public_cases(seeded_engine, "53.71")
    assert public.years == [2021, 2022, 2023]
    assert leaks(as_text(public), planted) == []


def test_every_public_csv_and_the_export_show_nothing_private(seeded_engine, seeded_url, planted, tmp_path,
                                                             monkeypatch):
    files = {file.name: file.csv() + file.json() for file in public_files(seeded_engine, "53.71")}
    # per published year: summary (3), indicators (2 x 31), cases (once a year of cases is public), Kelana Dekela
    assert len(files) == 3 * (3 + 2 * 31 + 1) + 3
    assert "kelana_dekela_53.71_2024" in files and "kasus_53.71_2021-2023" in files
    for name, text in files.items():
        assert leaks(name + text, planted) == [], name
    monkeypatch.setenv("KLA_DATABASE_URL", seeded_url)
    assert manage.main(["export-public", "--region", "53.71", "--out", str(tmp_path / "out")]) == 0
    written = sorted(path for path in (tmp_path / "out").rglob("*") if path.is_file())
    assert len(written) == 2 * (len(files) + 1) + 1   # CSV and JSON of each, the metadata, datapackage.json
    for path in written:
        assert leaks(path.name + path.read_text(encoding="utf-8"), planted) == [], path.name


def test_public_kelana_dekela_and_its_csv_show_nothing_private(seeded_engine, planted):
    from data.services.kelana import public_kelana

    for year in (2022, 2023, 2024):
        public = public_kelana.public_kelana(seeded_engine, "53.71", year)
        assert public.has_unit_answers and len(public.kecamatan) == 6
        file = kelana_file(public)
        text = as_text(public) + file.name + file.csv() + file.json()
        assert leaks(text, planted) == [], year
        assert "Petugas" not in text and "kec." not in text, year
    with pytest.raises(NotFound):
        public_kelana.public_kelana(seeded_engine, "53.71", 2025)


def test_publishing_2025_would_show_it(seeded_engine, planted):
    """The same search finds the values once the cycle is published: the check can fail."""
    from sqlalchemy import update

    from data.db import unit_of_work
    from data.models import EvaluationCycle

    with unit_of_work(seeded_engine) as session:
        session.execute(update(EvaluationCycle).where(EvaluationCycle.year == 2025).values(published=True))
    found = set()
    for file in public_files(seeded_engine, "53.71"):
        found |= set(leaks(file.csv(), planted))
    assert {"2025", f"{OPEN_COUNT:,}".replace(",", ".")} <= found
    assert MARKER not in found  # notes and reasons are never public, published or not


def test_the_public_peer_comparison_shows_nothing_private(seeded_engine, planted):
    from data.services.province.peers import peer_comparison

    peers = peer_comparison(seeded_engine, None, "53.71", 2024)
    assert peers.year == 2024 and leaks(as_text(peers), planted) == []
    with pytest.raises(NotFound):
        peer_comparison(seeded_engine, None, "53.71", 2025)
