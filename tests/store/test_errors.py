"""One Chinese mapping for OS and SQLite errors, used by CLI and UI; the details go to the log, not the screen."""

from __future__ import annotations

import errno
import sqlite3
import subprocess
import sys

import pytest

from villagedesk import cli
from villagedesk.services import diagnostics
from villagedesk.store import connection
from villagedesk.store.failures import explain


def _sqlite_error(sql_setup, sql):
    conn = sqlite3.connect(":memory:")
    for s in sql_setup:
        conn.execute(s)
    try:
        conn.execute(sql)
    except sqlite3.Error as exc:
        return exc
    raise AssertionError("no error")


@pytest.mark.parametrize(("exc", "words"), [
    (OSError(errno.ENOSPC, "No space left on device"), "磁盘空间已满"),
    (sqlite3.OperationalError("database or disk is full"), "磁盘空间已满"),
    (OSError(errno.EROFS, "Read-only file system"), "只读"),
    (sqlite3.OperationalError("attempt to write a readonly database"), "只读"),
    (sqlite3.OperationalError("database is locked"), "正被其他操作占用"),
    (sqlite3.DatabaseError("database disk image is malformed"), "已损坏"),
    (sqlite3.DatabaseError("file is not a database"), "已损坏"),
    (sqlite3.OperationalError("disk I/O error"), "读写磁盘时出错"),
    (OSError(errno.EIO, "Input/output error"), "读写磁盘时出错"),
])
def test_every_os_and_sqlite_error_says_what_happened_and_what_to_do(exc, words):
    message = explain(exc).message
    assert words in message and "请" in message
    assert diagnostics.explain(exc) == message


def test_a_real_readonly_error_from_sqlite_is_named_by_its_code(tmp_path):
    db = tmp_path / "x.db"
    sqlite3.connect(db).execute("CREATE TABLE t (x)").connection.commit()
    conn = sqlite3.connect(db.as_uri() + "?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as info:
        conn.execute("INSERT INTO t VALUES (1)")
    assert "只读" in explain(info.value).message


def test_an_unexpected_error_is_logged_with_its_traceback_and_shown_as_one_sentence():
    try:
        {}["missing"]
    except KeyError as exc:
        shown = diagnostics.report(exc, "测试")
    assert "Traceback" not in shown and "诊断信息" in shown
    log = diagnostics.log_path().read_text("utf-8")
    assert "Traceback" in log and "KeyError" in log and "测试" in log


def test_a_second_writer_holding_the_lock_gets_chinese_from_the_cli_not_a_traceback(store, capsys, monkeypatch):
    store.close()
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, sys, time\n"
        f"c = sqlite3.connect({str(store.path)!r}, isolation_level=None)\n"
        "c.execute('BEGIN IMMEDIATE'); print('held', flush=True); time.sleep(30)\n")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 300)
        code = cli.main(["stats", "--db", str(store.path)])
        err = capsys.readouterr().err
        assert code == 1 and "正被其他操作占用" in err and "Traceback" not in err, err
        assert "OperationalError" not in err and "database is locked" not in err
    finally:
        holder.kill()
        holder.wait()
    assert "database is locked" in diagnostics.log_path().read_text("utf-8")
