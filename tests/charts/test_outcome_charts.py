"""Outcome charts on the shipped data: the finding in the title, source and notes inside the
figure, the right values drawn, numbers in the house format."""

from __future__ import annotations

import doctest

import pandas as pd
import plotly.graph_objects as go
import pytest

from charts import outcomes as outcome_charts
from charts.briefing import briefing_texts
from charts.outcomes import (
    attainment_chart,
    attainment_notes,
    before_after_chart,
    change_text,
    chart_source,
    clinical_chart,
    clinical_notes,
    display_table,
    figure_text,
    first_on_scene_chart,
    markdown_escape,
    rate_text,
    resolved_chart,
    response_time_chart,
    short_flag_note,
    volumes_chart,
    volumes_notes,
)
from loaders.store import Store
from metrics.demand import before_after, forced_entry_volumes, resolved_without_ambulance
from metrics.outcomes import (
    clinical_outcomes,
    first_on_scene,
    outcome_rows,
    response_times,
    target_attainment,
    volumes,
)

OVERVIEW = "Emergency Services Collaboration Working Group, National Overview 2016 (2016)"
PAPER = (
    "Emergency Services Collaboration Working Group, Paper 2: National Overview of "
    "Collaboration Initiatives (2016)"
)
TITLES = {"escwg-overview-2016": OVERVIEW, "escwg-ministerial-paper-2016": PAPER}


@pytest.fixture(scope="module")
def rows(store: Store) -> pd.DataFrame:
    return outcome_rows(store.figures, store)


