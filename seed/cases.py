"""Klaster V case statistics of the Kota Kupang demo.

2023 follows the seed article (reference/seeds): up to December 2023 DP3A, mainly through its
UPTD, handled 163 cases of violence against women and 135 against children. The article gives
only those two totals; the breakdown below (type, sex, age group, cause, source, place) is made
up so that it adds up to them exactly and shows a few small counts, as real years do.
2021, 2022 and 2024 are ILLUSTRATIVE: invented totals in the same range, not reported figures.
2024 stays off the public page until the 2025 evaluation is published.
Deterministic: every split follows from a seeded random.Random.
"""
from __future__ import annotations

import random
from collections import Counter

from data.models import CaseStatistic, Region

# year -> (adult women by type, children by type, children by (sex, age group))
YEARS = {
    2021: ({"fisik": 51, "psikis": 39, "seksual": 17, "penelantaran": 10, "eksploitasi": 2, "lainnya": 2},
           {"seksual": 41, "fisik": 29, "psikis": 14, "penelantaran": 9, "eksploitasi": 1, "lainnya": 3},
           {("perempuan", "0-5"): 6, ("laki_laki", "0-5"): 5, ("perempuan", "6-12"): 17,
            ("laki_laki", "6-12"): 14, ("perempuan", "13-17"): 39, ("laki_laki", "13-17"): 16}),
    2022: ({"fisik": 58, "psikis": 44, "seksual": 19, "penelantaran": 13, "eksploitasi": 2, "trafficking": 1,
            "lainnya": 2},
           {"seksual": 49, "fisik": 35, "psikis": 18, "penelantaran": 11, "eksploitasi": 2, "trafficking": 1,
            "lainnya": 2},
           {("perempuan", "0-5"): 8, ("laki_laki", "0-5"): 6, ("perempuan", "6-12"): 21,
            ("laki_laki", "6-12"): 16, ("perempuan", "13-17"): 46, ("laki_laki", "13-17"): 21}),
    # The seed article's year: 163 women (all adults here) and 135 children.
    2023: ({"fisik": 68, "psikis": 52, "seksual": 21, "penelantaran": 15, "eksploitasi": 3, "trafficking": 2,
            "lainnya": 2},
           {"seksual": 58, "fisik": 39, "psikis": 21, "penelantaran": 12, "eksploitasi": 2, "trafficking": 1,
            "lainnya": 2},
           {("perempuan", "0-5"): 9, ("laki_laki", "0-5"): 7, ("perempuan", "6-12"): 24,
            ("laki_laki", "6-12"): 19, ("perempuan", "13-17"): 52, ("laki_laki", "13-17"): 24}),
    2024: ({"fisik": 71, "psikis": 55, "seksual": 24, "penelantaran": 14, "eksploitasi": 4, "trafficking": 1,
            "lainnya": 2},
           {"seksual": 61, "fisik": 41, "psikis": 22, "penelantaran": 12, "eksploitasi": 3, "lainnya": 3},
           {("perempuan", "0-5"): 10, ("laki_laki", "0-5"): 7, ("perempuan", "6-12"): 25,
            ("laki_laki", "6-12"): 20, ("perempuan", "13-17"): 55, ("laki_laki", "13-17"): 25}),
}
ARTICLE_2023 = {"perempuan_dewasa": 163, "anak": 135}

CAUSES = {
    "perempuan_dewasa": {"ekonomi": 40, "orang_ketiga": 25, "minuman_keras": 15, "pola_asuh": 10, "lainnya": 10},
    "anak": {"pola_asuh": 35, "ekonomi": 20, "media_sosial": 20, "minuman_keras": 10, "lainnya": 15},
}
SOURCES = {"uptd_ppa": 60, "polres": 30, "rumah_sakit": 5, "lembaga_layanan": 5}
PLACES = {
    "perempuan_dewasa": {"rumah_tangga": 85, "tempat_umum": 10, "daring": 5},
    "anak": {"rumah_tangga": 55, "sekolah": 15, "tempat_umum": 15, "daring": 15},
}


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def case_rows(year: int) -> list[dict]:
    """The demo's rows of one year: each case gets a type and, for children, a sex and age
    group (so the totals are exact), then a cause, source and place; then they are counted."""
    adults_by_type, children_by_type, children_by_sex_age = YEARS[year]
    rng = random.Random(f"kupang-cases-{year}")
    cases = [("perempuan_dewasa", t, "perempuan", "18+") for t, n in adults_by_type.items() for _ in range(n)]
    child_types = [t for t, n in children_by_type.items() for _ in range(n)]
    child_people = [sex_age for sex_age, n in children_by_sex_age.items() for _ in range(n)]
    if len(child_types) != len(child_people):
        raise ValueError(f"{year}: children by type and by sex/age must add up to the same total")
    rng.shuffle(child_people)
    cases += [("anak", t, sex, age) for t, (sex, age) in zip(child_types, child_people, strict=True)]
    counted = Counter(
        (group, violence_type, sex, age, _pick(rng, CAUSES[group]), _pick(rng, SOURCES), _pick(rng, PLACES[group]))
        for group, violence_type, sex, age in cases
    )
    return [
        {"year": year, "victim_group": group, "violence_type": violence_type, "victim_sex": sex, "age_group": age,
         "cause": cause, "source": source, "place": place, "service": "", "case_count": count}
        for (group, violence_type, sex, age, cause, source, place), count in sorted(counted.items())
    ]


def add_case_statistics(session, region: Region) -> int:
    """Insert every demo year; returns the number of rows."""
    rows = [row for year in YEARS for row in case_rows(year)]
    session.add_all(CaseStatistic(region_id=region.id, **row) for row in rows)
    session.flush()
    return len(rows)
