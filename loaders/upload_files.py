"""Read one uploaded file (CSV or Excel) into plain text tables, refusing what cannot be read.

This step only finds the tables and their cells: which table a CSV is (by its header), which
sheets of a workbook to read, the file and row limits, encodings. Checking the cells against the
models and the national data is `loaders.upload_merge`. Nothing here evaluates what it reads:
CSV cells stay text, and workbooks are opened read-only with cached values only, so a formula
is never run and a cell such as `=cmd|' /C calc'!A0` is just text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from pydantic import BaseModel

from loaders.issues import DataIssue
from loaders.models import FigureRecord, Scheme, UserSource

MAX_FILE_BYTES = 5 * 1024 * 1024  # per uploaded file
MAX_ROWS = 5_000  # data rows per table (per CSV file or per sheet)
MAX_CELL_CHARS = 5_000  # the longest shipped cell is about 530 characters
MAX_COLUMNS = 60  # columns read from a sheet; the widest table has 20
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # an .xlsx is a zip: refuse one that unpacks to more
MAX_SHEET_LINES = 20 * MAX_ROWS  # rows of a sheet read through, blank ones included

# Table kind -> the model its rows must satisfy, in the order they are checked.
TABLE_MODELS: dict[str, type[BaseModel]] = {
    "sources": UserSource,
    "schemes": Scheme,
    "figures": FigureRecord,
}
CSV_SUFFIXES = {".csv", ".txt", ""}
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, or a password-protected workbook
_FILE = "(file)"
EXAMPLE_MARK = "Example row from the template"  # how the templates' example rows begin notes
_HEADER = "(header)"


@dataclass(frozen=True)
class UploadTable:
    """The rows of one table found in an upload, as text, each with its spreadsheet row number."""

    kind: str  # "schemes", "figures" or "sources"
    label: str  # where it came from, for messages: "plan.csv" or "plan.xlsx, sheet 'figures'"
    rows: tuple[tuple[int, dict[str, str]], ...]


@dataclass(frozen=True)
class UploadResult:
    """What one uploaded file holds: its tables, the problems that reject parts of it, caveats."""

    name: str
    tables: tuple[UploadTable, ...] = ()
    issues: tuple[DataIssue, ...] = ()  # a file, table or row refused
    notes: tuple[DataIssue, ...] = ()  # read, with a caveat the user should see

    @property
    def n_rows(self) -> int:
        """Data rows found (before they are checked against the models and national data)."""
        return sum(len(table.rows) for table in self.tables)


def parse_upload(name: str, content: bytes) -> UploadResult:
    """Find the schemes, figures and sources tables in one uploaded file; never raises.

    >>> result = parse_upload("empty.csv", b"")
    >>> [str(issue) for issue in result.issues]
    ["empty.csv, field '(file)': the file is empty: expected a header row and data rows \
(see the templates)"]
    """
    name = display_name(name)
    if not content:
        return _refused(
            name, "the file is empty: expected a header row and data rows (see the templates)"
        )
    if len(content) > MAX_FILE_BYTES:
        return _refused(
            name,
            f"the file is {_size(len(content))}; the limit is {_size(MAX_FILE_BYTES)} per file: "
            "split it into smaller files",
        )
    suffix = PurePosixPath(name.lower()).suffix
    if content.startswith(_ZIP_MAGIC):
        return _read_workbook(name, content)
    if content.startswith(_OLE_MAGIC) or suffix == ".xls":
        return _refused(
            name,
            "an old-style .xls workbook or a password-protected file cannot be read: "
            "save it as .xlsx without a password, or as 'CSV UTF-8'",
        )
    if suffix in EXCEL_SUFFIXES:
        return _refused(name, f"the file is named {suffix} but is not an Excel workbook")
    if suffix not in CSV_SUFFIXES:
        return _refused(name, f"expected a .csv or .xlsx file, not {suffix!r}")
    return _read_csv(name, content)


def display_name(name: str) -> str:
    """The file's own name, without any folders a browser sent, short enough for a message."""
    base = PureWindowsPath(PurePosixPath(str(name)).name).name.strip() or "upload"
    return base if len(base) <= 80 else base[:77] + "..."


