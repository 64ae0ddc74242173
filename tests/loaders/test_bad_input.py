"""Broken data give messages naming file, row, field and what was expected; nothing crashes."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from loaders.__main__ import main as cli
from loaders.paths import DATA_DIR
from loaders.store import load_store


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("staging"))
    return target


def _edit(path: Path, row_index: int, **changes: str) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = reader.fieldnames, list(reader)
    rows[row_index].update(changes)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)


def _messages(data_dir: Path) -> list[str]:
    return [str(issue) for issue in load_store(data_dir).issues]


def test_unknown_measure_names_row_and_field(data_copy: Path) -> None:
    _edit(data_copy / "figures.csv", 0, measure="savings_total")
    messages = _messages(data_copy)
    assert any(
        m.startswith("figures.csv row 2, field 'measure': unknown id 'savings_total'")
        for m in messages
    ), messages


def test_unparseable_quote_asks_for_an_override(data_copy: Path) -> None:
    _edit(data_copy / "figures.csv", 1, quote="a lot of money")
    messages = _messages(data_copy)
    assert any("figures.csv row 3, field 'quote'" in m and "override_value" in m for m in messages)


def test_quote_not_in_document_is_reported(data_copy: Path, seeds_present: bool) -> None:
    if not seeds_present:
        pytest.skip("source documents not present")
    _edit(data_copy / "figures.csv", 2, quote="£999,999,999")
    messages = _messages(data_copy)
    assert any(
        "figures.csv row 4, field 'quote'" in m and "not found verbatim" in m for m in messages
    )


def test_bad_vocabulary_value_names_the_value(data_copy: Path) -> None:
    _edit(data_copy / "schemes.csv", 0, status="ongoing")
    messages = _messages(data_copy)
    assert any(
        m.startswith("schemes.csv row 2, field 'status'") and "'ongoing'" in m for m in messages
    ), messages


def test_unknown_organisation_in_scheme(data_copy: Path) -> None:
    first = next(csv.DictReader((data_copy / "schemes.csv").open(encoding="utf-8")))
    _edit(data_copy / "schemes.csv", 0, org_ids=first["org_ids"] + ";pol-atlantis")
    messages = _messages(data_copy)
    assert any(
        "schemes.csv row 2, field 'org_ids': unknown id 'pol-atlantis'" in m for m in messages
    )


def test_duplicate_id_points_at_first_row(data_copy: Path) -> None:
    first = next(csv.DictReader((data_copy / "figures.csv").open(encoding="utf-8")))
    _edit(data_copy / "figures.csv", 1, figure_id=first["figure_id"])
    messages = _messages(data_copy)
    assert any(
        "figures.csv row 3, field 'figure_id': duplicate id" in m and "first on row 2" in m
        for m in messages
    )


def test_missing_column_is_reported_once(data_copy: Path) -> None:
    path = data_copy / "measures.csv"
    text = path.read_text(encoding="utf-8").splitlines()
    header = text[0].split(",")
    keep = [i for i, column in enumerate(header) if column != "better"]
    rows = list(csv.reader(text))
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([[row[i] for i in keep] for row in rows])
    messages = _messages(data_copy)
    assert "measures.csv row 1, field 'better': required column is missing" in messages


def test_override_without_reason_is_rejected(data_copy: Path) -> None:
    _edit(data_copy / "figures.csv", 0, override_value="5", override_reason="")
    messages = _messages(data_copy)
    assert any(m.startswith("figures.csv row 2") and "override_reason" in m for m in messages)


def test_one_bad_row_leaves_the_rest_loaded(data_copy: Path) -> None:
    total = len(load_store(data_copy).figures)
    _edit(data_copy / "figures.csv", 0, basis="hoped")
    store = load_store(data_copy)
    assert len(store.figures) == total - 1
    assert len(store.issues) == 1


def test_check_command_exits_non_zero_and_lists_problems(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(data_copy / "figures.csv", 0, basis="hoped")
    assert cli(["check", "--data", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "figures.csv row 2, field 'basis'" in err


def test_check_command_passes_on_shipped_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["check"]) == 0
    out = capsys.readouterr().out
    assert "OK:" in out and "figures by measure:" in out


def test_export_writes_the_tidy_tables(tmp_path: Path) -> None:
    assert cli(["export", "--out", str(tmp_path)]) == 0
    written = {p.name for p in tmp_path.iterdir()}
    assert {"schemes.csv", "figures.csv", "scheme_organisations.csv"} <= written
    header = (tmp_path / "figures.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    for column in [
        "figure_id",
        "scheme_id",
        "measure",
        "quote",
        "value",
        "unit",
        "qualifier",
        "low",
        "high",
        "recurrence",
        "annual_value",
        "basis",
        "period",
        "source_id",
        "locator",
        "flags",
    ]:
        assert column in header


def test_override_qualifier_must_be_a_known_hedge(data_copy: Path) -> None:
    _edit(data_copy / "figures.csv", 0, override_qualifier="roughly", override_reason="test")
    messages = _messages(data_copy)
    assert any(m.startswith("figures.csv row 2, field 'override_qualifier'") for m in messages)
