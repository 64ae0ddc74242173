"""Twenty people at once: each opens a page and changes a filter; no errors, data shared.

The loaded store is cached once per server process (st.cache_data), so each extra session should
cost little memory. The measurement is written to artifacts/many_users.json and recorded in
docs/performance.md; it is reported, not asserted against a number (machines differ).
"""

from __future__ import annotations

import json
import re

import pytest

from tests.e2e.conftest import ARTIFACTS, Server, rss_kib
from tests.e2e.test_app_e2e import _choose, _no_exception, _settle

pytestmark = pytest.mark.e2e

SESSIONS = 20
PAGES = ["", "savings", "co-responding", "demand", "value-for-money", "schemes", "data"]


def test_twenty_simultaneous_sessions_load_and_filter(browser, app_server: Server) -> None:  # noqa: ANN001
    cold = rss_kib(app_server.pid)
    contexts = [browser.new_context(viewport={"width": 1400, "height": 900})
                for _ in range(SESSIONS)]
    pages = []
    try:
        for index, context in enumerate(contexts):
            page = context.new_page()
            page.set_default_timeout(120_000)
            page.goto(f"{app_server.url}/{PAGES[index % len(PAGES)]}", wait_until="commit")
            pages.append(page)
            if index == 0:  # the first session pays for imports and loading the data once
                _settle(page)
                page.get_by_role("heading", level=1).first.wait_for()
                baseline = rss_kib(app_server.pid)
        for page in pages:  # all twenty sessions are open on the server at once
            _settle(page)
            page.get_by_role("heading", level=1).first.wait_for()
        loaded = rss_kib(app_server.pid)
        for page in pages:
            _choose(page, "Status", "Pilot")
        for page in pages:
            page.wait_for_url(re.compile(r"status=pilot"))
            _settle(page)
            _no_exception(page)
        after = rss_kib(app_server.pid)
    finally:
        for context in contexts:
            context.close()
    per_session = (after - baseline) / (SESSIONS - 1)
    report = {
        "sessions": SESSIONS,
        "server_rss_mib_cold": round(cold / 1024, 1),
        "server_rss_mib_one_session": round(baseline / 1024, 1),
        "server_rss_mib_all_loaded": round(loaded / 1024, 1),
        "server_rss_mib_after_filtering": round(after / 1024, 1),
        "mib_per_extra_session": round(per_session / 1024, 2),
    }
    (ARTIFACTS / "many_users.json").write_text(json.dumps(report, indent=2))
    print(report)
    assert len(pages) == SESSIONS
