"""Reading the audit trail and facts about the database file."""

from __future__ import annotations

from villagedesk.store.connection import Store


def recent(store: Store, limit: int = 500, search: str = "") -> list:
    like = f"%{search}%"
    return store.query("""SELECT at, user_name, action, detail FROM audit_log
        WHERE (? = '' OR user_name LIKE ? OR action LIKE ? OR detail LIKE ?)
        ORDER BY id DESC LIMIT ?""", (search, like, like, like, limit))


def schema_version(store: Store) -> int:
    return store.scalar("PRAGMA user_version")


def node_started(store: Store) -> tuple[str, str] | None:
    row = store.conn.execute("SELECT started_at, reason FROM node_history WHERE node_id = ?",
                             (store.node_id,)).fetchone()
    return None if row is None else (row[0], row[1])
