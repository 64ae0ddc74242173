"""Streamlit pieces the outcome pages (co-responding, demand management) draw alike: the table
behind a chart, its caveats, and an activity-per-year section.

Not a page (not registered in app.py); charts.outcomes formats, this only renders.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts import outcomes as oc
from pages.shared import show_chart

VOLUMES_CAPTION = (
    "Every activity figure as quoted, with its per-year rate where the stated period "
    "allows one and how it was worked out (or why not)."
)


def table(result: pd.DataFrame, kind: str, caption: str) -> None:
    """The rows behind a chart, formatted for reading, under a caption saying what they are."""
    st.caption(caption)
    st.dataframe(oc.display_table(result, kind), hide_index=True, width="stretch")


def caveats(notes: list[str]) -> None:
    """The notes on estimates, bounds and comparability, folded away under the table."""
    with st.expander("Caveats"):
        st.markdown("\n".join(f"- {oc.markdown_escape(note)}" for note in notes))


def chart_section(
    result: pd.DataFrame,
    chart: Callable[[], go.Figure],
    *,
    name: str,
    key: str,
    kind: str,
    caption: str,
    notes: Callable[[pd.DataFrame], list[str]],
) -> None:
    """A chart with its downloads, the table behind it and its caveats; nothing when empty
    (the page's coverage sentence has already said why). `chart` is called only then."""
    if not len(result):
        return
    show_chart(chart(), name=name, data=result, key=key)
    table(result, kind, caption)
    caveats(notes(result))


def volumes_section(
    vols: pd.DataFrame,
    *,
    source: dict[str, str],
    filters: list[str],
    what: str,
    name: str,
    key: str,
) -> None:
    """Activity per year: the chart when a per-year rate can be drawn, else say why not; then
    every figure as quoted, with its caveats."""
    if len(oc.drawable_volumes(vols)):
        show_chart(
            oc.volumes_chart(vols, source=source, filters=filters, what=what),
            name=name,
            data=vols,
            key=key,
        )
    elif len(vols):
        st.info(
            f"{len(vols)} activity figures match, but none is an achieved count whose stated "
            "period allows a per-year rate; they are listed below as quoted."
        )
    if len(vols):
        table(vols, "volumes", VOLUMES_CAPTION)
        caveats(oc.volumes_notes(vols))
