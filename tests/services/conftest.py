"""Fixtures shared by the service tests: a three-village (township-style) demo database, built once."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import TEST_ACTOR
from villagedesk.services import demo
from villagedesk.store import open_store


@pytest.fixture(scope="session")
def three_villages(tmp_path_factory):
    """300 households over three villages; the tests that use it only read it."""
    path = tmp_path_factory.mktemp("three") / "three.db"
    s = open_store(path, create=True)
    demo.generate_demo(s, TEST_ACTOR, households=300, villages=3, today=dt.date(2026, 11, 30))
    s.close()
    return path
