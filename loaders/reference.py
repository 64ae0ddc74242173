"""Reference statistics carried into `data/reference/`: GDP deflator and police force areas."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from loaders.paths import REFERENCE_DIR

DEFLATOR_ATTRIBUTION = (
    "GDP deflator: HM Treasury / ONS (L8GG), March 2026, Open Government Licence v3.0"
)
MAP_ATTRIBUTION = (
    "Police force area centroids: ONS Open Geography (Dec 2016), OGL v3.0; "
    "contains OS data © Crown copyright and database right 2016"
)


def load_deflator(folder: Path = REFERENCE_DIR) -> pd.DataFrame:
    """Deflator by financial year; `fy_start` 2015 is 2015-16."""
    frame = pd.read_csv(folder / "gdp_deflator.csv")
    return frame[["year", "fy_start", "index", "is_forecast"]].astype(
        {"fy_start": int, "index": float, "is_forecast": bool}
    )


def load_pfa(folder: Path = REFERENCE_DIR) -> pd.DataFrame:
    """One row per police force area: code, name, population (mid-2018), centroid."""
    population = pd.read_csv(folder / "pfa_population.csv")[
        ["pfa_code", "force_area", "population"]
    ]
    centroids = pd.read_csv(folder / "pfa_centroids.csv")[["pfa_code", "lat", "lon"]]
    return population.merge(centroids, on="pfa_code", how="outer", validate="one_to_one")
