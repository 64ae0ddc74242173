"""Title, subtitle, source and notes drawn inside the figure, so a pasted PNG explains itself.

Plotly never wraps text and never makes room for annotations outside the plot, so this module
wraps each text block to the figure width (measuring text by its characters) and sets the
margins to fit the blocks it stacks above and below the plot area:

    title        bold; states the finding
    subtitle     what is measured, where, when, which filters apply
    legend       one or more rows, when the chart has a legend
    plot area    (y-axis labels to its left, x-axis labels under it)
    source       "Source: <document titles>"
    notes        "Note: ..." lines: estimates, bounds, caveats

Blocks are placed in pixels from the plot area's edges (annotation xshift/yshift, title pad),
so a figure shown at another size, or downloaded from the toolbar, keeps them apart; only the
wrapping is for the given width. The texts are kept in `layout.meta["briefing"]` so an export
at another size (charts.export) wraps them again.

Limits: room for tick labels is estimated from the data (category names, or a sample like
"£10.5m" for numbers); if plotly must still grow a margin, the blocks move with the plot area.
Long x category names are wrapped at spaces, or tilted 30 degrees when a word will not fit;
seven long theme names read best as horizontal bars. To show a chart on screen narrower than
`width`, lay it out at the display width: text wrapped for 1600 px runs off a narrower figure.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import plotly.graph_objects as go

from charts.style import (
    EDGE_PAD,
    FONT_SIZE,
    FOOTNOTE_SIZE,
    SECONDARY_TEXT_COLOUR,
    SOURCE_PREFIX,
    SUBTITLE_SIZE,
    TEXT_COLOUR,
    TITLE_SIZE,
    register,
)

DESIGN_WIDTH = 1600
DESIGN_HEIGHT = 900
DOWNLOAD_SCALE = 2

LINE_HEIGHT = 1.3
"""Plotly's spacing between <br>-separated lines, in font sizes."""
GAP = 14
MULTILINE_TITLE_DROP = 0.7
NUMERIC_TICK_SAMPLE = "£10.5m"
"""Stands in for numeric tick labels, whose text plotly only knows when it draws them."""
TICK_LABEL_GAP = 12
LEGEND_SYMBOL_PX = 46
LEGEND_LIFT = 12
TILT_DEGREES = 30
RIGHT_OVERHANG = 28
"""Half a tick label can stick out right of the plot area: keep room for it."""

META_KEY = "briefing"
ANNOTATION_PREFIX = "briefing-"
_BR = re.compile(r"<br\s*/?>")


# --- measuring and wrapping text -------------------------------------------------------------

_NARROW = frozenset(" ijlIft.,;:'!|()[]-/r")
_WIDE = frozenset("mwMW@%")
BOLD_FACTOR = 1.07


def _char_em(char: str) -> float:
    """Rough Arial advance width of one character, in font sizes (errs on the wide side)."""
    if char in _NARROW:
        return 0.3
    if char in _WIDE:
        return 0.87
    return 0.7 if char.isupper() else 0.56


def text_width_px(text: str, font_px: float, bold: bool = False) -> float:
    """Width of one line of Arial text in px, from its characters: within ~5%, rarely under.

    Checked against Liberation Sans (Arial's metric twin) on sentences, capitals and digits.
    """
    return sum(_char_em(char) for char in text) * font_px * (BOLD_FACTOR if bold else 1.0)


def _split_long_word(word: str, width_px: float, font_px: float, bold: bool) -> list[str]:
    """Break a word wider than the line (a long URL) into pieces that fit."""
    pieces, piece = [], ""
    for char in word:
        if piece and text_width_px(piece + char, font_px, bold) > width_px:
            pieces.append(piece)
            piece = ""
        piece += char
    return [*pieces, piece]


def _wrap_paragraph(
    paragraph: str, width_px: float, font_px: float, bold: bool, break_words: bool
) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in paragraph.split():
        candidate = f"{line} {word}" if line else word
        if text_width_px(candidate, font_px, bold) <= width_px:
            line = candidate
            continue
        if line:
            lines.append(line)
        pieces = _split_long_word(word, width_px, font_px, bold) if break_words else [word]
        *full, line = pieces
        lines.extend(full)
    return [*lines, line]


