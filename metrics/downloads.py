"""Tables made safe to open in a spreadsheet: CSV and Excel downloads.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return can run as a formula
when opened in Excel or LibreOffice (CSV injection). Such text cells get a leading apostrophe;
numbers stay numbers.
"""

from __future__ import annotations

import io
import re
import zipfile

import pandas as pd

_FORMULA_START = re.compile(r"^[=+\-@\t\r]")


def neutralise_cell(value: object) -> object:
    """Prefix text that a spreadsheet would treat as a formula.

    >>> neutralise_cell("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> neutralise_cell(-3.5)
    -3.5
    >>> neutralise_cell("£1.5m")
    '£1.5m'
    """
    if isinstance(value, str) and _FORMULA_START.match(value):
        return "'" + value
    return value


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells cannot run as formulas."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise_cell)
    safe.columns = [neutralise_cell(str(c)) for c in safe.columns]
    return safe


def to_safe_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a BOM so Excel shows £ correctly."""
    return neutralise(frame).to_csv(index=False).encode("utf-8-sig")


def to_safe_excel(tables: dict[str, pd.DataFrame]) -> bytes:
    """One workbook, one sheet per table (sheet names cut to Excel's 31 characters)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in tables.items():
            neutralise(frame).to_excel(writer, sheet_name=name[:31], index=False)
    return buffer.getvalue()


def to_safe_zip(tables: dict[str, pd.DataFrame]) -> bytes:
    """One zip holding `<name>.csv` for each table, each made safe as in to_safe_csv."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, frame in tables.items():
            archive.writestr(f"{name}.csv", to_safe_csv(frame))
    return buffer.getvalue()
