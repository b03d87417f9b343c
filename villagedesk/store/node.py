"""This installation's node id, and detecting a database that was cloned or restored from backup."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from villagedesk.domain.clock import now_iso
from villagedesk.domain.errors import ConflictError
from villagedesk.domain.ids import new_id


def sidecar_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".node")


def ensure_identity(conn: sqlite3.Connection, db_path: Path, turn_over: bool = True) -> str:
    """Return this database's node id, giving it a new one if it was copied or restored.

    A sidecar file next to the database holds the node id and the token the database
    carried when last opened; the token turns over on every open. A database whose id or
    place differs from its sidecar's (copied elsewhere) or whose token is stale (restored
    from an older backup) must not reuse the old id's change sequence, so it becomes a
    new node. The new token is announced as pending before the commit and confirmed
    after it, so a crash at any point is not mistaken for a restore. With turn_over=False
    (the GUI, so the first paint does not wait for a disk flush) the caller runs
    turn_over_token() soon after; a new node id is never deferred.
    """
    row = conn.execute("SELECT node_id, token FROM node_identity WHERE id = 1").fetchone()
    reason = _reason_for_new_node(row, _read_sidecar(db_path), db_path) or _went_back_in_time(conn, row[0])
    if reason is None:
        remember_high_water(conn, row[0])
        if turn_over:
            turn_over_token(conn, db_path)
        return row[0]
    token = os.urandom(16).hex()
    node_id = new_id()
    conn.execute("BEGIN IMMEDIATE")
    try:
        series = "" if row is None else _next_series(conn)
        kept_role = role(conn)  # a copied or restored township stays a township, under its new node id
        _write_sidecar(db_path, node_id, token=None, pending=token)
        conn.execute("DELETE FROM node_identity")
        conn.execute("INSERT INTO node_identity(id, node_id, token, created_at, receipt_series, role)"
                     " VALUES (1, ?, ?, ?, ?, ?)", (node_id, token, now_iso(), series, kept_role))
        conn.execute("INSERT INTO node_history(node_id, started_at, reason, receipt_series) VALUES (?, ?, ?, ?)",
                     (node_id, now_iso(), reason, series))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    _write_sidecar(db_path, node_id, token=token, pending=None)
    return node_id


def turn_over_token(conn: sqlite3.Connection, db_path: Path) -> None:
    """Give the database a fresh token, so a backup taken before now is recognised if restored."""
    token = os.urandom(16).hex()
    conn.execute("BEGIN IMMEDIATE")
    try:
        node_id, old = conn.execute("SELECT node_id, token FROM node_identity WHERE id = 1").fetchone()
        _write_sidecar(db_path, node_id, token=old, pending=token)
        conn.execute("UPDATE node_identity SET token = ? WHERE id = 1", (token,))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    _write_sidecar(db_path, node_id, token=token, pending=None)


def _reason_for_new_node(row, side: dict | None, db_path: Path) -> str | None:
    if row is None:
        return "新建"
    if side is None or side.get("node_id") != row[0] or side.get("place") != _place(db_path):
        return "检测到数据库被复制到新位置或另一台电脑"
    if row[1] not in (side.get("token"), side.get("pending")):
        return "检测到数据库从旧备份恢复"
    return None


_LETTERS = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
# The series a village PC picks for itself or hands a second PC of its village: one or two letters, A … Z, AA … ZZ.
# Three letters are the township's to hand (services/township/series.py), so the two never meet.
OWN_SERIES = tuple(_LETTERS + [a + b for a in _LETTERS for b in _LETTERS])


def _next_series(conn: sqlite3.Connection) -> str:
    """The first series letter (A, B, … Z, AA, …, ZZ) that neither this database nor this computer has used."""
    used = {r[0] for r in conn.execute("SELECT receipt_series FROM node_history")}
    used |= {r[0] for r in conn.execute("SELECT DISTINCT series FROM redemptions")}
    used |= _read_series()
    series = next((s for s in OWN_SERIES if s not in used), None)
    if series is None:
        raise ConflictError(f"本村可用的 {len(OWN_SERIES)} 个凭证编号序列（A–ZZ）已全部用过，无法再分配新的序列；"
                            "请联系乡镇，由乡镇分配三个字母的序列。")
    _write_series(_read_series() | {series})
    return series


def receipt_series(conn: sqlite3.Connection) -> str:
    """This node's receipt series ('' for the first node of a village's first database)."""
    row = conn.execute("SELECT receipt_series FROM node_identity WHERE id = 1").fetchone()
    return row[0] if row else ""


def series_for_peer(conn: sqlite3.Connection, peer_node_id: str) -> str:
    """The receipt series this PC hands a second PC of its village: chosen once, kept in the node history
    beside this database's own series, so it is never chosen again here. Call inside a transaction."""
    row = conn.execute("SELECT receipt_series FROM node_history WHERE node_id = ?", (peer_node_id,)).fetchone()
    if row and row[0]:
        return row[0]
    series = _next_series(conn)
    conn.execute("INSERT INTO node_history(node_id, started_at, reason, receipt_series) VALUES (?, ?, ?, ?)"
                 " ON CONFLICT(node_id) DO UPDATE SET receipt_series = excluded.receipt_series",
                 (peer_node_id, now_iso(), "交给本村第二台电脑的凭证编号序列", series))
    return series


def series_handed_to(conn: sqlite3.Connection, peer_node_id: str) -> str:
    """The receipt series this PC handed a second PC of its village ('' if none yet)."""
    row = conn.execute("SELECT receipt_series FROM node_history WHERE node_id = ?", (peer_node_id,)).fetchone()
    return row[0] if row else ""


