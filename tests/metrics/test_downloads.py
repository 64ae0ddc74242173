"""Downloads open safely in a spreadsheet: formula-like text neutralised, numbers kept."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pandas as pd
import pytest

from loaders.store import Store
from metrics.downloads import neutralise, neutralise_cell, to_safe_csv, to_safe_excel, to_safe_zip

DANGEROUS = ["=1+1", "+cmd", "-2", "@x", "\tfoo", "\rbar"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_like_text_gets_a_leading_apostrophe(text: str) -> None:
    assert neutralise_cell(text) == "'" + text


@pytest.mark.parametrize(
    "value", [-2, -3.5, 0, 1_356_589.0, "£1.5m", "1:1.6", "up to £580000 p.a."]
)
def test_numbers_and_ordinary_text_are_untouched(value: object) -> None:
    assert neutralise_cell(value) == value


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {"quote": DANGEROUS, "value": [1.0, -2.0, 3.5, -4.0, 5.0, 6.0], "=header": list("abcdef")}
    )


def test_neutralise_frame_keeps_numbers_numeric() -> None:
    safe = neutralise(frame())
    assert list(safe["quote"]) == ["'" + t for t in DANGEROUS]
    assert safe["value"].tolist() == [1.0, -2.0, 3.5, -4.0, 5.0, 6.0]
    assert "'=header" in safe.columns


def test_csv_has_bom_and_neutralised_cells() -> None:
    data = to_safe_csv(frame())
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert back["quote"].iloc[0] == "'=1+1"
    assert back["value"].iloc[1] == -2.0


def test_excel_round_trips_through_openpyxl() -> None:
    long_name = "a sheet name longer than thirty-one characters"
    book = openpyxl.load_workbook(io.BytesIO(to_safe_excel({"risky": frame(), long_name: frame()})))
    assert book.sheetnames == ["risky", long_name[:31]]
    sheet = book["risky"]
    assert [c.value for c in sheet[1]] == ["quote", "value", "'=header"]
    # (an XML workbook stores a carriage return as a line feed, so compare the first five)
    assert [sheet.cell(row=r, column=1).value for r in range(2, 7)] == [
        "'" + t for t in DANGEROUS[:5]
    ]
    assert sheet.cell(row=7, column=1).value.startswith("'")
    assert sheet.cell(row=3, column=2).value == -2  # a number, not text
    assert all(sheet.cell(row=r, column=1).data_type == "s" for r in range(2, 8))


def test_zip_holds_one_safe_csv_per_table() -> None:
    archive = zipfile.ZipFile(io.BytesIO(to_safe_zip({"risky": frame(), "other": frame()})))
    assert archive.namelist() == ["risky.csv", "other.csv"]
    assert archive.read("risky.csv") == to_safe_csv(frame())


def test_the_whole_store_exports(store: Store) -> None:
    tables = store.tables()
    book = openpyxl.load_workbook(io.BytesIO(to_safe_excel(tables)), read_only=True)
    assert book.sheetnames == list(tables)
    assert book["figures"].max_row == len(store.figures) + 1
    names = zipfile.ZipFile(io.BytesIO(to_safe_zip(tables))).namelist()
    assert names == [f"{name}.csv" for name in tables]
