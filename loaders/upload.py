"""Bring your own data: a user's schemes and figures beside the national ones, for one session.

A page calls, for the files a user chose::

    uploads = [parse_upload(f.name, f.getvalue()) for f in files]
    store = merge_user_data(get_store(), uploads)   # a new Store; rows marked origin "user"
    report = issues_table(store.user_issues)        # file, row, field, value, expected
    caveats = issues_table(store.user_notes)

`parse_upload` reads the bytes (CSV or .xlsx) into text tables within the size and row limits;
`merge_user_data` checks the rows exactly as the curated data are checked and joins the valid
ones. Neither writes anything or keeps anything between calls, so the merged Store lives only
where the caller keeps it (the user's session). Nothing uploaded is ever evaluated.
"""

from __future__ import annotations

from loaders.templates import TEMPLATE_KINDS, template_csv, template_name, template_workbook
from loaders.upload_files import (
    MAX_CELL_CHARS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    TABLE_MODELS,
    UploadResult,
    UploadTable,
    parse_upload,
)
from loaders.upload_merge import (
    MAX_COUNT,
    MAX_GBP,
    NEGATIVE_SAVING,
    REPORT_COLUMNS,
    issues_table,
    merge_user_data,
    user_row_counts,
)

__all__ = [
    "MAX_CELL_CHARS",
    "MAX_COUNT",
    "MAX_FILE_BYTES",
    "MAX_GBP",
    "MAX_ROWS",
    "NEGATIVE_SAVING",
    "REPORT_COLUMNS",
    "TABLE_MODELS",
    "TEMPLATE_KINDS",
    "UploadResult",
    "UploadTable",
    "issues_table",
    "merge_user_data",
    "parse_upload",
    "template_csv",
    "template_name",
    "template_workbook",
    "user_row_counts",
]
