"""Backups made, listed, verified and restored; every bad backup refused with the current database unchanged."""

from __future__ import annotations

import datetime as dt
import errno
import sqlite3
from pathlib import Path

import pytest

from tests.backup.conftest import copy_db, head, redeem_once, sha256
from tests.conftest import TEST_ACTOR
from villagedesk.domain import clock
from villagedesk.services import integrity, village
from villagedesk.services.backup import archive, automatic, catalog, restore
from villagedesk.services.backup.archive import BackupError
from villagedesk.services.backup.thinning import Limits, obsolete
from villagedesk.store import open_store


def _final_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


def test_a_backup_holds_the_manifest_the_issue_lists_and_verifies(small_store, tmp_path):
    b = automatic.backup_now(small_store, "手动备份", "测试员", where=tmp_path / "out")
    m = catalog.load(b.path).manifest
    assert m["village_code"] == "510903104201" and m["node_id"] == small_store.node_id
    assert m["households"] == 20 and m["receipts"] > 0 and m["ledger_entries"] > 0
    assert m["schema_version"] == small_store.scalar("PRAGMA user_version")
    assert set(m["chain_heads"]) and all(len(h["hash"]) == 64 for h in m["chain_heads"].values())
    assert m["file_sha256"] == sha256(b.path) and m["made_by"] == "测试员"
    assert catalog.verify(b.path)["body_sha256"] == m["body_sha256"]
    assert [p.name for p in _final_files(tmp_path / "out")] == [b.path.name, b.path.name + ".json"]
    assert b.path.stat().st_size < small_store.path.stat().st_size / 2  # compressed


def test_no_automatic_backup_when_nothing_changed_and_one_after_a_change(small_store, tmp_path):
    where = tmp_path / "auto"
    assert automatic.backup_if_changed(small_store, "关闭时", where=where) is not None
    assert automatic.backup_if_changed(small_store, "关闭时", where=where) is None
    redeem_once(small_store)
    assert automatic.backup_if_changed(small_store, "定时", where=where, at_most_hourly=True) is None  # < 1 h
    clock.pin(dt.datetime(2026, 11, 30, 15, 1))
    assert automatic.backup_if_changed(small_store, "定时", where=where, at_most_hourly=True) is not None
    assert len(catalog.list_backups(where)) == 2


def test_restore_brings_the_backup_back_as_a_new_node_and_keeps_the_current_database(small_store, small_db,
                                                                                      tmp_path):
    b = automatic.backup_now(small_store, "手动备份", "测试员", where=tmp_path / "out")
    before = small_store.scalar("SELECT count(*) FROM redemptions")
    old_node = small_store.node_id
    numbers = [redeem_once(small_store) for _ in range(3)]
    p = restore.preview(small_store, b.path)
    assert p.counts["receipts"] == (before, before + 3)
    assert p.changes_lost and any("将会丢失" in line for line in p.lines())
    done = restore.restore(small_db, b.path, store=small_store, actor=head(small_store))
    try:
        assert done.problems == []
        assert done.store.scalar("SELECT count(*) FROM redemptions") == before
        assert done.node_id != old_node
        reason = done.store.scalar("SELECT reason FROM node_history WHERE node_id = ?", (done.node_id,))
        assert reason.startswith("从备份恢复：" + b.path.name)
        assert done.kept.name.startswith("village_恢复前_") and done.kept.exists()
        kept = open_store(done.kept)
        assert {r[0] for r in kept.query("SELECT number FROM redemptions")} >= set(numbers)
        kept.close()
        # the automatic backup before the restore is in the automatic folder
        assert any(x.manifest["reason"] == "恢复前" for x in catalog.list_backups(automatic.folder()))
    finally:
        done.store.close()


def test_the_manifest_holds_each_node_s_last_change_and_ledger_entry(small_store, small_db, tmp_path):
    b = automatic.backup_now(small_store, "手动备份", "测试员", where=tmp_path / "out")
    done = restore.restore(small_db, b.path, store=small_store, actor=head(small_store))
    try:
        redeem_once(done.store)  # the restored database writes as a new node: two change logs, two ledger chains
        m = automatic.backup_now(done.store, "手动备份", "测试员", where=tmp_path / "again").manifest
        changes = {r[0]: r[1] for r in done.store.query("SELECT origin, MAX(seq) FROM change_log GROUP BY origin")}
        ledger = {r[0]: {"seq": r[1], "hash": r[2]}
                  for r in done.store.query("SELECT origin, MAX(seq), hash FROM point_entries GROUP BY origin")}
        assert len(changes) == len(ledger) == 2 and done.node_id in changes and done.node_id in ledger
        assert m["change_heads"] == changes and m["chain_heads"] == ledger
    finally:
        done.store.close()


