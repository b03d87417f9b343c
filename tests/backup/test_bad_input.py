"""Bad input while restoring or backing up (a wrong password, a newer version's backup, a disk that fills up half-way):
a Chinese message, the current database unchanged (sha256), nothing left under a final name or in a work folder."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest

from tests.backup.conftest import copy_db, head, sha256
from villagedesk.services.backup import archive, automatic, catalog, encrypted, restore
from villagedesk.services.backup.archive import BackupError

PASSWORD = "桂花村2026备份"


def _settled(store) -> str:
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return sha256(store.path)


def _names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


def _only_the_database(folder: Path) -> None:
    left = _names(folder) - {"village.db", "village.db.node", "village.db-wal", "village.db-shm"}
    assert left == set(), left  # no …_恢复前_ copy, no temp file, no .vd- work folder


def _full_after(limit: int):
    """An OSError(ENOSPC) once `limit` more bytes were written through the patched write."""
    written = [0]

    def check(n: int) -> None:
        written[0] += n
        if written[0] > limit:
            raise OSError(errno.ENOSPC, "No space left on device")
    return check


def test_a_wrong_password_is_named_and_the_database_is_unchanged(small_store, small_db, tmp_path):
    plain = automatic.backup_now(small_store, "手动备份", "测试员", where=tmp_path / "plain")
    locked = encrypted.encrypt_backup(plain, tmp_path / "stick", PASSWORD)
    digest = _settled(small_store)
    with pytest.raises(BackupError, match="备份密码不对"):
        restore.restore(small_db, locked.path, store=small_store, actor=head(small_store), password="wrong-password")
    assert sha256(small_db) == digest
    _only_the_database(small_db.parent)
    done = restore.restore(small_db, locked.path, store=small_store, actor=head(small_store), password=PASSWORD)
    assert done.problems == []
    done.store.close()


def test_a_newer_versions_backup_is_refused_by_verify_and_restore_and_the_database_is_unchanged(
        small_store, small_db, tmp_path):
    newer = copy_db(small_db, tmp_path / "newer.db")
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 9999")
    conn.commit()
    conn.close()
    (tmp_path / "out").mkdir()
    b = tmp_path / "out" / "村务台备份_newer.vdbak"
    archive.write_container(newer, b, {"format": 1, "created_at": "2030-01-01T00:00:00+08:00"})
    digest = _settled(small_store)
    with pytest.raises(BackupError, match="更新版本的村务台创建，请先升级村务台"):
        catalog.verify(b)
    with pytest.raises(BackupError, match="更新版本.*当前数据库未改动"):
        restore.restore(small_db, b, store=small_store, actor=head(small_store))
    assert sha256(small_db) == digest
    _only_the_database(small_db.parent)


def test_a_disk_that_fills_up_half_way_through_a_backup_leaves_nothing(small_store, tmp_path, monkeypatch):
    full = _full_after(4096)
    write = archive._HashingWriter.write

    def filling(self, data):
        full(len(data))
        return write(self, data)

    monkeypatch.setattr(archive._HashingWriter, "write", filling)
    out = tmp_path / "out"
    with pytest.raises(BackupError, match="磁盘空间不足。原数据库未受影响"):
        automatic.backup_now(small_store, "手动备份", "测试员", where=out)
    assert _names(out) == set()  # no half-written backup, no manifest, no work folder with the copy


def test_a_disk_that_fills_up_while_a_restore_unpacks_leaves_the_database_unchanged(small_store, small_db, tmp_path,
                                                                                     monkeypatch):
    b = automatic.backup_now(small_store, "手动备份", "测试员", where=tmp_path / "out")
    digest = _settled(small_store)
    real_open = Path.open
    full = _full_after(64 * 1024)

    class Filling:
        def __init__(self, fh):
            self.fh = fh

        def write(self, data):
            full(len(data))
            return self.fh.write(data)

        def __getattr__(self, name):
            return getattr(self.fh, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

    def opening(self, mode="r", *a, **k):
        fh = real_open(self, mode, *a, **k)
        return Filling(fh) if self.name == "restored.db" and "w" in mode else fh

    monkeypatch.setattr(Path, "open", opening)
    with pytest.raises(BackupError, match="磁盘空间不足。当前数据库未改动"):
        restore.restore(small_db, b.path, store=small_store, actor=head(small_store))
    monkeypatch.undo()
    assert sha256(small_db) == digest
    _only_the_database(small_db.parent)
