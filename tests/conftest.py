"""Shared fixtures: the shipped store, loaded once per test session."""

from __future__ import annotations

import pytest

from loaders.paths import seeds_dir
from loaders.store import Store, load_store


@pytest.fixture(scope="session")
def store() -> Store:
    return load_store()


@pytest.fixture(scope="session")
def seeds_present() -> bool:
    return seeds_dir().is_dir()
