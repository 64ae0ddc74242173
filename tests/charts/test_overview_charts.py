"""Overview charts: the finding in the title, sources and caveats inside, values from the data.

Built from metric results on the shipped data, narrowed to schemes picked by id so the
expected numbers can be worked out by hand.
"""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from charts.briefing import briefing_texts, plain_text
from charts.overview import (
    CENTROID_ATTRIBUTION,
    money_total_text,
    savings_by_theme_chart,
    schemes_by_theme_status_chart,
    schemes_map_chart,
    subtitle_text,
)
from loaders.reference import load_pfa
from loaders.store import Store
from metrics.overview import map_table, schemes_by_theme_status
from metrics.savings import savings_by

SOURCES = ["Emergency Services Collaboration Working Group, National Overview 2016 (2016)"]
ESTATES = ["se-south-yorkshire-maltby", "se-norfolk-shared-estates"]


def _schemes(store: Store, ids: list[str]) -> pd.DataFrame:
    return store.schemes[store.schemes["scheme_id"].isin(ids)]


def _texts(fig: go.Figure) -> dict:
    texts = briefing_texts(fig)
    assert texts is not None, "apply_briefing_layout was not applied"
    return texts


def _title(fig: go.Figure) -> str:
    return plain_text(fig.layout.title.text)


# --- shared texts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bounds", "expected"),
    [
        ((2e6, 2e6, float("nan"), True), "at least £2m"),
        ((0.0, 1.49e6, 1.49e6, False), "up to £1.49m"),
        ((1e6, 1.5e6, 2e6, False), "£1.5m (£1m to £2m)"),
        ((15e6, 16.5e6, float("nan"), True), "£16.5m (at least £15m)"),
        ((14_000.0, 14_000.0, 14_000.0, False), "£14,000"),
    ],
)
def test_money_total_text_is_honest_about_bounds(bounds: tuple, expected: str) -> None:
    assert money_total_text(*bounds) == expected


def test_subtitle_says_the_filters_or_all_schemes() -> None:
    assert subtitle_text("Schemes", [], "2016") == "Schemes; documents of 2016; all schemes"
    assert subtitle_text("Schemes", ["theme: Shared estates"]).endswith(
        "filtered to theme: Shared estates"
    )


# --- savings by theme --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def savings_fig(store: Store) -> go.Figure:
    schemes = _schemes(store, ESTATES)
    figures = store.figures[store.figures["scheme_id"].isin(ESTATES)]
    by_theme = savings_by(figures, schemes, "theme", kinds=["recurring"])
    return savings_by_theme_chart(by_theme, sources=SOURCES, when="2016")


def test_savings_chart_title_states_the_finding(savings_fig: go.Figure) -> None:
    # Maltby 'around £16,000 per year' + Norfolk '£14,000 per annum' = £30,000 a year
    assert _title(savings_fig) == (
        "Shared estates and assets schemes quote £30k a year of recurring savings"
    )


def test_savings_chart_values_and_prudent_markers(savings_fig: go.Figure) -> None:
    bar, prudent, labels = savings_fig.data
    assert list(bar.x) == [30_000.0]
    # both estimates? ov-se-046 estimate (x0.75) = 12,000; ov-se-047 actual (x0.9) = 12,600
    assert list(prudent.x) == [pytest.approx(24_600.0)]
    assert "£30k" in labels.text[0] and "prudent £24.6k" in labels.text[0]
    assert plain_text(bar.y[0]) == "Shared estates and assets (2 of 2)"


def test_themes_without_a_quote_get_a_note_not_a_bar(store: Store) -> None:
    ids = [*ESTATES, "fr-london-lfb-co-responding"]
    schemes = _schemes(store, ids)
    figures = store.figures[store.figures["scheme_id"].isin(ids)]
    fig = savings_by_theme_chart(
        savings_by(figures, schemes, "theme", kinds=["recurring"]), sources=SOURCES
    )
    assert [plain_text(y) for y in fig.data[0].y] == ["Shared estates and assets (2 of 2)"]
    assert "None quoted in: First response and co-responding (1)." in _texts(fig)["notes"]
    assert _title(fig).endswith("; 1 of 2 themes quote any")


def test_savings_chart_carries_source_and_caveats(savings_fig: go.Figure) -> None:
    texts = _texts(savings_fig)
    assert texts["source"] == "Source: " + SOURCES[0]
    assert any("Prudent" in note for note in texts["notes"])
    assert "cash terms" in texts["subtitle"] and "all schemes" in texts["subtitle"]
    spec = json.loads(savings_fig.to_json())
    assert any(a.get("name") == "briefing-source" for a in spec["layout"]["annotations"])


def test_savings_chart_says_when_nothing_is_quoted(store: Store) -> None:
    schemes = _schemes(store, ["fr-merseyside-cardiac-arrest", "fr-london-lfb-co-responding"])
    figures = store.figures[store.figures["scheme_id"].isin(schemes["scheme_id"])]
    by_theme = savings_by(figures, schemes, "theme", kinds=["recurring"])
    fig = savings_by_theme_chart(by_theme, sources=SOURCES)
    assert _title(fig) == "No scheme in this selection quotes a recurring saving"
    assert len(fig.data[0].x) == 0
    # both schemes are first response: the theme is named, with its 2 schemes
    assert "None quoted in: First response and co-responding (2)." in _texts(fig)["notes"]


