"""Quote normalisation throughput: the bulk parser against one vectorised str.extract pass.

Floors, over the same strings: `Series.str.extract` with a named group on an arrow-backed Series
(pyarrow's RE2 kernel: the strict floor, one compiled pass in C++) and on pandas' default `str`
Series (which runs Python's `re` row by row). The per-row parser (`parse_quote` in a loop) is
timed where it fits the time budget.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pyarrow as pa

from benchmarks.synthetic import synthetic_quotes
from benchmarks.timing import Stats, cpu_ratio, interleaved, ratio, repeat
from loaders import bulk_parse
from loaders.quote_parser import QuoteParseError, parse_quote

NUMBER = r"(?P<number>[0-9][0-9,]*(?:\.[0-9]+)?)"


def bulk(quotes: pd.Series) -> pd.DataFrame:
    """The bulk parser from cold: templates are re-read every time (no plan cache)."""
    bulk_parse.clear_plan_cache()
    return bulk_parse.parse_quotes(quotes)


def per_row(quotes: list[str]) -> int:
    """`parse_quote` row by row, refusals counted: what the store does for its own figures."""
    refused = 0
    for quote in quotes:
        try:
            parse_quote(quote)
        except QuoteParseError:
            refused += 1
    return refused


def run(sizes: list[int], reps: dict[int, int], per_row_limit: int, seed: int = 0) -> list[dict]:
    """One row per size: bulk, floors, per-row parser (below `per_row_limit`), and shares."""
    rows = []
    for size in sizes:
        quotes = synthetic_quotes(size, seed=seed)
        arrow = quotes.astype(pd.ArrowDtype(pa.string()))
        as_list = quotes.tolist()
        n = reps.get(size, 3)
        actions = {
            "bulk": lambda q=quotes: bulk(q),
            "floor_arrow": lambda a=arrow: a.str.extract(NUMBER),
            "floor_default": lambda q=quotes: q.str.extract(NUMBER),
        }
        stats = interleaved(actions, n)
        parsed = bulk(quotes)
        row: dict[str, Any] = {
            "size": size,
            "reps": n,
            **{name: s.as_dict() for name, s in stats.items()},
            "ratio_arrow": ratio(stats["bulk"], stats["floor_arrow"]),
            "ratio_default": ratio(stats["bulk"], stats["floor_default"]),
            "cpu_ratio_arrow": cpu_ratio(stats["bulk"], stats["floor_arrow"]),
            "templates": parsed.attrs.get("templates"),
            "parsed_one_by_one": parsed.attrs.get("parsed_one_by_one"),
            "refused": int(parsed["error"].notna().sum()),
        }
        if size <= per_row_limit:
            slow: Stats = repeat(lambda q=as_list: per_row(q), 2 if size <= 10_000 else 1)
            row["per_row"] = slow.as_dict()
            row["speedup_vs_per_row"] = ratio(slow, stats["bulk"])
        rows.append(row)
    return rows
