"""The admin command line (manage.py), one module per feature. Each module holds thin commands
over data/services and a `register(commands)` that adds its sub-commands; cli/common.py holds what
they share (opening the database, the acting user, reading files and dates, errors to messages
and exit codes). A new feature's commands: a module here with `register`, listed in FEATURES."""
from __future__ import annotations

import argparse

from cli import (
    accounts,
    actions,
    backup,
    cases,
    catalog,
    common,
    cycles,
    database,
    entry,
    public,
    regions,
    review,
    scoring,
    units,
)

FEATURES = (database, accounts, catalog, scoring, actions, review, entry, cases, units, regions, cycles, backup,
            public)


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="manage.py", description="Pantau KLA: perintah administrasi.")
    commands = root.add_subparsers(dest="command", required=True)
    for feature in FEATURES:
        feature.register(commands)
    return root


def main(argv: list[str] | None = None) -> int:
    return common.run(parser().parse_args(argv))
