"""Streamlit pieces every page uses: cached loading, the shared filters, provenance display.

Not a page itself. Keeps pages thin: they ask for `filtered()` and render what metrics return.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts.briefing import plotly_config, slugify
from charts.export import DOCUMENT, SLIDE, ExportPreset, export_available, to_png, to_svg
from loaders.issues import StoreError
from loaders.store import Store, load_store
from loaders.upload import user_row_counts
from metrics.downloads import to_safe_csv
from metrics.filters import Filtered, Filters, apply_filters


def _use_the_router() -> None:
    """Make a direct link to a page (e.g. /savings?theme=...) run through app.py's router.

    Streamlit treats a `pages/` folder beside the entrypoint as the legacy multipage layout
    until some session calls st.navigation. So the first session after the server starts, if
    it opens a page URL directly, runs that page alone: no shared filters, no navigation. A
    rerun with the legacy flag cleared sends it through app.py like every later session.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


FILTER_PARAMS = {
    # session key: (query parameter, label)
    "f_themes": ("theme", "Theme"),
    "f_areas": ("area", "Area"),
    "f_services": ("service", "Services involved"),
    "f_statuses": ("status", "Status"),
    "f_bases": ("basis", "Strength of evidence"),
}
SERVICE_LABELS = {"police": "Police", "fire": "Fire and rescue", "ambulance": "Ambulance"}
STATUS_LABELS = {
    "live": "Live",
    "pilot": "Pilot",
    "planned": "Planned / future",
    "completed": "Completed",
}
BASIS_LABELS = {
    "actual": "Achieved (measured)",
    "estimate": "Estimated",
    "target": "Target / potential",
    "anecdotal": "Anecdotal",
    "context": "Context",
}


@st.cache_resource(show_spinner="Loading the figure store…")
def _shipped_store() -> Store:
    """Load and normalise the curated data once per process, shared read-only by all sessions.

    cache_resource rather than cache_data: cache_data hands every rerun its own unpickled copy
    (17 ms and 84 MiB a rerun at 100x the data, docs/performance.md). Pages never modify the
    store's tables (pandas copy-on-write keeps derived frames separate), and uploads build a
    new Store per session instead of touching this one.
    """
    return load_store()


USER_STORE_KEY = "user_store"


def get_store() -> Store:
    """The store every page reads: the national data, plus this session's uploads if any.

    Uploaded rows live in this user's session_state only, never in the shared cache or data/.
    Also makes sure the page runs inside app.py's router.
    """
    _use_the_router()
    return st.session_state.get(USER_STORE_KEY) or _shipped_store()


def shipped_store() -> Store:
    """The national data alone (the base any upload is merged onto)."""
    return _shipped_store()


def store_or_stop() -> Store:
    """The store, or a clear message naming the data problems instead of a traceback."""
    try:
        store = get_store()
    except StoreError as error:  # pragma: no cover - load_store is lenient by default
        st.error(str(error))
        st.stop()
    user = user_row_counts(store)
    if user["schemes"] or user["figures"]:
        st.sidebar.info(
            f"Including your uploaded data: {user['schemes']} scheme(s) and {user['figures']} "
            "figure(s), for this session only. Manage it on Data & method."
        )
    if store.issues:
        with st.sidebar:
            st.warning(
                f"{len(store.issues)} data problem(s): those rows are left out. "
                "See Data & method for the list."
            )
    return store


def filter_options(store: Store) -> dict[str, dict[str, str]]:
    """Choices for each filter, as value -> label, limited to what the data contain."""
    used_areas = store.scheme_areas.drop_duplicates("area_id").sort_values("area_name")
    themes = store.themes.set_index("theme_id")["label"]
    return {
        "f_themes": themes.to_dict(),
        "f_areas": dict(zip(used_areas["area_id"], used_areas["area_name"], strict=True)),
        "f_services": SERVICE_LABELS,
        "f_statuses": STATUS_LABELS,
        "f_bases": BASIS_LABELS,
    }


def _from_query(param: str, options: dict[str, str]) -> list[str]:
    raw = st.query_params.get(param, "")
    return [value for value in raw.split(",") if value in options]


def sidebar_filters(store: Store) -> Filters:
    """Draw the shared filters in the sidebar and keep them in the URL."""
    options = filter_options(store)
    st.sidebar.header("Filters")
    for key, (param, label) in FILTER_PARAMS.items():
        if key not in st.session_state:
            st.session_state[key] = _from_query(param, options[key])
        choices = options[key]
        st.sidebar.multiselect(
            label, list(choices), key=key, format_func=choices.get, placeholder="All"
        )
        _to_query(param, st.session_state[key])
    filters = Filters(*(tuple(st.session_state[key]) for key in FILTER_PARAMS))
    st.session_state["filters"] = filters
    return filters


