"""Strength of evidence: a grade for every figure and a prudent (optimism-adjusted) value.

Collaboration savings are mostly self-reported, and many are forecasts. In the spirit of the
HM Treasury Green Book's optimism-bias adjustment, and of the confidence grading used by
cost-benefit models for local public services (which cut a benefit by 0-40% depending on how
robust its evidence is), each figure's value is reduced by a percentage set by its grade.
The defaults below are ours, documented on the Data & method page, and callers can pass others.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Grade:
    code: str
    label: str
    meaning: str
    adjustment: float  # share removed for the prudent value (0.25 = 25%)
    rationale: str


GRADES: Mapping[str, Grade] = {
    "actual": Grade(
        "A",
        "Achieved and measured",
        "Reported as already delivered or counted by the service.",
        0.10,
        "Measured, but self-reported and not independently audited; attribution to the "
        "collaboration is rarely tested.",
    ),
    "estimate": Grade(
        "B",
        "Estimated",
        "From a business case, projection, model or evaluation estimate.",
        0.25,
        "Forecasts of savings are systematically optimistic (Green Book optimism bias); a "
        "quarter off is a middle setting for an appraised but unrealised benefit.",
    ),
    "target": Grade(
        "C",
        "Anticipated or potential",
        "An aim, a hoped-for or a 'could' figure that depends on decisions not yet made.",
        0.40,
        "Not yet committed; the top adjustment used for the least certain benefits.",
    ),
    "anecdotal": Grade(
        "D",
        "Anecdotal",
        "An impression or rounded claim without a stated method.",
        0.40,
        "No method stated; treated like an unverified forecast.",
    ),
    "context": Grade(
        "–",
        "Context",
        "Background, national or baseline figure; not a claim of benefit.",
        0.0,
        "Not a benefit claim, so not adjusted.",
    ),
}

DEFAULT_ADJUSTMENTS: Mapping[str, float] = {basis: g.adjustment for basis, g in GRADES.items()}


def grading_table() -> pd.DataFrame:
    """The grading as a table, for the method page and the data download."""
    return pd.DataFrame(
        [
            {
                "basis": basis,
                "grade": g.code,
                "label": g.label,
                "meaning": g.meaning,
                "prudent_adjustment": g.adjustment,
                "rationale": g.rationale,
            }
            for basis, g in GRADES.items()
        ]
    )


def prudent_factor(basis: pd.Series, adjustments: Mapping[str, float] | None = None) -> pd.Series:
    """Multiplier (1 - adjustment) for each figure's basis.

    >>> prudent_factor(pd.Series(["actual", "target"])).round(2).tolist()
    [0.9, 0.6]
    """
    table = {**DEFAULT_ADJUSTMENTS, **(adjustments or {})}
    for basis_name, share in table.items():
        if not 0.0 <= share <= 1.0:
            raise ValueError(f"adjustment for {basis_name!r} must be between 0 and 1, got {share}")
    return 1.0 - basis.map(table).astype(float)


def grade_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """Figures with their evidence grade code and label added."""
    return figures.assign(
        grade=figures["basis"].map(lambda b: GRADES[b].code),
        grade_label=figures["basis"].map(lambda b: GRADES[b].label),
    )