def _refused(name: str, problem: str) -> UploadResult:
    return UploadResult(name, issues=(DataIssue(name, None, _FILE, problem),))


def _size(n_bytes: int) -> str:
    """Megabytes rounded up, so a file just over the limit does not read as equal to it."""
    return f"{math.ceil(n_bytes * 10 / (1024 * 1024)) / 10:.1f} MB"


# ---------------------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------------------


def _read_csv(name: str, content: bytes) -> UploadResult:
    text, problem, notes = _decode(name, content)
    if text is None:
        return _refused(name, problem)
    try:
        tables, issues, found = _read_table(name, None, _csv_records(text))
    except csv.Error as error:
        problem = f"not valid CSV ({error}): is a quote mark opened in a cell and never closed?"
        issue = DataIssue(name, None, _FILE, problem)
        return UploadResult(name, issues=(issue,), notes=tuple(notes))
    return UploadResult(name, tables, tuple(issues), tuple(notes + found))


def _decode(name: str, content: bytes) -> tuple[str | None, str, list[DataIssue]]:
    """UTF-8 (a BOM is fine), else Windows-1252 with a warning; anything else is refused."""
    if b"\x00" in content:
        return None, "the file holds NUL bytes (binary or UTF-16 text): save it as 'CSV UTF-8'", []
    try:
        return content.decode("utf-8-sig"), "", []
    except UnicodeDecodeError:
        pass
    try:
        text = content.decode("cp1252")
    except UnicodeDecodeError as error:
        bad = content[error.start]
        return (
            None,
            f"the file is not UTF-8 or Windows-1252 text (byte 0x{bad:02x} at position "
            f"{error.start}): save it as 'CSV UTF-8'",
            [],
        )
    note = DataIssue(
        name,
        None,
        _FILE,
        "not UTF-8: read as Windows-1252 (Excel's plain 'CSV'); check that £ signs and "
        "accented letters look right, or save as 'CSV UTF-8'",
    )
    return text, "", [note]


def _csv_records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Every record with its spreadsheet row number (blank lines count as rows, as in Excel)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise csv.Error(f"row {number + 1}: {error}") from error
        number += 1
        yield number, cells


def identify(header: list[str]) -> str | None:
    """Which table a header belongs to: the kind whose columns it shares most (at least 3).

    >>> identify(["scheme_id", "name", "theme", "status"])
    'schemes'
    >>> identify(["date", "amount"]) is None
    True
    """
    columns = set(header)
    scores = {
        kind: len(columns & set(model.model_fields)) / len(model.model_fields)
        for kind, model in TABLE_MODELS.items()
        if len(columns & set(model.model_fields)) >= 3
    }
    if not scores:
        return None
    return max(scores, key=lambda kind: scores[kind])


def _unknown_table(name: str, row: int, header: list[str]) -> DataIssue:
    problem = (
        "could not tell which table this is: expected the column names of the schemes, "
        "figures or sources template in the first row"
    )
    if len(header) == 1 and (";" in header[0] or "\t" in header[0]):
        problem += " (the columns look separated by ';' or tabs: save as comma-separated CSV)"
    shown = ", ".join(header[:6]) + (", ..." if len(header) > 6 else "")
    return DataIssue(name, row, _HEADER, problem, shown[:200])


# ---------------------------------------------------------------------------------------------
# Excel
# ---------------------------------------------------------------------------------------------


