"""One fresh process that times every page of the dashboard on one copy of the data.

Run by `python -m benchmarks` as `python -m benchmarks.worker --out FILE [...]`, with
BLUELIGHT_DATA_DIR pointing at the tables to use. Writes one JSON document.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from benchmarks import apps, floor, hotspots
from benchmarks.timing import (
    Stats,
    cpu_ratio,
    interleaved,
    max_rss_bytes,
    ratio,
    repeat,
    timed,
    timed_both,
    traced_peak,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--floor", action="store_true", help="also time each page's floor app")
    parser.add_argument("--memory", action="store_true", help="trace one rerun's memory peak")
    parser.add_argument("--profile", action="store_true", help="profile one rerun per page")
    parser.add_argument("--pages", default="", help="comma-separated page files (default: all)")
    parser.add_argument("--budget", type=float, default=0.0,
                        help="seconds for optional repetitions (0: no limit); every page still "
                             "gets its first run and one rerun")
    parser.add_argument("--timeout", type=float, default=600.0)
    args = parser.parse_args(argv)
    deadline = time.monotonic() + args.budget if args.budget else float("inf")
    options = Options(args.reps, args.floor, args.memory, args.profile, args.timeout, deadline)
    result = run(options, args.pages)
    args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


@dataclass(frozen=True)
class Options:
    reps: int
    floor: bool
    memory: bool
    profile: bool
    timeout: float
    deadline: float  # time.monotonic() after which only the minimum is measured


def run(options: Options, only: str = "") -> dict[str, Any]:
    """Time the store, then each visible page's reruns (and floors and diagnostics if asked)."""
    from loaders.paths import DATA_DIR
    from loaders.store import load_store

    started = time.perf_counter()
    result: dict[str, Any] = {"data_dir": str(DATA_DIR)}
    store_holder: list[Any] = []
    result["store_load_s"] = timed(lambda: store_holder.append(load_store()))
    store = store_holder[0]
    result["rows"] = {"schemes": len(store.schemes), "figures": len(store.figures),
                      "issues": len(store.issues)}
    store_holder.clear()
    wanted = {p for p in only.split(",") if p}
    pages = [p for p in apps.registered_pages() if not p.hidden]
    if wanted:
        pages = [p for p in pages if p.path in wanted]
    with tempfile.TemporaryDirectory(prefix="bench-apps-") as tmp:
        result["pages"] = []
        for done, page in enumerate(pages):
            share = _left(options) / (len(pages) - done)  # the budget left, shared fairly
            page_options = replace(options, deadline=time.monotonic() + max(0.0, share))
            result["pages"].append(_page(page, Path(tmp), page_options))
    result["cache_hit_s"] = _cache_hit(3)
    result["max_rss_bytes"] = max_rss_bytes()
    result["elapsed_s"] = time.perf_counter() - started
    return result


def _left(options: Options) -> float:
    return options.deadline - time.monotonic()


def _page(page: apps.PageInfo, folder: Path, options: Options) -> dict[str, Any]:
    """First run, then filter-change reruns; the floor app and diagnostics as time allows."""
    out: dict[str, Any] = {"page": page.path, "title": page.title}
    if not (apps.ROOT / page.path).exists():
        out["error"] = "page file missing"
        return out
    try:
        start = time.perf_counter()
        at = apps.open_app(apps.entry_script(folder, page.path), options.timeout)
        out["first_run_s"] = time.perf_counter() - start
        toggle = apps.FilterToggle(at)
        first = timed_both(toggle)
        if options.floor:
            _with_floor(out, at, toggle, folder, page, options, first[0])
        else:
            more = _affordable(options, first[0], options.reps - 1)
            rest = [timed_both(toggle) for _ in range(more)]
            samples = [first, *rest]
            out["rerun"] = Stats.of([w for w, _ in samples], [c for _, c in samples]).as_dict()
        _diagnose(out, toggle, options, first[0])
    except Exception as error:  # noqa: BLE001 - a broken page is reported, the rest still run
        out["error"] = f"{type(error).__name__}: {str(error).splitlines()[0][:300]}"
    return out


def _affordable(options: Options, each: float, wanted: int) -> int:
    """How many more reruns of `each` seconds fit before the deadline (0 when none)."""
    left = _left(options)
    if wanted <= 0 or each <= 0 or left == float("inf"):
        return max(0, wanted)
    return max(0, min(wanted, int(left / each)))


def _with_floor(out: dict[str, Any], at: Any, toggle: apps.FilterToggle, folder: Path,
                page: apps.PageInfo, options: Options, each: float) -> None:
    """Time page and floor app in turn, rerun by rerun, on the same filter changes."""
    snap = floor.snapshot(at)
    out["elements"] = snap.counts
    out["approximated"] = snap.approximated
    floor_app = floor.write_floor_app(snap, folder, page.stem, page.title)
    floor_at = apps.open_app(floor_app, options.timeout)
    floor_toggle = apps.FilterToggle(floor_at)
    floor_toggle()
    reps = max(1, _affordable(options, each + 0.05, options.reps))
    both = interleaved({"rerun": toggle, "floor": floor_toggle}, reps)
    out["rerun"] = both["rerun"].as_dict()
    out["floor"] = both["floor"].as_dict()
    out["ratio"] = ratio(both["rerun"], both["floor"])
    out["cpu_ratio"] = cpu_ratio(both["rerun"], both["floor"])


def _diagnose(out: dict[str, Any], toggle: apps.FilterToggle, options: Options,
              each: float) -> None:
    """One more rerun, traced for memory and profiled, if asked and if time allows."""
    if not (options.memory or options.profile):
        return
    if _left(options) < 2 * each:
        out["diagnostics"] = "skipped: over the time budget"
        return
    spots: list[dict[str, Any]] = []

    def rerun() -> None:
        if options.profile:
            spots.extend(hotspots.profile_rerun(toggle))
        else:
            toggle()

    peak = traced_peak(rerun)
    if options.memory:
        out["rerun_peak_bytes"] = peak
    if options.profile:
        out["hotspots"] = spots


def _cache_hit(reps: int) -> dict[str, float] | None:
    """What fetching the cached store costs on every rerun (st.cache_data hands out a copy)."""
    try:
        from pages.shared import get_store
    except ImportError:
        return None
    get_store()
    return repeat(get_store, reps).as_dict()


if __name__ == "__main__":
    sys.exit(main())
