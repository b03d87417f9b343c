"""Bulk reads the field-work demo builds on: grids, households, key-population households, who held each grid."""

from __future__ import annotations

import sqlite3

from villagedesk.store.connection import Store


def _marks(ids: list[str]) -> str:
    return ", ".join("?" for _ in ids)


def grids(store: Store, village_ids: list[str]) -> list[sqlite3.Row]:
    return store.query(f"""SELECT id, village_id, code, name FROM grids
        WHERE village_id IN ({_marks(village_ids)}) AND deleted_at IS NULL AND status = 'active'
        ORDER BY village_id, code""", village_ids)


def households(store: Store, village_ids: list[str]) -> list[sqlite3.Row]:
    """Active households in insertion order, with their head and the day the household became a key population."""
    return store.query(f"""
        SELECT h.id, h.grid_id, h.head_resident_id, COALESCE(hr.name, '') AS head_name,
               h.hamlet || ' ' || h.house_number AS address,
               (SELECT MIN(COALESCE(c.since, '1900-01-01')) FROM residents r JOIN resident_categories c
                  ON c.resident_id = r.id AND c.until IS NULL AND c.deleted_at IS NULL
                WHERE r.household_id = h.id AND r.deleted_at IS NULL
                  AND r.residence_status IN ('living', 'working_away')) AS key_since
        FROM households h JOIN grids g ON g.id = h.grid_id LEFT JOIN residents hr ON hr.id = h.head_resident_id
        WHERE g.village_id IN ({_marks(village_ids)}) AND h.deleted_at IS NULL AND h.status = 'active'
        ORDER BY h.rowid""", village_ids)


def primary_holders(store: Store, village_ids: list[str]) -> list[sqlite3.Row]:
    """Every primary assignment of the villages' grids, oldest first."""
    return store.query(f"""
        SELECT a.grid_id, a.worker_id, a.start_date, a.end_date, w.name AS worker_name
        FROM grid_assignments a JOIN workers w ON w.id = a.worker_id JOIN grids g ON g.id = a.grid_id
        WHERE g.village_id IN ({_marks(village_ids)}) AND a.role = 'primary' AND a.deleted_at IS NULL
          AND w.deleted_at IS NULL
        ORDER BY a.rowid""", village_ids)


def service_days_taken(store: Store) -> set[tuple[str, str]]:
    return {(r[0], r[1]) for r in store.query(
        "SELECT worker_id, day FROM emergency_service_days WHERE deleted_at IS NULL")}
