"""Repetitions, summaries and memory peaks: the few measuring helpers every benchmark shares."""

from __future__ import annotations

import gc
import resource
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Stats:
    """Wall-clock seconds over repetitions: the median is the figure, min and max the spread.

    `cpu_median` is this process's CPU seconds (all threads, children for a subprocess): on a
    shared machine it moves far less than wall time when other jobs compete for the cores.
    """

    median: float
    min: float
    max: float
    n: int
    cpu_median: float | None = None

    @classmethod
    def of(cls, samples: list[float], cpu: list[float] | None = None) -> Stats:
        if not samples:
            raise ValueError("no samples")
        cpu_median = statistics.median(cpu) if cpu else None
        return cls(statistics.median(samples), min(samples), max(samples), len(samples),
                   cpu_median)

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


def ratio(measured: Stats, floor: Stats) -> float:
    """Median over median: how many floors the measured thing costs."""
    return measured.median / floor.median if floor.median > 0 else float("inf")


def cpu_ratio(measured: Stats, floor: Stats) -> float | None:
    if measured.cpu_median is None or not floor.cpu_median:
        return None
    return measured.cpu_median / floor.cpu_median


def timed(action: Callable[[], Any]) -> float:
    """Wall-clock seconds of one call, garbage collected beforehand so it is not billed."""
    return timed_both(action)[0]


def timed_both(action: Callable[[], Any]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one call (CPU: this process, all its threads)."""
    gc.collect()
    cpu = time.process_time()
    start = time.perf_counter()
    action()
    return time.perf_counter() - start, time.process_time() - cpu


def repeat(action: Callable[[], Any], reps: int) -> Stats:
    walls, cpus = zip(*(timed_both(action) for _ in range(reps)), strict=True)
    return Stats.of(list(walls), list(cpus))


def interleaved(actions: dict[str, Callable[[], Any]], reps: int) -> dict[str, Stats]:
    """Time several actions in turn, rep by rep, so load on a shared machine hits all alike."""
    walls: dict[str, list[float]] = {name: [] for name in actions}
    cpus: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(reps):
        for name, action in actions.items():
            wall, cpu = timed_both(action)
            walls[name].append(wall)
            cpus[name].append(cpu)
    return {name: Stats.of(walls[name], cpus[name]) for name in actions}


def traced_peak(action: Callable[[], Any]) -> int:
    """Peak bytes Python allocated during one call (numpy and pandas report theirs too)."""
    gc.collect()
    already = tracemalloc.is_tracing()
    if not already:
        tracemalloc.start()
    tracemalloc.reset_peak()
    base, _ = tracemalloc.get_traced_memory()
    try:
        action()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        if not already:
            tracemalloc.stop()
    return max(0, peak - base)


def max_rss_bytes() -> int:
    """This process's peak resident memory so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
