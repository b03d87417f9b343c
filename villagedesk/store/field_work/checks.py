"""SQL of the field-work integrity checks: rows that break a rule the services keep."""

from __future__ import annotations

import sqlite3

from villagedesk.store.connection import Store


def follow_ups_done_before_visit(store: Store) -> list[sqlite3.Row]:
    return store.query("""SELECT f.id, f.done_at, v.visited_at FROM follow_ups f JOIN visits v ON v.id = f.visit_id
        WHERE f.deleted_at IS NULL AND f.done_at IS NOT NULL AND f.done_at <= v.visited_at LIMIT 20""")


def notices_covered_but_missing(store: Store) -> list[sqlite3.Row]:
    """Fully covered notices with a target household that has no reach (households added later excepted)."""
    return store.query("""
        SELECT n.id, n.title, count(*) AS missing FROM notices n
        JOIN notice_grids ng ON ng.notice_id = n.id AND ng.deleted_at IS NULL
        JOIN households h ON h.grid_id = ng.grid_id AND h.deleted_at IS NULL AND h.status = 'active'
        LEFT JOIN notice_reaches r ON r.notice_id = n.id AND r.household_id = h.id AND r.deleted_at IS NULL
        WHERE n.deleted_at IS NULL AND n.covered_at IS NOT NULL AND r.id IS NULL
          AND h.created_at <= n.covered_at
        GROUP BY n.id LIMIT 20""")


def orphan_emergency_days(store: Store) -> list[sqlite3.Row]:
    return store.query("""SELECT d.id, d.day FROM emergency_service_days d
        LEFT JOIN emergencies e ON e.id = d.emergency_id AND e.deleted_at IS NULL
        WHERE d.deleted_at IS NULL AND d.source = 'emergency' AND e.id IS NULL LIMIT 20""")


def disputes_without_outcome_date(store: Store) -> list[sqlite3.Row]:
    return store.query("""SELECT id, outcome FROM disputes WHERE deleted_at IS NULL AND outcome IS NOT NULL AND (
        (outcome = 'resolved_in_grid' AND resolved_on IS NULL)
        OR (outcome = 'escalated_village' AND escalated_village_on IS NULL)
        OR (outcome = 'escalated_township' AND escalated_township_on IS NULL)
        OR (outcome = 'withdrawn' AND withdrawn_on IS NULL)) LIMIT 20""")
