"""Households and their members: reads and the checks a write needs."""

from __future__ import annotations

import sqlite3

from villagedesk.domain.scope import VillageIds
from villagedesk.store.connection import Store
from villagedesk.store.scoping import ids_param


def household(store: Store, household_id: str):
    return store.conn.execute("""
        SELECT h.*, g.name AS grid_name, g.code AS grid_code, g.status AS grid_status, g.village_id,
               COALESCE(hr.name, '') AS head_name
        FROM households h JOIN grids g ON g.id = h.grid_id
        LEFT JOIN residents hr ON hr.id = h.head_resident_id
        WHERE h.id = ? AND h.deleted_at IS NULL""", (household_id,)).fetchone()


def members(store: Store, household_id: str) -> list:
    """Live members, head first, then by birth date."""
    return store.query("""
        SELECT r.*, h.head_resident_id = r.id AS is_head FROM residents r JOIN households h ON h.id = r.household_id
        WHERE r.household_id = ? AND r.deleted_at IS NULL
        ORDER BY (h.head_resident_id = r.id) DESC, r.birth_date""", (household_id,))


def grid(store: Store, grid_id: str):
    return store.conn.execute("SELECT id, village_id, code, name, status FROM grids"
                              " WHERE id = ? AND deleted_at IS NULL", (grid_id,)).fetchone()


def grids(store: Store, village_id: VillageIds, include_retired: bool = False) -> list:
    status = "" if include_retired else " AND status = 'active'"
    return store.query(f"SELECT id, code, name, status FROM grids WHERE village_id IN (SELECT value FROM json_each(?))"
                       f" AND deleted_at IS NULL{status} ORDER BY code", (ids_param(village_id),))


def residents_by_id_number(store: Store, village_id: str, numbers: list[str]) -> dict[str, sqlite3.Row]:
    """Live residents of a village holding any of these identity numbers, with their household's address
    (a number is unique within a village: someone moved out of another village may register here)."""
    found: dict[str, sqlite3.Row] = {}
    for i in range(0, len(numbers), 900):
        chunk = numbers[i:i + 900]
        marks = ", ".join("?" for _ in chunk)
        for r in store.query(f"""
                SELECT r.id, r.id_number, r.name, r.household_id, h.hamlet, h.group_name, h.house_number,
                       COALESCE(hr.name, '') AS head_name
                FROM residents r JOIN households h ON h.id = r.household_id JOIN grids g ON g.id = h.grid_id
                LEFT JOIN residents hr ON hr.id = h.head_resident_id
                WHERE r.id_number IN ({marks}) AND r.deleted_at IS NULL AND g.village_id = ?""",
                [*chunk, village_id]):
            found[r["id_number"]] = r
    return found


def household_at(store: Store, grid_village_id: str, hamlet: str, group_name: str, house_number: str):
    """An active household of the village at exactly this address, if any."""
    return store.conn.execute("""
        SELECT h.id, COALESCE(hr.name, '') AS head_name FROM households h JOIN grids g ON g.id = h.grid_id
        LEFT JOIN residents hr ON hr.id = h.head_resident_id
        WHERE g.village_id = ? AND h.hamlet = ? AND h.group_name = ? AND h.house_number = ?
          AND h.house_number <> '' AND h.status = 'active' AND h.deleted_at IS NULL""",
        (grid_village_id, hamlet, group_name, house_number)).fetchone()


def active_addresses(store: Store, village_id: str) -> dict[tuple[str, str, str], str]:
    """(hamlet, group, house number) → head's name, of the village's active households with a house number."""
    return {(r["hamlet"], r["group_name"], r["house_number"]): r["head_name"] for r in store.query("""
        SELECT h.hamlet, h.group_name, h.house_number, COALESCE(hr.name, '') AS head_name
        FROM households h JOIN grids g ON g.id = h.grid_id LEFT JOIN residents hr ON hr.id = h.head_resident_id
        WHERE g.village_id = ? AND h.status = 'active' AND h.deleted_at IS NULL AND h.house_number <> ''""",
        (village_id,))}


def moves(store: Store, household_id: str) -> list:
    return store.query("""
        SELECT m.moved_on, m.reason, gf.name AS from_name, gt.name AS to_name, m.updated_by
        FROM household_moves m JOIN grids gf ON gf.id = m.from_grid_id JOIN grids gt ON gt.id = m.to_grid_id
        WHERE m.household_id = ? AND m.deleted_at IS NULL ORDER BY m.moved_on, m.created_at""", (household_id,))


def resident(store: Store, resident_id: str):
    return store.conn.execute("SELECT * FROM residents WHERE id = ? AND deleted_at IS NULL",
                              (resident_id,)).fetchone()
