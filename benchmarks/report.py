"""Targets and the printed table: one line per measurement, median (min-max), floor, ratio."""

from __future__ import annotations

import math
from typing import Any

TARGETS = {
    "interaction_ratio": 1.5,  # rerun / framework floor, shipped data
    "quotes_ratio": 3.0,  # bulk parser / str.extract floor, largest size
    "scale_rerun_s": 0.5,  # rerun at the largest scale
    "growth_exponent": 1.0,  # log-log slope of cost against data size
}


def evaluate(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target with the measured figure and whether it is met (None when not measured)."""
    checks = []
    interaction = result.get("interaction") or {}
    for page in interaction.get("pages", []):
        checks.append(_check(f"interaction {page['title']}", page.get("ratio"),
                             TARGETS["interaction_ratio"], "x floor"))
    quotes = result.get("quotes") or []
    if quotes:
        largest = max(quotes, key=lambda row: row["size"])
        checks.append(_check(f"quotes {largest['size']:,}", largest.get("ratio_arrow"),
                             TARGETS["quotes_ratio"], "x floor"))
        checks += _growth_checks("quotes bulk", [(r["size"], r["bulk"]["median"]) for r in quotes])
    scale = result.get("scale") or []
    if scale:
        biggest = max(scale, key=lambda run: run["copies"])
        for page in biggest.get("pages", []):
            rerun = page.get("rerun", {}).get("median")
            checks.append(_check(f"scale {biggest['copies']}x {page['title']}", rerun,
                                 TARGETS["scale_rerun_s"], "s"))
        checks += _scale_growth(scale, interaction)
    return checks


def _scale_growth(scale: list[dict[str, Any]], shipped: dict[str, Any]) -> list[dict[str, Any]]:
    """Growth of the store load and of every page's rerun; the shipped data count as 1x."""
    checks = []
    points = sorted(scale, key=lambda run: run["copies"])
    if shipped.get("pages") and all(run["copies"] != 1 for run in points):
        points.insert(0, {"copies": 1, **shipped})
    checks += _growth_checks("store load", [(r["copies"], r["store_load_s"]) for r in points])
    titles = [p["title"] for p in points[-1].get("pages", [])]
    for title in titles:
        series = []
        for run in points:
            page = next((p for p in run.get("pages", []) if p["title"] == title), None)
            if page and "rerun" in page:
                series.append((run["copies"], page["rerun"]["median"]))
        checks += _growth_checks(f"rerun {title}", series)
    return checks


def growth_exponent(points: list[tuple[float, float]]) -> float | None:
    """Slope of log(cost) against log(size) between the two largest sizes."""
    usable = sorted((s, t) for s, t in points if s > 0 and t > 0)
    if len(usable) < 2:
        return None
    (s1, t1), (s2, t2) = usable[-2], usable[-1]
    return math.log(t2 / t1) / math.log(s2 / s1)


def _growth_checks(name: str, points: list[tuple[float, float]]) -> list[dict[str, Any]]:
    slope = growth_exponent(points)
    if slope is None:
        return []
    return [_check(f"growth {name}", slope, TARGETS["growth_exponent"], "exponent")]


def _check(name: str, value: float | None, limit: float, unit: str) -> dict[str, Any]:
    met = None if value is None or math.isnan(value) else value <= limit
    return {"name": name, "value": value, "target": limit, "unit": unit, "met": met}


# ---------------------------------------------------------------------------------------------
# Table
# ---------------------------------------------------------------------------------------------


def table(result: dict[str, Any]) -> str:
    """The printed summary: one measurement per line, then the targets."""
    lines = [f"{'measurement':44} {'median':>9} {'min':>9} {'max':>9} {'floor':>9} {'ratio':>7}"]
    cold = result.get("cold_start")
    if cold:
        lines.append(_line("cold start: process -> Overview run", cold["app"], cold["floor"],
                           cold["ratio"]))
    interaction = result.get("interaction") or {}
    for page in interaction.get("pages", []):
        if "error" in page:
            lines.append(f"interaction {page['title']:32} error: {page['error']}")
            continue
        lines.append(_line(f"interaction {page['title']}", page["rerun"], page.get("floor"),
                           page.get("ratio")))
    if interaction.get("cache_hit_s"):
        lines.append(_line("  store fetch from st.cache_data", interaction["cache_hit_s"]))
    for row in result.get("quotes") or []:
        lines.append(_line(f"quotes {row['size']:>9,} bulk (arrow floor)", row["bulk"],
                           row["floor_arrow"], row["ratio_arrow"]))
        lines.append(_line(f"quotes {row['size']:>9,} bulk (default floor)", row["bulk"],
                           row["floor_default"], row["ratio_default"]))
        if "per_row" in row:
            lines.append(_line(f"quotes {row['size']:>9,} parse_quote per row", row["per_row"]))
    for run in result.get("scale") or []:
        rows = run.get("rows", {})
        label = f"{run['copies']}x ({rows.get('schemes', '?')} schemes, {rows.get('figures', '?')})"
        lines.append(f"scale {label}: store load {run['store_load_s']:.2f} s, "
                     f"peak RSS {run['max_rss_bytes'] / 2**20:.0f} MiB")
        for page in run.get("pages", []):
            if "error" in page:
                lines.append(f"  {page['title']:42} error: {page['error']}")
                continue
            peak = page.get("rerun_peak_bytes")
            extra = f"  peak {peak / 2**20:.1f} MiB" if peak else ""
            lines.append(_line(f"  rerun {page['title']}", page["rerun"]) + extra)
    lines += _hotspot_lines(result)
    lines.append("")
    lines.append("targets:")
    for check in result.get("targets", []):
        mark = {True: "met", False: "MISSED", None: "n/a"}[check["met"]]
        value = "-" if check["value"] is None else f"{check['value']:.2f}"
        lines.append(f"  {check['name']:44} {value:>8} {check['unit']:9} "
                     f"(target <= {check['target']}) {mark}")
    return "\n".join(lines)


def _hotspot_lines(result: dict[str, Any]) -> list[str]:
    """The three heaviest project functions of one profiled rerun, per page."""
    runs = [("shipped data", result.get("interaction") or {})]
    runs += [(f"{run['copies']}x", run) for run in result.get("scale") or []]
    lines = []
    for label, run in runs:
        for page in run.get("pages", []):
            spots = page.get("hotspots")
            if not spots:
                continue
            lines.append(f"where a rerun's time goes: {page['title']} ({label})")
            for spot in spots[:3]:
                share = f"{spot['share']:.0%}" if spot.get("share") is not None else "?"
                lines.append(f"    {share:>4}  {spot['cumulative_s']:.2f} s  {spot['function']}")
    return lines


def _line(name: str, stats: dict[str, float], floor: dict[str, float] | None = None,
          ratio: float | None = None) -> str:
    floor_text = f"{_s(floor['median'])}" if floor else ""
    ratio_text = f"{ratio:.2f}x" if ratio is not None else ""
    return (f"{name:44} {_s(stats['median'])} {_s(stats['min'])} {_s(stats['max'])} "
            f"{floor_text:>9} {ratio_text:>7}")


def _s(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds * 1000:7.1f}ms"
    return f"{seconds:8.2f}s"
