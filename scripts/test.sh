#!/usr/bin/env bash
# Install everything the test suite needs (Debian's chromium, PostgreSQL server and nginx, a venv with
# requirements-dev.txt), check the code (scripts/lint.sh: ruff and mypy), then run the suite twice:
# all of it on SQLite, then on PostgreSQL (a throwaway server per test worker) what touches the
# database (tests/conftest.py, runs_on_postgresql). Each pass runs on parallel workers
# (KLA_TEST_WORKERS, default 2; the browser tests all on one of them, tests/conftest.py) and prints
# its 25 slowest steps.
# Usage: bash scripts/test.sh [pytest arguments]
# KLA_TEST_ENGINE=sqlite or =postgresql runs only that engine's pass (and skips the checks).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || missing+=(postgresql)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)  # PDF report font
[ -x /usr/sbin/nginx ] || missing+=(nginx)  # tests/e2e/test_deploy_nginx.py: the deployment of several processes
if [ ${#missing[@]} -gt 0 ]; then
    as_root apt-get update -qq
    # RUNLEVEL=1: the packages' services (nginx, postgresql) are not started; the tests start their own.
    as_root env DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
export KLA_ARGON2_FAST=1
workers=(-n "${KLA_TEST_WORKERS:-2}" --dist loadgroup --durations=25)
if [ -n "${KLA_TEST_ENGINE:-}" ]; then
    exec .venv/bin/python -m pytest "${workers[@]}" "$@"
fi
echo "== checks: ruff and mypy"
bash scripts/lint.sh
echo "== the suite on SQLite"
KLA_TEST_ENGINE=sqlite .venv/bin/python -m pytest "${workers[@]}" "$@"
echo "== on PostgreSQL, what touches the database"
KLA_TEST_ENGINE=postgresql .venv/bin/python -m pytest "${workers[@]}" "$@"
