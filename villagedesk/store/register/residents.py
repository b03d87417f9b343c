"""A resident's key-population categories and insurance enrolments."""

from __future__ import annotations

from villagedesk.store.connection import Store


def current_categories(store: Store, resident_id: str) -> dict[str, str]:
    """category → row id of the resident's current categories."""
    return {r["category"]: r["id"] for r in store.query(
        "SELECT id, category FROM resident_categories WHERE resident_id = ? AND deleted_at IS NULL"
        " AND until IS NULL", (resident_id,))}


def enrolments(store: Store, resident_id: str) -> dict[int, tuple[str, str]]:
    """year → (row id, status)."""
    return {r["year"]: (r["id"], r["status"]) for r in store.query(
        "SELECT id, year, status FROM insurance_enrolments WHERE resident_id = ? AND deleted_at IS NULL",
        (resident_id,))}


def enrolment_row(store: Store, resident_id: str, year: int):
    return store.conn.execute("SELECT id, status FROM insurance_enrolments WHERE resident_id = ? AND year = ?"
                              " AND deleted_at IS NULL", (resident_id, year)).fetchone()


def head_of(store: Store, household_id: str):
    return store.conn.execute("""SELECT r.id, r.name FROM households h JOIN residents r ON r.id = h.head_resident_id
                                 WHERE h.id = ?""", (household_id,)).fetchone()


def other_members(store: Store, household_id: str, resident_id: str) -> int:
    return store.scalar("SELECT count(*) FROM residents WHERE household_id = ? AND id <> ? AND deleted_at IS NULL",
                        (household_id, resident_id))
