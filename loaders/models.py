"""Pydantic models of one row of each curated table in `data/`.

The models check what a single row can tell on its own (types, vocabularies, id shapes);
`loaders.validate` checks what needs several tables (references, conflicts).
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*[a-z0-9]$"
DATE_PATTERN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _blank_to_none(value: object) -> object:
    """Spreadsheets write empty cells as ''; treat them as missing."""
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _split_list(value: object) -> object:
    """Cells hold `;`-separated lists (`pol-essex;frs-essex`)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    return value


OptionalText = Annotated[str | None, BeforeValidator(_blank_to_none)]
OptionalFloat = Annotated[float | None, BeforeValidator(_blank_to_none)]
OptionalInt = Annotated[int | None, BeforeValidator(_blank_to_none)]
IdList = Annotated[list[str], BeforeValidator(_split_list)]


class ServiceType(StrEnum):
    police = "police"
    fire = "fire"
    ambulance = "ambulance"
    local_authority = "local_authority"
    health = "health"
    other = "other"


class Status(StrEnum):
    live = "live"
    pilot = "pilot"
    planned = "planned"
    completed = "completed"


class Basis(StrEnum):
    actual = "actual"
    estimate = "estimate"
    target = "target"
    anecdotal = "anecdotal"
    context = "context"


class UnitKind(StrEnum):
    money = "money"
    duration = "duration"
    percent = "percent"
    count = "count"
    ratio = "ratio"
    year = "year"
    distance = "distance"


class Better(StrEnum):
    higher = "higher"
    lower = "lower"
    none = "none"


class MoneyKind(StrEnum):
    saving = "saving"
    wider_benefit = "wider_benefit"
    capital_receipt = "capital_receipt"
    cost = "cost"
    grant = "grant"
    transfer = "transfer"
    baseline = "baseline"
    context = "context"


class RowRecurrence(StrEnum):
    """Recurrence a curator may state when the quote itself does not."""

    per_year = "per_year"
    one_off = "one_off"
    total_over_period = "total_over_period"
    cumulative_by_date = "cumulative_by_date"


class Flag(StrEnum):
    conflict = "conflict"
    suspected_typo = "suspected_typo"
    missing_unit = "missing_unit"
    ambiguous_period = "ambiguous_period"
    ambiguous_scope = "ambiguous_scope"


class Record(BaseModel):
    """Shared settings: unknown columns are an error, text is stripped, 'inf'/'nan' refused."""

    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, frozen=True, allow_inf_nan=False
    )


class Source(Record):
    source_id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    publisher: str = Field(min_length=1)
    date: str = Field(pattern=DATE_PATTERN.pattern)
    year: int = Field(ge=1990, le=2100)
    kind: str = Field(min_length=1)
    seed_file: str = Field(min_length=1)
    notes: OptionalText = None


class UserSource(Source):
    """A source a user uploads: their own document, never read here, so it needs no seed file."""

    seed_file: OptionalText = None  # type: ignore[assignment]

    @field_validator("seed_file")
    @classmethod
    def _no_seed_file(cls, value: str | None) -> str | None:
        if value not in (None, "user"):
            raise ValueError(
                "leave seed_file blank (or write 'user'): uploaded documents are not read"
            )
        return value


class Theme(Record):
    theme_id: str = Field(pattern=ID_PATTERN)
    label: str = Field(min_length=1)
    description: str = Field(min_length=1)


class Area(Record):
    area_id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)
    kind: str = Field(pattern=r"^(force_area|multi_force|nation|region|town|national)$")
    pfa_codes: IdList = []
    notes: OptionalText = None

    @field_validator("pfa_codes")
    @classmethod
    def _pfa_code_shape(cls, codes: list[str]) -> list[str]:
        for code in codes:
            if not re.fullmatch(r"[EW]\d{8}", code):
                raise ValueError(
                    f"expected ONS police force area codes like E23000001, got {code!r}"
                )
        return codes


class Organisation(Record):
    org_id: str = Field(pattern=ID_PATTERN)
    abbreviation: str = Field(min_length=1)
    name: str = Field(min_length=1)
    service_type: ServiceType
    area_id: str = Field(pattern=ID_PATTERN)
    aliases: IdList = []


class Measure(Record):
    measure: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(min_length=1)
    unit_kind: UnitKind
    better: Better
    money_kind: Annotated[MoneyKind | None, BeforeValidator(_blank_to_none)] = None
    description: str = Field(min_length=1)


class Scheme(Record):
    scheme_id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)
    theme: str = Field(min_length=1)
    sub_theme: str = Field(min_length=1)
    area_ids: IdList = Field(min_length=1)
    org_ids: IdList = Field(min_length=1)
    start_date: OptionalText = Field(default=None, pattern=DATE_PATTERN.pattern)
    end_date: OptionalText = Field(default=None, pattern=DATE_PATTERN.pattern)
    status: Status
    summary: str = Field(min_length=20)
    source_ids: IdList = Field(min_length=1)
    locator: str = Field(min_length=1)
    notes: OptionalText = None


class FigureRecord(Record):
    figure_id: str = Field(pattern=ID_PATTERN)
    scheme_id: OptionalText = None
    measure: str = Field(min_length=1)
    subject: str = Field(min_length=3)
    quote: str = Field(min_length=1)
    source_id: str = Field(pattern=ID_PATTERN)
    locator: str = Field(min_length=1)
    basis: Basis
    period: OptionalText = None
    recurrence: Annotated[RowRecurrence | None, BeforeValidator(_blank_to_none)] = None
    period_years: OptionalFloat = Field(default=None, gt=0)
    price_year: OptionalInt = Field(default=None, ge=1990, le=2100)
    area_id: OptionalText = None
    compare_key: OptionalText = None
    flags: Annotated[list[Flag], BeforeValidator(_split_list)] = []
    notes: OptionalText = None
    override_value: OptionalFloat = None
    override_unit: OptionalText = None
    override_qualifier: OptionalText = Field(
        default=None, pattern=r"^(exact|approx|at_least|up_to|less_than)$"
    )
    override_reason: OptionalText = None

    @model_validator(mode="after")
    def _override_needs_reason(self) -> FigureRecord:
        has_override = any(
            value is not None
            for value in (self.override_value, self.override_unit, self.override_qualifier)
        )
        if has_override and not self.override_reason:
            raise ValueError(
                "override_value/override_unit/override_qualifier need an override_reason"
            )
        return self
