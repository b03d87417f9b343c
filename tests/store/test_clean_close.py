"""Opening skips quick_check only for a file exactly as this app closed it; a crash, a copy or an edit is checked."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from villagedesk.domain.errors import DamagedDatabaseError
from villagedesk.store import clean_close, open_store


def _opened_with_quick_check(path) -> bool:
    seen: list[str] = []
    real = sqlite3.connect

    def tracing(*args, **kwargs):
        conn = real(*args, **kwargs)
        conn.set_trace_callback(seen.append)
        return conn

    sqlite3.connect = tracing
    try:
        open_store(path).close()
    finally:
        sqlite3.connect = real
    return any("quick_check" in s for s in seen)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "village.db"
    open_store(path, create=True).close()
    return path


def test_a_cleanly_closed_file_opens_without_reading_every_page(db):
    assert clean_close.known_clean(db)
    assert not _opened_with_quick_check(db)
    assert not _opened_with_quick_check(db)  # and again: its own clean close vouches for it


def test_a_crash_leaves_the_wal_behind_and_the_next_open_checks(db):
    store = open_store(db)
    with store.transaction():
        store.conn.execute("INSERT INTO settings(key, value) VALUES ('x', '1')")
    # no close: the process "dies" with the WAL in place (the connection is dropped without checkpoint)
    crashed = db.with_name("crashed.db")
    shutil.copy(db, crashed)
    shutil.copy(f"{db}-wal", f"{crashed}-wal")
    store.conn.close()
    assert _opened_with_quick_check(crashed)


def test_a_file_copied_back_or_edited_outside_the_app_is_checked(db, tmp_path):
    copy = tmp_path / "copied.db"
    shutil.copy2(db, copy)  # even with its times kept
    shutil.copy2(copy, db)  # ... and put back in place: a new inode and change time
    assert not clean_close.known_clean(db)
    assert _opened_with_quick_check(db)
    assert clean_close.known_clean(db)


def test_a_flipped_byte_after_a_clean_close_is_still_refused_at_open(tmp_path):
    path = tmp_path / "village.db"
    store = open_store(path, create=True)
    with store.transaction():
        store.conn.executemany("INSERT INTO settings(key, value) VALUES (?, ?)",
                               [(f"k{i}", "v" * 400) for i in range(400)])
    root = store.scalar("SELECT rootpage FROM sqlite_master WHERE name = 'settings'")
    size = store.scalar("PRAGMA page_size")
    store.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * size] = 0x42  # the table's root page no longer says what kind of page it is
    path.write_bytes(bytes(data))
    with pytest.raises(DamagedDatabaseError):
        open_store(path).close()


def test_check_s_read_only_view_does_not_vouch_for_a_file(db):
    shutil.copy2(db, db.with_name("x.db"))
    shutil.copy2(db.with_name("x.db"), db)
    open_store(db, read_only=True).close()
    assert not clean_close.known_clean(db)
