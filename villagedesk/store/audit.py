"""Reading the audit trail (listing, filters, its chain) and facts about the database file."""

from __future__ import annotations

from collections.abc import Iterator

from villagedesk.store.connection import Store


def recent(store: Store, limit: int = 500, search: str = "") -> list:
    like = f"%{search}%"
    return store.query("""SELECT at, user_name, action, detail FROM audit_log
        WHERE (? = '' OR user_name LIKE ? OR action LIKE ? OR detail LIKE ?)
        ORDER BY id DESC LIMIT ?""", (search, like, like, like, limit))


def lines(store: Store, user_id: str = "", action: str = "", day_from: str = "", day_to: str = "",
          limit: int = 5000) -> list:
    """Audit lines, newest first, filtered by user, action (kind, a substring) and day range."""
    return store.query("""SELECT id, at, user_id, user_name, action, tbl, row_id, detail FROM audit_log
        WHERE (:u = '' OR user_id = :u) AND (:a = '' OR action LIKE :al)
          AND (:f = '' OR substr(at, 1, 10) >= :f) AND (:t = '' OR substr(at, 1, 10) <= :t)
        ORDER BY id DESC LIMIT :n""",
                       {"u": user_id, "a": action, "al": f"%{action}%", "f": day_from, "t": day_to, "n": limit})


def kinds(store: Store) -> list[str]:
    return [r[0] for r in store.query("SELECT DISTINCT action FROM audit_log ORDER BY action")]


def chain(store: Store) -> Iterator:
    """Every line in order, with its stored hashes, for the check."""
    yield from store.conn.execute("SELECT id, at, user_id, user_name, action, tbl, row_id, detail, prev_hash, hash"
                                  " FROM audit_log ORDER BY id")


def schema_version(store: Store) -> int:
    return store.scalar("PRAGMA user_version")


def node_started(store: Store) -> tuple[str, str] | None:
    row = store.conn.execute("SELECT started_at, reason FROM node_history WHERE node_id = ?",
                             (store.node_id,)).fetchone()
    return None if row is None else (row[0], row[1])