def _read_workbook(name: str, content: bytes) -> UploadResult:
    """Sheets named schemes, figures or sources; other sheets are reported and skipped."""
    problem = _zip_problem(content)
    if problem:
        return _refused(name, problem)
    import openpyxl  # imported here: only uploads need it

    try:
        book = openpyxl.load_workbook(
            io.BytesIO(content), read_only=True, data_only=True, keep_links=False
        )
    except Exception as error:  # a damaged workbook can fail anywhere inside openpyxl
        return _refused(name, f"not a readable .xlsx workbook ({type(error).__name__})")
    tables: list[UploadTable] = []
    issues: list[DataIssue] = []
    notes: list[DataIssue] = []
    seen: dict[str, str] = {}
    try:
        for sheet in book.worksheets:
            title = str(sheet.title)
            kind = title.strip().lower()
            label = f"{name}, sheet {title!r}"
            if kind not in TABLE_MODELS:
                notes.append(DataIssue(name, None, _FILE, _ignored_sheet(title)))
                continue
            if kind in seen:
                problem = f"a second {kind} sheet: only the first, {seen[kind]!r}, is read"
                issues.append(DataIssue(label, None, _FILE, problem))
                continue
            seen[kind] = title
            found = _read_sheet(label, kind, sheet)
            tables += found[0]
            issues += found[1]
            notes += found[2]
    finally:
        book.close()
    if not seen and not issues:
        issues.append(
            DataIssue(
                name,
                None,
                _FILE,
                "no sheet named schemes, figures or sources: rename the sheets to match the "
                "template",
            )
        )
    return UploadResult(name, tuple(tables), tuple(issues), tuple(notes))


def _zip_problem(content: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return "not a readable .xlsx workbook (the file is damaged or not Excel)"
    if unpacked > MAX_UNPACKED_BYTES:
        return (
            f"the workbook unpacks to {_size(unpacked)}; the limit is {_size(MAX_UNPACKED_BYTES)}: "
            "split it into smaller files"
        )
    return None


def _ignored_sheet(title: str) -> str:
    return f"sheet {title!r} ignored: only sheets named schemes, figures and sources are read"


class _SheetTooLong(Exception):
    """A sheet with more lines (blank ones included) than is worth reading through."""


def _read_sheet(
    label: str, kind: str, sheet: object
) -> tuple[tuple[UploadTable, ...], list[DataIssue], list[DataIssue]]:
    notes = []
    if (getattr(sheet, "max_column", None) or 0) > MAX_COLUMNS:
        problem = f"columns after column {MAX_COLUMNS} were not read"
        notes.append(DataIssue(label, None, _FILE, problem))
    try:
        tables, issues, found = _read_table(label, kind, _sheet_records(sheet), "sheet")
    except _SheetTooLong:
        problem = (
            f"the sheet has more than {MAX_SHEET_LINES:,} rows, blank ones included: "
            "delete the unused rows or save the sheet as CSV"
        )
        return (), [DataIssue(label, None, _FILE, problem)], notes
    except Exception as error:  # damaged sheet XML: report it, keep the other sheets
        problem = f"the sheet could not be read ({type(error).__name__})"
        return (), [DataIssue(label, None, _FILE, problem)], notes
    return tables, issues, notes + found


def _sheet_records(sheet: object) -> Iterator[tuple[int, list[str]]]:
    """Rows as text; blank rows are yielded too so that row numbers match the sheet."""
    rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)  # type: ignore[attr-defined]
    for number, values in enumerate(rows, start=1):
        if number > MAX_SHEET_LINES:
            raise _SheetTooLong
        yield number, [cell_text(value) for value in values]