def take_series(conn: sqlite3.Connection, series: str) -> bool:
    """A second PC takes the series its village's primary PC (or its township) handed it, only while it has
    none: a PC already numbering under a series keeps it. True when taken."""
    taken = conn.execute("UPDATE node_identity SET receipt_series = ? WHERE id = 1 AND receipt_series = ''",
                         (series,)).rowcount > 0
    if not taken:
        return False
    conn.execute("UPDATE node_history SET receipt_series = ? WHERE node_id = (SELECT node_id FROM node_identity"
                 " WHERE id = 1) AND receipt_series = ''", (series,))
    _write_series(_read_series() | {series})
    return True


def remember_series(conn: sqlite3.Connection) -> None:
    """Note every receipt series a database has used, before it is replaced by a restore."""
    found = {r[0] for r in conn.execute("SELECT receipt_series FROM node_history")}
    found |= {r[0] for r in conn.execute("SELECT DISTINCT series FROM redemptions")}
    _write_series(_read_series() | (found - {""}))


def _read_series() -> set[str]:
    try:
        return {s for s in _state_file("receipt_series.txt").read_text("utf-8").split() if s}
    except (OSError, ValueError):
        return set()


def _write_series(series: set[str]) -> None:
    _write_state("receipt_series.txt", "".join(f"{s}\n" for s in sorted(series)))


def note_restored(conn: sqlite3.Connection, node_id: str, reason: str) -> None:
    """Say in the node history why this node began: restored from which backup."""
    conn.execute("UPDATE node_history SET reason = ? WHERE node_id = ?", (reason, node_id))


def high_water(conn: sqlite3.Connection, node_id: str) -> int:
    """How far this node's change log has come (its last sequence number; one index probe)."""
    return conn.execute("SELECT COALESCE(MAX(seq), 0) FROM change_log WHERE origin = ?",
                        (node_id,)).fetchone()[0]


def remember_high_water(conn: sqlite3.Connection, node_id: str) -> None:
    """Note, outside the data folder, how far this node's change log has come."""
    seen = _read_marks()
    now = high_water(conn, node_id)
    if now > seen.get(node_id, 0):
        seen[node_id] = now
        _write_marks(seen)


def _went_back_in_time(conn: sqlite3.Connection, node_id: str) -> str | None:
    """A database and its sidecar copied back together (a restore by hand, a disk image) carry a
    valid token, but fewer changes than this computer remembers the node having made; continuing
    as the same node would issue receipt numbers that are already on paper."""
    seen = _read_marks().get(node_id, 0)
    now = high_water(conn, node_id)
    if now < seen:
        return f"检测到数据库回到了较早的状态（本机记得已有 {seen} 条变更，现在只有 {now} 条），按恢复处理"
    return None


def _state_file(name: str) -> Path:
    from villagedesk.store.location import state_dir

    return state_dir() / name


def _marks_path() -> Path:
    return _state_file("change_marks.txt")


def _write_state(name: str, text: str) -> None:
    target = _state_file(name)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    tmp.write_text(text, "utf-8")
    os.replace(tmp, target)


def _read_marks() -> dict[str, int]:
    try:
        text = _marks_path().read_text("utf-8")
    except (OSError, ValueError):
        return {}
    marks = {}
    for line in text.splitlines():
        key, _, value = line.partition("=")
        if value.isdigit():
            marks[key] = int(value)
    return marks


def _write_marks(marks: dict[str, int]) -> None:
    _write_state("change_marks.txt", "".join(f"{k}={v}\n" for k, v in marks.items()))


def last_hlc(conn: sqlite3.Connection, node_id: str) -> str | None:
    """The HLC of this node's newest change: where its clock resumes.

    A node writes its entries in `seq` order with stamps from its own clock, which never goes
    backwards and resumes here, so its last entry carries its largest HLC. Reading it through the
    (origin, seq) key is one index probe; MAX(hlc) read every entry of the node, a quarter of a
    second at township scale and seconds at district scale, on every start.
    """
    row = conn.execute("SELECT hlc FROM change_log WHERE origin = ? ORDER BY seq DESC LIMIT 1",
                       (node_id,)).fetchone()
    return row[0] if row else None


def _place(db_path: Path) -> str:
    """Which computer and folder the database sits in; a copy elsewhere is another node."""
    host = os.uname().nodename if hasattr(os, "uname") else os.environ.get("COMPUTERNAME", "")
    return f"{host}:{db_path.resolve()}"


# The sidecar is four "key=value" lines, read on every open: plain text rather than JSON, so
# that opening the database at start-up does not import the json package. An unreadable or
# older sidecar reads as missing, which takes a new node id: always safe.
_SIDECAR_KEYS = ("node_id", "token", "pending", "place")


def _read_sidecar(db_path: Path) -> dict | None:
    try:
        text = sidecar_path(db_path).read_text("utf-8")
    except (OSError, ValueError):
        return None
    data = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
    if set(data) != set(_SIDECAR_KEYS):
        return None
    return {k: v or None for k, v in data.items()}


def _write_sidecar(db_path: Path, node_id: str, token: str | None, pending: str | None) -> None:
    values = (node_id, token, pending, _place(db_path))
    target = sidecar_path(db_path)
    tmp = target.with_name(target.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write("".join(f"{k}={v or ''}\n" for k, v in zip(_SIDECAR_KEYS, values, strict=True)))
    # No fsync: if a crash loses this write, the next start sees a stale token and takes a
    # new node id, which is always safe; syncing would add two disk flushes to every start.
    os.replace(tmp, target)


def role(conn: sqlite3.Connection) -> str:
    """What this node is: 'village', 'township' or 'district'."""
    row = conn.execute("SELECT role FROM node_identity WHERE id = 1").fetchone()
    return row[0] if row else "village"
