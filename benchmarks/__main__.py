"""`python -m benchmarks`: cold start, interaction, quote throughput and scale, in one run.

Every figure is a median over repetitions with min and max, next to a floor measured in the
same run; the table is printed and everything is written as JSON (default
benchmarks/results/latest.json). `--quick` runs the same machinery on tiny sizes.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import cold, machine, quotes, report
from benchmarks.apps import ROOT
from benchmarks.synthetic import write_scaled_store

DEFAULT_OUT = ROOT / "benchmarks" / "results" / "latest.json"
SECTIONS = ("cold", "interaction", "quotes", "scale")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    plan = _plan(args)
    started = time.perf_counter()
    result: dict[str, Any] = {"machine": machine.describe(), "settings": plan}
    skip = set(args.skip.split(",")) if args.skip else set()
    if "cold" not in skip:
        _say("cold start")
        result["cold_start"] = cold.run(plan["cold_reps"])
    if "interaction" not in skip:
        _say("interaction on the shipped data, with framework floors")
        result["interaction"] = _worker({}, plan["page_reps"], args.pages, floor=True,
                                        profile=True, budget=args.budget * 0.25)
    if "quotes" not in skip:
        _say("quote normalisation")
        result["quotes"] = quotes.run(plan["quote_sizes"], plan["quote_reps"],
                                      plan["per_row_limit"])
    if "scale" not in skip:
        result["scale"] = _scale(plan["copies"], plan["scale_reps"], args.pages,
                                 args.budget * 0.5)
    result["machine"]["load_average_end"] = list(os.getloadavg())
    result["elapsed_s"] = time.perf_counter() - started
    result["targets"] = report.evaluate(result)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(report.table(result))
    print(f"\n{result['elapsed_s']:.0f} s in all; JSON written to {args.out}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the JSON")
    parser.add_argument("--quick", action="store_true", help="tiny sizes: checks the machinery")
    parser.add_argument("--pages", default="", help="comma-separated page files (default: all)")
    parser.add_argument("--skip", default="", help=f"comma-separated sections of {SECTIONS}")
    parser.add_argument("--copies", default="", help="data scales, e.g. 1,10,100")
    parser.add_argument("--budget", type=float, default=240.0,
                        help="seconds the page sections may spend on repetitions (each page "
                             "still gets a first run and one rerun, however slow)")
    return parser


def _plan(args: argparse.Namespace) -> dict[str, Any]:
    """Sizes and repetitions; the full run is sized to finish in a few minutes on 2 cores."""
    if args.quick:
        plan: dict[str, Any] = {
            "cold_reps": 1, "page_reps": 1, "scale_reps": 1, "quote_sizes": [1_000],
            "quote_reps": {1_000: 1}, "per_row_limit": 1_000, "copies": [1, 2],
        }
    else:
        plan = {
            "cold_reps": 3, "page_reps": 5, "scale_reps": 3,
            "quote_sizes": [10_000, 100_000, 1_000_000],
            "quote_reps": {10_000: 7, 100_000: 5, 1_000_000: 3}, "per_row_limit": 100_000,
            "copies": [10, 100],  # 1x is the interaction run on the shipped data
        }
    if args.copies:
        plan["copies"] = [int(c) for c in args.copies.split(",")]
    return plan


def _worker(env: dict[str, str], reps: int, pages: str, *, floor: bool = False,
            memory: bool = False, profile: bool = False, budget: float = 0.0) -> dict[str, Any]:
    """Run benchmarks.worker in a fresh process (so the data folder and caches are its own)."""
    with tempfile.TemporaryDirectory(prefix="bench-worker-") as tmp:
        out = Path(tmp) / "worker.json"
        command = [sys.executable, "-m", "benchmarks.worker", "--out", str(out),
                   "--reps", str(reps), "--pages", pages]
        command += ["--floor"] if floor else []
        command += ["--memory"] if memory else []
        command += ["--profile"] if profile else []
        command += ["--budget", f"{budget:.0f}"] if budget else []
        full_env = {**os.environ, "PYTHONPATH": str(ROOT), **env}
        done = subprocess.run(command, cwd=ROOT, env=full_env, capture_output=True, text=True,
                              check=False)
        if done.returncode != 0 or not out.exists():
            raise RuntimeError(f"benchmark worker failed: {done.stderr.strip()[-2000:]}")
        return json.loads(out.read_text(encoding="utf-8"))


def _scale(copies: list[int], reps: int, pages: str, budget: float) -> list[dict[str, Any]]:
    """Every page on 10x, 100x, ... copies of the tables (verbatim-quote check skipped).

    The budget is shared in proportion to the data size: the largest copy gets the most.
    """
    runs = []
    with tempfile.TemporaryDirectory(prefix="bench-data-") as tmp:
        for n in copies:
            _say(f"scale {n}x")
            folder = Path(tmp) / f"x{n}"
            written = write_scaled_store(folder, n)
            env = {"BLUELIGHT_DATA_DIR": str(folder), "BLUELIGHT_SEEDS_DIR": "/nonexistent"}
            share = budget * n / sum(copies)
            largest = n == copies[-1]
            run = _worker(env, reps if largest else 1, pages, memory=largest, profile=largest,
                          budget=share)
            runs.append({"copies": n, "written": written, **run})
    return runs


def _say(what: str) -> None:
    print(f"[benchmarks] {what} ...", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
