"""Briefing layout: the finding, what is shown, source and notes are inside the figure JSON."""

from __future__ import annotations

import json
import pathlib

import plotly.express as px
import plotly.graph_objects as go
import pytest

from charts import briefing
from charts.briefing import (
    apply_briefing_layout,
    plain_text,
    plotly_config,
    relayout_for_size,
    slugify,
    source_line,
    text_width_px,
    wrap_lines,
)
from charts.style import EDGE_PAD, FONT_SIZE, PALETTE, TITLE_SIZE

TITLE = "Co-responding cut cardiac arrest response times by 2 minutes"
SUBTITLE = "Median response time, London, 2015/16"
SOURCE = "Source: National Overview 2016"
NOTE = "Times are from a pilot in four boroughs."

LONG_SUBTITLE = (
    "Savings reported by collaboration schemes in England and Wales, by theme, 2014 to 2016; "
    "all services, all areas; cashable and efficiency savings; only schemes that quote a "
    "figure (31 of 80); figures as quoted in each document, not adjusted for inflation"
)
THEMES = [
    "First response and co-responding",
    "Demand management and rationalisation",
    "Shared estates and assets",
    "Joint control rooms",
    "Strategic alliances and partnerships",
    "Information sharing",
    "Wider collaboration",
]


def bar_chart() -> go.Figure:
    return go.Figure(go.Bar(x=[3, 1, 2], y=["Police", "Fire", "Ambulance"], orientation="h"))


def briefed(fig: go.Figure | None = None, **overrides) -> go.Figure:
    texts = {"title": TITLE, "subtitle": SUBTITLE, "source": SOURCE, "notes": [NOTE]}
    return apply_briefing_layout(fig or bar_chart(), **{**texts, **overrides})


def annotation(fig: go.Figure, name: str) -> go.layout.Annotation:
    (found,) = [a for a in fig.layout.annotations if a.name == f"briefing-{name}"]
    return found


# --- the texts are in the figure -------------------------------------------------------------


def test_title_subtitle_source_and_note_are_in_the_figure_json():
    layout = json.loads(briefed().to_json())["layout"]
    texts = {a["name"]: a["text"] for a in layout["annotations"]}
    assert layout["title"]["text"] == TITLE
    assert texts["briefing-subtitle"] == SUBTITLE
    assert texts["briefing-source"] == SOURCE
    assert texts["briefing-notes"] == f"Note: {NOTE}"


def test_several_notes_are_numbered_one_per_line():
    fig = briefed(notes=["Estimates, not outcomes.", "Not adjusted for inflation."])
    assert annotation(fig, "notes").text == (
        "Note 1: Estimates, not outcomes.<br>Note 2: Not adjusted for inflation."
    )


def test_no_notes_means_no_notes_annotation():
    fig = briefed(notes=())
    assert [a.name for a in fig.layout.annotations] == ["briefing-subtitle", "briefing-source"]


def test_source_without_prefix_gets_one():
    fig = briefed(source="National Overview 2016")
    assert annotation(fig, "source").text == SOURCE


def test_long_texts_wrap_and_keep_every_word():
    long_title = TITLE + ", the largest fall reported by any first response scheme in 2016"
    long_note = "Most savings are estimates from business cases. " * 6
    fig = briefed(title=long_title, subtitle=LONG_SUBTITLE, notes=[long_note])
    assert "<br>" in fig.layout.title.text
    assert "<br>" in annotation(fig, "subtitle").text
    assert plain_text(fig.layout.title.text) == long_title
    assert plain_text(annotation(fig, "subtitle").text) == LONG_SUBTITLE
    assert plain_text(annotation(fig, "notes").text) == f"Note: {long_note.strip()}"


def test_document_titles_with_ampersands_are_escaped_for_plotly():
    fig = briefed(source=source_line(["Police & Crime Plan <2016>"]))
    assert annotation(fig, "source").text == "Source: Police &amp; Crime Plan &lt;2016&gt;"
    assert plain_text(annotation(fig, "source").text) == "Source: Police & Crime Plan <2016>"


def test_texts_are_stored_for_re_export():
    texts = briefing.briefing_texts(briefed())
    assert texts is not None
    assert (texts["title"], texts["subtitle"], texts["source"]) == (TITLE, SUBTITLE, SOURCE)
    assert texts["notes"] == [NOTE]


def test_other_meta_is_kept():
    fig = bar_chart().update_layout(meta={"chart_id": "savings-by-theme"})
    assert briefed(fig).layout.meta["chart_id"] == "savings-by-theme"


@pytest.mark.parametrize("title", ["", "   "])
def test_a_chart_without_a_finding_is_refused(title):
    with pytest.raises(ValueError, match="title"):
        briefed(title=title)