def pick(table: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """Only the named figures, in the table's own order, so new data cannot change the test."""
    return table[table["figure_id"].isin(ids)].reset_index(drop=True)


def texts(fig: go.Figure) -> dict:
    found = briefing_texts(fig)
    assert found is not None
    return found


def annotation_texts(fig: go.Figure) -> str:
    return " ".join(a.text for a in fig.layout.annotations)


# --- response times --------------------------------------------------------------------------


def test_response_time_chart(rows: pd.DataFrame) -> None:
    times = pick(response_times(rows), ["ov-dm-028", "ov-dm-005"])
    fig = response_time_chart(times, source=TITLES, filters=["area: London, Surrey"])
    found = texts(fig)
    # 300 s is within 480 s, 526 s is not: 1 of 2; the fastest is the JRU in London
    assert found["title"] == (
        "1 of 2 reported average times is within 8 min; the fastest, 5 min, is in London"
    )
    assert found["source"] == f"Source: {OVERVIEW}"  # both rows are the overview's
    assert "area: London, Surrey" in found["subtitle"]
    bars = [t for t in fig.data if t.type == "bar"]
    assert [list(b.x) for b in bars] == [[300.0, 526.0]]
    assert list(bars[0].text) == ["5 min", "8 min 46 s"]
    assert fig.layout.shapes[0].x0 == 480  # the dashed 8-minute line
    assert "8 min standard" in annotation_texts(fig)
    assert "8 min" in fig.layout.xaxis.ticktext
    assert any("not comparable across areas" in n for n in found["notes"])


def test_one_time_states_its_gap(rows: pd.DataFrame) -> None:
    times = pick(response_times(rows), ["ov-dm-005"])
    title = texts(response_time_chart(times, source="Source: X"))["title"]
    # 526 s - 480 s = 46 s over
    assert title == "Surrey's reported average time is 8 min 46 s, 46 s over the 8 min standard"


def test_attainment_chart(rows: pd.DataFrame) -> None:
    attainment = pick(target_attainment(rows), ["ov-fr-030", "ov-dm-030"])
    fig = attainment_chart(attainment, source=TITLES)
    assert texts(fig)["title"] == (
        "Both measured figures reach the 75% standard for 8-minute responses; the highest is "
        "Humberside, up to 83%"
    )
    assert list(fig.data[0].x) == [83.0, 82.3]
    assert list(fig.data[0].text) == ["up to 83%", "82.3%"]
    assert fig.layout.shapes[0].x0 == 75
    assert any("'up to' marks a best period" in n for n in texts(fig)["notes"])
    # the page's caveats say the same at length
    assert any("best periods, not averages" in n for n in attainment_notes(attainment))


def test_one_attainment_figure_states_its_gap(rows: pd.DataFrame) -> None:
    fig = attainment_chart(pick(target_attainment(rows), ["ov-dm-030"]), source=TITLES)
    # 82.3% - 75% = 7.3 points above
    assert texts(fig)["title"] == (
        "London: 82.3% of incidents reached within 8 minutes, 7.3 points above the 75% standard"
    )


# --- first on scene, clinical ---------------------------------------------------------------------


def test_first_on_scene_chart(rows: pd.DataFrame) -> None:
    first = pick(first_on_scene(rows), ["mp-004", "mp-005"])
    fig = first_on_scene_chart(first, source=TITLES)
    found = texts(fig)
    assert found["title"] == (
        "Co-responders arrived before the ambulance in 64% to 77% of cases; most often in "
        "Ormskirk (Lancashire)"
    )
    assert found["source"] == f"Source: {PAPER}"
    assert list(fig.data[0].x) == [77.0, 64.0]


def test_clinical_chart(rows: pd.DataFrame) -> None:
    clinical = pick(clinical_outcomes(rows), ["ov-fr-012", "ov-fr-014", "ov-fr-017"])
    fig = clinical_chart(clinical, source=TITLES)
    # survival: 9.0% (all resuscitated) to 58.6% (early defibrillation)
    assert texts(fig)["title"] == (
        "London: survival rate ranges from 9% to 58.6% depending on the patient group"
    )
    names = [t.name for t in fig.data]
    assert names == ["ROSC rate", "Survival rate"]
    assert list(fig.data[1].x) == [9.0, 58.6]
    assert any("patient group on its row" in n for n in texts(fig)["notes"])
    assert any("comparator group" in n for n in clinical_notes(clinical))


def test_clinical_chart_carries_the_typo_note(rows: pd.DataFrame) -> None:
    fig = clinical_chart(pick(clinical_outcomes(rows), ["ov-fr-013"]), source=TITLES)
    assert any("55.%" in n for n in texts(fig)["notes"])


# --- volumes, resolved, before/after -----------------------------------------------------------


def test_volumes_chart(rows: pd.DataFrame) -> None:
    vols = pick(volumes(rows), ["ov-fr-042", "ov-dm-002", "ov-fr-032", "ov-fr-041", "ov-dm-013"])
    fig = volumes_chart(vols, source=TITLES)
    found = texts(fig)
    # 10,000 a year (Hampshire) > 852 (Lancashire) > 496 (South Yorkshire); Thames Valley's
    # cumulative 3,000 has no per-year rate, and London's "up to 700 patients a week" (x 52 =
    # 36,400 a year) is an aim, not activity done: 3 of 5 drawn
    assert found["title"] == (
        "Hampshire reports the most activity: about 10,000 incidents or calls attended a year"
    )
    assert "(3 of 5 activity figures)" in found["subtitle"]
    drawn = sorted(x for t in fig.data for x in t.x)
    assert drawn == pytest.approx([125 / (92 / 365.25), 852.0, 10000.0])
    labels = [x for t in fig.data for x in t.text]
    assert set(labels) == {"about 10,000", "852", "496"}
    # Thames Valley (no per-year rate) and London's aim are in the table only: 2 of 5
    assert found["notes"][0].endswith(
        "2 figures without a per-year rate, or not counts of activity done, are in the table only."
    )
    page_notes = volumes_notes(vols)
    assert (
        "1 figure (an aim, estimate or anecdote) is in the table only: not a count of "
        "activity done." in page_notes
    )
    assert (
        "1 figure (a cumulative count, or no period stated) is in the table only: no "
        "per-year rate." in page_notes
    )


def test_resolved_chart(rows: pd.DataFrame) -> None:
    resolved = pick(resolved_without_ambulance(rows), ["ov-dm-029", "ov-dm-018", "ov-dm-014"])
    fig = resolved_chart(resolved, source=TITLES)
    # measured (actual) shares: Merseyside 42%, JRU 79.3%; the 60% London desk is a target
    assert texts(fig)["title"] == (
        "Measured shares of police requests resolved without an ambulance range from 42% to "
        "79.3% (highest: London)"
    )
    assert [t.name for t in fig.data] == ["Achieved and measured", "Anticipated or potential"]
    assert any("Denominators differ" in n for n in texts(fig)["notes"])


def test_before_after_chart(rows: pd.DataFrame) -> None:
    pairs = pick(before_after(rows), ["ov-dm-030", "ov-dm-032"])
    fig = before_after_chart(pairs, source=TITLES)
    # both improved; the largest relative change is 196 -> 29, -85%
    assert texts(fig)["title"] == (
        "Both changes with a preferred direction improved; the largest: conveyances to "
        "hospital in London fell 85% (196 to 29)"
    )
    lines = [list(t.x) for t in fig.data if t.mode == "lines"]
    assert lines == [[60.0, 82.3], [196.0, 29.0]]
    after_labels = [t.text[0] for t in fig.data if (t.name or "").startswith("After")]
    assert after_labels == ["82.3% (+22.3 points)", "29 (-167, -85%)"]


def test_before_after_chart_says_which_figures_are_views(rows: pd.DataFrame) -> None:
    fig = before_after_chart(pick(before_after(rows), ["ov-dm-040"]), source=TITLES)
    # public confidence 51% -> 60%, a view attributed to a manager, no preferred direction
    assert texts(fig)["title"] == (
        "Northamptonshire: from 51% to 60%, on a measure with no preferred direction"
    )
    assert "Anecdotal figures (Northamptonshire) are views" in texts(fig)["notes"][0]


def test_charts_refuse_empty_tables(rows: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="No response times"):
        response_time_chart(response_times(rows).iloc[0:0], source="Source: X")


# --- words and tables -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "text"),
    [
        ((526, "seconds"), "8 min 46 s"),
        ((90, "percent", "up_to"), "up to 90%"),
        ((5, "percent", "range", 2, 8), "2%–8%"),
        ((900, "count", "at_least"), "at least 900"),
        ((60, "percent", "exact"), "60%"),
    ],
)
def test_figure_text(args: tuple, text: str) -> None:
    assert figure_text(*args) == text


