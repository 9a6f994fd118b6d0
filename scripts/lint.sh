#!/usr/bin/env bash
# The linter and the type checker, as configured in pyproject.toml: `ruff check .` on the whole
# repository and mypy on the packages listed in [tool.mypy] files (indicators/, data/, seed/ and
# cli/). Exits non-zero on any finding.
# Usage: bash scripts/lint.sh   (needs .venv with requirements-dev.txt, as scripts/test.sh makes)
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
echo "== ruff"
.venv/bin/ruff check . || status=1
echo "== mypy"
.venv/bin/mypy || status=1
exit "$status"
