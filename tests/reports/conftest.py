"""The demo village's report set for 2026-10, exported once for the module's file checks."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import TEST_ACTOR
from tests.ui.conftest import make_window, messages  # noqa: F401  (fixtures of the page tests)
from villagedesk.services.reports import export
from villagedesk.store import open_store


@pytest.fixture(scope="module")
def exported_set(demo_template, tmp_path_factory):
    """(tables, folder) of the whole set for 2026-10, from a private copy of the demo village."""
    where = tmp_path_factory.mktemp("set")
    path = where / "demo.db"
    shutil.copy(demo_template, path)
    shutil.copy(str(demo_template) + ".node", str(path) + ".node")
    store = open_store(path)
    result = export.export_set(store, "2026-10", where / "out", TEST_ACTOR)
    yield result, store, path
    store.close()