def test_rate_text_rounds_derived_rates() -> None:
    assert rate_text(16694 * 12 / 38) == "5,270"  # 5,271.8 to 3 significant figures
    assert rate_text(4000, "approx") == "about 4,000"
    assert rate_text(float("nan")) == "–"


def test_change_text() -> None:
    row = pd.Series({"change": -167.0, "relative_change": -167 / 196, "unit": "count"})
    assert change_text(row) == "-167 (-85%)"
    row = pd.Series({"change": 22.3, "relative_change": 0.37, "unit": "percent"})
    assert change_text(row) == "+22.3 points"


def test_chart_source_names_only_drawn_documents(rows: pd.DataFrame) -> None:
    drawn = pick(first_on_scene(rows), ["mp-004"])
    assert chart_source(TITLES, drawn) == f"Source: {PAPER}"
    assert chart_source("Source: given", drawn) == "Source: given"


def test_display_table_shows_quote_source_and_section(rows: pd.DataFrame) -> None:
    table = display_table(pick(response_times(rows), ["ov-dm-005"]), "response")
    row = table.iloc[0]
    assert row["Time"] == "8 min 46 s"
    assert row["8-minute standard"] == "over"
    assert row["Difference"] == "46 s over"
    assert row["Quote (verbatim)"] == "an average of 8 minutes and 46 seconds"
    assert row["Source"] == "National Overview 2016 (2016)"
    assert row["Section"].startswith("Forced Entry and Missing People")
    assert row["Figure id"] == "ov-dm-005"
    assert "mp-014" in row["Also stated in"]


def test_display_table_volumes(rows: pd.DataFrame) -> None:
    table = display_table(pick(volumes(rows), ["ov-fr-032"]), "volumes")
    assert table.iloc[0]["As quoted"] == "125"
    assert table.iloc[0]["Per year"] == "496"
    assert "92 days" in table.iloc[0]["How the per-year rate was worked out"]


def test_markdown_escape() -> None:
    assert markdown_escape("*a* [b](c)") == r"\*a\* \[b\]\(c\)"


def test_doctests() -> None:
    assert doctest.testmod(outcome_charts).failed == 0


def test_short_flag_note_names_area_and_reason(rows: pd.DataFrame) -> None:
    flagged = pick(volumes(rows), ["ov-dm-004"])  # 646 here, 644 in the ministerial paper
    assert short_flag_note(flagged) == (
        "Flagged in the data (see the table): Surrey, documents give different numbers."
    )
    assert short_flag_note(pick(volumes(rows), ["ov-fr-042"])) is None


def test_long_labels_are_cut_to_two_lines(rows: pd.DataFrame, store: Store) -> None:
    vols = pick(forced_entry_volumes(rows, store.schemes), ["ov-dm-006", "ov-dm-007"])
    fig = volumes_chart(vols, source=TITLES)
    labels = [y for t in fig.data for y in t.y]
    # "Gain-entry incidents where Surrey firefighters used IECR medical skills to care for the
    # patient and help ambulance crews" would take four lines; the table keeps the full words
    assert all(label.count("<br>") <= 1 for label in labels)
    assert any(label.endswith("…") for label in labels)


def test_rows_with_the_same_label_keep_a_bar_each(rows: pd.DataFrame) -> None:
    times = pick(response_times(rows), ["ov-dm-028", "ov-dm-005"]).assign(label="Same name")
    fig = response_time_chart(times, source=TITLES)
    assert len(set(fig.data[0].y)) == 2
