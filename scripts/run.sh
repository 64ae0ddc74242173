#!/usr/bin/env bash
# Set up (first time only) and serve the dashboard on the shipped data.
# Usage: bash scripts/run.sh [--server.port 8501 ...extra streamlit options]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_env.sh requirements.txt
exec .venv/bin/python serve.py --server.headless true \
  --browser.gatherUsageStats false "$@"
