"""Problems found in the data, each naming file, row, field and what was expected."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DataIssue:
    """One problem in one cell (row is the spreadsheet row number: header is row 1).

    `problem` says what was expected; `value` is the cell as given, when there is one.

    >>> str(DataIssue("plan.csv", 3, "status", "expected live, pilot, planned or completed", "on"))
    "plan.csv row 3, field 'status': expected live, pilot, planned or completed (given 'on')"
    """

    file: str
    row: int | None
    field: str
    problem: str
    value: str | None = None

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file} row {self.row}"
        given = "" if self.value is None else f" (given {self.value!r})"
        return f"{where}, field '{self.field}': {self.problem}{given}"


class StoreError(Exception):
    """The curated data have problems; carries every one of them, not just the first."""

    def __init__(self, issues: list[DataIssue]) -> None:
        self.issues = issues
        lines = "\n".join(f"- {issue}" for issue in issues[:50])
        more = f"\n... and {len(issues) - 50} more" if len(issues) > 50 else ""
        super().__init__(f"{len(issues)} problem(s) in the data:\n{lines}{more}")
