"""Applied migrations are frozen: each step's source matches its recorded hash, each released schema its dump."""

import sqlite3

import pytest

from tests.store import frozen_schema as frozen
from villagedesk.store import open_store
from villagedesk.store.connection import APPLICATION_ID
from villagedesk.store.migrations import STEP_NAMES

NEVER_EDIT = ("Never edit an applied migration: a village's database has already run it and will not run it "
              "again, so its schema would differ from a fresh one. Put the file back as it was "
              "(git checkout -- {path}) and add a new step m00NN_*.py to STEP_NAMES instead.")


HASHES = "tests/store/frozen/migration_hashes.txt"


def _schema(conn: sqlite3.Connection) -> list[tuple]:
    return sorted(tuple(r) for r in conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))


@pytest.mark.parametrize("name", STEP_NAMES)
def test_each_migration_step_is_unchanged_since_it_was_recorded(name):
    recorded = frozen.recorded_hashes()
    now = frozen.source_hash(name)
    path = frozen.step_file(name).relative_to(frozen.STEP_DIR.parents[2])
    line = f"{name} {now}"
    assert name in recorded, (
        f"migration step {name} has no recorded hash. Add this one line to {HASHES}:\n{line}")
    released = STEP_NAMES.index(name) < max(frozen.released_versions())
    if released:
        assert recorded[name] == now, (
            f"{path} changed since it was released (sha256 {recorded[name][:12]}…, now {now[:12]}…). "
            + NEVER_EDIT.format(path=path))
    else:
        assert recorded[name] == now, (
            f"{path} is not released yet (no schema dump for it), so it may still change, but its recorded "
            f"hash must follow: replace its line in {HASHES} with\n{line}")


def test_no_recorded_step_has_disappeared():
    gone = sorted(set(frozen.recorded_hashes()) - set(STEP_NAMES))
    assert not gone, (f"steps {gone} are recorded as applied but no longer in STEP_NAMES: a database that ran "
                      "them would be refused. Never remove or rename an applied migration.")


def test_the_released_schemas_are_the_first_steps_in_order():
    versions = frozen.released_versions()
    assert versions == list(range(1, len(versions) + 1)) and len(versions) <= len(STEP_NAMES)
    assert versions[-1] >= 6, "schema 6 (m0001–m0006) was released: its dump must stay"


@pytest.mark.parametrize("version", frozen.released_versions())
def test_each_released_schema_is_still_what_its_steps_build(version):
    """Catches an applied step changed through code it calls (store/synced.py), which its hash cannot see."""
    saved = frozen.dump_path(version).read_text("utf-8")
    built = frozen.built_dump(version)
    if built != saved:
        b, s = built.splitlines(), saved.splitlines()
        first = next((i for i, (x, y) in enumerate(zip(b, s, strict=False)) if x != y), min(len(b), len(s)))
        pytest.fail(f"schema {version} built by today's steps 1–{version} differs from {frozen.dump_path(version).name}"
                    f" (saved when it was released), first at line {first + 1}:\n"
                    f"  saved: {s[first:first + 1]}\n  built: {b[first:first + 1]}\n"
                    + NEVER_EDIT.format(path="villagedesk/store/migrations/ villagedesk/store/synced.py"))


@pytest.mark.parametrize("version", frozen.released_versions())
def test_a_database_saved_at_each_released_schema_upgrades_to_a_fresh_one(tmp_path, version):
    old_path = tmp_path / f"schema{version}.db"
    old = sqlite3.connect(old_path, isolation_level=None)
    old.executescript(frozen.dump_path(version).read_text("utf-8"))  # the village's file as that release left it
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    old.execute(f"PRAGMA user_version = {version}")
    old.close()
    upgraded = open_store(old_path)
    fresh = open_store(tmp_path / "fresh.db", create=True)
    try:
        assert _schema(upgraded.conn) == _schema(fresh.conn)
        assert [r[0] for r in upgraded.query("SELECT name FROM _sqlite_migrations ORDER BY id")] == list(STEP_NAMES)
        assert upgraded.scalar("PRAGMA foreign_key_check") is None
        assert upgraded.scalar("PRAGMA integrity_check") == "ok"
    finally:
        upgraded.close()
        fresh.close()
