"""Finding schemes and reading them: free-text search, one scheme's figures, side-by-side view.

Pure functions on the store's tidy tables. Values are written by a formatter the caller passes
(the dashboard passes charts.formatting.format_value), so this module stays above the chart
layer while every number still reads the same as in the charts. Each figure row keeps its
verbatim quote, source and locator beside the formatted value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import pandas as pd

from metrics.evidence import GRADES
from metrics.overview import SERVICE_NAMES, STATUS_NAMES, join_ids
from metrics.restatements import primary_figures

ValueFormatter = Callable[[object, str, str | None], str]
"""format_value(value, unit, qualifier) -> text, e.g. charts.formatting.format_value."""

SEARCH_FIELDS: dict[str, str] = {
    "name": "name",
    "summary": "summary",
    "sub_theme": "sub-theme",
    "area_names": "areas",
    "organisations": "organisations",
}
"""Scheme columns the search looks in, and how a match is described."""

MIN_COMPARE, MAX_COMPARE = 2, 4

_RECURRENCE_WORDS = {
    "per_year": "a year",
    "per_month": "a month",
    "per_week": "a week",
    "per_day": "a day",
    "one_off": "one-off",
}


def _text(cell: object) -> str:
    return cell if isinstance(cell, str) else ""


# --- search ------------------------------------------------------------------------------------


def _organisation_text(scheme_organisations: pd.DataFrame) -> pd.Series:
    """Abbreviations and full names of each scheme's organisations, by scheme_id."""
    words = scheme_organisations["abbreviation"] + " " + scheme_organisations["name"]
    return words.groupby(scheme_organisations["scheme_id"]).agg(" ".join)


def search_schemes(
    schemes: pd.DataFrame, scheme_organisations: pd.DataFrame, query: str
) -> pd.DataFrame:
    """Schemes whose text holds every word of `query` (case-insensitive, any order).

    Looks in name, summary, sub-theme, area names and organisations (abbreviations and full
    names). Adds `matched_in` (where the words were found). An empty query keeps every scheme.
    """
    words = [w for w in (query or "").lower().split() if w]
    if not words:
        return schemes.assign(matched_in="")
    orgs = schemes["scheme_id"].map(_organisation_text(scheme_organisations)).fillna("")
    fields = {
        label: schemes[column].map(_text).str.lower() for column, label in SEARCH_FIELDS.items()
    }
    fields["organisations"] = (fields["organisations"] + " " + orgs.str.lower()).str.strip()
    haystack = pd.concat(fields.values(), axis=1).agg(" ".join, axis=1)
    keep = pd.Series(True, index=schemes.index)
    for word in words:
        keep &= haystack.str.contains(word, regex=False)
    hits = pd.DataFrame(
        {
            label: pd.concat([text.str.contains(w, regex=False) for w in words], axis=1).any(axis=1)
            for label, text in fields.items()
        }
    )
    matched_in = hits.apply(lambda row: "; ".join(row.index[row]), axis=1)
    return schemes[keep].assign(matched_in=matched_in[keep])


def scheme_list(schemes: pd.DataFrame) -> pd.DataFrame:
    """The columns a person scans to pick a scheme, with status and services in words."""
    return pd.DataFrame(
        {
            "scheme_id": schemes["scheme_id"],
            "name": schemes["name"],
            "theme": schemes["theme_label"],
            "status": schemes["status"].map(STATUS_NAMES).fillna(schemes["status"]),
            "areas": schemes["area_names"],
            "organisations": schemes["organisations"],
            "services": schemes["service_types"].map(services_in_words),
            "start": schemes["start_date"].map(_text),
            "n_figures": schemes["n_figures"].astype(int),
            "source_ids": schemes["source_ids"],
        }
    ).reset_index(drop=True)


def services_in_words(service_types: object) -> str:
    """'ambulance;fire;police' -> 'Police, Fire and rescue, Ambulance' (police first)."""
    types = _text(service_types).split(";")
    order = list(SERVICE_NAMES)
    known = sorted((t for t in types if t), key=lambda t: order.index(t) if t in order else 99)
    return ", ".join(SERVICE_NAMES.get(t, t) for t in known)


# --- one figure in words -----------------------------------------------------------------------


def _number(value: object, unit: str, qualifier: str | None, fmt: ValueFormatter) -> str:
    if unit == "year":
        return str(int(float(value)))  # type: ignore[arg-type]
    try:
        return fmt(value, unit, qualifier)
    except ValueError:  # a unit the formatter does not know: plain number and unit
        return f"{float(value):g} {unit}"  # type: ignore[arg-type]


