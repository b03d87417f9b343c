"""A small demo village for the backup tests (built once per session), its copies, and helpers."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pytest

from tests.conftest import TEST_ACTOR, adopt_test_user
from tests.ui.conftest import make_window, messages  # noqa: F401 (the dialog tests use the UI fixtures)
from villagedesk.services import demo
from villagedesk.store import open_store


@pytest.fixture(scope="session")
def small_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("small") / "small.db"
    s = open_store(path, create=True)
    demo.generate_demo(s, TEST_ACTOR, households=20, today=dt.date(2026, 11, 30))
    adopt_test_user(s)  # the windows these tests open act as TEST_ACTOR, a head of the village
    s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    s.close()
    return path


def copy_db(src: Path, dst: Path) -> Path:
    """A test's private copy of a closed, checkpointed database and its sidecar."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(src, dst)
    shutil.copy(str(src) + ".node", str(dst) + ".node")
    return dst


@pytest.fixture
def small_db(small_template, tmp_path) -> Path:
    return copy_db(small_template, tmp_path / "data" / "village.db")


@pytest.fixture
def small_store(small_db):
    s = open_store(small_db)
    yield s
    s.close()


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def head(store):
    """The demo village's head: the role that may restore."""
    from villagedesk.services import village

    return next(u for u in village.office_users(store) if u.role == "head")


def redeem_once(store):
    """One redemption of soap by the first household with points; returns the receipt number."""
    from villagedesk.services import village
    from villagedesk.services.points import goods, ledger, redemption

    actor = village.office_users(store)[0]
    soap = next(g for g in goods.goods_list(store) if g.name == "香皂")
    household = next(a.household_id for a in ledger.accounts(store, actor=TEST_ACTOR) if a.balance > 0)
    return redemption.redeem(store, actor, household, [(soap.id, 1)]).number
