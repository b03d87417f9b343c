"""Repository of the village identity and office users."""

from __future__ import annotations

from villagedesk.domain.scope import VillageIds
from villagedesk.domain.village import Village
from villagedesk.store.connection import Store
from villagedesk.store.scoping import ids_param


def home_village_row(store: Store):
    """The village this installation serves: the one named in settings, else the only one."""
    return store.conn.execute(  # one statement: every listing asks for it
        "SELECT v.* FROM settings s JOIN villages v ON v.code = s.value AND v.deleted_at IS NULL"
        " WHERE s.key = 'home_village_code'").fetchone()


def to_village(row) -> Village:
    return Village(row["code"], row["name"], row["township_name"])


def set_home_village(store: Store, code: str) -> None:
    store.conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('home_village_code', ?)", (code,))
    store.wrote("settings", "home_village_code")


def users(store: Store, village_id: str | None) -> list:
    """Active users of a village (None: a township node's own users, who belong to no village)."""
    return store.query("SELECT id, name, role FROM users WHERE village_id IS ? AND deleted_at IS NULL"
                       " AND active = 1 ORDER BY created_at", (village_id,))


def record_counts(store: Store, village_id: VillageIds) -> dict[str, int]:
    """Live grids, households and residents of a village (retired grids and moved households excluded)."""
    row = store.conn.execute("""
        SELECT
          (SELECT count(*) FROM grids g WHERE g.village_id IN (SELECT value FROM json_each(:v)) AND g.deleted_at IS NULL
              AND g.status = 'active') AS grids,
          (SELECT count(*) FROM households h JOIN grids g ON g.id = h.grid_id
            WHERE g.village_id IN (SELECT value FROM json_each(:v)) AND h.deleted_at IS NULL AND h.status = 'active') AS households,
          (SELECT count(*) FROM residents r JOIN households h ON h.id = r.household_id
             JOIN grids g ON g.id = h.grid_id
            WHERE g.village_id IN (SELECT value FROM json_each(:v)) AND r.deleted_at IS NULL AND h.deleted_at IS NULL
              AND h.status = 'active' AND r.residence_status IN ('living', 'working_away')) AS residents
        """, {"v": ids_param(village_id)}).fetchone()
    return {"grids": row["grids"], "households": row["households"], "residents": row["residents"]}


def has_village_data(store: Store) -> bool:
    return bool(store.scalar("SELECT EXISTS (SELECT 1 FROM grids) OR EXISTS (SELECT 1 FROM households)"))


def village_row(store: Store, village_id: str):
    return store.conn.execute("SELECT * FROM villages WHERE id = ?", (village_id,)).fetchone()


def village_code(store: Store, village_id: str) -> str | None:
    """The 12-digit division code of a village (what receipts and reports print)."""
    return store.scalar("SELECT code FROM villages WHERE id = ?", (village_id,))


def id_by_code(store: Store, code: str) -> str | None:
    """The live village with division code `code` held in this database, if any."""
    return store.scalar("SELECT id FROM villages WHERE code = ? AND deleted_at IS NULL", (code,))


def live_villages(store: Store) -> list:
    """Every village in the database, by division code."""
    return store.query("SELECT id, code, name FROM villages WHERE deleted_at IS NULL ORDER BY code")


def township_style(store: Store) -> bool:
    """A township or district node, or a database marked as holding several villages (demo --villages N)."""
    return bool(store.scalar("""SELECT (SELECT role FROM node_identity WHERE id = 1) IN ('township', 'district')
        OR EXISTS (SELECT 1 FROM settings WHERE key = 'township_style' AND value = '1')"""))


def is_demo(store: Store) -> bool:
    """A database the demo generator filled: practice data, not a village's records."""
    return bool(store.scalar("SELECT EXISTS (SELECT 1 FROM settings WHERE key = 'demo' AND value = '1')"))


def mark_demo(store: Store) -> None:
    store.conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('demo', '1')")
    store.wrote("settings", "demo")


def mark_township_style(store: Store) -> None:
    store.conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('township_style', '1')")
    store.wrote("settings", "township_style")