def _to_query(param: str, values: list[str]) -> None:
    if values:
        st.query_params[param] = ",".join(values)
    elif param in st.query_params:
        del st.query_params[param]


def url_choice(label: str, options: dict[str, str], *, param: str, key: str, default: str) -> str:
    """A page-local radio choice (value -> label) kept in the URL, so a copied link reopens it.

    Starts from `?param=` (an unknown value falls back to `default`) and writes the choice
    back; the default is left out of the URL.
    """
    if key not in st.session_state:
        wanted = st.query_params.get(param, default)
        st.session_state[key] = wanted if wanted in options else default
    st.radio(label, list(options), format_func=options.get, key=key, horizontal=True)
    chosen = st.session_state[key]
    if chosen == default:
        st.query_params.pop(param, None)
    else:
        st.query_params[param] = chosen
    return chosen


def current_filters() -> Filters:
    return st.session_state.get("filters", Filters())


def filtered(store: Store, *, keep_context: bool = False) -> Filtered:
    """The store's schemes and figures under the sidebar filters."""
    return apply_filters(
        store.schemes,
        store.scheme_areas,
        store.figures,
        current_filters(),
        keep_context=keep_context,
    )


def filter_caption(store: Store, result: Filtered) -> None:
    """Say what the filters keep and exclude, on every page."""
    if current_filters().is_empty():
        st.caption(
            f"All {len(store.schemes)} schemes and {len(store.figures)} figures "
            f"from {len(store.sources)} documents. Use the sidebar filters to narrow down."
        )
        return
    st.caption(
        f"Filtered to {len(result.schemes)} of {len(store.schemes)} schemes and "
        f"{len(result.figures)} of {len(store.figures)} figures "
        f"({result.excluded_schemes} schemes and {result.excluded_figures} figures excluded): "
        + "; ".join(describe_labels(store))
    )


def describe_labels(store: Store) -> list[str]:
    """The active filters in words, using labels rather than ids."""
    options = filter_options(store)
    parts = []
    for key, (_, label) in FILTER_PARAMS.items():
        values = st.session_state.get(key) or []
        if values:
            parts.append(f"{label.lower()}: " + ", ".join(options[key].get(v, v) for v in values))
    return parts


def source_titles(store: Store, source_ids: pd.Series | list[str]) -> list[str]:
    """Document titles (with year) for a chart's source line."""
    ids = sorted(set(source_ids))
    table = store.sources.set_index("source_id")
    return [
        f"{table.at[i, 'publisher']}, {table.at[i, 'title']} ({table.at[i, 'year']})"
        for i in ids
        if i in table.index
    ]


# --- charts: display, downloads, presentation view -----------------------------------------


def show_chart(fig: go.Figure, *, name: str, data: pd.DataFrame, key: str) -> None:
    """Render a briefing chart with its downloads: server PNG/SVG in two presets and the data.

    The toolbar camera always works (the user's own browser renders it); the server-side
    buttons say plainly when this machine has no browser for kaleido.
    """
    st.plotly_chart(fig, theme=None, config=plotly_config(name), key=f"chart-{key}")
    stem = slugify(name)
    available, message = export_available()
    columns = st.columns([1, 1, 1, 1, 1, 1.2])
    for column, (label, preset, fmt) in zip(columns, _EXPORTS, strict=False):
        column.download_button(
            label,
            data=_renderer(fig, preset, fmt) if available else b"",
            file_name=f"{stem}-{preset.name}.{fmt}",
            mime=_MIME[fmt],
            key=f"dl-{key}-{preset.name}-{fmt}",
            disabled=not available,
            on_click="ignore",
            help=None if available else message,
            width="stretch",
        )
    columns[4].download_button(
        "Data (CSV)",
        data=lambda: to_safe_csv(data),
        file_name=f"{stem}-data.csv",
        mime="text/csv",
        key=f"dl-{key}-csv",
        on_click="ignore",
        width="stretch",
    )
    if columns[5].button(
        "Presentation view",
        key=f"present-{key}",
        width="stretch",
        help="Show this chart alone and large, for screen capture",
    ):
        st.session_state["presentation_chart"] = (name, fig)
        st.switch_page("pages/presentation.py", query_params={"chart": stem})
    if not available:
        st.caption(message)


_EXPORTS = (
    ("PNG · slide", SLIDE, "png"),
    ("PNG · document", DOCUMENT, "png"),
    ("SVG · slide", SLIDE, "svg"),
    ("SVG · document", DOCUMENT, "svg"),
)
_MIME = {"png": "image/png", "svg": "image/svg+xml"}


def _renderer(fig: go.Figure, preset: ExportPreset, fmt: str) -> Callable[[], bytes]:
    """Deferred render: kaleido (which re-fits the figure to the preset) runs only on click."""
    return (lambda: to_png(fig, preset)) if fmt == "png" else (lambda: to_svg(fig, preset))
