"""Start the dashboard: `streamlit run app.py`, with app.py's router in charge from the start.

Streamlit treats a `pages/` folder beside the entrypoint as its legacy multipage layout until a
session calls st.navigation, so the first visitor after a start who opens a page link directly
would see a "Page not found" dialog or the page without its router. Our `pages/` is a package of
page modules routed by app.py, so the legacy mode is switched off before the server starts.

Usage: python serve.py [streamlit options, e.g. --server.port 8600]
"""

from __future__ import annotations

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

if __name__ == "__main__":
    PagesManager.uses_pages_directory = False
    app = str(Path(__file__).resolve().parent / "app.py")
    sys.argv = ["streamlit", "run", app, *sys.argv[1:]]
    sys.exit(cli.main())
