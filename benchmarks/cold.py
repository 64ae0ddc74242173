"""Cold start: a fresh Python process until the Overview has fully run in AppTest.

The floor is the same process with an empty Streamlit app, so imports of Streamlit and AppTest's
own start-up are on both sides; what is left is the dashboard's imports, the store load and the
first page.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.apps import APP, ROOT
from benchmarks.timing import Stats, cpu_ratio, ratio

_RUN = """
import sys
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(sys.argv[1], default_timeout=600)
at.run()
if at.exception:
    raise SystemExit(at.exception[0].message.splitlines()[0])
"""


def start_once(script: Path, env: dict[str, str]) -> float:
    """Seconds from spawning the interpreter to its exit after one full AppTest run."""
    return start_once_both(script, env)[0]


def start_once_both(script: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (the child's) of one cold start."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _RUN, str(script)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False,
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{script.name} did not start: {done.stderr.strip()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def run(reps: int) -> dict[str, object]:
    """Alternate app and empty app `reps` times each; medians and the ratio."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory(prefix="bench-cold-") as tmp:
        empty = Path(tmp) / "empty_app.py"
        empty.write_text("import streamlit as st\n", encoding="utf-8")
        app, floor = [], []
        for _ in range(reps):
            app.append(start_once_both(APP, env))
            floor.append(start_once_both(empty, env))
    app_stats = Stats.of([w for w, _ in app], [c for _, c in app])
    floor_stats = Stats.of([w for w, _ in floor], [c for _, c in floor])
    return {
        "app": app_stats.as_dict(),
        "floor": floor_stats.as_dict(),
        "ratio": ratio(app_stats, floor_stats),
        "cpu_ratio": cpu_ratio(app_stats, floor_stats),
        "extra_s": app_stats.median - floor_stats.median,
    }
