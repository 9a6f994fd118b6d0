"""The settings table (indicators/settings.py): every KLA_* variable the product reads is in it,
read through it, with its default when unset and a sentence naming it when wrong."""
import re
from pathlib import Path

import pytest

from indicators import settings

ROOT = Path(__file__).resolve().parents[3]
PRODUCT = ["app.py", "pantau.py", "manage.py", "bootstrap.py", "app_pages", "ui", "data", "indicators", "seed", "cli"]


def product_sources():
    for name in PRODUCT:
        path = ROOT / name
        yield from ([path] if path.is_file() else sorted(path.rglob("*.py")) if path.is_dir() else [])


def test_every_variable_the_product_names_is_in_the_table():
    # A name ending in "_" is a family written as a prefix (KLA_SMTP_*), each member of which is checked itself.
    named = {match for path in product_sources() for match in re.findall(r"\bKLA_[A-Z0-9_]+", path.read_text())
             if not match.endswith("_")}
    assert named - set(settings.SETTINGS) == set()


def test_only_the_settings_module_reads_the_environment():
    readers = [str(path.relative_to(ROOT)) for path in product_sources()
               if re.search(r"os\.environ\.get|os\.environ\[|os\.getenv", path.read_text())]
    assert readers == ["indicators/settings.py"]


def test_unset_or_blank_gives_the_default(monkeypatch):
    monkeypatch.delenv(settings.EVIDENCE_MAX_MB, raising=False)
    assert settings.positive_number(settings.EVIDENCE_MAX_MB) == 10.0
    monkeypatch.setenv(settings.EVIDENCE_MAX_MB, "  ")
    assert settings.positive_number(settings.EVIDENCE_MAX_MB) == 10.0
    monkeypatch.setenv(settings.EVIDENCE_MAX_MB, "2,5")
    assert settings.positive_number(settings.EVIDENCE_MAX_MB) == 2.5


@pytest.mark.parametrize("wrong, message", [("sepuluh", "harus berupa angka megabita"), ("-1", "harus lebih dari 0"),
                                            ("inf", "harus lebih dari 0")])
def test_a_wrong_number_names_the_variable(monkeypatch, wrong, message):
    monkeypatch.setenv(settings.EVIDENCE_MAX_MB, wrong)
    with pytest.raises(ValueError, match=f"KLA_EVIDENCE_MAX_MB {message}"):
        settings.positive_number(settings.EVIDENCE_MAX_MB, "megabita")


def test_every_setting_says_what_it_means():
    for setting in settings.SETTINGS.values():
        assert setting.meaning.endswith(".") and len(setting.meaning) > 30, setting.name
