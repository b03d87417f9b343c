"""Consistent copies of a database (VACUUM INTO), checks on a copy, and the facts a backup's manifest records."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from villagedesk.domain.errors import StoreError
from villagedesk.store.connection import APPLICATION_ID, Store
from villagedesk.store.migrations import KNOWN_NAMES, SCHEMA_VERSION

_MAP_ALL = 1 << 34  # mmap the whole file when reading every page (SQLite caps it at its compile-time limit)


def vacuum_into(store: Store, target: Path) -> None:
    """A complete, consistent copy of the live database (its WAL included) in one read transaction.

    Never a file copy: a .db copied without its -wal loses the last commits. Other processes may
    go on writing while it runs; the copy holds everything committed before it began.
    """
    target.unlink(missing_ok=True)
    try:
        store.conn.execute("VACUUM INTO ?", (str(target),))
    except sqlite3.Error as exc:
        target.unlink(missing_ok=True)
        raise StoreError(f"无法复制数据库（{exc}）。请检查磁盘空间。") from exc


def backup_into(store: Store, target: Path) -> None:
    """The same complete, consistent copy through SQLite's online backup API: the pages copied as they
    are, in one step (one read transaction), so other processes go on writing meanwhile.

    The copy is a temp file that is checked and compressed next, never kept: written without a
    rollback journal or an fsync of its own (those were a third of a backup's time at township
    scale); the compressed backup is what gets synced. A crash mid-copy leaves only the work folder."""
    target.unlink(missing_ok=True)
    mapped = store.conn.execute("PRAGMA mmap_size").fetchone()[0]
    try:
        dest = sqlite3.connect(str(target))
        try:
            dest.execute("PRAGMA journal_mode = OFF")
            dest.execute("PRAGMA synchronous = OFF")
            store.conn.execute(f"PRAGMA mmap_size = {_MAP_ALL}").fetchall()  # pages read in place, not copied in
            store.conn.backup(dest)
        finally:
            dest.close()
            store.conn.execute(f"PRAGMA mmap_size = {int(mapped)}").fetchall()
    except sqlite3.Error as exc:
        target.unlink(missing_ok=True)
        raise StoreError(f"无法复制数据库（{exc}）。请检查磁盘空间。") from exc


@contextlib.contextmanager
def open_copy(path: Path, *, writable: bool = False, threads: bool = False) -> Iterator[sqlite3.Connection]:
    """A connection to a copy nobody else uses (a temp file being made or checked); `threads`: to be used on
    another thread than the one opening it."""
    uri = f"{path.resolve().as_uri()}?{'mode=rw' if writable else 'immutable=1'}"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=not threads)
    except sqlite3.Error as exc:
        raise StoreError(f"无法打开备份中的数据库：{exc}") from exc
    conn.row_factory = sqlite3.Row
    if not writable:  # the check reads every page: mapped, not copied through the page cache (a third faster)
        conn.execute(f"PRAGMA mmap_size = {_MAP_ALL}").fetchall()
    try:
        yield conn
    finally:
        conn.close()


def integrity_problems(path: Path, *, workers: int = 1) -> list[str]:
    """PRAGMA integrity_check of a copy, plus whether it is ours and not newer than this app.

    With `workers` > 1 (a backup being made) the check runs table by table on that many connections at once,
    the biggest tables first: every table and each of its indexes is checked as the whole-file check does
    (rows, cells, index entries), which on two cores halves the wait. What only the whole-file check sees,
    pages no table uses and the freelist, is not data; `backup verify` and restore run the whole-file check."""
    try:
        with open_copy(path) as conn:
            if workers > 1 and sqlite3.sqlite_version_info >= _PARTIAL_CHECK:
                result = _table_by_table(path, conn, workers)
            else:
                result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            if result != ["ok"]:
                return [f"SQLite 完整性检查：{r}" for r in result[:10]]
            return _not_ours_or_newer(conn)
    except sqlite3.DatabaseError as exc:
        return [f"不是完整的 SQLite 数据库：{exc}"]


_PARTIAL_CHECK = (3, 33, 0)  # PRAGMA integrity_check(TABLE); older SQLite would read the name as an error limit


def _table_by_table(path: Path, conn: sqlite3.Connection, workers: int) -> list[str]:
    # Biggest first, so no thread is left with a big table at the end: MAX(rowid) is one probe per table
    # and near enough to its size for tables that are only appended to (the change log, the ledgers).
    tables = []
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        try:
            size = conn.execute(f'SELECT MAX(rowid) FROM "{name}"').fetchone()[0] or 0
        except sqlite3.OperationalError:  # WITHOUT ROWID
            size = 0
        tables.append((size, name))
    queue = [name for _size, name in sorted(tables, reverse=True)]
    lock = threading.Lock()

    def work(c: sqlite3.Connection) -> list[str]:
        found: list[str] = []
        while True:
            with lock:
                if not queue:
                    return found
                name = queue.pop(0)
            found += [r[0] for r in c.execute(f'PRAGMA integrity_check("{name}")') if r[0] != "ok"]

    with contextlib.ExitStack() as stack:
        others = [stack.enter_context(open_copy(path, threads=True)) for _ in range(workers - 1)]
        with ThreadPoolExecutor(max_workers=len(others)) as pool:
            running = [pool.submit(work, c) for c in others]
            problems = work(conn)
            for f in running:
                problems += f.result()
    return problems or ["ok"]


def _not_ours_or_newer(conn: sqlite3.Connection) -> list[str]:
    if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        return ["不是村务台数据库"]
    names = {r[0] for r in conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = 'villagedesk'")}
    if names - KNOWN_NAMES or conn.execute("PRAGMA user_version").fetchone()[0] > SCHEMA_VERSION:
        return ["由更新版本的村务台创建，请先升级村务台"]
    return []


def facts(conn: sqlite3.Connection) -> dict:
    """What a manifest records: village, node, schema, counts, ledger chain heads, change-log heads.

    Read from any schema this app ever released (the automatic backup before a migration reads an
    old one): a table that schema does not have yet counts as empty."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    village = _village(conn)
    node = conn.execute("SELECT node_id FROM node_identity WHERE id = 1").fetchone()
    return {
        "village_code": village[0], "village_name": village[1], "township_name": village[2],
        "node_id": node[0] if node else "",
        "schema_version": conn.execute("PRAGMA user_version").fetchone()[0],
        "households": _scalar(conn, "SELECT count(*) FROM households WHERE deleted_at IS NULL"),
        "ledger_entries": _scalar(conn, "SELECT count(*) FROM point_entries"),
        "receipts": _scalar(conn, "SELECT count(*) FROM redemptions"),
        "chain_heads": chain_heads(conn) if "point_entries" in tables else {},
        "change_heads": change_heads(conn),
    }


