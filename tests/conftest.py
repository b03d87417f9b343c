"""Shared fixtures: headless Qt, an isolated per-test user folder, stores with or without a demo village."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Every test sees the same "now" (the demo village's day), whatever the date the suite runs on;
# a test that needs another day pins the clock itself. Set before villagedesk is imported, so
# module-level constants and CLI subprocesses see it too.
os.environ.setdefault("VILLAGEDESK_NOW", "2026-11-30T14:00:00")

import datetime as dt  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from villagedesk.domain import clock  # noqa: E402
from villagedesk.domain.actor import Actor  # noqa: E402
from villagedesk.services import demo, village  # noqa: E402
from villagedesk.store import open_store  # noqa: E402

TEST_ACTOR = Actor("test-user", "测试员")


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """QSettings and platformdirs write under a temporary home, never the developer's."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("VILLAGEDESK_SETTINGS", str(home / "settings.ini"))


@pytest.fixture(autouse=True)
def _clock_back_to_the_suite_day():
    """A test that pins another day does not leak it into the next test."""
    yield
    clock.pin(None)


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "village.db"


@pytest.fixture
def store(db_path):
    """An initialised village with no records yet."""
    s = open_store(db_path, create=True)
    village.init_village(s, TEST_ACTOR, "510903104201", "桂花村", "河东镇", "测试员")
    yield s
    s.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """One demo village built once per session; tests get a copy."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    s = open_store(path, create=True)
    demo.generate_demo(s, TEST_ACTOR, today=dt.date(2026, 11, 30))
    s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    s.close()
    return path


@pytest.fixture
def demo_store(demo_template, tmp_path):
    """A private copy of the session's demo village."""
    import shutil

    path = tmp_path / "demo.db"
    shutil.copy(demo_template, path)
    shutil.copy(str(demo_template) + ".node", str(path) + ".node")
    s = open_store(path)
    yield s
    s.close()


@pytest.fixture
def count_statements():
    """`with count_statements(store) as seen:` counts the SQL statements the block runs (see tests/statements.py)."""
    from tests.statements import counting

    return counting
