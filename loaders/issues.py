"""Problems found in the data, each naming file, row, field and what was expected."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DataIssue:
    """One problem in one cell (row is the spreadsheet row number: header is row 1)."""

    file: str
    row: int | None
    field: str
    problem: str

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file} row {self.row}"
        return f"{where}, field '{self.field}': {self.problem}"


class StoreError(Exception):
    """The curated data have problems; carries every one of them, not just the first."""

    def __init__(self, issues: list[DataIssue]) -> None:
        self.issues = issues
        lines = "\n".join(f"- {issue}" for issue in issues[:50])
        more = f"\n... and {len(issues) - 50} more" if len(issues) > 50 else ""
        super().__init__(f"{len(issues)} problem(s) in the data:\n{lines}{more}")