def wrap_lines(
    text: str, width_px: float, font_px: float, bold: bool = False, break_words: bool = True
) -> list[str]:
    """Split text into lines no wider than width_px; newlines are kept; nothing is cut.

    A word wider than the line is broken unless break_words is False (then it sticks out).
    """
    return list(_wrapped(text, width_px, font_px, bold, break_words))


@lru_cache(maxsize=8192)
def _wrapped(
    text: str, width_px: float, font_px: float, bold: bool, break_words: bool
) -> tuple[str, ...]:
    """Memoised: every rerun lays out the same titles, labels and notes again."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines.extend(_wrap_paragraph(paragraph, width_px, font_px, bold, break_words))
    return tuple(lines)


def to_plotly_text(lines: Sequence[str]) -> str:
    """Escape for plotly's pseudo-HTML ('&' and '<' in document titles) and join with <br>."""
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def plain_text(plotly_text: str) -> str:
    """The reader's text back from plotly text: <br> as spaces, entities unescaped."""
    return html.unescape(_BR.sub(" ", plotly_text))


# --- the texts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Block:
    """A wrapped text block: its plotly text, line count and height in px."""

    text: str
    lines: int
    height: float


def _block(text: str, width_px: float, font_px: float, bold: bool = False) -> _Block:
    if not text:
        return _Block("", 0, 0.0)
    lines = wrap_lines(text, width_px, font_px, bold)
    return _Block(to_plotly_text(lines), len(lines), len(lines) * font_px * LINE_HEIGHT)


def source_line(source_titles: Iterable[str]) -> str:
    """'Source: A; B': the documents behind a chart, each named once, in the order given."""
    titles = list(dict.fromkeys(t.strip() for t in source_titles if t and t.strip()))
    if not titles:
        raise ValueError("A briefing chart needs at least one source document title.")
    return SOURCE_PREFIX + "; ".join(titles)


def _as_source(source: str) -> str:
    """Accept 'Source: X' or just 'X'."""
    if not source or not source.strip():
        raise ValueError("A briefing chart needs a source line.")
    source = source.strip()
    return source if source.startswith(SOURCE_PREFIX) else SOURCE_PREFIX + source


def note_lines(notes: Sequence[str]) -> list[str]:
    """'Note: x' for one note; 'Note 1: x', 'Note 2: y' for several."""
    kept = [n.strip() for n in notes if n and n.strip()]
    if len(kept) == 1:
        return [f"Note: {kept[0]}"]
    return [f"Note {i}: {note}" for i, note in enumerate(kept, start=1)]


# --- what the chart itself needs room for -----------------------------------------------------


def _as_list(value: Any) -> list:
    """A trace property that may be one value, a sequence or an array, as a list."""
    if value is None or isinstance(value, str):
        return [value or ""]
    return list(value)


def _is_cartesian(fig: go.Figure) -> bool:
    return any("xaxis" in trace for trace in fig.data)


def _is_horizontal_bar(fig: go.Figure) -> bool:
    return any(trace.type == "bar" and trace.orientation == "h" for trace in fig.data)


def _categories(fig: go.Figure, axis: str) -> list[str]:
    """Distinct text values on an axis ('x' or 'y'), in first-seen order."""
    values = (v for t in fig.data if axis in t and t[axis] is not None for v in _as_list(t[axis]))
    return list(dict.fromkeys(v for v in values if isinstance(v, str)))


def _tick_label_lines(fig: go.Figure, axis: str) -> list[list[str]]:
    """Each category tick label of an axis as its lines (ticktext when the chart set it)."""
    ticktext = fig.layout[f"{axis}axis"].ticktext
    labels = [str(t) for t in ticktext] if ticktext else _categories(fig, axis)
    return [_BR.split(label) for label in labels]


def _ticks_shown(axis_layout: Any) -> bool:
    return axis_layout.visible is not False and axis_layout.showticklabels is not False


def _axis_title_px(axis_layout: Any) -> float:
    return FONT_SIZE * LINE_HEIGHT + 12 if axis_layout.title.text else 0.0


def _left_px(fig: go.Figure) -> float:
    """Room left of the plot area for y tick labels and the y-axis title."""
    if not _is_cartesian(fig) or not _ticks_shown(fig.layout.yaxis):
        return 0.0
    lines = [line for label in _tick_label_lines(fig, "y") for line in label]
    label_px = max(text_width_px(line, FONT_SIZE) for line in lines or [NUMERIC_TICK_SAMPLE])
    return label_px + TICK_LABEL_GAP + _axis_title_px(fig.layout.yaxis)


