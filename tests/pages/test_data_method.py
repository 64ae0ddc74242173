"""Data & method page (AppTest): sources, grading, the data-quality table and its issue-type
selector, downloads."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.conftest import open_page, table_with

PAGE = "pages/data_method.py"


@pytest.fixture(scope="module")
def page() -> AppTest:
    return open_page(PAGE)


def test_sources_vocabulary_and_grading(page: AppTest) -> None:
    assert page.title[0].value == "Data & method"
    sources = table_with(page, "publisher")
    assert "National Overview 2016" in set(sources["title"])
    assert len(sources) >= 5
    measures = table_with(page, "description")
    assert measures.set_index("measure").at["transfer", "money_kind"] == "transfer"
    grading = table_with(page, "prudent_adjustment").set_index("basis")
    assert grading.at["estimate", "grade"] == "B"
    assert grading.at["estimate", "prudent_adjustment"] == pytest.approx(0.25)
    assert "GDP deflator" in " ".join(m.value for m in page.markdown)


def test_summary_and_full_quality_table(page: AppTest) -> None:
    summary = table_with(page, "n_issues").set_index("issue")
    assert list(summary.index)[:2] == ["Documents disagree", "Suspected typo"]
    quality = table_with(page, "why")
    assert summary["n_issues"].sum() == len(quality)
    assert "in excess of £2.2 per annum" in set(quality["quotes"])


def test_download_buttons_exist(page: AppTest) -> None:
    labels = [b.label for b in page.get("download_button")]
    assert "All tables (zip of CSV files)" in labels
    assert "All tables (Excel workbook)" in labels
    for name in ("figures", "schemes", "sources", "data_quality", "evidence_grading"):
        assert any(label.startswith(f"{name}.csv") for label in labels), name


def test_issue_type_selector_filters_rows_and_goes_into_the_url(page: AppTest) -> None:
    page.multiselect(key="dm_issues").set_value(["conflict"]).run()
    assert not page.exception
    quality = table_with(page, "why")
    assert set(quality["issue"]) == {"Documents disagree"}
    # the Salford hub's heading says June 2016, its own text June 2015
    assert "ov-wc-005;ov-wc-006" in set(quality["figure_ids"])
    assert page.query_params["issue"] == "conflict"


def test_sidebar_filter_issue_from_the_url_and_empty_state() -> None:
    at = open_page(PAGE, {"issue": "conflict", "theme": "demand-management"})
    assert at.multiselect(key="dm_issues").value == ["conflict"]
    quality = table_with(at, "why")
    ids = set(quality["figure_ids"])
    # Surrey: 646 incidents (overview) vs 644 requests (ministerial paper); without the
    # paper's row the overview's flagged row is listed alone
    assert "ov-dm-004;mp-013" in ids or "ov-dm-004" in ids
    assert "ov-wc-005;ov-wc-006" not in ids  # wider collaboration, filtered out
    assert quality["scheme_ids"].str.startswith("dm-").all()

    at.sidebar.multiselect(key="f_themes").set_value(["joint-control-rooms"]).run()
    assert not at.exception
    messages = " ".join(i.value for i in at.info)
    assert "none has an issue of the chosen type (documents disagree)" in messages
