"""Check that a quote is the source document's own words.

Only whitespace may differ (documents wrap lines); ` ... ` joins two parts that appear in
order, for before/after pairs split across a sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

ELLIPSIS = " ... "


def normalise_space(text: str) -> str:
    """Collapse every run of whitespace to one space.

    >>> normalise_space("£1,356,589 in\\n fiscal  benefits")
    '£1,356,589 in fiscal benefits'
    """
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=16)
def document_text(path: Path) -> str:
    return normalise_space(path.read_text(encoding="utf-8"))


def find_quote(quote: str, document: str) -> int:
    """Position of the quote in the document, or -1 when a part is missing or out of order.

    >>> find_quote("from 196 ... to 29", "fell from 196 in 2014 to 29 in 2015")
    5
    >>> find_quote("to 29 ... from 196", "fell from 196 in 2014 to 29 in 2015")
    -1
    """
    start, pos = -1, 0
    for part in normalise_space(quote).split(ELLIPSIS):
        found = document.find(part, pos)
        if found < 0:
            return -1
        start = found if start < 0 else start
        pos = found + len(part)
    return start
