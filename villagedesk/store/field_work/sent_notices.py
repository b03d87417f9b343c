"""Repository of 通知下发 at the township: the notices it issued to its villages, and those villages' grids."""

from __future__ import annotations

import sqlite3

from villagedesk.store.connection import Store


def active_grids(store: Store, village_id: str) -> list[str]:
    return [r[0] for r in store.conn.execute(
        "SELECT id FROM grids WHERE village_id = ? AND status = 'active' AND deleted_at IS NULL ORDER BY code",
        (village_id,))]


def issued_here(store: Store) -> list[sqlite3.Row]:
    """Every notice this node wrote for a village, newest first, with its village's code and name."""
    return store.query("""
        SELECT n.id, n.title, n.urgency, n.issued_at, n.covered_at, v.code AS village_code, v.name AS village_name
          FROM notices n JOIN villages v ON v.id = n.village_id
         WHERE n.origin = ? AND n.deleted_at IS NULL
         ORDER BY n.issued_at DESC, n.title, v.code""", (store.node_id,))
