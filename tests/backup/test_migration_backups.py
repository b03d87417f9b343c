"""A backup before every schema upgrade, and a backup from an older schema restored and brought up to date."""

from __future__ import annotations

import sqlite3

import pytest

from tests.backup.test_cli_and_detection import cli
from tests.conftest import TEST_ACTOR
from tests.store.frozen_schema import dump_path, released_versions
from villagedesk.services import village
from villagedesk.services.backup import archive, automatic, catalog, restore
from villagedesk.store.connection import APPLICATION_ID, open_store
from villagedesk.store.migrations import MIGRATIONS, SCHEMA_VERSION, STEP_NAMES


def _old_database(path, stop: str):
    """A database saved by an earlier release: every step before `stop`, with an initialised village."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    MIGRATIONS.apply(conn, stop_before=stop)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS.applied_names(conn))}")
    conn.execute("INSERT INTO node_identity(id, node_id, token, created_at) VALUES (1, 'old-node', 't', '2026-01-01')")
    conn.execute("INSERT INTO node_history(node_id, started_at, reason) VALUES ('old-node', '2026-01-01', '新建')")
    conn.close()


def test_opening_an_older_database_backs_it_up_first_as_it_was(tmp_path):
    db = tmp_path / "old.db"
    _old_database(db, STEP_NAMES[-1])
    made = cli("backup", "--db", db, "--out", tmp_path / "out")  # a command that writes upgrades it ...
    assert "要以使用人的身份办理" in made.stderr  # (this database has no users: the backup itself is refused)
    [b] = catalog.list_backups(automatic.folder())  # ... after backing it up as it was
    assert b.manifest["reason"] == "升级数据结构前"
    assert b.manifest["schema_version"] == SCHEMA_VERSION - 1
    assert catalog.verify(b.path)
    assert cli("check", "--db", db).stdout.strip() == "ok"
    assert len(catalog.list_backups(automatic.folder())) == 1  # up to date now: no second one


def test_a_backup_from_an_older_schema_is_restored_and_migrated(tmp_path):
    old = tmp_path / "old.db"
    _old_database(old, "0010_backups")
    out = tmp_path / "out"
    out.mkdir()
    backup = out / "村务台备份_old.vdbak"
    archive.write_container(old, backup, {"format": 1, "created_at": "2026-06-01T10:00:00+08:00"})
    done = restore.restore(tmp_path / "new" / "villagedesk.db", backup, store=None)
    try:
        assert done.problems == []
        assert done.store.scalar("PRAGMA user_version") == SCHEMA_VERSION
        assert done.node_id != "old-node"
        assert done.store.scalar("SELECT receipt_series FROM node_identity") != ""  # a new series
        village.init_village(done.store, TEST_ACTOR, "510903104201", "桂花村", "河东镇", "测试员")
    finally:
        done.store.close()


def _released_database(path, version: int):
    """A database exactly as a released schema left it (tests/store/frozen), marked ours."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(dump_path(version).read_text("utf-8"))
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()


@pytest.mark.parametrize("version", released_versions())
def test_every_released_schema_is_backed_up_before_it_is_upgraded_and_that_backup_restores(tmp_path, version):
    db = tmp_path / "old.db"
    _released_database(db, version)
    store = open_store(db, before_migrate=automatic.before_migration)
    store.close()
    [b] = catalog.list_backups(automatic.folder())
    assert b.manifest["reason"] == "升级数据结构前"
    assert b.manifest["schema_version"] == version
    assert catalog.verify(b.path)
    done = restore.restore(tmp_path / "again" / "villagedesk.db", b.path, store=None)
    try:
        assert done.problems == []
        assert done.store.scalar("PRAGMA user_version") == SCHEMA_VERSION
    finally:
        done.store.close()
