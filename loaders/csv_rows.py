"""Read a curated CSV table and validate each row against its pydantic model."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from loaders.issues import DataIssue

M = TypeVar("M", bound=BaseModel)


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Rows as dicts of text; a UTF-8 BOM from spreadsheet exports is tolerated."""
    text = path.read_text(encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    return list(reader.fieldnames or []), list(reader)


def header_issues(name: str, header: list[str], model: type[BaseModel]) -> list[DataIssue]:
    """Missing or unknown columns, reported once for the whole file."""
    expected = list(model.model_fields)
    issues = [
        DataIssue(name, 1, column, "required column is missing")
        for column in expected
        if column not in header
    ]
    issues += [
        DataIssue(name, 1, column, f"unknown column (expected only: {', '.join(expected)})")
        for column in header
        if column not in expected
    ]
    return issues


def validate_rows(
    name: str,
    rows: Sequence[dict[str, str]],
    model: type[M],
    row_numbers: Sequence[int] | None = None,
) -> tuple[list[tuple[int, M]], list[DataIssue]]:
    """Validate every row; a bad row is reported and skipped, the others still load.

    Rows are numbered from 2 (under the header) unless `row_numbers` gives each row's own
    spreadsheet row (uploads skip blank rows, so the numbers have gaps).
    """
    good: list[tuple[int, M]] = []
    issues: list[DataIssue] = []
    fields = set(model.model_fields)
    numbers = row_numbers if row_numbers is not None else range(2, len(rows) + 2)
    for row_number, row in zip(numbers, rows, strict=True):
        if None in row:
            issues.append(DataIssue(name, row_number, "(row)", "more cells than columns"))
            continue
        cells = {key: (value or "") for key, value in row.items() if key in fields}
        try:
            good.append((row_number, model.model_validate(cells)))
        except ValidationError as error:
            issues.extend(_to_issues(name, row_number, error))
    return good, issues


def _to_issues(name: str, row_number: int, error: ValidationError) -> list[DataIssue]:
    issues = []
    for detail in error.errors(include_url=False):
        field = ".".join(str(part) for part in detail["loc"]) or "(row)"
        given = detail.get("input")
        value = str(given) if isinstance(given, str | int | float) else None
        issues.append(DataIssue(name, row_number, field, detail["msg"], value))
    return issues


def load_table(
    data_dir: Path, name: str, model: type[M]
) -> tuple[list[tuple[int, M]], list[DataIssue]]:
    """Header check plus row validation for one file of the store."""
    path = data_dir / name
    if not path.exists():
        return [], [DataIssue(name, None, "(file)", f"file not found in {data_dir}")]
    header, rows = read_rows(path)
    issues = header_issues(name, header, model)
    if any(issue.problem == "required column is missing" for issue in issues):
        return [], issues
    good, row_issues = validate_rows(name, rows, model)
    return good, issues + row_issues
