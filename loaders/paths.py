"""Where the curated data, the source documents and the reference statistics live."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHIPPED_DATA_DIR = PROJECT_ROOT / "data"
# BLUELIGHT_DATA_DIR points the app and the CLI at another copy of the tables (benchmarks, tests).
DATA_DIR = Path(os.environ.get("BLUELIGHT_DATA_DIR") or SHIPPED_DATA_DIR)
REFERENCE_DIR = SHIPPED_DATA_DIR / "reference"


def seeds_dir() -> Path:
    """The five source documents sit in `../shared/seeds` beside the checkout (CI and dev)."""
    override = os.environ.get("BLUELIGHT_SEEDS_DIR")
    return Path(override) if override else PROJECT_ROOT.parent / "shared" / "seeds"
