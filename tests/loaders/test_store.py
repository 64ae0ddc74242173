"""Data tests on the shipped store: loads clean, references resolve, every row is sourced."""

from __future__ import annotations

import pytest

from loaders.paths import seeds_dir
from loaders.store import FIGURE_COLUMNS, Store


def test_shipped_store_has_no_problems(store: Store) -> None:
    assert [str(issue) for issue in store.issues] == []


def test_quotes_are_checked_against_the_documents(store: Store) -> None:
    if not seeds_dir().is_dir():
        pytest.skip(f"source documents not found at {seeds_dir()}: verbatim check not run")
    assert store.quotes_checked


def test_ids_are_unique(store: Store) -> None:
    for table, key in [
        ("schemes", "scheme_id"),
        ("figures", "figure_id"),
        ("organisations", "org_id"),
        ("areas", "area_id"),
        ("measures", "measure"),
        ("sources", "source_id"),
    ]:
        frame = getattr(store, table)
        assert frame[key].is_unique, f"{table}.{key} has duplicates"


def test_every_scheme_has_theme_area_organisation_and_source(store: Store) -> None:
    schemes = store.schemes
    assert schemes["theme"].isin(store.themes["theme_id"]).all()
    assert (schemes["area_ids"].str.len() > 0).all()
    assert (schemes["org_ids"].str.len() > 0).all()
    assert (
        schemes["source_ids"]
        .str.split(";")
        .map(lambda ids: set(ids) <= set(store.sources["source_id"]))
        .all()
    )


def test_every_figure_has_quote_source_and_locator(store: Store) -> None:
    figures = store.figures
    assert list(figures.columns) == FIGURE_COLUMNS
    assert (figures["quote"].str.len() > 0).all()
    assert figures["source_id"].isin(store.sources["source_id"]).all()
    assert (figures["locator"].str.len() > 0).all()
    scheme_ids = figures["scheme_id"].dropna()
    assert scheme_ids.isin(store.schemes["scheme_id"]).all()


def test_every_source_document_contributes(store: Store) -> None:
    assert set(store.figures["source_id"]) | set(
        s for ids in store.schemes["source_ids"] for s in ids.split(";")
    ) == set(store.sources["source_id"])


def test_all_seven_themes_have_schemes(store: Store) -> None:
    assert set(store.schemes["theme"]) == set(store.themes["theme_id"])


def test_scheme_organisation_table_is_long(store: Store) -> None:
    long = store.scheme_organisations
    expected = sum(len(ids.split(";")) for ids in store.schemes["org_ids"])
    assert len(long) == expected
    assert set(long["service_type"]) >= {"police", "fire", "ambulance"}


def test_money_that_is_not_a_saving_is_flagged(store: Store) -> None:
    figures = store.figures
    not_saving = figures["money_kind"].notna() & (figures["money_kind"] != "saving")
    assert not_saving.any()
    assert figures.loc[not_saving, "flags"].str.contains("not_a_saving").all()
    assert (
        not figures.loc[figures["money_kind"] == "saving", "flags"]
        .str.contains("not_a_saving")
        .any()
    )


def test_overrides_carry_their_reason(store: Store) -> None:
    overridden = store.figures[store.figures["flags"].str.contains("override")]
    assert overridden["override_reason"].str.len().gt(0).all()


def test_shipped_rows_are_marked_shipped(store: Store) -> None:
    assert FIGURE_COLUMNS[-1] == "origin"
    for frame in (store.figures, store.schemes, store.sources):
        assert set(frame["origin"]) == {"shipped"}
    assert store.user_issues == [] and store.user_notes == []
