"""Repository of a district node: its division code and name, and the townships' district packages it holds
(local settings: a district node syncs nothing, it only receives aggregates)."""

from __future__ import annotations

import json

from villagedesk.store.connection import Store

_CODE, _NAME = "home_district_code", "home_district_name"
_PACKAGE = "district_package:"  # + township code + ":" + period label; the value is the package's JSON


def district(store: Store) -> tuple[str, str] | None:
    """(code, name) of the district this node serves, if it is a district node."""
    rows = dict(store.conn.execute("SELECT key, value FROM settings WHERE key IN (?, ?)", (_CODE, _NAME)))
    return (rows[_CODE], rows[_NAME]) if _CODE in rows and _NAME in rows else None


def set_district(store: Store, code: str, name: str) -> None:
    store.conn.executemany("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)",
                           [(_CODE, code), (_NAME, name)])
    store.conn.execute("UPDATE node_identity SET role = 'district' WHERE id = 1")
    store.wrote("settings", _CODE)


def held_package(store: Store, township_code: str, period: str) -> dict | None:
    """The package held for a township and period (its manifest and aggregates, as imported)."""
    value = store.scalar("SELECT value FROM settings WHERE key = ?", (f"{_PACKAGE}{township_code}:{period}",))
    return None if value is None else json.loads(value)


def keep_package(store: Store, township_code: str, period: str, package: dict) -> None:
    key = f"{_PACKAGE}{township_code}:{period}"
    store.conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)",
                       (key, json.dumps(package, ensure_ascii=False, sort_keys=True)))
    store.wrote("settings", key)


def all_packages(store: Store) -> list[dict]:
    """Every package held, by township code then period."""
    return [json.loads(r[0]) for r in store.conn.execute(
        "SELECT value FROM settings WHERE key >= ? AND key < ? ORDER BY key", (_PACKAGE, _PACKAGE + "\uffff"))]


def packages_of(store: Store, period: str) -> list[dict]:
    """Every township's package held for `period`, by township code."""
    return [p for p in all_packages(store) if p["period"] == period]


def township_peers(store: Store) -> list:
    """The township peers this district registered (not revoked), by code."""
    return store.query("""SELECT node_id, code, name, fingerprint, paired_at FROM sync_peers
                          WHERE role = 'township' AND revoked_at IS NULL ORDER BY code, paired_at""")
