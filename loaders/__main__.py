"""Command line for analysts and checks.

python -m loaders check [--data DIR] [--quiet]   validate everything, print counts
python -m loaders export --out DIR [--data DIR]  write the tidy tables as CSV
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from loaders.paths import DATA_DIR
from loaders.store import Store, load_store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the store and print counts")
    check.add_argument("--data", type=Path, default=DATA_DIR, help="folder of curated CSVs")
    check.add_argument("--quiet", action="store_true", help="print only problems and a summary")
    export = commands.add_parser("export", help="write the tidy tables as CSV")
    export.add_argument("--out", type=Path, required=True, help="folder to write into")
    export.add_argument("--data", type=Path, default=DATA_DIR, help="folder of curated CSVs")
    args = parser.parse_args(argv)

    store = load_store(args.data)
    if args.command == "check":
        return _check(store, quiet=args.quiet)
    return _export(store, args.out)


def _check(store: Store, *, quiet: bool) -> int:
    if not quiet:
        print(summary(store))
    if not store.quotes_checked:
        print("note: ../shared/seeds not found, so quotes were not checked against the documents")
    if store.issues:
        print(f"\n{len(store.issues)} problem(s):", file=sys.stderr)
        for issue in store.issues:
            print(f"  {issue}", file=sys.stderr)
        return 1
    print(
        f"OK: {len(store.sources)} sources, {len(store.schemes)} schemes, "
        f"{len(store.figures)} figures; no problems."
    )
    return 0


def summary(store: Store) -> str:
    """Counts an analyst can eyeball: sources, schemes, figures by theme and by measure."""
    figures = store.figures
    lines = [
        f"sources:        {len(store.sources)}",
        f"organisations:  {len(store.organisations)}",
        f"schemes:        {len(store.schemes)}",
        f"figures:        {len(figures)} ({figures['scheme_id'].isna().sum()} national/context)",
        "",
        "schemes and figures by theme:",
    ]
    if len(store.schemes):
        by_theme = store.schemes.groupby("theme_label").size()
        figs = figures.dropna(subset=["theme"]).groupby("theme").size()
        labels = store.themes.set_index("theme_id")["label"]
        for theme_id, label in labels.items():
            n_schemes, n_figures = by_theme.get(label, 0), figs.get(theme_id, 0)
            lines.append(f"  {label:<42} {n_schemes:>4} schemes {n_figures:>5} figures")
    lines += ["", "figures by measure:"]
    for measure, count in figures.groupby("measure").size().sort_values(ascending=False).items():
        lines.append(f"  {measure:<30} {count:>5}")
    lines += ["", "figures by source:"]
    for source, count in figures.groupby("source_id").size().items():
        lines.append(f"  {source:<34} {count:>5}")
    return "\n".join(lines)


def _export(store: Store, out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    for name, frame in store.tables().items():
        _write(frame, out / f"{name}.csv")
    print(f"wrote {len(store.tables())} tables to {out}")
    if store.issues:
        print(
            f"warning: {len(store.issues)} problem rows were left out; run 'check'", file=sys.stderr
        )
        return 1
    return 0


def _write(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