def copy_facts(path: Path) -> dict | None:
    """facts() of a copy; None when the copy is too damaged to read them (its check then says why)."""
    try:
        with open_copy(path) as conn:
            return facts(conn)
    except sqlite3.DatabaseError:
        return None


# Each origin's last row, found by walking the distinct origins of an (origin, seq) key: a few index probes per
# node instead of a scan of every row (GROUP BY origin read all 3 million change-log rows at district scale).
_LAST_PER_ORIGIN = """WITH RECURSIVE o(origin) AS (
        SELECT MIN(origin) FROM {t}
        UNION ALL SELECT (SELECT MIN(origin) FROM {t} WHERE origin > o.origin) FROM o WHERE o.origin IS NOT NULL)
    SELECT o.origin, {columns} FROM o JOIN {t} x ON x.origin = o.origin
        AND x.seq = (SELECT MAX(seq) FROM {t} WHERE origin = o.origin)"""


def change_heads(conn: sqlite3.Connection) -> dict[str, int]:
    """Each node's last change-log sequence (they run 1..n without gaps)."""
    return {r[0]: r[1] for r in conn.execute(_LAST_PER_ORIGIN.format(t="change_log", columns="x.seq"))}


def chain_heads(conn: sqlite3.Connection) -> dict[str, dict]:
    """Each node's last ledger entry: its sequence and hash (the head of that node's hash chain)."""
    return {r[0]: {"seq": r[1], "hash": r[2]}
            for r in conn.execute(_LAST_PER_ORIGIN.format(t="point_entries", columns="x.seq, x.hash"))}


def live_facts(store: Store) -> dict:
    return facts(store.conn)


def change_mark(store: Store) -> str:
    """A cheap fingerprint that moves with every write of this node (two index probes)."""
    seq = store.scalar("SELECT MAX(seq) FROM change_log WHERE origin = ?", (store.node_id,)) or 0
    audit = store.scalar("SELECT MAX(id) FROM audit_log") or 0
    return f"{store.node_id}:{seq}:{audit}"


def make_new_node_on_open(path: Path, history: list[tuple[str, str, str]]) -> None:
    """Prepare a restored copy: the next open gives it a new node id (a new receipt series), and it
    keeps the node history of the database it replaces, so the series used since stay known."""
    with open_copy(path, writable=True) as conn:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE node_identity SET token = ? WHERE id = 1", ("restored-" + os.urandom(12).hex(),))
        conn.executemany("INSERT OR IGNORE INTO node_history(node_id, started_at, reason) VALUES (?, ?, ?)",
                         history)
        conn.execute("COMMIT")


def node_history(store: Store) -> list[tuple[str, str, str]]:
    return [tuple(r) for r in store.query("SELECT node_id, started_at, reason FROM node_history")]


def is_open(store: Store) -> bool:
    """Whether the store's connection still answers (a failed restore may have closed it)."""
    try:
        store.conn.execute("SELECT 1")
    except sqlite3.ProgrammingError:
        return False
    return True


def checkpoint(store: Store) -> bool:
    """Move the WAL into the database file; False when another connection keeps it busy."""
    row = store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return row[0] == 0


def _village(conn: sqlite3.Connection) -> tuple[str, str, str]:
    row = conn.execute("""SELECT v.code, v.name, v.township_name FROM villages v
        LEFT JOIN settings s ON s.key = 'home_village_code' AND s.value = v.code
        WHERE v.deleted_at IS NULL ORDER BY s.value IS NULL, v.created_at LIMIT 1""").fetchone()
    return tuple(row) if row else ("", "", "")


def _scalar(conn: sqlite3.Connection, sql: str) -> int:
    try:
        return conn.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:  # an older schema without that table
        return 0
