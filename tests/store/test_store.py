"""The store's contract (DESIGN.md §2): pragmas, common columns, change log, tombstones, audit, refusals."""

import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import TEST_ACTOR
from villagedesk.domain.errors import StoreError
from villagedesk.store import open_store
from villagedesk.store.migrations import SCHEMA_VERSION
from villagedesk.store.synced import COMMON_NAMES


def test_pragmas_are_set_for_a_ledger(store):
    assert store.scalar("PRAGMA journal_mode") == "wal"
    assert store.scalar("PRAGMA synchronous") == 2  # FULL
    assert store.scalar("PRAGMA foreign_keys") == 1
    assert store.scalar("PRAGMA busy_timeout") >= 5000
    assert store.scalar("PRAGMA user_version") == SCHEMA_VERSION


def test_every_synced_table_has_common_columns_and_triggers(store):
    tables = [r[0] for r in store.query("SELECT name FROM synced_tables")]
    assert {"villages", "users", "grids", "households", "residents"} <= set(tables)
    for table in tables:
        cols = {r[1] for r in store.query(f"PRAGMA table_info({table})")}
        assert {"id", *COMMON_NAMES} <= cols, table
        triggers = {r[0] for r in store.query("SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name=?",
                                              (table,))}
        assert {f"{table}__log_insert", f"{table}__log_update", f"{table}__log_no_delete"} <= triggers


def _grid(store, name="张家湾"):
    vid = store.scalar("SELECT id FROM villages")
    with store.transaction():
        return store.insert("grids", {"village_id": vid, "code": "01", "name": name}, TEST_ACTOR)


def test_writes_land_in_the_change_log_gap_free_and_deletes_are_tombstones(store):
    before = store.scalar("SELECT count(*) FROM change_log")
    gid = _grid(store)
    with store.transaction():
        store.update("grids", gid, {"name": "张家大湾"}, TEST_ACTOR)
        store.tombstone("grids", gid, TEST_ACTOR)
    ops = [tuple(r) for r in store.query(
        "SELECT op, json_extract(payload, '$.name') FROM change_log WHERE row_id = ? ORDER BY seq", (gid,))]
    assert ops == [("insert", "张家湾"), ("update", "张家大湾"), ("delete", "张家大湾")]
    seqs = [r[0] for r in store.query("SELECT seq FROM change_log WHERE origin = ? ORDER BY seq", (store.node_id,))]
    assert seqs == list(range(1, before + 4))
    assert store.scalar("SELECT deleted_at IS NOT NULL FROM grids WHERE id = ?", (gid,)) == 1
    with pytest.raises(sqlite3.DatabaseError, match="不能物理删除"):
        store.conn.execute("DELETE FROM grids WHERE id = ?", (gid,))


def test_row_carries_origin_hlc_and_acting_user_and_audit_names_them(store):
    gid = _grid(store)
    row = store.conn.execute("SELECT origin, hlc, updated_by FROM grids WHERE id = ?", (gid,)).fetchone()
    assert row["origin"] == store.node_id and row["updated_by"] == TEST_ACTOR.user_id
    assert len(gid) == 36 and gid[14] == "7"  # UUIDv7
    audit = store.conn.execute("SELECT user_name, tbl, row_id FROM audit_log ORDER BY id DESC").fetchone()
    assert tuple(audit) == ("测试员", "grids", gid)


def test_a_failed_transaction_writes_nothing(store):
    count = store.scalar("SELECT count(*) FROM change_log")
    with pytest.raises(sqlite3.IntegrityError):
        with store.transaction():
            _grid(store, "甲")
            _grid(store, "乙")  # same code 01: unique index refuses, the first insert rolls back too
    assert store.scalar("SELECT count(*) FROM grids") == 0
    assert store.scalar("SELECT count(*) FROM change_log") == count


def test_capture_flag_switches_change_log_off(store):
    store.conn.execute("UPDATE sync_state SET capture = 0")
    count = store.scalar("SELECT count(*) FROM change_log")
    _grid(store)
    assert store.scalar("SELECT count(*) FROM change_log") == count


def test_newer_database_is_refused_and_left_unchanged(db_path, store):
    store.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    store.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="更新版本"):
        open_store(db_path)
    assert db_path.read_bytes() == before


def test_foreign_sqlite_file_and_garbage_are_refused_unchanged(tmp_path):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    with pytest.raises(StoreError, match="不是村务台数据库"):
        open_store(other)
    assert other.read_bytes() == before
    junk = tmp_path / "junk.db"
    junk.write_text("not a database")
    with pytest.raises(StoreError, match="不是村务台数据库"):
        open_store(junk)
    with pytest.raises(StoreError, match="不存在"):
        open_store(tmp_path / "missing.db")


