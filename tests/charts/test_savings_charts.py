"""Savings charts: the finding in the title, the sources and caveats inside, the right values.

Built from figures picked by id (see tests/metrics/test_savings.py for the hand arithmetic).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from charts.briefing import briefing_texts, plain_text
from charts.savings import (
    SavingsContext,
    evidence_chart,
    evidence_title,
    figures_table,
    group_phrase,
    ranked_schemes_chart,
    savings_by_chart,
    savings_by_title,
    totals_table,
)
from charts.style import BASIS_COLOURS
from loaders.store import Store
from metrics.savings import (
    contributing_figures,
    evidence_mix,
    headline_savings,
    ranked_schemes,
    savings_by,
    savings_by_evidence,
)

PICKED = [
    "ov-sa-016", "ov-sa-017", "ov-se-047", "ov-se-023", "ov-se-004", "ov-jcr-006",
    "ov-se-048", "ov-se-006", "mp-017", "ov-sa-015", "ov-se-049", "ov-se-003",
]  # fmt: skip
SOURCE = "Emergency Services Collaboration Working Group, National Overview 2016 (2016)"
CONTEXT = SavingsContext(sources=[SOURCE], scope="6 of 143 schemes", years="2016")


@pytest.fixture(scope="module")
def picked(store: Store) -> tuple[pd.DataFrame, pd.DataFrame]:
    figures = store.figures[store.figures["figure_id"].isin(PICKED)]
    schemes = store.schemes[store.schemes["scheme_id"].isin(figures["scheme_id"])]
    return figures, schemes


@pytest.fixture(scope="module")
def by_theme(picked) -> go.Figure:
    grouped = savings_by(*picked, "theme")
    return savings_by_chart(
        grouped, kind="recurring", by="theme", context=CONTEXT, headline=headline_savings(*picked)
    )


def texts(fig: go.Figure) -> dict:
    stored = briefing_texts(fig)
    assert stored is not None, "apply_briefing_layout was not applied"
    return stored


def trace(fig: go.Figure, name: str) -> go.BaseTraceType:
    (found,) = [t for t in fig.data if t.name == name]
    return found


def annotation_texts(fig: go.Figure) -> str:
    return " ".join(plain_text(a.text) for a in fig.layout.annotations)


def test_by_category_title_states_the_finding(by_theme: go.Figure) -> None:
    # Shared estates (Cheshire over £1.5m + Norfolk £14,000 = £1,514,000) against
    # strategic alliances (Lincolnshire £1,329,000): £1,514,000 / £2,843,000 = 53%
    title = plain_text(by_theme.layout.title.text)
    assert title == (
        "The shared estates and assets theme quotes the largest recurring savings: "
        "£1.51m a year, 53% of the £2.84m total"
    )


def test_by_category_values_bounds_and_prudent(by_theme: go.Figure) -> None:
    bars = trace(by_theme, "Quoted")
    assert list(bars.x) == [1_514_000, 1_329_000]  # largest first, drawn at the top
    assert list(bars.y) == [1.0, 0.0]
    # prudent: £1,125,000 + £12,600 = £1,137,600; £322,500 + £539,400 = £861,900
    assert list(trace(by_theme, "Prudent").x) == pytest.approx([1_137_600, 861_900])
    assert bars.text[0].endswith("£1.51m · prudent £1.14m")
    # Cheshire's "over £1.5 million" leaves the estates total with no upper limit
    assert list(trace(by_theme, "No upper limit").x) == [1_514_000]
    assert list(by_theme.layout.yaxis.ticktext) == [
        "Shared estates and assets",
        "Strategic alliances and<br>partnerships",
    ]


def test_by_category_texts_inside_the_figure(by_theme: go.Figure) -> None:
    stored = texts(by_theme)
    assert stored["source"] == f"Source: {SOURCE}"
    assert "by theme" in stored["subtitle"] and "6 of 143 schemes" in stored["subtitle"]
    assert "cash terms" in stored["subtitle"] and "reported in 2016" in stored["subtitle"]
    notes = " ".join(stored["notes"])
    assert "no upper limit" in notes
    assert "achieved 10%, estimated 25%, anticipated 40%, anecdotal 40%" in notes
    # the other kinds, each with its own total, named as not added in
    assert "Not added in: one-off savings £100k;" in notes
    assert "capital receipts £3.35m" in notes
    assert "Source: " + SOURCE in annotation_texts(by_theme)


def test_prudent_markers_can_be_left_out(picked) -> None:
    fig = savings_by_chart(
        savings_by(*picked, "theme"), kind="recurring", by="theme", context=CONTEXT,
        show_prudent=False,
    )
    assert "Prudent" not in [t.name for t in fig.data]
    assert not any("Diamond" in n for n in texts(fig)["notes"])


def test_up_to_shows_a_range_from_zero(picked) -> None:
    fig = savings_by_chart(
        savings_by(*picked, "area"), kind="unspecified", by="area", context=CONTEXT
    )
    # Hampshire "by up to £1.490m": a line from £0 to £1.49m under its bar
    line = trace(fig, "Quoted range")
    assert list(line.x[:2]) == [0, 1_490_000]
    assert plain_text(fig.layout.title.text).startswith(
        "Schemes in Hampshire quote the largest savings with no stated period: £1.49m"
    )


def test_real_terms_note_and_size(picked) -> None:
    context = SavingsContext(
        sources=[SOURCE], price_base="2024-25 prices (GDP deflator)",
        real_terms_note="Money in 2024-25 prices.",
    )
    fig = savings_by_chart(
        savings_by(*picked, "theme", price_base_year=2024), kind="recurring", by="theme",
        context=context, width=1140, height=1000,
    )
    assert "2024-25 prices (GDP deflator)" in texts(fig)["subtitle"]
    assert "Money in 2024-25 prices." in texts(fig)["notes"]
    assert (fig.layout.width, fig.layout.height) == (1140, 1000)
    # £1,514,000 x 100 / 76.0754 = £1,990,130.84
    assert trace(fig, "Quoted").x[0] == pytest.approx(1_990_130.84, abs=0.01)


def test_nothing_to_chart_is_an_error(picked) -> None:
    grouped = savings_by(*picked, "theme")
    with pytest.raises(ValueError, match="no capital receipts"):
        savings_by_chart(
            grouped[grouped["kind"] == "recurring"], kind="capital_receipt", by="theme",
            context=CONTEXT,
        )


def test_ranked_chart(picked) -> None:
    ranked = ranked_schemes(*picked)
    fig = ranked_schemes_chart(ranked, kind="recurring", context=CONTEXT)
    # Cheshire "over £1.5 million" of £2,843,000 = 53%
    assert plain_text(fig.layout.title.text) == (
        "Cheshire police and fire shared headquarters quotes the largest recurring saving: "
        "£1.5m a year, 53% of the total"
    )
    estimated = trace(fig, "B: Estimated")
    assert list(estimated.x) == [1_500_000]
    assert estimated.marker.color == BASIS_COLOURS["estimate"]
    assert list(trace(fig, "Mixed").x) == [1_329_000]  # Lincolnshire
    assert list(trace(fig, "A: Achieved").x) == [14_000]  # Norfolk
    legend = [t.name for t in fig.data if t.showlegend is not False]
    assert legend[:3] == ["A: Achieved", "B: Estimated", "Mixed"]
    assert "by scheme and strength of evidence, all schemes quoting one" in texts(fig)["subtitle"]


def test_ranked_chart_shows_the_top_schemes_only(picked) -> None:
    ranked = ranked_schemes(*picked)
    fig = ranked_schemes_chart(ranked, kind="recurring", context=CONTEXT, top=2)
    assert "the 2 largest of 3 schemes quoting one" in texts(fig)["subtitle"]
    assert len(fig.layout.yaxis.tickvals) == 2


def test_evidence_chart(picked) -> None:
    pieces = savings_by_evidence(*picked, "theme")
    fig = evidence_chart(pieces, evidence_mix(pieces), kind="recurring", by="theme",
                         context=CONTEXT)
    # achieved: Norfolk £14,000 of £2,843,000 = 0.49%, which would round to a misleading "0%"
    assert plain_text(fig.layout.title.text) == (
        "Less than 1% of quoted recurring savings are achieved; the rest are estimates or targets"
    )
    assert fig.layout.barmode == "stack"
    assert list(trace(fig, "C: Anticipated").x) == [899_000]
    assert trace(fig, "B: Estimated").marker.color == BASIS_COLOURS["estimate"]
    (totals,) = [t for t in fig.data if t.type == "scatter"]
    assert totals.text[0].endswith("£1.51m")


def test_evidence_titles() -> None:
    some = pd.DataFrame({"basis": ["actual", "estimate"], "share": [0.02, 0.98]})
    assert evidence_title(some, "recurring") == (
        "Only 2% of quoted recurring savings are achieved; the rest are estimates"
    )
    mix = pd.DataFrame({"basis": ["actual", "estimate"], "share": [0.75, 0.25]})
    assert evidence_title(mix, "recurring") == (
        "75% of quoted recurring savings are achieved and measured"
    )
    none = pd.DataFrame({"basis": ["estimate", "target", "anecdotal"], "share": [0.5, 0.3, 0.2]})
    assert evidence_title(none, "one_off") == (
        "None of the quoted one-off savings has been achieved yet: "
        "all are estimates, targets or anecdotes"
    )


def test_titles_by_dimension() -> None:
    assert group_phrase("theme", "Joint control rooms") == (
        "The joint control rooms theme", "quotes"
    )
    assert group_phrase("services", "Police + fire") == ("Police + fire schemes", "quote")
    rows = pd.DataFrame(
        {"group": ["B: Estimated"], "central": [3_000_000.0], "share": [0.8], "kind_total": [0]}
    )
    assert savings_by_title(rows, "recurring", "basis") == (
        "80% of quoted recurring savings (£3m a year) are estimates"
    )


def test_display_tables(store: Store, picked) -> None:
    table = totals_table(savings_by(*picked, "theme", kinds=["unspecified"]), "group")
    estates = table.set_index("Group").loc["Shared estates and assets"]
    assert estates["Quoted (central)"] == "£1.74m"
    assert estates["Range"] == "£250k to £1.74m"
    assert estates["Figure ids"] == "ov-se-006, ov-se-048"
    rows = figures_table(
        contributing_figures(*picked, "theme", kinds=["unspecified"], sources=store.sources)
    ).set_index("Figure id")
    assert rows.loc["ov-se-006", "Quote"] == "by up to £1.490m"
    assert rows.loc["ov-se-006", "Range"] == "£0 to £1.49m"
    assert rows.loc["mp-017", "Counted"] == "no: restated elsewhere"
    assert rows.loc["ov-se-048", "Locator"].startswith("Shared Estates")
