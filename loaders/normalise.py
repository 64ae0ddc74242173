"""Turn each curated figure into numbers: value, unit, qualifier, bounds, recurrence.

The quote is parsed as written. Where the data carry an override (a quote that cannot be read
as written), the override wins and the figure is flagged, with the reason kept beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from loaders.annualise import annualise
from loaders.issues import DataIssue
from loaders.models import FigureRecord, Measure, UnitKind
from loaders.quote_parser import (
    ParsedQuote,
    Qualifier,
    QuoteParseError,
    Recurrence,
    Unit,
    parse_quote,
)

# Which parsed units each kind of measure accepts.
UNITS_FOR_KIND: dict[UnitKind, set[str]] = {
    UnitKind.money: {"GBP"},
    UnitKind.duration: {"seconds", "days", "weeks", "months", "years"},
    UnitKind.percent: {"percent"},
    UnitKind.count: {"count"},
    UnitKind.ratio: {"ratio"},
    UnitKind.year: {"year", "count"},
    UnitKind.distance: {"metres", "miles"},
}


@dataclass(frozen=True)
class Normalised:
    """The numbers read from one figure, ready to become a row of the tidy table."""

    value: float
    unit: str
    qualifier: str
    low: float | None
    high: float | None
    value_before: float | None
    denominator: float | None
    recurrence: str | None
    period_years: float | None
    by_year: int | None
    annual_value: float | None
    annual_basis: str
    parse_notes: str
    overridden: bool


def normalise_figure(
    file: str, row: int, record: FigureRecord, measure: Measure
) -> tuple[Normalised | None, list[DataIssue]]:
    """Parse one figure's quote and reconcile it with its measure and the curator's columns."""
    try:
        parsed: ParsedQuote | None = parse_quote(record.quote)
        parse_error = None
    except QuoteParseError as error:
        parsed, parse_error = None, error
    if record.override_value is not None or record.override_qualifier:
        return _with_override(file, row, record, measure, parsed, parse_error)
    if parsed is None:
        problem = f"{parse_error}; give override_value, override_unit and override_reason"
        return None, [DataIssue(file, row, "quote", problem)]
    unit = _unit_for_measure(parsed, measure)
    if unit is None:
        expected = " or ".join(sorted(UNITS_FOR_KIND[measure.unit_kind]))
        problem = (
            f"measure '{measure.measure}' expects {measure.unit_kind.value} ({expected}) "
            f"but the quote {record.quote!r} reads as {parsed.unit.value}"
        )
        return None, [DataIssue(file, row, "measure", problem)]
    return _build(file, row, record, parsed, unit, overridden=False)


def _unit_for_measure(parsed: ParsedQuote, measure: Measure) -> str | None:
    unit = parsed.unit.value
    if unit not in UNITS_FOR_KIND[measure.unit_kind]:
        return None
    if measure.unit_kind is UnitKind.year:
        is_year = parsed.value.is_integer() and 1900 <= parsed.value <= 2100
        return "year" if is_year else None
    return unit


def _with_override(
    file: str,
    row: int,
    record: FigureRecord,
    measure: Measure,
    parsed: ParsedQuote | None,
    parse_error: QuoteParseError | None,
) -> tuple[Normalised | None, list[DataIssue]]:
    """Use the curator's value; keep what the quote still says (qualifier, period)."""
    unit = record.override_unit or (parsed.unit.value if parsed else None)
    allowed = UNITS_FOR_KIND[measure.unit_kind] | _YEAR_UNITS.get(measure.unit_kind, set())
    if unit not in allowed:
        problem = (
            f"override_unit {unit!r} does not fit measure '{measure.measure}' "
            f"(expected one of {', '.join(sorted(allowed))})"
        )
        return None, [DataIssue(file, row, "override_unit", problem)]
    if record.override_value is None and parsed is None:
        problem = f"{parse_error}; override_qualifier alone needs a readable quote or a value"
        return None, [DataIssue(file, row, "override_value", problem)]
    value = float(record.override_value if record.override_value is not None else parsed.value)
    if parsed is None:
        reason = parse_error.expected if parse_error else "unreadable"
        parsed = ParsedQuote(
            quote=record.quote,
            value=value,
            unit=Unit.count,
            qualifier=Qualifier.exact,
            low=value,
            high=value,
            recurrence=None,
            period_years=None,
            by_year=None,
            value_before=None,
            denominator=None,
            notes=(f"quote not parseable as written ({reason})",),
        )
    adjusted = _rescale(parsed, value)
    if record.override_qualifier:
        adjusted = _requalify(adjusted, Qualifier(record.override_qualifier))
    return _build(file, row, record, adjusted, unit, overridden=True)


def _requalify(parsed: ParsedQuote, qualifier: Qualifier) -> ParsedQuote:
    """Bounds that follow from a curator's qualifier ("less than a mile" -> high = 1)."""
    value = parsed.value
    bounds = {
        Qualifier.exact: (value, value),
        Qualifier.approx: (None, None),
        Qualifier.at_least: (value, None),
        Qualifier.up_to: (None, value),
        Qualifier.less_than: (None, value),
    }[qualifier]
    return replace(parsed, qualifier=qualifier, low=bounds[0], high=bounds[1])


_YEAR_UNITS = {UnitKind.year: {"year"}}


def _rescale(parsed: ParsedQuote, value: float) -> ParsedQuote:
    """Apply an override to the value and scale the bounds read from the quote with it."""
    scale = value / parsed.value if parsed.value else None

    def scaled(bound: float | None) -> float | None:
        return None if bound is None or scale is None else bound * scale

    return replace(
        parsed,
        value=value,
        low=scaled(parsed.low),
        high=scaled(parsed.high),
        value_before=scaled(parsed.value_before),
    )


def _build(
    file: str, row: int, record: FigureRecord, parsed: ParsedQuote, unit: str, *, overridden: bool
) -> tuple[Normalised | None, list[DataIssue]]:
    row_recurrence = Recurrence(record.recurrence.value) if record.recurrence else None
    try:
        annual_value, annual_basis = annualise(parsed, row_recurrence, record.period_years)
    except ValueError as error:
        return None, [DataIssue(file, row, "recurrence", str(error))]
    recurrence = parsed.recurrence or row_recurrence
    notes = list(parsed.notes)
    if overridden:
        notes.append(f"override: {record.override_reason}")
    return (
        Normalised(
            value=parsed.value,
            unit=unit,
            qualifier=parsed.qualifier.value,
            low=parsed.low,
            high=parsed.high,
            value_before=parsed.value_before,
            denominator=parsed.denominator,
            recurrence=recurrence.value if recurrence else None,
            period_years=parsed.period_years or record.period_years,
            by_year=parsed.by_year,
            annual_value=annual_value,
            annual_basis=annual_basis,
            parse_notes="; ".join(notes),
            overridden=overridden,
        ),
        [],
    )
