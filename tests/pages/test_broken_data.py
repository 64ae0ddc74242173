"""Broken shipped data: the app names the problem instead of showing a traceback."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import pages.shared as shared
from loaders.paths import DATA_DIR
from loaders.store import load_store
from tests.pages.conftest import open_page


@pytest.fixture()
def broken_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("staging"))
    path = data / "figures.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = reader.fieldnames, list(reader)
    rows[0]["basis"] = "hoped"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    monkeypatch.setattr(shared, "load_store", lambda: load_store(data))
    shared._shipped_store.clear()
    yield
    shared._shipped_store.clear()


def test_app_warns_and_data_page_lists_the_problem(broken_store: None) -> None:
    at = open_page()
    assert not at.exception
    assert any("1 data problem(s)" in w.value for w in at.sidebar.warning)
    at.switch_page("pages/data_method.py")
    at.run()
    assert not at.exception
    problems = next(df.value for df in at.dataframe if "problem" in df.value.columns)
    row = problems.iloc[0]
    assert (row["file"], int(row["row"]), row["field"]) == ("figures.csv", 2, "basis")
    assert "hoped" in row["problem"] or row.get("value") == "hoped"