def _period_words(figure: pd.Series) -> str:
    recurrence = figure.get("recurrence")
    if recurrence in _RECURRENCE_WORDS:
        return _RECURRENCE_WORDS[recurrence]
    if recurrence == "total_over_period":
        years = figure.get("period_years")
        if pd.isna(years):
            return "in total"
        if years < 1:
            return f"over {round(years * 12)} months"
        return f"over {years:g} years"
    if recurrence == "cumulative_by_date":
        by_year = figure.get("by_year")
        return "to date" if pd.isna(by_year) else f"by {int(by_year)}"
    return ""


def figure_value_text(figure: pd.Series, fmt: ValueFormatter) -> str:
    """One figure's value in words: '£1.5m over 10 years', 'from 196 to 29', '18 of 29'.

    Ranges show both ends, before/after pairs both values, shares their denominator, and
    money or volumes their period. The verbatim quote is always shown beside this text.
    """
    unit, qualifier = str(figure["unit"]), figure.get("qualifier")
    if pd.isna(figure.get("value")):
        return "–"
    if qualifier == "range":
        text = (
            f"{_number(figure['low'], unit, None, fmt)} to "
            f"{_number(figure['high'], unit, None, fmt)}"
        )
    elif pd.notna(figure.get("value_before")):
        text = (
            f"from {_number(figure['value_before'], unit, None, fmt)} "
            f"to {_number(figure['value'], unit, qualifier, fmt)}"
        )
    elif pd.notna(figure.get("denominator")):
        text = (
            f"{_number(figure['value'], unit, qualifier, fmt)} of "
            f"{_number(figure['denominator'], unit, None, fmt)}"
        )
    else:
        text = _number(figure["value"], unit, qualifier, fmt)
    period = _period_words(figure)
    return f"{text} {period}" if period else text


# --- scheme detail -----------------------------------------------------------------------------

DETAIL_COLUMNS = [
    "figure_id",
    "scheme_id",
    "measure",
    "measure_label",
    "subject",
    "value_text",
    "quote",
    "source",
    "source_id",
    "locator",
    "basis",
    "grade",
    "evidence",
    "period",
    "flags",
    "notes",
    "same_fact_as",
]


def source_names(sources: pd.DataFrame) -> pd.Series:
    """'National Overview 2016 (2016)' by source_id: the title a reader looks for."""
    table = sources.set_index("source_id")
    return table["title"] + " (" + table["year"].astype(str) + ")"


def _same_fact(figures: pd.DataFrame) -> pd.Series:
    """For each figure, the other figure_ids that state the same fact (same compare_key)."""
    keyed = figures[figures["compare_key"].map(_text) != ""]
    groups = keyed.groupby("compare_key")["figure_id"].agg(list)
    return figures.apply(
        lambda f: (
            join_ids(i for i in groups.get(f["compare_key"], []) if i != f["figure_id"])
            if _text(f["compare_key"])
            else ""
        ),
        axis=1,
    )


def scheme_detail(
    figures: pd.DataFrame,
    sources: pd.DataFrame,
    scheme_ids: str | Sequence[str],
    *,
    fmt: ValueFormatter,
    bases: Iterable[str] = (),
) -> pd.DataFrame:
    """Every figure of the scheme(s), each with its value in words, verbatim quote, source
    title, locator, evidence grade and flags, in the order the documents give them.

    `bases` keeps only those evidence bases (the sidebar filter); empty keeps all.
    `same_fact_as` names figures in other documents that state the same fact.
    """
    wanted = [scheme_ids] if isinstance(scheme_ids, str) else list(scheme_ids)
    chosen = figures[figures["scheme_id"].isin(wanted)]
    bases = tuple(bases)
    if bases:
        chosen = chosen[chosen["basis"].isin(bases)]
    if chosen.empty:
        return pd.DataFrame(columns=DETAIL_COLUMNS)
    same_fact = _same_fact(figures)
    detail = chosen.assign(
        value_text=chosen.apply(figure_value_text, axis=1, fmt=fmt),
        source=chosen["source_id"].map(source_names(sources)).fillna(chosen["source_id"]),
        grade=chosen["basis"].map(lambda b: GRADES[b].code),
        evidence=chosen["basis"].map(lambda b: GRADES[b].label),
        same_fact_as=same_fact[chosen.index],
    )
    detail["flags"] = detail["flags"].map(_text).str.replace(";", ", ").str.replace("_", " ")
    for column in ("period", "notes", "locator", "subject"):
        detail[column] = detail[column].map(_text)
    return detail[DETAIL_COLUMNS].reset_index(drop=True)


# --- comparison --------------------------------------------------------------------------------

