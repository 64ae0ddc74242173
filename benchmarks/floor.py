"""The framework floor: an app with the same elements as a page but no data work.

`snapshot` walks a page's AppTest element tree and keeps, for each element, its kind and what it
showed (a table's frame, a chart's figure, a metric's text, a widget's options). `write_floor_app`
turns that into a Streamlit app that draws the same things from ready-made objects, held in
`st.cache_resource` so a rerun only pays Streamlit's own cost (serialising tables and figures,
widgets, layout). Kinds it does not know are drawn as a caption and counted in `approximated`.
"""

from __future__ import annotations

import io
import json
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
from streamlit.testing.v1 import AppTest

TEXT_KINDS = {"title", "header", "subheader", "markdown", "caption", "text", "code", "json"}
ALERTS = {"info", "warning", "error", "success"}
CHOICE_WIDGETS = {"selectbox", "multiselect", "radio", "select_slider", "segmented_control",
                  "pills", "button_group"}


@dataclass
class Snapshot:
    """A page's element tree as plain data, plus the heavy payloads it points into."""

    main: list[dict[str, Any]]
    sidebar: list[dict[str, Any]]
    payloads: list[Any] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    approximated: dict[str, int] = field(default_factory=dict)


def snapshot(at: AppTest) -> Snapshot:
    """Record what the last run of `at` drew, in the main area and the sidebar."""
    snap = Snapshot(main=[], sidebar=[])
    snap.main = [_node(child, snap) for child in _children(at.main)]
    snap.sidebar = [_node(child, snap) for child in _children(at.sidebar)]
    return snap


def _children(block: Any) -> list[Any]:
    return [block.children[k] for k in sorted(block.children)]


def _node(node: Any, snap: Snapshot) -> dict[str, Any]:
    kind = node.type
    snap.counts[kind] = snap.counts.get(kind, 0) + 1
    proto = getattr(node, "proto", None)
    if hasattr(node, "children") and kind not in ("plotly_chart",):
        spec: dict[str, Any] = {"kind": kind, "children": [_node(c, snap) for c in _children(node)]}
        if kind in ("expander", "tab", "popover"):
            spec["label"] = getattr(proto, "label", None) or getattr(node, "label", "") or kind
        return spec
    spec = {"kind": kind}
    if kind in TEXT_KINDS or kind in ALERTS:
        spec["body"] = getattr(proto, "body", "")
    elif kind == "metric":
        spec.update(label=proto.label, body=proto.body, delta=proto.delta)
    elif kind in ("dataframe", "table"):
        spec["payload"] = _payload(snap, _frame(proto.arrow_data.data))
    elif kind == "plotly_chart":
        spec["payload"] = _payload(snap, go.Figure(json.loads(proto.spec)))
        spec["config"] = json.loads(proto.config) if proto.config else {}
    elif kind in CHOICE_WIDGETS:
        spec.update(label=getattr(node, "label", kind), options=list(getattr(node, "options", [])),
                    key=_key(node, snap))
    elif kind in ("button", "download_button", "checkbox", "toggle", "text_input",
                  "number_input", "text_area", "page_link", "link_button"):
        spec["label"] = getattr(proto, "label", kind)
        spec["key"] = _key(node, snap)
    elif kind in ("slider", "select_slider_numeric"):
        spec.update(label=getattr(proto, "label", kind), key=_key(node, snap),
                    low=_number(getattr(proto, "min", 0)), high=_number(getattr(proto, "max", 1)))
        if spec["high"] <= spec["low"]:
            spec["high"] = spec["low"] + 1
    elif kind == "divider":
        pass
    else:
        snap.approximated[kind] = snap.approximated.get(kind, 0) + 1
    return spec


def _key(node: Any, snap: Snapshot) -> str:
    """The widget's own key, or a fresh one (two keyless widgets may share a label)."""
    key = getattr(node, "key", None)
    return key if key else f"floor-{sum(snap.counts.values())}"


