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
from typing import NamedTuple  # noqa: E402

import pytest  # noqa: E402

from villagedesk.domain import clock  # noqa: E402
from villagedesk.domain.actor import Actor  # noqa: E402
from villagedesk.services import demo, village  # noqa: E402
from villagedesk.store import open_store  # noqa: E402

# A real office user (a 书记/主任) of every test village: the fixtures below make its row, so the
# services, which read the role from the store, let it do what a head may.
TEST_ACTOR = Actor("test-user", "测试员", "head")


def adopt_test_user(store) -> None:
    """Make TEST_ACTOR a head of a store's home village (a demo, or a village made some other way)."""
    from villagedesk.store import users

    if users.by_id(store, TEST_ACTOR.user_id) is None:
        with store.transaction():
            store.insert("users", {"id": TEST_ACTOR.user_id, "village_id": village.home_village_id(store),
                                   "name": TEST_ACTOR.name, "role": "head"}, TEST_ACTOR, "新增使用人", "测试员")


def add_office_user(store, name: str, role: str, worker_id: str | None = None) -> Actor:
    """Another office user, added by TEST_ACTOR as a head would (for four eyes and role tests)."""
    from villagedesk.services import users

    return users.add_user(store, TEST_ACTOR, name, role, worker_id=worker_id).actor


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
    village.init_village(s, TEST_ACTOR, "510903104201", "桂花村", "河东镇", "测试员", user_id=TEST_ACTOR.user_id)
    yield s
    s.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """One demo village built once per session; tests get a copy."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    s = open_store(path, create=True)
    demo.generate_demo(s, TEST_ACTOR, today=dt.date(2026, 11, 30))
    adopt_test_user(s)
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


class PayrollOffice(NamedTuple):
    """Four eyes on a payroll: TEST_ACTOR (now a 文书/会计) prepares, 李会计 reviews, 王书记 approves and locks."""

    preparer: Actor
    reviewer: Actor
    approver: Actor

    def lock_month(self, store, month: str, today: dt.date | None = None):
        from villagedesk.services.grids import payroll

        payroll.compute_payroll(store, self.preparer, month, **({"today": today} if today else {}))
        payroll.review_payroll(store, self.reviewer, month)
        payroll.approve_payroll(store, self.approver, month)
        return payroll.lock_payroll(store, self.approver, month)


def payroll_office(store) -> PayrollOffice:
    """Make TEST_ACTOR a clerk who may compute payrolls, with a reviewer and a head to approve (idempotent)."""
    from villagedesk.services import users

    adopt_test_user(store)
    known = {u.name: u for u in users.list_users(store)}
    approver = known["王书记"].actor if "王书记" in known else add_office_user(store, "王书记", "head")
    reviewer = known["李会计"].actor if "李会计" in known else add_office_user(store, "李会计", "clerk")
    if users.get_user(store, TEST_ACTOR.user_id).role != "clerk":
        users.change_role(store, approver, TEST_ACTOR.user_id, "clerk")
    return PayrollOffice(Actor(TEST_ACTOR.user_id, TEST_ACTOR.name, "clerk"), reviewer, approver)