def test_node_id_is_stable_but_a_copy_or_a_restored_backup_gets_a_new_one(db_path, store, tmp_path):
    first = store.node_id
    store.close()
    again = open_store(db_path)
    assert again.node_id == first  # reopened in place: same node
    again.close()

    backup = tmp_path / "backup.db"
    shutil.copy(db_path, backup)
    shutil.copy(str(db_path) + ".node", str(backup) + ".node")
    copy = open_store(backup)  # the whole folder copied elsewhere
    assert copy.node_id != first
    copy.close()

    saved = tmp_path / "saved.db"
    shutil.copy(db_path, saved)  # a backup taken now ...
    s = open_store(db_path)  # ... the app runs again (the token turns over) ...
    s.close()
    shutil.copy(saved, db_path)  # ... and the old backup is restored over the database
    restored = open_store(db_path)
    assert restored.node_id != first
    reasons = [r[0] for r in restored.query("SELECT reason FROM node_history")]
    assert any("备份恢复" in r for r in reasons)
    restored.close()


def test_nested_transactions_are_savepoints(store):
    vid = store.scalar("SELECT id FROM villages")
    with store.transaction():
        store.insert("grids", {"village_id": vid, "code": "01", "name": "甲"}, TEST_ACTOR)
        with pytest.raises(sqlite3.IntegrityError):
            with store.transaction():
                store.insert("grids", {"village_id": vid, "code": "02", "name": "乙"}, TEST_ACTOR)
                store.insert("grids", {"village_id": vid, "code": "02", "name": "丙"}, TEST_ACTOR)
    assert [r[0] for r in store.query("SELECT name FROM grids")] == ["甲"]


def test_a_nested_write_that_wrote_nothing_leaves_the_outer_one_collecting(store):
    """The blocks are told apart by identity: an inner block's empty record once equalled its outer's, and
    leaving it removed the outer's, so the outer write lost what it wrote next (a township's export after a
    series grant it did not need to make)."""
    with store.collecting() as outer:
        with store.collecting() as inner:
            pass
        store.wrote("settings", "k")
    assert outer == {"settings": {"k"}} and inner == {} and store._collecting == []


def test_opening_an_up_to_date_database_imports_only_what_it_needs(db_path, store):
    """Start-up speed (bench/ops_foundation.py): sqlite-utils and the step modules are needed only to
    apply a pending migration; json and dataclasses cost milliseconds before the first paint."""
    import subprocess
    import sys

    store.close()
    unwanted = ["sqlite_utils", "villagedesk.store.migrations.m0001_foundation", "json", "dataclasses"]
    code = ("import sys; from villagedesk.services import village; from villagedesk.store import open_store;"
            "s = open_store(sys.argv[1]); village.home_village(s); village.office_users(s); s.close();"
            f"print([m for m in {unwanted!r} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code, str(db_path)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_an_unreadable_sidecar_costs_a_new_node_id_never_a_reused_one(db_path, store):
    first = store.node_id
    store.close()
    sidecar = Path(str(db_path) + ".node")
    assert f"node_id={first}" in sidecar.read_text("utf-8").splitlines()
    sidecar.write_text(f'{{"node_id": "{first}"}}', "utf-8")  # damaged, or written by an older build
    again = open_store(db_path)
    assert again.node_id != first
    again.close()
    assert open_store(db_path).node_id == again.node_id  # and it is stable from then on


def test_the_gui_turns_the_token_over_after_it_paints(db_path, store):
    from villagedesk.services import system

    token = store.scalar("SELECT token FROM node_identity")
    store.close()
    gui = open_store(db_path, quick_check=False, turn_over_token=False)
    assert gui.scalar("SELECT token FROM node_identity") == token
    assert system.after_start(gui) == []  # quick_check is clean
    assert gui.scalar("SELECT token FROM node_identity") != token
    gui.close()
    again = open_store(db_path)
    assert again.node_id == gui.node_id  # the sidecar followed: no spurious new node
    again.close()


def test_opening_does_not_slow_down_as_the_change_log_grows(db_path, store, monkeypatch):
    """Where the clock resumes is read with one probe of the (origin, seq) key. MAX(hlc) read every
    entry of the node: a quarter of a second at township scale, seconds at district scale."""
    import villagedesk.store.connection as connection
    from villagedesk.domain.ids import new_id

    steps = {"n": 0}
    real_connect = connection._connect

    def counted(path):  # counts SQLite VM instructions, in hundreds, while the store opens
        conn = real_connect(path)
        conn.set_progress_handler(lambda: steps.__setitem__("n", steps["n"] + 1) or 0, 100)
        return conn

    def cost_of_opening() -> tuple:
        steps["n"] = 0
        opened = open_store(db_path, quick_check=False, turn_over_token=False)
        cost = steps["n"]
        opened.conn.set_progress_handler(None, 0)
        return opened, cost

    vid = store.scalar("SELECT id FROM villages")
    store.close()
    monkeypatch.setattr(connection, "_connect", counted)
    small, small_cost = cost_of_opening()
    with small.transaction():
        small.insert_many("grids", [{"id": new_id(), "village_id": vid, "code": f"{i:04d}", "name": f"网格{i}"}
                                    for i in range(3000)], TEST_ACTOR)
    last = small.scalar("SELECT MAX(hlc) FROM change_log")
    small.close()
    big, big_cost = cost_of_opening()
    assert big.clock.now() > last  # and the clock still resumes after every earlier change
    big.close()
    assert big_cost - small_cost < 20, (small_cost, big_cost)
