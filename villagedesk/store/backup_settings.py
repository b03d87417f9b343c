"""Backup settings kept in the database: thinning limits, the USB reminder, the last off-PC backup."""

from __future__ import annotations

from villagedesk.store.connection import Store


def get(store: Store, key: str) -> str | None:
    return store.scalar("SELECT value FROM settings WHERE key = ?", (f"backup.{key}",))


def put(store: Store, key: str, value: str) -> None:
    with store.transaction():
        store.conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)", (f"backup.{key}", value))
