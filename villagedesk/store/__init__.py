"""The SQLite store: open_store(), the one migration set, and repositories (SQL lives here)."""

from villagedesk.store.connection import Store, open_store

__all__ = ["Store", "open_store"]
