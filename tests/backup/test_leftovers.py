"""What a killed backup or restore leaves (a dot-named work folder holding a whole copy) is cleared at the next
start and the next restore; the work folder of one still running is not."""

from __future__ import annotations

import multiprocessing
import os
import time

import pytest

from tests.backup.conftest import head
from villagedesk.services import integrity
from villagedesk.services.backup import automatic, restore
from villagedesk.store import open_store, scratch


def _left_by_a_dead_restore(folder):
    """A work folder as a killed restore leaves it: a copy inside, its lock file, nobody holding the lock."""
    path = folder / ".vd-restore-abc123"
    path.mkdir()
    (path / "restored.db").write_bytes(b"x" * 4096)
    (path / scratch.LOCK).write_bytes(b"")
    return path


def test_a_dead_restores_work_folder_is_removed_when_the_database_is_next_opened(small_db):
    left = _left_by_a_dead_restore(small_db.parent)
    open_store(small_db).close()
    assert not left.exists()


def test_a_dead_restores_work_folder_is_removed_by_the_next_restore(small_store, small_db, tmp_path):
    b = automatic.backup_now(small_store, "测试", where=tmp_path / "b")
    left = _left_by_a_dead_restore(small_db.parent)
    done = restore.restore(small_db, b.path, store=small_store, actor=head(small_store))
    done.store.close()
    assert not left.exists()
    assert not [p for p in small_db.parent.iterdir() if p.name.startswith(".vd-")]  # its own is gone too


def test_a_work_folder_still_in_use_is_left_alone(small_db):
    with scratch.work_folder(small_db.parent, "restore") as running:
        (running / "restored.db").write_bytes(b"y")
        open_store(small_db).close()  # another window starting meanwhile
        assert (running / "restored.db").exists()
    assert not running.exists()


def test_an_unlocked_folder_from_an_older_version_is_removed_once_nothing_in_it_moved_for_a_while(small_db):
    old = small_db.parent / ".vd-restore-old"
    old.mkdir()
    (old / "restored.db").write_bytes(b"z")
    fresh = small_db.parent / ".vd-backup-fresh"
    fresh.mkdir()
    (fresh / "backup.part").write_bytes(b"y")
    # ages are measured on the app's clock, which a test run may pin (faketime) far from the disk's real mtimes
    now = time.time()
    os.utime(fresh / "backup.part", (now, now))
    os.utime(fresh, (now, now))
    past = now - scratch.UNLOCKED_GRACE_S - 60
    os.utime(old / "restored.db", (past, past))
    os.utime(old, (past, past))
    open_store(small_db).close()
    assert not old.exists()
    assert fresh.exists()  # could be a backup being made this very second


def test_an_empty_unlocked_folder_is_cleared_at_once_and_a_maker_that_loses_it_makes_another(small_db, monkeypatch):
    # A kill between making the folder and locking it leaves it empty: the next start clears it, however new.
    empty = small_db.parent / ".vd-restore-empty"
    empty.mkdir()
    assert scratch.clear(small_db.parent) == [empty]
    # The other side of that rule: a live maker whose new folder another start cleared before it locked it.
    real_lock, raced = scratch._lock, []

    def lock_after_a_clear(path):
        if not raced:
            raced.append(path.parent)
            scratch.clear(path.parent.parent)  # another start, in the instant before the lock
        return real_lock(path)

    monkeypatch.setattr(scratch, "_lock", lock_after_a_clear)
    with scratch.work_folder(small_db.parent, "backup") as path:
        assert path != raced[0] and not raced[0].exists()
        (path / "x").write_bytes(b"kept")
        assert (path / "x").read_bytes() == b"kept" and (path / scratch.LOCK).exists()
    assert not path.exists()


@pytest.mark.slow
def test_a_restore_killed_with_sigkill_leaves_nothing_after_the_next_start(small_store, small_db, tmp_path):
    from tests.backup import kill_worker

    b = automatic.backup_now(small_store, "测试", where=tmp_path / "b")
    small_store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    small_store.close()
    node_before = (small_db.parent / (small_db.name + ".node")).read_text()
    ctx = multiprocessing.get_context("forkserver")
    ours, theirs = ctx.Pipe(duplex=False)
    child = ctx.Process(target=kill_worker.restore_held_inside, args=(str(small_db), str(b.path), theirs))
    child.start()
    theirs.close()
    assert ours.poll(60) and ours.recv() == "inside"
    [left] = [p for p in small_db.parent.iterdir() if p.name.startswith(".vd-restore-")]
    assert (left / "restored.db").exists()
    child.kill()
    child.join(30)
    assert left.exists()  # the kill left it, with a whole copy inside
    s = open_store(small_db)
    try:
        assert integrity.check(s) == []
        assert s.node_id in node_before  # still the old database: the restore never reached its rename
    finally:
        s.close()
    assert not left.exists()
