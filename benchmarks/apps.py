"""The dashboard as AppTest sees it: registered pages, one entry script per page, filter changes.

AppTest (Streamlit 1.67) runs only the page script on every run after the first, and after
`switch_page`, without app.py: no shared sidebar, no cached store fetch, which is not what a
user's rerun costs. So each page is opened through a small entry script that makes it the default
page of the real router and runs app.py unchanged (it lives in a temporary folder beside a
`pages` link), and before every rerun `rerun_whole_app` makes AppTest start from app.py again.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
FILTER_KEYS = ("f_themes", "f_areas", "f_services", "f_statuses", "f_bases")
CHANGED_FILTER = "f_themes"

_ENTRY = '''\
"""Benchmark entry: app.py with {page!r} as the default page."""
import streamlit as st

_page = st.Page


def _as_default(page, *args, **kwargs):
    kwargs["default"] = str(page) == {page!r}
    return _page(page, *args, **kwargs)


st.Page = _as_default
try:
    _code = compile(open({app!r}, encoding="utf-8").read(), {app!r}, "exec")
    exec(_code, {{"__name__": "__main__"}})
finally:
    st.Page = _page
'''


@dataclass(frozen=True)
class PageInfo:
    """A page registered in app.py: its file (relative to the app) and title."""

    path: str
    title: str
    hidden: bool

    @property
    def stem(self) -> str:
        return Path(self.path).stem


def registered_pages(app: Path = APP) -> list[PageInfo]:
    """The st.Page(...) calls in app.py, read from its source (no Streamlit run needed)."""
    tree = ast.parse(app.read_text(encoding="utf-8"))
    pages = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "Page"):
            continue
        if not node.args or not isinstance(node.args[0], ast.Constant):
            continue
        keywords = {k.arg: k.value for k in node.keywords if isinstance(k.value, ast.Constant)}
        title = keywords.get("title")
        visibility = keywords.get("visibility")
        pages.append(
            PageInfo(
                path=node.args[0].value,
                title=title.value if title is not None else Path(node.args[0].value).stem,
                hidden=visibility is not None and visibility.value == "hidden",
            )
        )
    return pages


def entry_script(folder: Path, page: str, app: Path = APP) -> Path:
    """Write the entry script that opens `page` through app.py; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    link = folder / "pages"
    if not link.exists():
        link.symlink_to(app.parent / "pages", target_is_directory=True)
    path = folder / f"entry_{Path(page).stem}.py"
    path.write_text(_ENTRY.format(page=page, app=str(app)), encoding="utf-8")
    return path


def open_app(script: Path, timeout: float) -> AppTest:
    """Run a script once in AppTest and insist it ran cleanly."""
    at = AppTest.from_file(str(script), default_timeout=timeout)
    at.run()
    if at.exception:
        messages = "; ".join(e.message.splitlines()[0] for e in at.exception)
        raise RuntimeError(f"{script.name} raised: {messages}")
    return at


class FilterToggle:
    """Change one sidebar filter on every call: each theme in turn, then none, and so on.

    A new choice each time, as an analyst clicking through themes makes, so caches keyed on
    the filters do not turn every measured rerun into a cache hit.
    """

    def __init__(self, at: AppTest, key: str = CHANGED_FILTER) -> None:
        self.at, self.key = at, key
        self.choices = _values(at.sidebar.multiselect(key=key))
        self.choice = self.choices[0]
        self.calls = 0

    def __call__(self) -> None:
        self.calls += 1
        on = self.calls % 2 == 1
        if on:
            self.choice = self.choices[(self.calls // 2) % len(self.choices)]
        self.at.sidebar.multiselect(key=self.key).set_value([self.choice] if on else [])
        rerun_whole_app(self.at)
        if self.at.exception:
            raise RuntimeError(self.at.exception[0].message.splitlines()[0])


def rerun_whole_app(at: AppTest) -> None:
    """Rerun from the entry script, as a browser's rerun does, keeping widget and session state.

    AppTest remembers the page the last run finished on and then runs that page's script alone;
    forgetting it (a private attribute, checked on Streamlit 1.67) sends the run through
    app.py, whose default page is the page under test.
    """
    if hasattr(at, "_finished_page_script_hash"):
        at._finished_page_script_hash = ""
    at.run()


def _values(widget) -> list[object]:  # noqa: ANN001 - an AppTest Multiselect
    """The options as the app's own values (the widget shows them through `format_func`)."""
    mapping = getattr(widget.format_func, "__self__", None)  # `choices.get` of a dict
    if isinstance(mapping, dict) and mapping:
        return list(mapping)
    return list(widget.options)