def _outside_text_px(fig: go.Figure) -> float:
    """Room for value labels past the end of horizontal bars: plotly draws them in the right
    margin, not inside the axis range."""
    widths = [
        text_width_px(str(text), FONT_SIZE) + 8
        for trace in fig.data
        if trace.type == "bar" and trace.orientation == "h" and trace.textposition == "outside"
        for text in _as_list(trace.text)
    ]
    return max(widths, default=0.0)


def _right_px(fig: go.Figure) -> float:
    return max(RIGHT_OVERHANG, _outside_text_px(fig)) if _is_cartesian(fig) else 0.0


def _bottom_axis_px(fig: go.Figure, plot_width: float) -> float:
    """Room under the plot area for x tick labels (at their angle) and the x-axis title."""
    xaxis = fig.layout.xaxis
    if not _is_cartesian(fig) or not _ticks_shown(xaxis):
        return 0.0
    labels = _tick_label_lines(fig, "x")
    widest = max((text_width_px(line, FONT_SIZE) for lab in labels for line in lab), default=0)
    lines = max((len(lab) for lab in labels), default=1)
    angle = xaxis.tickangle if isinstance(xaxis.tickangle, (int, float)) else 0
    if labels and not angle and widest > plot_width / len(labels):
        angle = TILT_DEGREES  # plotly's own first choice for labels that collide
    radians = math.radians(angle)
    tick_px = widest * abs(math.sin(radians)) + lines * FONT_SIZE * LINE_HEIGHT * abs(
        math.cos(radians)
    )
    return tick_px + TICK_LABEL_GAP + _axis_title_px(xaxis)


def _fit_x_categories(fig: go.Figure, plot_width: float) -> bool:
    """Make long x category labels fit: wrap them at spaces to their slot, or else tilt them
    by 30 degrees (plotly would otherwise stand multi-line labels upright).

    Leaves axes alone whose ticktext, tickvals or tickangle the chart set. Returns whether it
    changed the axis.
    """
    xaxis = fig.layout.xaxis
    categories = _categories(fig, "x")
    chart_set = xaxis.ticktext or xaxis.tickvals or xaxis.tickangle is not None
    if not categories or chart_set or not _ticks_shown(xaxis):
        return False
    slot = 0.9 * plot_width / len(categories)
    wrapped = [wrap_lines(c, slot, FONT_SIZE, break_words=False) for c in categories]
    if all(len(lines) == 1 for lines in wrapped):
        return False
    if all(text_width_px(line, FONT_SIZE) <= slot for lines in wrapped for line in lines):
        texts = ["<br>".join(lines) for lines in wrapped]
        fig.update_xaxes(tickmode="array", tickvals=categories, ticktext=texts, tickangle=0)
    else:
        fig.update_xaxes(tickangle=TILT_DEGREES)
    return True


def _undo_fitted_x_categories(fig: go.Figure) -> None:
    """Remove tick changes an earlier apply_briefing_layout made for another width."""
    texts = briefing_texts(fig)
    if texts and texts.get("fitted_x_categories"):
        fig.update_xaxes(tickmode=None, tickvals=None, ticktext=None, tickangle=None)


def _legend_items(fig: go.Figure) -> list[str]:
    """Names plotly will show in the legend (none when it will hide the legend)."""
    if fig.layout.showlegend is False:
        return []
    items: list[str] = []
    has_pie = False
    for index, trace in enumerate(fig.data):
        if trace.visible is False or trace["showlegend"] is False:
            continue
        if trace.type == "pie":
            has_pie = True
            items.extend(str(label) for label in _as_list(trace.labels))
        else:
            items.append(str(trace.name or f"trace {index}"))
    if fig.layout.showlegend is None and len(items) < 2 and not has_pie:
        return []
    if items and fig.layout.legend.title.text:
        items.insert(0, str(fig.layout.legend.title.text))
    return items


