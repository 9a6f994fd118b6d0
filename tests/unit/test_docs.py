"""The docs stay true to the code: each test reads the code and the Markdown and names what differs.

- The code map of docs/architecture.md (its "## Code map" section) names, as `folder/`, every
  folder of the project that holds a .py file, at every depth (app_pages/, ui/views/,
  data/services/review/, data/migrations/versions/, tests/unit/domain/, cli/, bench/ ...), and the
  entry points app.py, pantau.py, manage.py and bootstrap.py; every folder it names exists. No
  folder is exempt except __pycache__, hidden folders (.venv, .git) and instance/ (the gitignored
  database), which are not the project's code. Folders without Python (deploy/, scripts/,
  data/reference/ ...) may be named too, but need not be.
- docs/baris-perintah.md has one heading "### `name`" per sub-command of manage.parser(), and
  no heading for a sub-command that does not exist.
- docs/operasi.md has one table row per setting of indicators.settings.SETTINGS, starting
  "| `KLA_NAME` | <default> |", where the default is written `value`, or "(kosong)" when unset.
- Every relative link in README.md and docs/*.md points at a file or folder that exists.
- README.md stays a door: under 150 lines.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
ENTRY_POINTS = ("app.py", "pantau.py", "manage.py", "bootstrap.py")
NOT_PROJECT = {"__pycache__", "instance", "node_modules"}
README_MAX_LINES = 150


def _section(text: str, title: str) -> str:
    """The body of the "## title" section, up to the next second-level heading."""
    match = re.search(rf"^## {re.escape(title)}\s*$(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    assert match, f"no '## {title}' section"
    return match.group(1)


def python_folders() -> set[str]:
    """Every folder under the root holding a .py file, as "a/b/"."""
    found = set()
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [name for name in subfolders if not name.startswith(".") and name not in NOT_PROJECT]
        path = Path(folder)
        if path != ROOT and any(name.endswith(".py") for name in files):
            found.add(path.relative_to(ROOT).as_posix() + "/")
    return found


def test_code_map_names_every_python_folder_and_no_other():
    code_map = _section((DOCS / "architecture.md").read_text(encoding="utf-8"), "Code map")
    named = set(re.findall(r"`([A-Za-z0-9_./-]+/)`", code_map))
    missing = sorted(python_folders() - named)
    assert not missing, ("docs/architecture.md, section 'Code map', does not name these folders holding Python "
                         "(add one line `folder/` each): " + ", ".join(missing))
    gone = sorted(name for name in named if not (ROOT / name).is_dir())
    assert not gone, "docs/architecture.md, section 'Code map', names folders that do not exist: " + ", ".join(gone)
    files = set(re.findall(r"`([A-Za-z0-9_]+\.py)`", code_map))
    absent = [name for name in ENTRY_POINTS if name not in files]
    assert not absent, "docs/architecture.md, section 'Code map', does not name the entry points: " + ", ".join(absent)


def subcommands() -> set[str]:
    import argparse

    import manage

    actions = [action for action in manage.parser()._actions if isinstance(action, argparse._SubParsersAction)]
    assert actions, "manage.parser() has no sub-commands"
    return {name for action in actions for name in action.choices}


def test_command_reference_names_every_subcommand_and_no_other():
    text = (DOCS / "baris-perintah.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^### `([a-z0-9-]+)`\s*$", text, re.MULTILINE))
    real = subcommands()
    missing = sorted(real - documented)
    assert not missing, ("docs/baris-perintah.md has no '### `name`' section for these sub-commands of "
                         "manage.py: " + ", ".join(missing))
    extra = sorted(documented - real)
    assert not extra, "docs/baris-perintah.md documents sub-commands manage.py does not have: " + ", ".join(extra)


def test_operations_guide_lists_every_setting_with_its_default():
    from indicators.settings import SETTINGS

    text = (DOCS / "operasi.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\|\s*`(KLA_[A-Z0-9_]+)`\s*\|\s*([^|]*?)\s*\|", text, re.MULTILINE))
    missing = sorted(set(SETTINGS) - set(rows))
    assert not missing, "docs/operasi.md has no table row for these settings: " + ", ".join(missing)
    wrong = [f"{name} (docs: {rows[name]!r}, code: {setting.default!r})" for name, setting in sorted(SETTINGS.items())
             if rows[name] != (f"`{setting.default}`" if setting.default else "(kosong)")]
    assert not wrong, "docs/operasi.md gives these settings another default than indicators/settings.py: " + \
        "; ".join(wrong)
    extra = sorted(set(rows) - set(SETTINGS))
    assert not extra, "docs/operasi.md lists settings indicators/settings.py does not have: " + ", ".join(extra)


def markdown_files() -> list[Path]:
    return [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]


def test_every_relative_link_points_at_a_file():
    broken = []
    for page in markdown_files():
        for target in re.findall(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)", page.read_text(encoding="utf-8")):
            if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
                continue  # another site, mail, or a place on the same page
            path = target.split("#", 1)[0]
            if not (page.parent / path).exists():
                broken.append(f"{page.relative_to(ROOT)} -> {target}")
    assert not broken, "links to files that do not exist: " + ", ".join(broken)


def test_readme_stays_a_door():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").count("\n")
    assert lines < README_MAX_LINES, (f"README.md has {lines} lines; keep it under {README_MAX_LINES} and move "
                                      "the detail into docs/")
