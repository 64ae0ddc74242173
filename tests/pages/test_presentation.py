"""Presentation view: empty state without a chosen chart; the chart alone once one is chosen."""

from __future__ import annotations

from pathlib import Path

import plotly.graph_objects as go
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def _at() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/presentation.py")
    return at


def test_without_a_chart_it_explains_what_to_do() -> None:
    at = _at().run()
    assert not at.exception
    assert "No chart chosen yet" in at.info[0].value
    assert not at.get("plotly_chart")


def test_shows_the_chosen_chart_alone() -> None:
    at = _at()
    fig = go.Figure(go.Bar(x=[1, 2], y=["a", "b"], orientation="h"))
    fig.update_layout(title="Shared estates save most")
    at.session_state["presentation_chart"] = ("Savings by theme", fig)
    at.run()
    assert not at.exception
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    assert "Shared estates save most" in charts[0].proto.spec
