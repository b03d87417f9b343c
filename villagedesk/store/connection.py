"""open_store(): one SQLite file, WAL, synchronous=FULL, foreign keys, checks at start, migrations."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from villagedesk.domain.actor import Actor
from villagedesk.domain.audit_chain import GENESIS as AUDIT_GENESIS
from villagedesk.domain.audit_chain import line_hash
from villagedesk.domain.clock import HybridClock, now_iso
from villagedesk.domain.errors import DamagedDatabaseError, NotFoundError, StoreError
from villagedesk.domain.ids import new_id
from villagedesk.store import clean_close, node, scratch, writer_note
from villagedesk.store.migrations import KNOWN_NAMES, MIGRATIONS, SCHEMA_VERSION

APPLICATION_ID = 0x56444B31  # "VDK1" in the SQLite header marks a VillageDesk database
BUSY_TIMEOUT_MS = 10_000
_SQLITE_MAGIC = b"SQLite format 3\x00"
# One statement, so two connections appending at once still chain (the write lock orders them).
_AUDIT_SQL = """INSERT INTO audit_log(id, at, user_id, user_name, action, tbl, row_id, detail, prev_hash, hash)
    SELECT n, :at, :uid, :uname, :action, :tbl, :row, :detail, p,
           vd_audit_hash(p, n, :at, :uid, :uname, :action, :tbl, :row, :detail)
    FROM (SELECT COALESCE(MAX(id), 0) + 1 AS n,
                 COALESCE((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), :genesis) AS p
          FROM audit_log)"""


class Store:
    """An open database: the sqlite-utils Database, this node's id and clock, and write helpers."""

    def __init__(self, conn: sqlite3.Connection, path: Path, node_id: str, clock: HybridClock):
        self.conn = conn
        self.path = path
        self.node_id = node_id
        self.clock = clock
        self._db = None
        self._savepoints = 0
        self._collecting: list[dict[str, set[str | None]]] = []
        self.note_clean_close = True  # off for `check`'s read-only view, which must not vouch for the file
        self.pages_checked = False  # quick_check passed as it opened (the GUI need not check again after paint)
        self.lock_wait_ms = BUSY_TIMEOUT_MS  # how long a write waits for another writer's lock before 'locked'

    # -- what was written: every write helper below notes its table and row, for the write's `changes` --

    @contextlib.contextmanager
    def collecting(self) -> Iterator[dict[str, set[str | None]]]:
        """Note, while the block runs, which tables (and row ids, None when not known) are written."""
        written: dict[str, set[str | None]] = {}
        self._collecting.append(written)
        try:
            yield written
        finally:  # by identity: list.remove compares by value, and a nested block's empty dict equals its outer's
            self._collecting[:] = [w for w in self._collecting if w is not written]

    def wrote(self, table: str, *row_ids: str | None) -> None:
        """Note a write the helpers below did not make (a repository's own statement)."""
        for written in self._collecting:
            written.setdefault(table, set()).update(row_ids or (None,))

    @property
    def db(self):
        """The sqlite-utils Database over the same connection, made on first use (it is slow to import)."""
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn)
        return self._db

    def wait_for_lock_at_most(self, ms: int) -> None:
        """From now on a write waits at most `ms` for another writer's lock (the window's own connection: a
        save reports 'locked' in Chinese, nothing written and the form kept, instead of freezing the window)."""
        self.lock_wait_ms = int(ms)
        self.conn.execute(f"PRAGMA busy_timeout = {self.lock_wait_ms}")

    @contextlib.contextmanager
    def waiting_at_most(self, ms: int) -> Iterator[Store]:
        """A shorter wait for the write lock inside the block: a write tried from the window reports 'locked'
        (StoreError kind 'locked', nothing written) soon, to be retried, instead of freezing the window."""
        self.conn.execute(f"PRAGMA busy_timeout = {int(ms)}")
        try:
            yield self
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {self.lock_wait_ms}")

    @contextlib.contextmanager
    def transaction(self, holding: str | None = None) -> Iterator[Store]:
        """One write transaction (BEGIN IMMEDIATE); nested calls become savepoints.

        A long writer (an import, a sync, the demo) names what it does in `holding`: while it holds the
        write lock a note beside the database says so, and a writer kept waiting tells its user."""
        if self.conn.in_transaction:
            self._savepoints += 1
            name = f"vd_sp_{self._savepoints}"
            self.conn.execute(f"SAVEPOINT {name}")
            try:
                yield self
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                    self.conn.execute(f"RELEASE SAVEPOINT {name}")
                raise
            else:
                self.conn.execute(f"RELEASE SAVEPOINT {name}")
            finally:
                self._savepoints -= 1
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                with writer_note.held(self.path, holding) if holding else contextlib.nullcontext():
                    yield self
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            else:
                self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            # A full disk, a locked or read-only file reach the caller as Chinese (StoreError,
            # with the SQLite error as its cause); a broken rule (IntegrityError) stays as it is.
            from villagedesk.store.failures import explain

            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            known = explain(exc, self.path)
            if known is None:
                raise
            raise known from exc

    def query(self, sql: str, params: tuple | list | dict = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    def scalar(self, sql: str, params: tuple | list | dict = ()):
        row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    # -- writes: every synced row gets its common columns here, and the audit trail a line --

    def stamp(self, actor: Actor, *, new: bool) -> dict:
        """The common columns for a row written now by `actor` on this node."""
        at = now_iso()
        cols = {"hlc": self.clock.now(), "updated_at": at, "updated_by": actor.user_id}
        if new:
            cols.update(origin=self.node_id, created_at=at)
        return cols

    def insert(self, table: str, record: dict, actor: Actor, action: str | None = None,
               detail: str = "") -> str:
        """Insert one synced row (id made if absent) and audit it; returns the id."""
        row = {"id": record.get("id") or new_id(), **record, **self.stamp(actor, new=True)}
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        self.conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", tuple(row.values()))
        self.wrote(table, row["id"])
        self.audit(actor, action or f"新增 {table}", table, row["id"], detail)
        return row["id"]

    def insert_many(self, table: str, rows: list[dict], actor: Actor) -> int:
        """Insert many synced rows that share one column layout (bulk import, demo); no audit per row."""
        if not rows:
            return 0
        stamp = self.stamp(actor, new=True)
        cols = list(rows[0]) + [c for c in stamp if c not in rows[0]]
        sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
        now = self.clock.now

        def values(r: dict) -> list:
            row = {**stamp, "hlc": now(), **r}
            return [row[c] for c in cols]

        self.conn.executemany(sql, map(values, rows))
        if self._collecting:
            self.wrote(table, *(r.get("id") for r in rows))
        return len(rows)

    def update(self, table: str, row_id: str, changes: dict, actor: Actor, action: str | None = None,
               detail: str = "") -> None:
        """Update fields of one live row and audit it."""
        row = {**changes, **self.stamp(actor, new=False)}
        sets = ", ".join(f"{c} = ?" for c in row)
        cur = self.conn.execute(f"UPDATE {table} SET {sets} WHERE id = ? AND deleted_at IS NULL",
                                (*row.values(), row_id))
        if cur.rowcount != 1:
            raise NotFoundError(f"要修改的记录不存在或已作废（{table} {row_id}）")
        self.wrote(table, row_id)
        self.audit(actor, action or f"修改 {table}", table, row_id, detail)

    def tombstone(self, table: str, row_id: str, actor: Actor, action: str | None = None,
                  detail: str = "") -> None:
        """Mark a row deleted; nothing a user entered is hard-deleted."""
        self.update(table, row_id, {"deleted_at": now_iso()}, actor, action or f"作废 {table}", detail)

    def audit(self, actor: Actor, action: str, table: str | None = None, row_id: str | None = None,
              detail: str = "") -> None:
        """Append one line to the audit trail, numbered gap-free and chained to the line before."""
        self.conn.execute(_AUDIT_SQL, {"at": now_iso(), "uid": actor.user_id, "uname": actor.name,
                                       "action": action, "tbl": table, "row": row_id, "detail": detail,
                                       "genesis": AUDIT_GENESIS})
        if self._collecting:
            self.wrote("audit_log", None)

    def for_thread(self) -> Store:
        """A second connection to the same file, for a job running on another thread."""
        conn = _connect(self.path)
        _configure(conn)
        return Store(conn, self.path, self.node_id, self.clock)

    def close(self) -> None:
        if self.node_id:
            with contextlib.suppress(sqlite3.Error, OSError):
                node.remember_high_water(self.conn, self.node_id)
        self.conn.close()
        if self.note_clean_close:
            with contextlib.suppress(OSError):
                clean_close.remember(self.path)


def open_store(path: str | Path, *, create: bool = False, quick_check: bool | None = None,
               turn_over_token: bool = True, read_only: bool = False,
               before_migrate: Callable[[Store], None] | None = None) -> Store:
    """Open (or, with create=True, make) a VillageDesk database and bring its schema up to date.

    A file that is not ours (empty, text, a foreign SQLite file), is damaged, comes from a newer
    app, or sits where it cannot be written is refused before anything is written to it. A new
    file that fails while being set up (a full disk) is removed, so the next try starts clean.
    With read_only=True (`check`) nothing is written at all: no migration, no token turnover.
    A damaged, truncated or foreign file raises DamagedDatabaseError (the app then offers to move
    it aside and restore a backup). `before_migrate` is called with the still-old database before
    its schema is upgraded (the automatic backup). `quick_check` None (the default) checks the
    file's pages unless it is exactly as this app last closed it (store/clean_close.py); True always,
    False never (the GUI checks after its first paint). The work folders that a backup or restore
    killed beside the database left behind (store/scratch.py) are removed once it is open.
    """
    path = Path(path)
    fresh = not path.exists()
    if quick_check is None:
        quick_check = not fresh and not clean_close.known_clean(path)
    if fresh and (not create or read_only):
        raise StoreError(f"数据库文件不存在：{path}。请先用 init 初始化，或检查路径。")
    if not fresh:
        _refuse_unusable_file(path, writing=not read_only)
    if read_only:
        return _open_read_only(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = _connect(path)
    except OSError as exc:
        raise _explained(exc, path) from exc
    try:
        if fresh:
            # Marked ours first: a first start cut short (a full disk) can be resumed, not refused as foreign.
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        else:
            _refuse_foreign_or_newer(conn, path)
        _configure(conn)
        checked = not fresh and bool(quick_check or MIGRATIONS.pending_names(conn))
        if checked:
            _refuse_damaged(conn, path)  # never migrate a damaged file
        if before_migrate is not None and not fresh and MIGRATIONS.pending_names(conn):
            before_migrate(Store(conn, path, "", HybridClock()))
        MIGRATIONS.apply(conn)
        if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        node_id = node.ensure_identity(conn, path, turn_over=turn_over_token)
        clock = HybridClock(node.last_hlc(conn, node_id))
        scratch.clear(path.parent)  # a backup or restore killed beside this database left its work folder
        writer_note.clear(path)  # and a long writer killed while writing its note
        store = Store(conn, path, node_id, clock)
        store.pages_checked = checked
        store.__dict__["_node_role"] = node.role(conn)  # read once: every write service asks (services/writes.py)
        return store
    except BaseException as exc:
        conn.close()
        if fresh:
            from villagedesk.store.location import remove_database_files

            remove_database_files(path)
        if isinstance(exc, sqlite3.Error | OSError):
            raise _explained(exc, path) from exc
        raise


def _refuse_truncated(path: Path, header: bytes) -> None:
    """A file shorter than its header's page count lost its tail (a copy cut short, a full disk).

    The count is trusted only when the header says it is current, and only with no WAL waiting
    to be checkpointed, which may legitimately extend the file."""
    if len(header) < 100 or header[92:96] != header[24:28]:
        return
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    wal = Path(str(path) + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return
    if pages and path.stat().st_size < pages * page_size:
        raise DamagedDatabaseError(f"数据库文件“{path}”不完整（被截断，只剩 {path.stat().st_size} 字节，"
                                   f"应有 {pages * page_size} 字节）。请从备份恢复。", path)


def _explained(exc: BaseException, path: Path) -> StoreError:
    from villagedesk.store.failures import explain

    error = explain(exc, path) or StoreError(f"无法打开数据库“{path}”。")
    error.__cause__ = exc  # the details, for the diagnostics log
    return error


def _open_read_only(path: Path) -> Store:
    """A connection that cannot write: for `check`. Read-only media are read as immutable."""
    uri = path.resolve().as_uri()
    modes = ["?mode=ro"]
    wal = Path(str(path) + "-wal")
    if not wal.exists() or wal.stat().st_size == 0:
        # Nothing waits in a WAL, so the file alone is the database: read it without the
        # shared-memory index, which a read-only folder or a full disk cannot hold.
        modes.append("?immutable=1")
    for i, mode in enumerate(modes):
        conn = sqlite3.connect(uri + mode, uri=True, isolation_level=None, check_same_thread=False,
                               timeout=BUSY_TIMEOUT_MS / 1000)
        conn.row_factory = sqlite3.Row
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            conn.close()
            if i + 1 < len(modes):
                continue
            raise _explained(exc, path) from exc
        break
    try:
        _refuse_foreign_or_newer(conn, path)
        pending = MIGRATIONS.pending_names(conn)
        row = conn.execute("SELECT node_id FROM node_identity WHERE id = 1").fetchone()
        if pending or row is None:
            raise StoreError(f"“{path}”的数据结构比本程序旧，需要先升级；检查不修改文件，"
                             "请先用村务台打开它一次（会自动升级），再检查。")
        store = Store(conn, path, row[0], HybridClock(node.last_hlc(conn, row[0])))
        store.note_clean_close = False
        return store
    except BaseException as exc:
        conn.close()
        if isinstance(exc, sqlite3.Error):
            raise _explained(exc, path) from exc
        raise


def _refuse_unusable_file(path: Path, writing: bool) -> None:
    """Refuse, from the file system alone, what cannot be a database of ours or cannot be written."""
    if path.is_dir():
        raise StoreError(f"“{path}”是文件夹，不是数据库文件。请检查路径。")
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(100)
    except OSError as exc:
        raise _explained(exc, path) from exc
    if size == 0:
        raise DamagedDatabaseError(f"“{path}”是空文件（0 字节），不是村务台数据库，可能在复制或断电时被清空。"
                         "为免覆盖，本程序不会把它当作新库使用。请从备份恢复，或换一个文件名新建。", path)
    if head[:16] != _SQLITE_MAGIC:
        raise DamagedDatabaseError(f"“{path}”不是村务台数据库（不是 SQLite 文件），或已损坏。"
                                   "请检查选的文件是否正确。", path)
    if len(head) < 100:
        raise DamagedDatabaseError(f"“{path}”只有 {size} 字节，文件不完整（被截断）。请从备份恢复。", path)
    _refuse_truncated(path, head)
    if writing:
        read_only_place = StoreError(f"“{path}”所在的磁盘或文件夹是只读的（例如写保护的 U 盘或光盘），"
                                     "无法保存更改。请把数据库复制到本机硬盘上再打开。")
        if _on_read_only_media(path.parent):  # every file there is read-only too: name the stick, not the file
            raise read_only_place
        if not os.access(path, os.W_OK):
            raise StoreError(f"“{path}”是只读文件，无法保存更改。请把它复制到本机硬盘，"
                             "或在文件属性中取消“只读”后再打开。")
        if not os.access(path.parent, os.W_OK):
            raise read_only_place


def _on_read_only_media(folder: Path) -> bool:
    """The folder is on a file system mounted read-only (a write-protected stick, a CD); False where unknown."""
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):  # Windows has no statvfs
        return False


def _refuse_damaged(conn: sqlite3.Connection, path: Path) -> None:
    try:
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        result = str(exc)
    if result != "ok":
        raise DamagedDatabaseError(f"数据库文件已损坏（quick_check：{result}），本程序没有改动它。"
                                   "请不要再往里录入，先从备份恢复，并联系技术人员。", path)


def _connect(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000,
                               check_same_thread=False)
    except sqlite3.Error as exc:
        raise _explained(exc, path) from exc
    conn.row_factory = sqlite3.Row
    return conn


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA recursive_triggers = ON")
    conn.create_function("vd_audit_hash", 9, line_hash, deterministic=True)


def _refuse_foreign_or_newer(conn: sqlite3.Connection, path: Path) -> None:
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        from villagedesk.store.failures import kind_of

        if kind_of(exc, path) == "corrupt":
            raise DamagedDatabaseError(f"“{path}”已损坏，无法读取（{exc}），本程序没有改动它。请从备份恢复。",
                                       path) from exc
        raise _explained(exc, path) from exc
    if app_id != APPLICATION_ID:
        what = "其中的表不是本程序创建的" if tables else "是一个空的、不是本程序创建的 SQLite 文件"
        raise DamagedDatabaseError(f"“{path}”不是村务台数据库（{what}），本程序没有改动它。"
                                   "请检查选的文件是否正确。", path)
    if version > SCHEMA_VERSION:
        raise StoreError(f"该数据库由更新版本的村务台创建（数据结构版本 {version}），"
                         f"本程序只支持到版本 {SCHEMA_VERSION}。请先升级村务台。")
    if tables:
        try:
            names = {r[0] for r in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = 'villagedesk'")}
        except sqlite3.DatabaseError:
            raise DamagedDatabaseError(f"“{path}”不是完整的村务台数据库（缺少数据结构记录）。", path) from None
        unknown = names - KNOWN_NAMES
        if unknown:
            raise StoreError("该数据库由更新版本的村务台创建（含本程序不认识的数据结构："
                             f"{'、'.join(sorted(unknown))}）。请先升级村务台。")
