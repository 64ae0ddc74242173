"""App-level tests: every registered page runs, and every registered page has its own test file."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")


def registered_pages() -> list[str]:
    """Page files named in app.py's st.Page(...) calls, read from its source."""
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    return [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "attr", None) == "Page"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ]


def test_pages_are_registered() -> None:
    assert len(registered_pages()) >= 7


@pytest.mark.parametrize("page", registered_pages())
def test_every_registered_page_has_a_test_file(page: str) -> None:
    test_file = ROOT / "tests" / "pages" / f"test_{Path(page).stem}.py"
    assert test_file.exists(), f"{page} is registered in app.py but {test_file} is missing"


@pytest.mark.parametrize("page", registered_pages())
def test_every_page_runs_without_exception(page: str) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.title or at.header, f"{page} shows no title"