def _number(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def _payload(snap: Snapshot, value: Any) -> int:
    snap.payloads.append(value)
    return len(snap.payloads) - 1


def _frame(arrow_bytes: bytes) -> pd.DataFrame:
    if not arrow_bytes:
        return pd.DataFrame()
    return pa.ipc.open_stream(io.BytesIO(arrow_bytes)).read_all().to_pandas()


# ---------------------------------------------------------------------------------------------
# The floor app
# ---------------------------------------------------------------------------------------------

_FLOOR_ENTRY = '''\
"""Framework floor for {title!r}: the same elements, drawn from ready-made objects."""
import streamlit as st
from benchmarks.floor import draw

page = st.navigation([st.Page({page!r}, title={title!r}, default=True)])
draw({snap!r}, "sidebar")
page.run()
'''
_FLOOR_PAGE = '''\
from benchmarks.floor import draw

draw({snap!r}, "main")
'''


def write_floor_app(snap: Snapshot, folder: Path, name: str, title: str) -> Path:
    """Write the floor app for one page (entry script, page script, pickled snapshot)."""
    folder.mkdir(parents=True, exist_ok=True)
    snap_path = folder / f"{name}.pickle"
    snap_path.write_bytes(pickle.dumps(snap))
    page = folder / f"floor_page_{name}.py"
    page.write_text(_FLOOR_PAGE.format(snap=str(snap_path)), encoding="utf-8")
    entry = folder / f"floor_{name}.py"
    entry.write_text(
        _FLOOR_ENTRY.format(title=title, page=page.name, snap=str(snap_path)), encoding="utf-8"
    )
    return entry


def draw(snap_path: str, area: str) -> None:
    """Draw one area of a snapshot (called from the floor app's scripts)."""
    import streamlit as st

    snap = _load(snap_path)
    if area == "sidebar":
        with st.sidebar:
            for spec in snap.sidebar:
                _draw(spec, snap, st)
        return
    for spec in snap.main:
        _draw(spec, snap, st)


def _load(snap_path: str) -> Snapshot:
    import streamlit as st

    @st.cache_resource(show_spinner=False)
    def load(path: str) -> Snapshot:
        return pickle.loads(Path(path).read_bytes())

    return load(snap_path)


def _draw(spec: dict[str, Any], snap: Snapshot, st: Any) -> None:  # noqa: C901 - a dispatch
    kind = spec["kind"]
    if "children" in spec:
        _draw_block(spec, snap, st)
    elif kind in ("title", "header", "subheader", "caption", "markdown", "text", "code"):
        getattr(st, kind)(spec["body"])
    elif kind == "json":
        st.json(spec["body"] or "{}")
    elif kind in ALERTS:
        getattr(st, kind)(spec["body"])
    elif kind == "metric":
        st.metric(spec["label"], spec["body"], spec["delta"] or None)
    elif kind == "dataframe":
        st.dataframe(snap.payloads[spec["payload"]])
    elif kind == "table":
        st.table(snap.payloads[spec["payload"]])
    elif kind == "plotly_chart":
        st.plotly_chart(snap.payloads[spec["payload"]], theme=None, config=spec["config"])
    elif kind in CHOICE_WIDGETS:
        _draw_choice(spec, st)
    elif kind == "button":
        st.button(spec["label"], key=spec["key"])
    elif kind == "download_button":
        st.download_button(spec["label"], data=b"", key=spec["key"], on_click="ignore")
    elif kind in ("checkbox", "toggle", "text_input", "number_input", "text_area"):
        getattr(st, kind)(spec["label"], key=spec["key"])
    elif kind == "slider":
        st.slider(spec["label"], spec["low"], spec["high"], key=spec["key"])
    elif kind in ("page_link", "link_button"):
        st.markdown(spec["label"])  # a link needs a real target; its cost is a markdown's
    elif kind == "divider":
        st.divider()
    else:
        st.caption(kind)


def _draw_choice(spec: dict[str, Any], st: Any) -> None:
    kind = spec["kind"] if spec["kind"] in ("selectbox", "multiselect", "radio") else "selectbox"
    options = spec["options"] or ["-"]
    getattr(st, kind)(spec["label"], options, key=spec["key"])


def _draw_block(spec: dict[str, Any], snap: Snapshot, st: Any) -> None:
    children = spec["children"]
    kind = spec["kind"]
    if children and all(c["kind"] == "column" for c in children):
        for column, child in zip(st.columns(len(children)), children, strict=True):
            with column:
                for grandchild in child["children"]:
                    _draw(grandchild, snap, st)
        return
    if kind == "tab_container" and all(c["kind"] == "tab" for c in children):
        tabs = st.tabs([c.get("label") or "tab" for c in children]) if children else []
        for tab, child in zip(tabs, children, strict=True):
            with tab:
                for grandchild in child["children"]:
                    _draw(grandchild, snap, st)
        return
    if kind == "expander":
        holder = st.expander(spec.get("label") or "details")
    elif kind == "popover":
        holder = st.popover(spec.get("label") or "more")
    else:
        holder = st.container()
    with holder:
        for child in children:
            _draw(child, snap, st)
