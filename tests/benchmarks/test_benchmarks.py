"""Smoke tests of the benchmark machinery on tiny sizes: shapes and plumbing, never timings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import apps, cold, floor, report
from benchmarks.synthetic import NUMBER_RE, shipped_quotes, synthetic_quotes, write_scaled_store
from benchmarks.timing import Stats, ratio
from loaders.store import load_store

ROOT = Path(__file__).resolve().parents[2]

MINI_APP = '''
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

page = st.navigation([st.Page("mini_page.py", title="Mini", default=True)])
st.sidebar.header("Filters")
st.sidebar.multiselect("Theme", ["a", "b"], key="f_themes", format_func={"a": "A", "b": "B"}.get)
page.run()
'''
MINI_PAGE = '''
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

chosen = st.session_state.get("f_themes", [])
st.title("Mini")
st.caption(f"{len(chosen)} chosen")
left, right = st.columns(2)
left.metric("Schemes", 3, "prudent 2")
right.selectbox("Show", ["x", "y"], key="show")
with st.expander("Table"):
    st.dataframe(pd.DataFrame({"n": range(5)}))
st.plotly_chart(go.Figure(go.Bar(x=[1, 2], y=[3, 4])), theme=None)
st.download_button("CSV", data=b"a", key="dl")
st.info("note")
'''


def test_pages_are_read_from_app_py() -> None:
    pages = apps.registered_pages()
    visible = [p for p in pages if not p.hidden]
    assert len(visible) >= 7
    assert all(p.path.startswith("pages/") and p.title for p in pages)
    assert {"pages/overview.py", "pages/savings.py"} <= {p.path for p in visible}


def test_stats_ratio_and_growth() -> None:
    stats = Stats.of([3.0, 1.0, 2.0])
    assert (stats.median, stats.min, stats.max, stats.n) == (2.0, 1.0, 3.0, 3)
    assert ratio(stats, Stats.of([1.0])) == 2.0
    # cost x10 for size x10 is linear; x100 for x10 is quadratic
    assert report.growth_exponent([(1, 1.0), (10, 10.0)]) == pytest.approx(1.0)
    assert report.growth_exponent([(10, 1.0), (100, 100.0)]) == pytest.approx(2.0)
    assert report.growth_exponent([(1, 1.0)]) is None


def _shape(quote: str) -> str:
    return NUMBER_RE.sub("#", quote)


def test_synthetic_quotes_keep_the_shipped_styles() -> None:
    shapes = {_shape(q) for q in shipped_quotes()}
    quotes = synthetic_quotes(3_000, seed=5)
    assert len(quotes) == 3_000
    assert {_shape(q) for q in quotes} <= shapes
    assert quotes.tolist() == synthetic_quotes(3_000, seed=5).tolist()
    assert quotes.nunique() > 1_000  # fresh numbers, not copies


def test_scaled_store_loads_with_every_copy(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BLUELIGHT_SEEDS_DIR", str(tmp_path / "no-seeds"))
    written = write_scaled_store(tmp_path / "x3", 3)
    shipped = load_store()
    scaled = load_store(tmp_path / "x3")
    assert written == {"schemes": 3 * len(shipped.schemes),
                       "figures": 3 * (len(shipped.figures) + len(shipped.issues))}
    assert len(scaled.schemes) == 3 * len(shipped.schemes)
    assert len(scaled.figures) == 3 * len(shipped.figures)  # redrawn quotes all still read
    assert scaled.figures["figure_id"].is_unique
    assert scaled.figures["figure_id"].str.endswith("-x2").sum() > 0


def _mini_app(folder: Path) -> Path:
    (folder / "mini_page.py").write_text(MINI_PAGE, encoding="utf-8")
    app = folder / "mini_app.py"
    app.write_text(MINI_APP, encoding="utf-8")
    return app


def test_floor_app_draws_the_same_elements(tmp_path: Path) -> None:
    at = apps.open_app(_mini_app(tmp_path), timeout=120)
    toggle = apps.FilterToggle(at)
    assert toggle.choice == "a"  # the app's value, not the label shown
    toggle()
    assert at.caption[0].value == "1 chosen"
    snap = floor.snapshot(at)
    assert snap.approximated == {}
    floor_at = apps.open_app(floor.write_floor_app(snap, tmp_path, "mini", "Mini"), timeout=120)
    assert floor.snapshot(floor_at).counts == snap.counts
    floor_toggle = apps.FilterToggle(floor_at)
    floor_toggle()
    assert floor_at.sidebar.multiselect(key="f_themes").value == ["A"]


def test_cold_start_of_an_empty_app(tmp_path: Path) -> None:
    empty = tmp_path / "empty.py"
    empty.write_text("import streamlit as st\nst.title('x')\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    assert cold.start_once(empty, env) > 0


def _lightest_page() -> str:
    paths = [p.path for p in apps.registered_pages() if not p.hidden]
    return "pages/schemes.py" if "pages/schemes.py" in paths else paths[-1]


def test_quick_run_writes_the_json(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--skip", "cold", "--copies", "1",
         "--pages", _lightest_page(), "--out", str(out)],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
        timeout=900, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "targets:" in done.stdout
    result = json.loads(out.read_text(encoding="utf-8"))
    assert {"machine", "settings", "interaction", "quotes", "scale", "targets"} <= set(result)
    page = result["interaction"]["pages"][0]
    assert "error" not in page, page
    assert {"rerun", "floor", "ratio", "elements"} <= set(page)
    assert set(page["rerun"]) == {"median", "min", "max", "n", "cpu_median"}
    row = result["quotes"][0]
    assert row["size"] == 1_000 and {"bulk", "floor_arrow", "floor_default"} <= set(row)
    scale = result["scale"][0]
    assert scale["copies"] == 1 and scale["pages"][0]["rerun_peak_bytes"] > 0
    assert all({"name", "value", "target", "met"} <= set(c) for c in result["targets"])
