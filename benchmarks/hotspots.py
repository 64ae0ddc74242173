"""Where a rerun's time goes: a profile of the script thread, reduced to the project's functions.

AppTest runs the script in its own thread, so the profiler is switched on inside Streamlit's
ScriptRunner for the one rerun asked for. Only functions in this repository (and the plotly and
pandas entry points they call) are kept, by cumulative time.
"""

from __future__ import annotations

import cProfile
import pstats
from collections.abc import Callable
from pathlib import Path
from typing import Any

from streamlit.runtime.scriptrunner import script_runner

ROOT = Path(__file__).resolve().parents[1]


def profile_rerun(action: Callable[[], Any], top: int = 12) -> list[dict[str, Any]]:
    """Run `action` (one rerun) with the script thread profiled; the heaviest project calls."""
    profiler = cProfile.Profile()
    original = script_runner.ScriptRunner._run_script

    def profiled(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        profiler.enable()
        try:
            return original(self, *args, **kwargs)
        finally:
            profiler.disable()

    script_runner.ScriptRunner._run_script = profiled
    try:
        action()
    finally:
        script_runner.ScriptRunner._run_script = original
    return _project_rows(pstats.Stats(profiler), top)


def _project_rows(stats: pstats.Stats, top: int) -> list[dict[str, Any]]:
    total = max((row[3] for row in stats.stats.values()), default=0.0)  # ty: ignore
    rows = []
    for (filename, line, name), (_, calls, _, cumulative, _) in stats.stats.items():  # ty: ignore
        path = Path(filename)
        if ROOT not in path.parents or ".venv" in path.parts or "benchmarks" in path.parts:
            continue
        if name == "<module>" or (path.name == "app.py" and name == "main"):
            continue  # the page itself: 100% by definition
        where = f"{path.relative_to(ROOT)}:{line}({name})"
        rows.append({"function": where, "calls": calls, "cumulative_s": cumulative,
                     "share": cumulative / total if total else None})
    rows.sort(key=lambda row: row["cumulative_s"], reverse=True)
    return rows[:top]