_SCHEME_FIELDS: tuple[tuple[str, Callable[[pd.Series], str]], ...] = (
    ("Theme", lambda s: s["theme_label"]),
    ("Sub-theme", lambda s: _text(s["sub_theme"])),
    ("Areas", lambda s: s["area_names"]),
    ("Organisations", lambda s: s["organisations"]),
    ("Services involved", lambda s: services_in_words(s["service_types"])),
    ("Status", lambda s: STATUS_NAMES.get(s["status"], s["status"])),
    ("Start", lambda s: _text(s["start_date"]) or "not stated"),
    ("End", lambda s: _text(s["end_date"]) or "not stated"),
    ("Documents", lambda s: _text(s["source_ids"]).replace(";", ", ")),
)


def scheme_profile(schemes: pd.DataFrame, scheme_id: str) -> pd.DataFrame:
    """One scheme's description as rows of field and value, for a detail view.

    Theme, sub-theme, areas, organisations, services, status, dates, documents, then the
    summary (in the curators' own words), the locator of its main description and notes.
    """
    table = schemes.set_index("scheme_id")
    if scheme_id not in table.index:
        raise ValueError(f"unknown scheme id: {scheme_id}")
    scheme = table.loc[scheme_id]
    rows = [(label, get(scheme)) for label, get in _SCHEME_FIELDS]
    rows += [
        ("Summary", _text(scheme["summary"])),
        ("Where the document describes it", _text(scheme["locator"])),
        ("Curator's notes", _text(scheme["notes"]) or "none"),
        ("Scheme id", str(scheme_id)),
    ]
    return pd.DataFrame(rows, columns=["field", "value"])


def compare_schemes(
    schemes: pd.DataFrame,
    figures: pd.DataFrame,
    scheme_ids: Sequence[str],
    *,
    fmt: ValueFormatter,
    bases: Iterable[str] = (),
) -> pd.DataFrame:
    """2 to 4 schemes side by side: one column per scheme (headed by its name), one row per
    attribute, then one row per measure any of them reports.

    Measure cells list that scheme's figures in words ('; '-joined), each fact once
    (restatements in a second document are left out); '–' where a scheme has none.
    Columns: field, row_kind ('scheme' or 'figure'), one per scheme, figure_ids. `bases` keeps
    only figures of those evidence bases (the sidebar filter); empty keeps all.
    """
    ids = list(dict.fromkeys(scheme_ids))
    if not MIN_COMPARE <= len(ids) <= MAX_COMPARE:
        raise ValueError(f"compare {MIN_COMPARE} to {MAX_COMPARE} schemes, got {len(ids)}")
    table = schemes.set_index("scheme_id")
    unknown = [i for i in ids if i not in table.index]
    if unknown:
        raise ValueError(f"unknown scheme id(s): {', '.join(unknown)}")
    headers = _column_names(table.loc[ids, "name"])
    rows: list[dict[str, str]] = [
        {"field": label, "row_kind": "scheme", **_cells(ids, headers, table, get), "figure_ids": ""}
        for label, get in _SCHEME_FIELDS
    ]
    bases = tuple(bases)
    mine = figures[figures["scheme_id"].isin(ids)]
    facts = primary_figures(mine[mine["basis"].isin(bases)] if bases else mine)
    rows.append(
        {
            "field": "Figures (distinct facts)",
            "row_kind": "scheme",
            **{headers[i]: str(int((facts["scheme_id"] == i).sum())) for i in ids},
            "figure_ids": "",
        }
    )
    for label, of_measure in facts.groupby("measure_label", sort=True):
        row = {
            "field": label,
            "row_kind": "figure",
            "figure_ids": join_ids(of_measure["figure_id"]),
        }
        for i in ids:
            mine = of_measure[of_measure["scheme_id"] == i]
            texts = [figure_value_text(f, fmt) for _, f in mine.iterrows()]
            row[headers[i]] = "; ".join(texts) or "–"
        rows.append(row)
    return pd.DataFrame(rows, columns=["field", "row_kind", *headers.values(), "figure_ids"])


def _column_names(names: pd.Series) -> dict[str, str]:
    """Scheme id -> column header: its name, made unique if two schemes share one."""
    headers: dict[str, str] = {}
    for scheme_id, name in names.items():
        header = name if name not in headers.values() else f"{name} ({scheme_id})"
        headers[str(scheme_id)] = header
    return headers


def _cells(
    ids: list[str],
    headers: dict[str, str],
    table: pd.DataFrame,
    get: Callable[[pd.Series], str],
) -> dict[str, str]:
    return {headers[i]: get(table.loc[i]) for i in ids}
