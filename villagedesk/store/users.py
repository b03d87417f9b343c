"""Repository of office users, their credentials and sign-in locks, and the office's sign-in settings."""

from __future__ import annotations

from villagedesk.domain.clock import now_iso
from villagedesk.store.connection import Store

_COLS = "id, village_id, name, role, active, worker_id, disabled_reason"


def by_id(store: Store, user_id: str):
    return store.conn.execute(f"SELECT {_COLS} FROM users WHERE id = ? AND deleted_at IS NULL",
                              (user_id,)).fetchone()


def by_name(store: Store, village_id: str | None, name: str):
    return store.conn.execute(
        f"SELECT {_COLS} FROM users WHERE name = ? AND (village_id IS ? OR village_id = ?) AND deleted_at IS NULL"
        " ORDER BY active DESC, created_at LIMIT 1", (name, village_id, village_id)).fetchone()


def all_users(store: Store, village_id: str | None) -> list:
    """Every user of the village (disabled ones too), oldest first."""
    return store.query(f"SELECT {_COLS} FROM users WHERE (village_id IS ? OR village_id = ?)"
                       " AND deleted_at IS NULL ORDER BY created_at, id", (village_id, village_id))


def active_count(store: Store, village_id: str | None, role: str | None = None) -> int:
    return store.scalar("SELECT count(*) FROM users WHERE (village_id IS ? OR village_id = ?)"
                        " AND deleted_at IS NULL AND active = 1 AND (? IS NULL OR role = ?)",
                        (village_id, village_id, role, role))


def credentials(store: Store, user_id: str):
    return store.conn.execute("SELECT pin_hash, failed_attempts, locked_until FROM user_credentials"
                              " WHERE user_id = ?", (user_id,)).fetchone()


def save_credentials(store: Store, user_id: str, *, pin_hash: str | None = None, failed: int | None = None,
                     locked_until: str | None | bool = False) -> None:
    """Upsert the local credential row; arguments left out keep their stored value."""
    store.conn.execute("INSERT OR IGNORE INTO user_credentials(user_id, changed_at) VALUES (?, ?)",
                       (user_id, now_iso()))
    if pin_hash is not None:
        store.conn.execute("UPDATE user_credentials SET pin_hash = ?, changed_at = ? WHERE user_id = ?",
                           (pin_hash, now_iso(), user_id))
    if failed is not None:
        store.conn.execute("UPDATE user_credentials SET failed_attempts = ? WHERE user_id = ?", (failed, user_id))
    if locked_until is not False:
        store.conn.execute("UPDATE user_credentials SET locked_until = ? WHERE user_id = ?",
                           (locked_until, user_id))


def current_grid_ids(store: Store, worker_id: str | None, day: str) -> list[str]:
    """The grids a worker holds on `day` (primary or deputy)."""
    if not worker_id:
        return []
    return [r[0] for r in store.query(
        "SELECT DISTINCT grid_id FROM grid_assignments WHERE worker_id = ? AND deleted_at IS NULL"
        " AND start_date <= ? AND (end_date IS NULL OR end_date >= ?)", (worker_id, day, day))]


def worker_row(store: Store, worker_id: str):
    return store.conn.execute("SELECT id, name, village_id FROM workers WHERE id = ? AND deleted_at IS NULL",
                              (worker_id,)).fetchone()


def setting(store: Store, key: str) -> str | None:
    return store.scalar("SELECT value FROM settings WHERE key = ?", (key,))


def set_setting(store: Store, key: str, value: str) -> None:
    store.conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)", (key, value))


def household_grids(store: Store, household_ids: list[str]) -> list[str]:
    """The grids of these households (for a worker's own-grid check)."""
    if not household_ids:
        return []
    marks = ", ".join("?" for _ in household_ids)
    return [r[0] for r in store.query(f"SELECT DISTINCT grid_id FROM households WHERE id IN ({marks})",
                                      list(household_ids))]


def first_grids_worker(store: Store, village_id: str, day: str):
    """The current primary worker of the village's first grid (the demo's 网格员 user)."""
    return store.conn.execute("""SELECT w.id, w.name FROM grid_assignments a JOIN workers w ON w.id = a.worker_id
        JOIN grids g ON g.id = a.grid_id WHERE g.village_id = ? AND a.role = 'primary' AND a.end_date IS NULL
        AND a.deleted_at IS NULL AND a.start_date <= ? ORDER BY g.code LIMIT 1""", (village_id, day)).fetchone()


def any_user(store: Store) -> bool:
    """Whether this PC has any office user at all (a fresh second PC has none until its first package)."""
    return store.conn.execute("SELECT 1 FROM users WHERE deleted_at IS NULL LIMIT 1").fetchone() is not None
