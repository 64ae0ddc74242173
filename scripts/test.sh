#!/usr/bin/env bash
# Set up (first time only) and run the whole suite: lint, data check, unit, AppTest and browser tests.
# Usage: bash scripts/test.sh [extra pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_env.sh requirements-dev.txt
bash scripts/install_chromium.sh
echo "== ruff"
.venv/bin/ruff check .
echo "== data check"
.venv/bin/python -m loaders check --quiet
echo "== pytest"
exec .venv/bin/python -m pytest "$@"
