"""What every page test does: open the app on a page (with a link's query parameters and
sidebar filters), then read the tables, chart titles and cards it shows.

Imported by the page tests (`from tests.pages.conftest import open_page, ...`) so there is one
way to set a page up; sidebar filters are set through the real sidebar widgets.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from charts.briefing import plain_text

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
TIMEOUT = 120  # seconds per run; generous for the 2-core CI machine


def assert_no_exception(at: AppTest) -> AppTest:
    """Fail with the app's own error messages rather than a bare `assert not at.exception`."""
    assert not at.exception, [e.message for e in at.exception]
    return at


def go_to(at: AppTest, page_file: str) -> AppTest:
    """Switch a running app to another page (e.g. "pages/schemes.py") and run it."""
    at.switch_page(page_file)
    at.run()
    return assert_no_exception(at)


def set_filters(at: AppTest, filters: Mapping[str, Sequence[str]]) -> AppTest:
    """Choose values in the shared sidebar filters (widget key -> values), then rerun."""
    for key, values in filters.items():
        at.sidebar.multiselect(key=key).set_value(list(values))
    at.run()
    return assert_no_exception(at)


def open_page(
    page_file: str | None = None,
    query: Mapping[str, str] | None = None,
    filters: Mapping[str, Sequence[str]] | None = None,
) -> AppTest:
    """The app opened from a link with `query`, on `page_file` (None: the default page, the
    Overview), with the sidebar `filters` (e.g. {"f_areas": ["surrey"]}) then chosen."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert_no_exception(at)
    if page_file is not None:
        go_to(at, page_file)
    if filters:
        set_filters(at, filters)
    return at


def tables_with(at: AppTest, column: str) -> list[pd.DataFrame]:
    """Every table shown that has `column`."""
    return [df.value for df in at.dataframe if column in df.value.columns]


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    """The one table shown that has `column` (fails if there is none or more than one)."""
    found = tables_with(at, column)
    assert len(found) == 1, f"{len(found)} tables with a {column!r} column"
    return found[0]


def chart_specs(at: AppTest) -> list[dict]:
    """The plotly figure JSON of every chart shown."""
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def chart_titles(at: AppTest) -> list[str]:
    """Every chart's title as plain text (markup stripped)."""
    return [plain_text(spec["layout"]["title"]["text"]) for spec in chart_specs(at)]


def metrics(at: AppTest) -> dict[str, str]:
    """Metric card label -> value."""
    return {m.label: m.value for m in at.metric}


def texts(at: AppTest) -> list[str]:
    """Every markdown block shown (st.write of a sentence lands here)."""
    return [m.value for m in at.markdown]