def _legend_px(fig: go.Figure, width_px: float) -> float:
    """Height of a horizontal legend whose items wrap onto rows of width_px."""
    items = _legend_items(fig)
    if not items:
        return 0.0
    rows, used = 1, 0.0
    for item in items:
        item_px = LEGEND_SYMBOL_PX + text_width_px(item, FONT_SIZE)
        if used and used + item_px > width_px:
            rows, used = rows + 1, 0.0
        used += item_px
    return rows * FONT_SIZE * 1.5 + 8


# --- layout -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Frame:
    """Margins (px) round the plot area and the offsets of the blocks from its edges."""

    left: float
    right: float
    top: float
    bottom: float
    legend_x: float
    legend_y: float
    subtitle_shift: float
    source_shift: float
    notes_shift: float


def _frame(
    fig: go.Figure, blocks: dict[str, _Block], left: float, right: float, size: tuple[int, int]
) -> _Frame:
    """Margins that fit every block, and where each block sits relative to the plot area."""
    width, height = size
    legend = _legend_px(fig, width - 2 * EDGE_PAD)
    legend_room = legend + LEGEND_LIFT + GAP / 2 if legend else 0
    subtitle_shift = legend_room + (GAP if blocks["subtitle"].text else 0)
    top = EDGE_PAD + blocks["title"].height + GAP * 0.6 + blocks["subtitle"].height
    source_shift = _bottom_axis_px(fig, width - left - right) + GAP
    notes_shift = source_shift + blocks["source"].height + GAP / 2
    footer_end = notes_shift + blocks["notes"].height if blocks["notes"].text else notes_shift
    return _Frame(
        left=left,
        right=right,
        top=top + subtitle_shift,
        bottom=footer_end + EDGE_PAD,
        # Paper x of the figure's left pad; a container-x legend would push the margin out.
        legend_x=-(left - EDGE_PAD) / max(1.0, width - left - right),
        # Clear of the top tick label, which sticks up above the plot area by half its height.
        legend_y=1 + LEGEND_LIFT / max(1.0, height - top - subtitle_shift - footer_end - EDGE_PAD),
        subtitle_shift=subtitle_shift,
        source_shift=source_shift,
        notes_shift=notes_shift,
    )


def _text_annotation(name: str, block: _Block, frame: _Frame, font_px: float, **place: Any) -> dict:
    """A left-aligned annotation whose left edge lines up with the title's."""
    return {
        "name": ANNOTATION_PREFIX + name,
        "text": block.text,
        "xref": "paper",
        "yref": "paper",
        "x": 0,
        "xanchor": "left",
        "xshift": -(frame.left - EDGE_PAD),
        "align": "left",
        "showarrow": False,
        "font": {"size": font_px, "color": SECONDARY_TEXT_COLOUR},
        **place,
    }


def _annotations(fig: go.Figure, blocks: dict[str, _Block], frame: _Frame) -> list[Any]:
    """The chart's own annotations plus freshly placed subtitle, source and notes."""
    kept = [a for a in fig.layout.annotations if not (a.name or "").startswith(ANNOTATION_PREFIX)]
    placed = []
    if blocks["subtitle"].text:
        placed.append(
            _text_annotation(
                "subtitle", blocks["subtitle"], frame, SUBTITLE_SIZE,
                y=1, yanchor="bottom", yshift=frame.subtitle_shift,
            )
        )
    placed.append(
        _text_annotation(
            "source", blocks["source"], frame, FOOTNOTE_SIZE,
            y=0, yanchor="top", yshift=-frame.source_shift,
        )
    )
    if blocks["notes"].text:
        placed.append(
            _text_annotation(
                "notes", blocks["notes"], frame, FOOTNOTE_SIZE,
                y=0, yanchor="top", yshift=-frame.notes_shift,
            )
        )
    return [*kept, *placed]


def _title(block: _Block) -> dict:
    """Bold, left-aligned title whose first line starts EDGE_PAD from the top-left corner.

    Plotly sets a one-line title's baseline 0.7em below the anchor, but each line of a <br>
    title resets y, putting the first baseline on the anchor itself (plotly.js 3.x): those are
    pushed down by the same 0.7em. tests/charts/test_export.py checks this on real renders.
    """
    drop = MULTILINE_TITLE_DROP * TITLE_SIZE if block.lines > 1 else 0.0
    return {
        "text": block.text,
        "font": {"size": TITLE_SIZE, "color": TEXT_COLOUR, "weight": "bold"},
        "x": 0,
        "xref": "container",
        "xanchor": "left",
        "y": 1,
        "yref": "container",
        "yanchor": "top",
        "pad": {"l": EDGE_PAD, "t": EDGE_PAD + drop, "b": 0, "r": 0},
    }