@pytest.mark.parametrize("damage", ["truncate", "flip"])
def test_a_damaged_backup_is_refused_and_the_database_is_unchanged(small_store, small_db, tmp_path, damage):
    b = automatic.backup_now(small_store, "手动备份", "测试员", where=tmp_path / "out")
    data = bytearray(b.path.read_bytes())
    if damage == "truncate":
        data = data[: len(data) // 2]
    else:
        data[len(data) // 3] ^= 0x10
    b.path.write_bytes(bytes(data))
    small_store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    digest = sha256(small_db)
    with pytest.raises(BackupError, match="损坏|不完整"):
        catalog.verify(b.path)
    with pytest.raises(BackupError, match="损坏|不完整"):
        restore.restore(small_db, b.path, store=small_store, actor=head(small_store))
    assert sha256(small_db) == digest
    assert integrity.check(small_store) == []
    assert {p.name for p in _final_files(small_db.parent)} <= {"village.db", "village.db.node", "village.db-wal",
                                                              "village.db-shm"}


def test_a_backup_of_another_village_is_refused(small_store, small_db, tmp_path):
    other = open_store(tmp_path / "other.db", create=True)
    village.init_village(other, TEST_ACTOR, "510903104202", "石桥村", "河东镇", "测试员")
    b = automatic.backup_now(other, "手动备份", "测试员", where=tmp_path / "out")
    other.close()
    digest = sha256(small_db)
    with pytest.raises(BackupError, match="石桥村.*不是本村"):
        restore.restore(small_db, b.path, store=small_store, actor=head(small_store))
    assert sha256(small_db) == digest


def test_a_backup_from_a_newer_version_is_refused(small_store, small_db, tmp_path):
    newer = copy_db(small_db, tmp_path / "newer.db")
    conn = sqlite3.connect(newer)
    conn.execute("INSERT INTO _sqlite_migrations(migration_set, name, applied_at)"
                 " VALUES ('villagedesk', '9999_future', '2030-01-01')")
    conn.execute("PRAGMA user_version = 9999")
    conn.commit()
    conn.close()
    b = _backup_of_file(newer, tmp_path / "out")
    with pytest.raises(BackupError, match="更新版本"):
        restore.restore(small_db, b, store=small_store, actor=head(small_store))


def _backup_of_file(db: Path, folder: Path) -> Path:
    """A backup container made straight from a file (for a database this app would refuse to open)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / "村务台备份_newer.vdbak"
    archive.write_container(db, out, {"format": 1, "created_at": "2030-01-01T00:00:00+08:00"})
    return out


def test_a_full_disk_leaves_no_file_under_a_final_name(small_store, tmp_path, monkeypatch):
    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(archive, "write_container", full)
    with pytest.raises(BackupError, match="磁盘空间不足.*原数据库未受影响"):
        automatic.backup_now(small_store, "手动备份", "测试员", where=tmp_path / "out")
    assert _final_files(tmp_path / "out") == []


def test_thinning_keeps_today_yesterday_then_one_a_day_week_and_month():
    today = dt.date(2026, 11, 30)
    stamps = [dt.datetime(2026, 11, 30, h) for h in (9, 12, 17)] + [dt.datetime(2026, 11, 29, 8)]
    stamps += [dt.datetime(2026, 11, 28 - d, h) for d in range(20) for h in (9, 18)]  # two a day
    stamps += [dt.datetime(2026, 6, 1) - dt.timedelta(days=7 * w) for w in range(80)]  # weekly, older
    gone = set(obsolete([(s, s) for s in stamps], today, Limits(daily=12, weekly=10, monthly=9)))
    kept = sorted(set(stamps) - gone, reverse=True)
    assert set(stamps[:4]) <= set(kept)  # all of today's and yesterday's
    older_days = [k for k in kept if k.date() < dt.date(2026, 11, 29)]
    assert [k.date() for k in older_days[:12]] == [dt.date(2026, 11, 28) - dt.timedelta(days=d)
                                                   for d in range(12)]
    assert all(k.hour == 18 for k in older_days[:12])  # the newest of each day
    assert len(older_days) == 12 + 10 + 9
    weeks = [k.isocalendar()[:2] for k in older_days[12:22]]
    assert len(set(weeks)) == 10
    months = [(k.year, k.month) for k in older_days[22:]]
    assert len(set(months)) == 9
    assert Limits.parse("3,2,1") == Limits(3, 2, 1) and Limits.parse("x") == Limits()


def test_the_automatic_folder_is_thinned_after_each_backup(small_store):
    for day in range(1, 20):
        clock.pin(dt.datetime(2026, 11, day, 18))
        redeem_once(small_store)
        automatic.backup_now(small_store, "关闭时")
    automatic.set_limits(small_store, Limits(daily=3, weekly=1, monthly=1))
    clock.pin(dt.datetime(2026, 11, 20, 18))
    automatic.backup_now(small_store, "关闭时")
    days = sorted(catalog.made_at(b).day for b in catalog.list_backups(automatic.folder()))
    # today and yesterday, three more days, the newest of the week before (Sunday the 15th); the one
    # monthly slot goes to November, already kept, so nothing older stays
    assert days == [15, 16, 17, 18, 19, 20]