# --- schemes by theme and status ---------------------------------------------------------------


def test_status_chart_stacks_statuses_per_theme(store: Store) -> None:
    ids = [*ESTATES, "fr-london-cardiac-arrest", "fr-london-lfb-co-responding"]
    table = schemes_by_theme_status(_schemes(store, ids), store.themes)
    fig = schemes_by_theme_status_chart(table, sources=SOURCES, when="2016")
    bars = {trace.name: trace for trace in fig.data if trace.type == "bar"}
    assert list(bars) == ["Live", "Pilot", "Planned / future"]
    # themes run bottom to top, largest at the top; both themes have 2 schemes: order of
    # themes.csv, first response first, so it is drawn last (top)
    assert list(bars["Live"].y) == ["Shared estates and assets", "First response and co-responding"]
    # estates: Norfolk live, Maltby planned; first response: London live, LFB pilot
    assert list(bars["Live"].x) == [1, 1]
    assert list(bars["Pilot"].x) == [0, 1]
    assert list(bars["Planned / future"].x) == [1, 0]
    totals = [trace for trace in fig.data if trace.type == "scatter"][0]
    assert [t.strip() for t in totals.text] == ["2", "2"]
    # 4 schemes, 2 live (Norfolk, London)
    assert _title(fig) == (
        "First response and co-responding has the most schemes: 2 of 4; 2 of the 4 are live"
    )


def test_status_chart_title_for_one_theme(store: Store) -> None:
    table = schemes_by_theme_status(_schemes(store, ESTATES), store.themes)
    fig = schemes_by_theme_status_chart(table, sources=SOURCES, height=None)
    # Norfolk live, Maltby planned
    assert _title(fig) == "Shared estates and assets: 2 schemes, 1 of them live"
    # fitted to one bar: 600 px of texts + 70 px for the bar
    assert fig.layout.height == 670


# --- map ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def map_fig(store: Store) -> go.Figure:
    ids = ["fr-london-cardiac-arrest", "fr-essex-cardiac-arrest", "se-south-yorkshire-maltby"]
    table = map_table(_schemes(store, ids), store.scheme_areas, store.areas, load_pfa())
    return schemes_map_chart(table, n_unmapped=1, sources=SOURCES, width=900, height=1000)


def test_map_title_and_bubbles(map_fig: go.Figure) -> None:
    # London -> Met + City; Essex -> 6 East of England forces; Maltby -> South Yorkshire: 9
    assert _title(map_fig) == (
        "9 force areas tie for the most schemes (1 each); schemes reach 9 of 43 force areas"
    )
    bubbles = [t for t in map_fig.data if t.type == "scattergeo" and t.name == "Schemes"][0]
    assert list(bubbles.marker.size) == [1] * 9
    assert {row[0] for row in bubbles.customdata} >= {"Metropolitan Police", "City of London"}


def test_map_needs_no_network(map_fig: go.Figure) -> None:
    geo = map_fig.layout.geo
    for layer in ("land", "ocean", "lakes", "rivers", "countries", "coastlines", "subunits"):
        assert getattr(geo, f"show{layer}") is False, layer
    assert geo.projection.type == "mercator"
    outline = [t for t in map_fig.data if t.name == "Great Britain"][0]
    assert outline.fill == "toself" and len(outline.lon) > 40
    assert not [t for t in map_fig.data if getattr(t, "locationmode", None)]


def test_map_carries_the_os_attribution_and_caveats(map_fig: go.Figure) -> None:
    texts = _texts(map_fig)
    assert "Contains OS data © Crown copyright and database right 2016" in texts["source"]
    assert CENTROID_ATTRIBUTION in texts["source"]
    assert SOURCES[0] in texts["source"]
    assert "1 national scheme not mapped" in texts["subtitle"]
    assert any("counts in each of its force areas" in note for note in texts["notes"])
    assert any("No scheme in" in note and "Gwent" in note for note in texts["notes"])
    assert map_fig.layout.width == 900 and map_fig.layout.height == 1000


def test_map_title_names_a_single_leader(store: Store) -> None:
    ids = ["fr-london-cardiac-arrest", "fr-london-lfb-co-responding", "se-south-yorkshire-maltby"]
    table = map_table(_schemes(store, ids), store.scheme_areas, store.areas, load_pfa())
    # both London schemes count in the Met and the City: 2 each; South Yorkshire 1
    assert _title(schemes_map_chart(table, n_unmapped=0, sources=SOURCES)) == (
        "City of London and Metropolitan Police each have the most schemes (2); schemes reach "
        "3 of 43 force areas"
    )


def test_map_lists_the_areas_with_most_schemes(store: Store) -> None:
    table = map_table(store.schemes, store.scheme_areas, store.areas, load_pfa())
    fig = schemes_map_chart(table, n_unmapped=0, sources=SOURCES)
    ranking = [a for a in fig.layout.annotations if (a.text or "").startswith("<b>Most")][0]
    top = table.iloc[0]
    assert f"{top['force_area']}: {top['n_schemes']}" in ranking.text
    assert "not mapped" not in _texts(fig)["subtitle"]