def cell_text(value: object) -> str:
    """A spreadsheet value as the text a CSV would hold: 2016.0 -> '2016', a date -> ISO.

    >>> cell_text(2016.0), cell_text(0.5), cell_text(dt.datetime(2015, 11, 1)), cell_text(None)
    ('2016', '0.5', '2015-11-01', '')
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


# ---------------------------------------------------------------------------------------------
# One table: header checks, row limits, blank rows, overlong cells
# ---------------------------------------------------------------------------------------------


def _header(cells: list[str]) -> list[str]:
    """Column names tidied: lower case, spaces and hyphens as '_', trailing blanks dropped.

    >>> _header([" Scheme ID", "org-ids", "", ""])
    ['scheme_id', 'org_ids']
    """
    names = [re.sub(r"[\s-]+", "_", cell.strip().lower()) for cell in cells]
    while names and not names[-1]:
        names.pop()
    return names


def _read_table(
    label: str, kind: str | None, records: Iterable[tuple[int, list[str]]], what: str = "file"
) -> tuple[tuple[UploadTable, ...], list[DataIssue], list[DataIssue]]:
    """The first non-blank row is the header; `kind` None means: tell the table by its header."""
    records = iter(records)
    first = next(((n, cells) for n, cells in records if any(c.strip() for c in cells)), None)
    if first is None:
        problem = f"the {what} is blank: expected a header row and data rows (see the templates)"
        return (), [DataIssue(label, None, f"({what})", problem)], []
    header_at, header = first[0], _header(first[1])
    kind = kind or identify(header)
    if kind is None:
        return (), [_unknown_table(label, header_at, header)], []
    return _table(label, kind, header_at, header, records)


def _table(
    label: str,
    kind: str,
    header_at: int,
    header: list[str],
    records: Iterator[tuple[int, list[str]]],
) -> tuple[tuple[UploadTable, ...], list[DataIssue], list[DataIssue]]:
    issues, notes = header_problems(label, header_at, header, kind)
    if issues:
        return (), issues, notes
    rows: list[tuple[int, dict[str, str]]] = []
    n_rows = 0
    for number, cells in records:
        if not any(cell.strip() for cell in cells):
            continue
        n_rows += 1
        if n_rows > MAX_ROWS:
            problem = (
                f"more than {MAX_ROWS:,} rows: the limit is {MAX_ROWS:,} rows per table; "
                "split it into smaller files"
            )
            return (), [DataIssue(label, None, _FILE, problem)], notes
        row, problem = _row(label, number, header, cells, kind)
        if problem:
            issues.append(problem)
            continue
        rows.append((number, row))
        if row.get("notes", "").startswith(EXAMPLE_MARK):
            problem = "this is the template's example row: it is used as it stands unless replaced"
            notes.append(DataIssue(label, number, "notes", problem))
    if not rows and not issues:
        problem = "the table has a header but no data rows"
        return (), [DataIssue(label, None, _FILE, problem)], notes
    if not rows:
        return (), issues, notes
    return (UploadTable(kind, label, tuple(rows)),), issues, notes


def header_problems(
    label: str, row: int, header: list[str], kind: str
) -> tuple[list[DataIssue], list[DataIssue]]:
    """Refuse a table missing a required column or repeating one; note optional and extra ones."""
    fields = TABLE_MODELS[kind].model_fields
    issues: list[DataIssue] = []
    notes: list[DataIssue] = []
    first: dict[str, int] = {}
    for position, column in enumerate(header, start=1):
        if column in first and column:
            problem = f"column appears twice (columns {first[column]} and {position})"
            issues.append(DataIssue(label, row, column, problem))
        first.setdefault(column, position)
    for column, info in fields.items():
        if column in first:
            continue
        if info.is_required():
            problem = f"required column is missing (the {kind} template has it)"
            issues.append(DataIssue(label, row, column, problem))
        else:
            notes.append(DataIssue(label, row, column, "optional column is missing: read as blank"))
    expected = ", ".join(fields)
    for position, column in enumerate(header, start=1):
        if not column:
            problem = f"column {position} has no name: its cells are ignored"
            notes.append(DataIssue(label, row, "(header)", problem))
    for column in first:
        if column and column not in fields:
            problem = f"unknown column ignored (expected only: {expected})"
            notes.append(DataIssue(label, row, column, problem))
    return issues, notes


def _row(
    label: str, number: int, header: list[str], cells: list[str], kind: str
) -> tuple[dict[str, str], DataIssue | None]:
    extra = [cell for cell in cells[len(header) :] if cell.strip()]
    if extra:
        problem = f"more cells than columns: the header has {len(header)} columns"
        return {}, DataIssue(label, number, "(row)", problem, extra[0][:100])
    fields = TABLE_MODELS[kind].model_fields
    row: dict[str, str] = {}
    for column, cell in zip(header, cells, strict=False):
        if column not in fields:
            continue
        if len(cell) > MAX_CELL_CHARS:
            problem = f"text of {len(cell):,} characters: expected at most {MAX_CELL_CHARS:,}"
            return {}, DataIssue(label, number, column, problem, cell[:60] + "...")
        row[column] = cell
    return row, None
