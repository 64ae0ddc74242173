"""No page renders data-derived text as raw HTML: every markdown element keeps HTML escaped.

The only exception is the presentation view's fixed stylesheet, which holds no data.
"""

from __future__ import annotations

import pytest

from tests.pages.conftest import open_page
from tests.test_app import registered_pages

PAGES = [p for p in registered_pages() if p != "pages/presentation.py"]


def _html_markdown(at) -> list[str]:  # noqa: ANN001
    elements = list(at.markdown) + list(at.caption) + list(at.sidebar.markdown)
    return [el.value for el in elements if getattr(el.proto, "allow_html", False)]


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_no_raw_html(page: str) -> None:
    at = open_page(page)
    assert _html_markdown(at) == []
