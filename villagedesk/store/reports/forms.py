"""Stored report form specifications (overriding the shipped defaults) and submission records."""

from __future__ import annotations

import sqlite3

from villagedesk.store.connection import Store


def stored_specs(store: Store) -> dict[str, sqlite3.Row]:
    """Each report's stored spec: the township's where one came down, else the village's own edit."""
    return {r["report_key"]: r for r in store.query(
        "SELECT * FROM report_forms WHERE deleted_at IS NULL ORDER BY source = 'township'")}


def stored_spec_id(store: Store, key: str, source: str) -> str | None:
    return store.scalar("SELECT id FROM report_forms WHERE report_key = ? AND source = ? AND deleted_at IS NULL",
                        (key, source))


def submissions(store: Store, village_id: str, period: str) -> dict[str, sqlite3.Row]:
    """The latest attempt of each report for the period."""
    rows = store.query("""
        SELECT * FROM report_submissions WHERE village_id = ? AND period = ? AND deleted_at IS NULL
        ORDER BY report_key, attempt""", (village_id, period))
    return {r["report_key"]: r for r in rows}


def history(store: Store, village_id: str, key: str, period: str) -> list[sqlite3.Row]:
    return store.query("""
        SELECT * FROM report_submissions WHERE village_id = ? AND report_key = ? AND period = ?
          AND deleted_at IS NULL ORDER BY attempt""", (village_id, key, period))


def office_people(store: Store, village_id: str) -> list[sqlite3.Row]:
    """Active users by role, for the tail of a form (单位负责人, 统计负责人)."""
    return store.query("""SELECT name, role FROM users WHERE village_id = ? AND active = 1 AND deleted_at IS NULL
                          ORDER BY created_at""", (village_id,))


def setting(store: Store, key: str) -> str | None:
    return store.scalar("SELECT value FROM settings WHERE key = ?", (key,))


def put_setting(store: Store, key: str, value: str) -> None:
    store.conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)", (key, value))
