"""The real app in a real browser: every page renders, filters change numbers, PNGs download."""

from __future__ import annotations

import re
import struct

import pytest

from tests.e2e.conftest import ARTIFACTS

pytestmark = pytest.mark.e2e

WITHOUT_CHARTS = {"schemes", "data"}  # tables and downloads only
PAGES = {
    "": "Overview",
    "savings": "Savings",
    "co-responding": "Co-responding & first response",
    "demand": "Demand management",
    "value-for-money": "Value for money",
    "schemes": "Schemes",
    "data": "Data & method",
}


def _settle(page) -> None:  # noqa: ANN001
    """Wait until Streamlit has finished running the script."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]',
                           timeout=60_000)


def _no_exception(page) -> None:  # noqa: ANN001
    assert page.locator('[data-testid="stException"]').count() == 0, page.locator(
        '[data-testid="stException"]').first.text_content()


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_renders_with_charts_and_is_screenshotted(page, app_url: str, path: str) -> None:  # noqa: ANN001
    page.goto(f"{app_url}/{path}")
    _settle(page)
    page.get_by_role("heading", level=1).first.wait_for()
    _no_exception(page)
    # A direct link must go through app.py's router: shared filters and named navigation.
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("heading", name="Filters").wait_for()
    assert sidebar.get_by_test_id("stSidebarNavLink").filter(has_text=PAGES[path]).count() == 1
    if path not in WITHOUT_CHARTS:
        page.locator('[data-testid="stPlotlyChart"] .main-svg').first.wait_for()
    _full_screenshot(page, ARTIFACTS / f"page-{path or 'overview'}.png")


def _full_screenshot(page, path) -> None:  # noqa: ANN001
    """Streamlit scrolls inside its own container, so grow the viewport to the content first."""
    height = page.evaluate(
        "() => document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight || 1000"
    )
    page.set_viewport_size({"width": 1600, "height": min(max(int(height), 1000), 12000)})
    page.wait_for_timeout(1500)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size({"width": 1600, "height": 1000})


def _metric_values(page) -> list[str]:  # noqa: ANN001
    return [v.strip() for v in page.get_by_test_id("stMetricValue").all_text_contents()]


def _choose(page, label: str, option: str) -> None:  # noqa: ANN001
    widget = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(
        has_text=label).first
    widget.locator("input").click()
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")


def test_a_sidebar_filter_changes_the_numbers_and_the_url(page, app_url: str) -> None:  # noqa: ANN001
    page.goto(f"{app_url}/")
    _settle(page)
    page.get_by_test_id("stMetricValue").first.wait_for()
    before = _metric_values(page)
    _choose(page, "Theme", "Joint control rooms")
    page.wait_for_url(re.compile(r"theme=joint-control-rooms"))
    _settle(page)
    page.wait_for_function(
        "before => JSON.stringify([...document.querySelectorAll("
        "'[data-testid=\"stMetricValue\"]')].map(e => e.textContent.trim())) !== before",
        arg=str(before).replace("'", '"'),
    )
    after = _metric_values(page)
    assert after != before
    _no_exception(page)
    _full_screenshot(page, ARTIFACTS / "overview-filtered.png")


def test_a_copied_link_reopens_the_same_filters(page, app_url: str) -> None:  # noqa: ANN001
    page.goto(f"{app_url}/savings?theme=shared-estates&service=police")
    _settle(page)
    sidebar = page.get_by_test_id("stSidebar")
    assert sidebar.get_by_text("Shared estates and assets").count() >= 1
    assert "theme=shared-estates" in page.url


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def test_server_png_download_is_a_real_high_resolution_image(page, app_url: str) -> None:  # noqa: ANN001
    page.goto(f"{app_url}/")
    _settle(page)
    button = page.get_by_test_id("stDownloadButton").filter(has_text="PNG · slide").first
    button.wait_for()
    if button.locator("button").is_disabled():
        pytest.skip("server-side export unavailable on this machine")
    with page.expect_download(timeout=90_000) as download_info:
        button.locator("button").click()
    download = download_info.value
    path = ARTIFACTS / download.suggested_filename
    download.save_as(str(path))
    data = path.read_bytes()
    assert _png_size(data) == (3200, 1800)
    from PIL import Image

    with Image.open(path) as image:
        colours = image.convert("L").getextrema()
        histogram = image.convert("L").histogram()
    assert colours[1] - colours[0] > 100, "PNG is blank (one flat colour)"
    assert max(histogram) < 0.97 * sum(histogram), "PNG is almost entirely one colour"
    assert download.suggested_filename.endswith("-slide.png")
