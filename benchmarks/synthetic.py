"""Synthetic inputs in the shipped data's own styles: quotes by the million, tables at 100x.

Every synthetic quote is a shipped quote with its numbers redrawn (same number of digits,
decimals and thousands commas; years stay years; a pair keeps its order, so "18 of the 29" never
becomes "30 of the 29"). The mix of styles is therefore the curated store's own mix.
"""

from __future__ import annotations

import csv
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from loaders.paths import SHIPPED_DATA_DIR

NUMBER_RE = re.compile(r"[0-9]+(?:[,.][0-9]+)*")
_YEAR_RE = re.compile(r"(?:19|20)[0-9]{2}")
TABLES = ("sources", "themes", "areas", "organisations", "measures", "schemes", "figures")


def shipped_quotes(data_dir: Path = SHIPPED_DATA_DIR) -> list[str]:
    """Every quote in the shipped figures table, in file order."""
    return [row["quote"] for row in read_table(data_dir / "figures.csv")[1]]


def read_table(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_table(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)


# ---------------------------------------------------------------------------------------------
# Quotes
# ---------------------------------------------------------------------------------------------


def _redraw(number: str, rng: np.random.Generator) -> str:
    """A random number written like `number`: digits, decimals, commas; a year stays a year."""
    if _YEAR_RE.fullmatch(number):
        return str(int(rng.integers(1990, 2031)))
    whole, _, fraction = number.replace(",", "").partition(".")
    low, high = _bounds(whole)
    value = int(rng.integers(low, high))
    text = f"{value:,}" if "," in number else str(value)
    if fraction:
        text += "." + str(int(rng.integers(0, 10 ** len(fraction)))).zfill(len(fraction))
    return text


def _bounds(whole: str) -> tuple[int, int]:
    """Draw range for a whole part: same number of digits; zero only where the quote had 0."""
    digits = len(whole)
    if whole == "0":
        return 0, 1
    return (1 if digits == 1 else 10 ** (digits - 1)), 10**digits


def perturb(quote: str, rng: np.random.Generator) -> str:
    """The quote with every number redrawn; two numbers keep the order they had."""
    numbers = [m.group(0) for m in NUMBER_RE.finditer(quote)]
    if not numbers:
        return quote
    drawn = [_redraw(n, rng) for n in numbers]
    if len(numbers) == 2 and (_value(numbers[0]) <= _value(numbers[1])) != (
        _value(drawn[0]) <= _value(drawn[1])
    ):
        drawn.reverse()
    parts = iter(drawn)
    return NUMBER_RE.sub(lambda _: next(parts), quote)


def _value(number: str) -> float:
    return float(number.replace(",", "").rstrip("."))


def synthetic_quotes(n: int, seed: int = 0, styles: list[str] | None = None) -> pd.Series:
    """`n` quotes drawn from the shipped styles with fresh numbers (reproducible by seed).

    Numbers are drawn and the texts assembled a style at a time with numpy and arrow kernels,
    so a million quotes take a couple of seconds. Returns an arrow-backed string Series.
    """
    rng = np.random.default_rng(seed)
    styles = styles if styles is not None else shipped_quotes()
    picks = rng.integers(0, len(styles), size=n)
    order = np.argsort(picks, kind="stable")
    bounds = np.flatnonzero(np.diff(picks[order])) + 1
    groups = np.split(order, bounds) if n else []
    chunks = [_draw_style(styles[picks[rows[0]]], len(rows), rng) for rows in groups]
    together = pa.concat_arrays(chunks) if chunks else pa.array([], type=pa.string())
    inverse = np.empty(n, dtype=np.int64)
    inverse[order] = np.arange(n)
    return pd.Series(together.take(pa.array(inverse)), dtype="str")


def _draw_style(style: str, count: int, rng: np.random.Generator) -> pa.Array:
    numbers = [m.group(0) for m in NUMBER_RE.finditer(style)]
    if not numbers:
        return pa.array([style] * count, type=pa.string())
    parts = NUMBER_RE.split(style)
    drawn = [_draw_many(number, count, rng) for number in numbers]
    if len(numbers) == 2:
        (texts_a, values_a), (texts_b, values_b) = drawn
        flip = pa.array((values_a <= values_b) != (_value(numbers[0]) <= _value(numbers[1])))
        drawn = [
            (pc.if_else(flip, texts_b, texts_a), values_a),
            (pc.if_else(flip, texts_a, texts_b), values_b),
        ]
    pieces: list[pa.Array | str] = []
    for part, (texts, _) in zip(parts, drawn, strict=False):
        pieces += [part, texts]
    pieces.append(parts[-1])
    return pc.binary_join_element_wise(*pieces, "")


def _draw_many(number: str, count: int, rng: np.random.Generator) -> tuple[pa.Array, np.ndarray]:
    """`count` numbers written like `number`, as texts and values (see `_redraw`)."""
    if _YEAR_RE.fullmatch(number):
        years = rng.integers(1990, 2031, size=count)
        return pc.cast(pa.array(years), pa.string()), years.astype(float)
    whole, _, fraction = number.replace(",", "").partition(".")
    wholes = rng.integers(*_bounds(whole), size=count)
    if "," in number:
        texts = pa.array([f"{v:,}" for v in wholes.tolist()], type=pa.string())
    else:
        texts = pc.cast(pa.array(wholes), pa.string())
    values = wholes.astype(float)
    if fraction:
        width = len(fraction)
        fractions = rng.integers(0, 10**width, size=count)
        padded = pc.utf8_lpad(pc.cast(pa.array(fractions), pa.string()), width, "0")
        texts = pc.binary_join_element_wise(texts, padded, ".")
        values = values + fractions / 10**width
    return texts, values


# ---------------------------------------------------------------------------------------------
# Tables at scale
# ---------------------------------------------------------------------------------------------


def write_scaled_store(target: Path, copies: int, seed: int = 0,
                       source: Path = SHIPPED_DATA_DIR) -> dict[str, int]:
    """Write `copies` copies of the schemes and figures (reference tables as shipped) to `target`.

    Copy 0 is the shipped data; copy k renames its ids with "-xk", links restatements only
    within the copy (compare keys get the same suffix) and redraws every quote's numbers.
    Returns the row counts written.
    """
    target.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    for name in TABLES[:5]:
        shutil.copyfile(source / f"{name}.csv", target / f"{name}.csv")
    scheme_header, schemes = read_table(source / "schemes.csv")
    figure_header, figures = read_table(source / "figures.csv")
    out_schemes = [_copy_row(row, k, _scheme_fields) for k in range(copies) for row in schemes]
    out_figures = [
        _copy_row(row, k, lambda r, s: _figure_fields(r, s, rng))
        for k in range(copies)
        for row in figures
    ]
    write_table(target / "schemes.csv", scheme_header, out_schemes)
    write_table(target / "figures.csv", figure_header, out_figures)
    return {"schemes": len(out_schemes), "figures": len(out_figures)}


def _copy_row(row: dict[str, str], k: int,
              fields: Callable[[dict[str, str], str], dict[str, str]]) -> dict[str, str]:
    if k == 0:
        return dict(row)
    return {**row, **fields(row, f"-x{k}")}


def _scheme_fields(row: dict[str, str], suffix: str) -> dict[str, str]:
    return {"scheme_id": row["scheme_id"] + suffix, "name": f"{row['name']} ({suffix[1:]})"}


def _figure_fields(row: dict[str, str], suffix: str, rng: np.random.Generator) -> dict[str, str]:
    fields = {"figure_id": row["figure_id"] + suffix, "quote": perturb(row["quote"], rng)}
    if row["scheme_id"]:
        fields["scheme_id"] = row["scheme_id"] + suffix
    if row["compare_key"]:
        fields["compare_key"] = row["compare_key"] + suffix
    return fields
