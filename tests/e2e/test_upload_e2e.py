"""A deliberately broken upload in a real browser: the validation report names every problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_app_e2e import _full_screenshot, _no_exception, _settle

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
BROKEN_FIGURES = (
    "figure_id,scheme_id,measure,subject,quote,source_id,locator,basis\n"
    "my-001,se-norfolk-shared-estates,savings_total,Made-up measure,£5k,"
    "escwg-overview-2016,Somewhere,estimate\n"
    "my-002,se-norfolk-shared-estates,saving,Negative saving,\"-£5,000\","
    "escwg-overview-2016,Somewhere,estimate\n"
    "ov-fr-001,se-norfolk-shared-estates,saving,Reuses a national id,£10k,"
    "escwg-overview-2016,Somewhere,hoped\n"
)


def test_broken_upload_shows_the_validation_report(page, app_url: str, tmp_path: Path) -> None:  # noqa: ANN001
    broken = tmp_path / "my_figures.csv"
    broken.write_text(BROKEN_FIGURES, encoding="utf-8")
    page.goto(f"{app_url}/data")
    _settle(page)
    uploader = page.get_by_test_id("stFileUploader")
    uploader.scroll_into_view_if_needed()
    uploader.locator('input[type="file"]').set_input_files(str(broken))
    report = page.get_by_text("were not added. Each line says the file, row, field")
    report.wait_for(timeout=60_000)
    _settle(page)
    _no_exception(page)
    table = page.get_by_test_id("stDataFrame").filter(has_text="my_figures.csv").first
    table.wait_for()
    assert page.get_by_role("dialog").count() == 0, "no 'Page not found' on a direct link"
    report.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "upload-validation-report.png"))
    _full_screenshot(page, ARTIFACTS / "upload-validation-report-full.png")