def test_a_chart_without_a_source_is_refused():
    with pytest.raises(ValueError, match="source"):
        briefed(source=" ")


# --- source_line ----------------------------------------------------------------------------


def test_source_line_names_each_document_once_in_order():
    titles = ["National Overview 2016", "Paper 2: National Overview", "National Overview 2016"]
    assert source_line(titles) == "Source: National Overview 2016; Paper 2: National Overview"


def test_source_line_needs_a_document():
    with pytest.raises(ValueError, match="source document"):
        source_line(["", "  "])


# --- layout ---------------------------------------------------------------------------------


def test_layout_uses_the_template_and_the_requested_size():
    fig = briefed()
    assert fig.layout.template.layout.colorway == PALETTE
    assert (fig.layout.width, fig.layout.height) == (1600, 900)
    assert fig.layout.title.font.weight == "bold"
    assert fig.layout.title.font.size == TITLE_SIZE


def test_blocks_are_left_aligned_with_the_title():
    fig = briefed()
    assert fig.layout.title.xref == "container"
    assert fig.layout.title.pad.l == EDGE_PAD
    for name in ("subtitle", "source", "notes"):
        a = annotation(fig, name)
        assert (a.xref, a.x, a.xanchor, a.align) == ("paper", 0, "left", "left")
        assert fig.layout.margin.l + a.xshift == EDGE_PAD


def test_blocks_sit_above_and_below_the_plot_area_in_order():
    fig = briefed()
    subtitle, source, notes = (annotation(fig, n) for n in ("subtitle", "source", "notes"))
    assert (subtitle.y, subtitle.yanchor) == (1, "bottom") and subtitle.yshift > 0
    assert (source.y, source.yanchor) == (0, "top") and source.yshift < 0
    assert notes.yshift < source.yshift  # notes below the source line
    margin = fig.layout.margin
    assert margin.t >= EDGE_PAD + TITLE_SIZE + subtitle.yshift
    assert margin.b >= -notes.yshift + EDGE_PAD


def test_margins_grow_with_wrapped_text():
    short, long = briefed(), briefed(subtitle=LONG_SUBTITLE, notes=[NOTE * 8])
    assert long.layout.margin.t > short.layout.margin.t
    assert long.layout.margin.b > short.layout.margin.b


def test_left_margin_fits_the_longest_category_label():
    fig = briefed(go.Figure(go.Bar(x=[1] * 7, y=THEMES, orientation="h")))
    widest = max(text_width_px(theme, FONT_SIZE) for theme in THEMES)
    assert fig.layout.margin.l >= EDGE_PAD + widest


def test_gridlines_only_on_the_value_axis():
    horizontal = briefed()
    assert (horizontal.layout.xaxis.showgrid, horizontal.layout.yaxis.showgrid) == (True, False)
    vertical = briefed(go.Figure(go.Bar(x=["a", "b"], y=[1, 2])))
    assert (vertical.layout.xaxis.showgrid, vertical.layout.yaxis.showgrid) == (False, True)


def test_applying_twice_replaces_the_texts_and_keeps_chart_annotations():
    fig = bar_chart().add_annotation(text="pilot ended", x=1, y="Fire", name="chart-note")
    briefed(fig)
    briefed(fig, subtitle="Second subtitle")
    names = [a.name for a in fig.layout.annotations]
    assert names == ["chart-note", "briefing-subtitle", "briefing-source", "briefing-notes"]
    assert annotation(fig, "subtitle").text == "Second subtitle"


def test_legend_gets_its_own_row_above_the_plot():
    frame = px.bar(
        x=["a", "a", "b", "b"], y=[1, 2, 3, 4], color=["police", "fire"] * 2, barmode="group"
    )
    with_legend = briefed(frame)
    without = briefed(go.Figure(go.Bar(x=["a", "b"], y=[1, 2])))
    legend = with_legend.layout.legend
    assert (legend.orientation, legend.xref, legend.yref) == ("h", "paper", "paper")
    assert legend.x < 0 and legend.y > 1  # from the title's left edge, just above the plot
    assert with_legend.layout.margin.t > without.layout.margin.t
    assert annotation(with_legend, "subtitle").yshift > annotation(without, "subtitle").yshift


def test_long_x_categories_are_wrapped_at_spaces_not_tilted():
    fig = briefed(go.Figure(go.Bar(x=THEMES, y=list(range(7)))))
    xaxis = fig.layout.xaxis
    assert list(xaxis.tickvals) == THEMES
    assert [plain_text(t) for t in xaxis.ticktext] == THEMES
    assert any("<br>" in t for t in xaxis.ticktext)
    assert xaxis.tickangle == 0


