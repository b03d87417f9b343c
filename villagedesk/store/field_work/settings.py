"""Local settings of field work (this PC's village): read and write one key of the settings table."""

from __future__ import annotations

from villagedesk.store.connection import Store


def get(store: Store, key: str) -> str | None:
    return store.scalar("SELECT value FROM settings WHERE key = ?", (key,))


def put(store: Store, key: str, value: str) -> None:
    store.conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)", (key, value))
    store.wrote("settings", key)
