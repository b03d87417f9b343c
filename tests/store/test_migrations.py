"""A database upgraded step by step from every earlier schema equals one built fresh."""

import sqlite3

import pytest

from villagedesk.store import open_store
from villagedesk.store.connection import APPLICATION_ID
from villagedesk.store.migrations import MIGRATIONS


def _schema(conn: sqlite3.Connection) -> list[tuple]:
    return sorted(tuple(r) for r in conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))


@pytest.mark.parametrize("stop", [s.name for s in MIGRATIONS.steps[1:]])
def test_upgrade_from_each_schema_matches_a_fresh_database(tmp_path, stop):
    fresh = open_store(tmp_path / "fresh.db", create=True)
    old = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    old.execute("PRAGMA foreign_keys = ON")
    MIGRATIONS.apply(old, stop_before=stop)  # a database saved by an earlier release
    done = len(MIGRATIONS.applied_names(old))
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    old.execute(f"PRAGMA user_version = {done}")
    assert [s.name for s in MIGRATIONS.pending(old)][0] == stop
    old.close()
    upgraded = open_store(tmp_path / "old.db")
    assert _schema(upgraded.conn) == _schema(fresh.conn)
    assert upgraded.scalar("PRAGMA user_version") == len(MIGRATIONS.steps)
    fresh.close()
    upgraded.close()


def test_an_applied_migration_name_is_never_reused():
    names = [s.name for s in MIGRATIONS.steps]
    assert len(names) == len(set(names))
    assert names == sorted(names), "steps run in the order of their numbers"


def test_the_ledger_migration_uses_the_domains_genesis_hash():
    from villagedesk.domain.points.hashing import GENESIS
    from villagedesk.store.migrations import m0006_points

    assert m0006_points.GENESIS == GENESIS


def test_every_step_module_is_listed_in_step_names():
    """A step module left out of STEP_NAMES would never run; one listed but missing fails to load."""
    from pathlib import Path

    from villagedesk.store import migrations

    modules = sorted(p.stem[1:] for p in Path(migrations.__file__).parent.glob("m[0-9]*.py"))
    assert modules == list(migrations.STEP_NAMES)
    assert [s.name for s in MIGRATIONS.steps] == list(migrations.STEP_NAMES)
