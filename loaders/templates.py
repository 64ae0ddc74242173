"""Templates a user fills in to upload their own schemes and figures (data/templates/).

The CSV templates are committed; the Excel template is built from the same rows on demand, so
the two can never disagree and no binary sits in the repository.
"""

from __future__ import annotations

import csv
import io
import re

from loaders.paths import SHIPPED_DATA_DIR

TEMPLATE_DIR = SHIPPED_DATA_DIR / "templates"
TEMPLATE_KINDS = ("schemes", "figures", "sources")  # also the sheet names of the workbook
_WHOLE_NUMBER = re.compile(r"^[0-9]{1,9}$")


def template_name(kind: str) -> str:
    """File name of one CSV template: 'figures' -> 'figures_template.csv'."""
    if kind not in TEMPLATE_KINDS:
        raise ValueError(f"no template for {kind!r}: expected one of {', '.join(TEMPLATE_KINDS)}")
    return f"{kind}_template.csv"


def template_csv(kind: str) -> bytes:
    """The CSV template for one table, header and example row, as UTF-8 bytes."""
    return (TEMPLATE_DIR / template_name(kind)).read_bytes()


def template_rows(kind: str) -> list[list[str]]:
    """The template as rows of text, the header first."""
    text = template_csv(kind).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def template_workbook() -> bytes:
    """An .xlsx with one sheet per template (schemes, figures, sources), built from the CSVs."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    for kind in TEMPLATE_KINDS:
        sheet = book.create_sheet(kind)
        sheet.freeze_panes = "A2"
        header, *rows = template_rows(kind)
        for column, name in enumerate(header):
            letter = _column_letter(column)
            sheet.column_dimensions[letter].width = max(14, min(48, len(name) + 4))
        sheet.append([_cell(sheet, name, bold=Font(bold=True)) for name in header])
        for row in rows:
            sheet.append([_cell(sheet, value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(sheet: object, value: str, bold: object = None) -> object:
    """Whole numbers as numbers (years); all other text as text, never as a formula."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=int(value) if _WHOLE_NUMBER.match(value) else value)
    if isinstance(cell.value, str):
        cell.data_type = "s"  # a value starting with '=' stays text
    if bold is not None:
        cell.font = bold
    return cell


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)
