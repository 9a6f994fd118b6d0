#!/usr/bin/env python3
"""Pantau KLA command line: database, demo data, users, catalogs and scores.

    python manage.py init-db
    python manage.py seed-demo
    python manage.py create-user USERNAME --name "Nama" --role opd --region 53.71 --unit disdukcapil
    python manage.py check-catalog FILE
    python manage.py import-catalog FILE --cycle YEAR [--region CODE]
    python manage.py score --region CODE --cycle YEAR [--basis verified|self|province] [--json]
    python manage.py score-all [--cycle YEAR] [--basis verified|self] [--out FILE.csv]
    python manage.py import-cases FILE [--dry-run] [--region CODE] [--user USERNAME]
    python manage.py import-units --region CODE --file FILE [--apply] --user USERNAME
    python manage.py export-public --region CODE [--cycle YEAR] --out DIR
    python manage.py unit-accounts --region CODE --slips-out FILE.pdf [--user USERNAME]
    python manage.py reminders --region CODE [--cycle YEAR] [--today YYYY-MM-DD] [--send]
    python manage.py actions --region CODE --cycle YEAR [--json]
    python manage.py export-template --opd SHORTNAME --cycle YEAR [--region CODE] FILE
    python manage.py import-entries FILE --user USERNAME [--dry-run]
    python manage.py report --region CODE --cycle YEAR --format pdf|xlsx --out FILE [--basis verified|self]

`python manage.py --help` lists every command. The commands live in cli/, one module per feature.
The database is KLA_DATABASE_URL (default: a SQLite file under instance/). Errors print one
sentence and exit non-zero.
"""
from __future__ import annotations

import sys

from cli import main, parser

__all__ = ["main", "parser"]

if __name__ == "__main__":
    sys.exit(main())
