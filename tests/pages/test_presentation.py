"""Presentation view: empty state without a chosen chart; the chart alone once one is chosen."""

from __future__ import annotations

import plotly.graph_objects as go

from tests.pages.conftest import open_page

PAGE = "pages/presentation.py"


def test_without_a_chart_it_explains_what_to_do() -> None:
    at = open_page(PAGE)
    assert "No chart chosen yet" in at.info[0].value
    assert not at.get("plotly_chart")


def test_shows_the_chosen_chart_alone() -> None:
    at = open_page(PAGE)
    fig = go.Figure(go.Bar(x=[1, 2], y=["a", "b"], orientation="h"))
    fig.update_layout(title="Shared estates save most")
    at.session_state["presentation_chart"] = ("Savings by theme", fig)
    at.run()
    assert not at.exception
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    assert "Shared estates save most" in charts[0].proto.spec
