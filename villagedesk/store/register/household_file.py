"""SQL of one household's file (一户一档): its members' key-population history, the year's insurance, follow-ups, disputes."""

from __future__ import annotations

import sqlite3

from villagedesk.store.connection import Store


def category_history(store: Store, household_id: str) -> list[sqlite3.Row]:
    """Every key-population row of the household's live members, current and ended, oldest first."""
    return store.query("""
        SELECT c.resident_id, c.category, c.since, c.until
        FROM resident_categories c JOIN residents r ON r.id = c.resident_id
        WHERE r.household_id = ? AND r.deleted_at IS NULL AND c.deleted_at IS NULL
        ORDER BY COALESCE(c.since, ''), c.created_at""", (household_id,))


def enrolments_of_year(store: Store, household_id: str, year: int) -> dict[str, str]:
    """resident id → insurance status of `year`, for the household's live members that have one."""
    return {r["resident_id"]: r["status"] for r in store.query("""
        SELECT e.resident_id, e.status FROM insurance_enrolments e JOIN residents r ON r.id = e.resident_id
        WHERE r.household_id = ? AND r.deleted_at IS NULL AND e.year = ? AND e.deleted_at IS NULL""",
        (household_id, year))}


def follow_ups(store: Store, household_id: str) -> list[sqlite3.Row]:
    """The household's follow-ups, latest due first: the visit that owed each, its due day, when it was done."""
    return store.query("""
        SELECT f.id, f.visit_id, f.due_on, f.done_at, v.visited_at
        FROM follow_ups f JOIN visits v ON v.id = f.visit_id
        WHERE f.household_id = ? AND f.deleted_at IS NULL
        ORDER BY f.due_on DESC, f.id DESC""", (household_id,))


def disputes_of(store: Store, household_id: str) -> list[sqlite3.Row]:
    """Disputes a member of the household is a party to, latest found first, with every party's name."""
    return store.query("""
        SELECT d.id, d.found_on, d.kind, d.summary, d.outcome, d.closed_on, g.name AS grid_name,
               (SELECT group_concat(p.name, '、') FROM dispute_parties p
                 WHERE p.dispute_id = d.id AND p.deleted_at IS NULL) AS party_names
        FROM disputes d JOIN grids g ON g.id = d.grid_id
        WHERE d.deleted_at IS NULL AND EXISTS (
            SELECT 1 FROM dispute_parties p JOIN residents r ON r.id = p.resident_id
            WHERE p.dispute_id = d.id AND p.deleted_at IS NULL AND r.household_id = ?)
        ORDER BY d.found_on DESC, d.id DESC""", (household_id,))

