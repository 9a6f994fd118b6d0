"""Every page of the registry, opened by every role that sees it and by a visitor who is not signed
in, in four states of the database (tests/app/page_crawl.py): a region just added, a region with
an open cycle and no answers (before and after its kecamatan and kelurahan), and the demo. No
visit may show an exception, a missing value printed as "nan", "None" or "NaT", or an English
sentence in the Indonesian interface."""
import pytest
from streamlit.testing.v1 import AppTest

from indicators import roles
from page_crawl import (
    STATES,
    STREAMLIT_ENGLISH,
    copied,
    crawl_templates,  # noqa: F401  (fixture)
    crawled_roles,
    english_leftovers,
    english_phrases,
    missing_values,
    shown_texts,
    visits,
)
from page_helpers import APP
from ui.i18n import CATALOGS

# The states are SQLite files of their own (no `databases` fixture): the PostgreSQL run leaves the
# crawl out; the services' own tests run there.
ROLES = [None, *roles.KEYS]


def problems_of(visit, english) -> list[str]:
    at = visit.at
    found = [f"exception: {e.message} {' '.join(e.stack_trace[-3:])}" for e in at.exception]
    texts = shown_texts(at)
    found += [f"missing value shown: {text!r}" for text in missing_values(texts)]
    found += [f"English: {text!r}" for text in english_leftovers(texts, english | set(STREAMLIT_ENGLISH))]
    return found


@pytest.fixture(scope="module")
def english():
    return english_phrases()


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role or "publik")
@pytest.mark.parametrize("state", STATES)
def test_every_page_opens_cleanly(crawl_templates, state, role, english, tmp_path, monkeypatch):  # noqa: F811
    crawled = copied(crawl_templates[state], tmp_path)
    if role not in crawled_roles(crawled):
        assert state in ("new_region", "first_cycle") and roles.ROLES[role].unit_kind, (state, role)
        return  # a region without kecamatan and kelurahan has no accounts of theirs yet
    seen, failures = 0, []
    for visit in visits(crawled, role, monkeypatch):
        seen += 1
        failures += [f"{visit}: {problem}" for problem in problems_of(visit, english)]
    assert seen, (state, role)
    assert failures == [], "\n".join(failures)


def test_the_checks_see_missing_values_and_english(crawl_templates, english, monkeypatch):  # noqa: F811
    """The crawl's checks can fail: a printed missing value, an English sentence of the catalog and
    a page shown in English are seen; no Indonesian text of the catalogs is taken for English."""
    assert len(missing_values(["Nilai: nan", "None", "Tanggal NaT", "<NA>", "Nanas, keuangan, Nonaktif"])) == 4
    assert len(english) > 200
    assert english_leftovers(list(CATALOGS["id"].values()), english) == []
    assert english_leftovers([CATALOGS["en"]["signin.caption"]], english)
    monkeypatch.setenv("KLA_DATABASE_URL", crawl_templates["demo"].url)  # read only
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert english_leftovers(shown_texts(at), english) == []
    at.sidebar.segmented_control[0].set_value("en").run()
    assert english_leftovers(shown_texts(at), english)