def test_x_categories_too_long_to_wrap_are_tilted_and_untilted_at_a_wider_size():
    fig = briefed(go.Figure(go.Bar(x=THEMES, y=list(range(7)))), width=700, height=600)
    assert fig.layout.xaxis.tickangle == briefing.TILT_DEGREES
    assert fig.layout.xaxis.ticktext is None
    wide = relayout_for_size(fig, 1600, 900)
    assert wide.layout.xaxis.tickangle == 0
    assert wide.layout.xaxis.ticktext is not None


def test_chart_set_ticks_are_left_alone():
    fig = go.Figure(go.Bar(x=THEMES, y=list(range(7))))
    fig.update_xaxes(tickangle=45)
    assert briefed(fig).layout.xaxis.tickangle == 45
    assert fig.layout.xaxis.ticktext is None


def test_short_x_categories_are_left_alone():
    fig = briefed(go.Figure(go.Bar(x=["Police", "Fire"], y=[1, 2])))
    assert fig.layout.xaxis.ticktext is None and fig.layout.xaxis.tickangle is None


def test_relayout_for_size_rewraps_a_copy():
    fig = briefed(subtitle=LONG_SUBTITLE)
    narrow = relayout_for_size(fig, 940, 646)
    assert (narrow.layout.width, narrow.layout.height) == (940, 646)
    assert annotation(narrow, "subtitle").text.count("<br>") > annotation(
        fig, "subtitle"
    ).text.count("<br>")
    assert plain_text(annotation(narrow, "subtitle").text) == LONG_SUBTITLE
    assert fig.layout.width == 1600  # the original is untouched


def test_relayout_for_size_of_a_plain_figure_only_resizes():
    fig = relayout_for_size(bar_chart(), 940, 646)
    assert (fig.layout.width, fig.layout.height) == (940, 646)
    assert not fig.layout.annotations


# --- wrapping -------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [200, 500, 940, 1544])
def test_wrapped_lines_fit_and_keep_every_word(width):
    lines = wrap_lines(LONG_SUBTITLE, width, 22)
    assert all(text_width_px(line, 22) <= width for line in lines)
    assert " ".join(lines) == LONG_SUBTITLE


def test_a_word_longer_than_the_line_is_broken_not_cut():
    url = "https://www.gov.uk/government/publications/emergency-services-collaboration-overview"
    lines = wrap_lines(url, 300, 17)
    assert len(lines) > 1
    assert "".join(lines) == url


def test_a_word_longer_than_the_line_is_kept_whole_when_asked():
    assert wrap_lines("rationalisation", 50, 20, break_words=False) == ["rationalisation"]


def test_newlines_are_kept():
    assert wrap_lines("one\ntwo", 1000, 20) == ["one", "two"]


LIBERATION = pathlib.Path("/usr/share/fonts/truetype/liberation")


@pytest.mark.skipif(
    not (LIBERATION / "LiberationSans-Regular.ttf").exists(), reason="Liberation Sans not here"
)
@pytest.mark.parametrize("bold", [False, True])
@pytest.mark.parametrize(
    "text",
    [
        LONG_SUBTITLE,
        "Strategic alliances report the largest savings, about £12.5m a year",
        "NATIONAL OVERVIEW OF COLLABORATION INITIATIVES",
        "Police & Crime Commissioner (PCC) for Essex 2015/16",
        "£1,234,567 £580k 21,187 calls 8 min 46 s",
    ],
)
def test_width_estimate_is_never_much_under_the_real_arial_width(text, bold):
    """Wrapping relies on it: a line measured too narrow would run off the image."""
    font_module = pytest.importorskip("PIL.ImageFont")
    name = "LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf"
    font = font_module.truetype(str(LIBERATION / name), 100)
    real = font.getlength(text)
    estimate = text_width_px(text, 100, bold=bold)
    assert real * 0.99 <= estimate <= real * 1.12


# --- Streamlit toolbar config ---------------------------------------------------------------


def test_plotly_config_downloads_a_large_png():
    assert plotly_config("Savings by theme (2016)") == {
        "toImageButtonOptions": {
            "format": "png",
            "filename": "savings-by-theme-2016",
            "width": 1600,
            "height": 900,
            "scale": 2,
        },
        "displaylogo": False,
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Savings by theme", "savings-by-theme"),
        ("  £1.5m — Police & Fire!  ", "1-5m-police-fire"),
        ("Co-responding: 8 min 46 s", "co-responding-8-min-46-s"),
        ("£££", "chart"),
        ("x" * 100, "x" * 80),
    ],
)
def test_slugify(text, expected):
    assert slugify(text) == expected