def _style_grid(fig: go.Figure) -> None:
    """Gridlines on the value axis only: vertical ones for horizontal bars, else horizontal."""
    horizontal = _is_horizontal_bar(fig)
    fig.update_xaxes(showgrid=horizontal)
    fig.update_yaxes(showgrid=not horizontal)


def _store_texts(fig: go.Figure, texts: dict[str, Any]) -> None:
    meta = fig.layout.meta
    merged = dict(meta) if isinstance(meta, dict) else {}
    merged[META_KEY] = texts
    fig.layout.meta = merged


def briefing_texts(fig: go.Figure) -> dict[str, Any] | None:
    """What apply_briefing_layout stored: title, subtitle, source, notes (None if not applied)."""
    meta = fig.layout.meta
    return meta.get(META_KEY) if isinstance(meta, dict) else None


def apply_briefing_layout(
    fig: go.Figure,
    *,
    title: str,
    subtitle: str,
    source: str,
    notes: Sequence[str] = (),
    width: int = DESIGN_WIDTH,
    height: int = DESIGN_HEIGHT,
) -> go.Figure:
    """Put the finding, what is shown, the source and the caveats inside the figure.

    `source` is a line from source_line() (or just the document titles). Also applies the
    briefing template and sizes the figure. Modifies and returns `fig`; calling it again
    replaces the earlier texts.
    """
    if not title or not title.strip():
        raise ValueError("A briefing chart needs a title that states the finding.")
    source = _as_source(source)
    notes = [n.strip() for n in notes if n and n.strip()]
    text_width = width - 2 * EDGE_PAD
    blocks = {
        "title": _block(title.strip(), text_width, TITLE_SIZE, bold=True),
        "subtitle": _block((subtitle or "").strip(), text_width, SUBTITLE_SIZE),
        "source": _block(source, text_width, FOOTNOTE_SIZE),
        "notes": _block("\n".join(note_lines(notes)), text_width, FOOTNOTE_SIZE),
    }
    fig.update_layout(template=register())
    _undo_fitted_x_categories(fig)
    left, right = EDGE_PAD + _left_px(fig), EDGE_PAD + _right_px(fig)
    fitted = _fit_x_categories(fig, width - left - right)
    frame = _frame(fig, blocks, left, right, (width, height))
    fig.update_layout(
        width=width,
        height=height,
        autosize=False,
        margin={"l": frame.left, "r": frame.right, "t": frame.top, "b": frame.bottom},
        title=_title(blocks["title"]),
        legend={
            "orientation": "h",
            "x": frame.legend_x,
            "xref": "paper",
            "xanchor": "left",
            "y": frame.legend_y,
            "yref": "paper",
            "yanchor": "bottom",
        },
        annotations=_annotations(fig, blocks, frame),
    )
    _style_grid(fig)
    texts = {"title": title, "subtitle": subtitle, "source": source, "notes": notes}
    _store_texts(fig, {**texts, "fitted_x_categories": fitted})
    return fig


def relayout_for_size(fig: go.Figure, width: int, height: int) -> go.Figure:
    """A copy of fig at another size, its briefing texts re-wrapped and margins re-fitted."""
    copy = go.Figure(fig)
    texts = briefing_texts(copy)
    if texts is None:
        return copy.update_layout(width=width, height=height)
    keys = ("title", "subtitle", "source", "notes")
    return apply_briefing_layout(copy, **{k: texts[k] for k in keys}, width=width, height=height)


# --- Streamlit toolbar --------------------------------------------------------------------------


def slugify(text: str, max_length: int = 80) -> str:
    """A safe file name stem: lower case, ASCII letters and digits joined by hyphens."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "chart"


def plotly_config(filename: str) -> dict[str, Any]:
    """Config for st.plotly_chart(config=...): the camera button saves a 1600x900 PNG at 2x."""
    return {
        "toImageButtonOptions": {
            "format": "png",
            "filename": slugify(filename),
            "width": DESIGN_WIDTH,
            "height": DESIGN_HEIGHT,
            "scale": DOWNLOAD_SCALE,
        },
        "displaylogo": False,
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }
