"""Bring your own data on the Data & method page: valid rows join every page for this session,
rejected rows are listed with file, row, field, value and what was expected."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.pages.conftest import ROOT, go_to, open_page

TEMPLATES = ROOT / "data" / "templates"
DATA_PAGE = "pages/data_method.py"


def _figures_with_one_bad_row() -> bytes:
    text = (TEMPLATES / "figures_template.csv").read_text(encoding="utf-8")
    bad = (
        "suffolk-sw-002,wc-suffolk-joint-safe-and-well-visits,savings_total,Made-up measure,"
        "£5,suffolk-safe-and-well-review-2023,Section 3,estimate,,,,,,,,,,,,\n"
    )
    return (text + bad).encode("utf-8")


def _upload(at: AppTest) -> AppTest:
    files = [
        ("schemes.csv", (TEMPLATES / "schemes_template.csv").read_bytes(), "text/csv"),
        ("figures.csv", _figures_with_one_bad_row(), "text/csv"),
        ("sources.csv", (TEMPLATES / "sources_template.csv").read_bytes(), "text/csv"),
    ]
    at.get("file_uploader")[0].set_value(files)
    return at.run()


def test_templates_can_be_downloaded() -> None:
    at = open_page(DATA_PAGE)
    labels = [b.proto.label for b in at.get("download_button")]
    assert {"schemes template (CSV)", "figures template (CSV)", "All templates (Excel)"} <= set(
        labels
    )


def test_upload_adds_valid_rows_and_reports_the_rejected_one() -> None:
    at = _upload(open_page(DATA_PAGE))
    assert not at.exception
    assert any("Added 1 scheme(s), 1 figure(s) and 1 source(s)" in s.value for s in at.success)
    assert any("1 row(s) or file(s) were not added" in e.value for e in at.error)
    report = next(df.value for df in at.dataframe if "expected" in df.value.columns)
    row = report.iloc[0]
    assert (row["file"], int(row["row"]), row["field"]) == ("figures.csv", 3, "measure")
    assert row["value"] == "savings_total"
    assert "measures" in row["expected"]
    assert any("Including your uploaded data: 1 scheme(s) and 1 figure(s)" in i.value
               for i in at.sidebar.info)


def test_uploaded_scheme_shows_on_other_pages_but_not_in_a_new_session() -> None:
    at = _upload(open_page(DATA_PAGE))
    go_to(at, "pages/schemes.py")
    shown = " ".join(str(df.value.to_dict()) for df in at.dataframe)
    assert "wc-suffolk-joint-safe-and-well-visits" in shown or "Suffolk fire and police" in shown
    fresh = open_page(DATA_PAGE)
    assert not fresh.sidebar.info, "uploads must not leak into another session"
