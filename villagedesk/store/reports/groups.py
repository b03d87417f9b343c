"""The grouped reads of the report set: points and insurance per grid, stock per goods, key populations by category."""

from __future__ import annotations

import sqlite3

from villagedesk.domain.register.resident import PRESENT_STATUSES
from villagedesk.store.connection import Store
from villagedesk.store.reports.ledgers import marks

_PRESENT = ", ".join(f"'{s}'" for s in PRESENT_STATUSES)


def points_by_grid(store: Store, vids: list[str], start: str, end: str) -> list[sqlite3.Row]:
    """Per grid of the household: points awarded and redeemed (net of reversals), receipts, goods value.
    The definitions are those of the points KPIs (store/points/kpis.py), split by grid."""
    return store.query(f"""
        WITH e AS (
            SELECT h.grid_id,
                   SUM(CASE WHEN e.kind = 'award' OR (e.kind = 'reversal' AND o.kind = 'award') THEN e.delta END)
                     AS awarded,
                   SUM(CASE WHEN e.kind = 'redeem' OR (e.kind = 'reversal' AND o.kind = 'redeem') THEN -e.delta END)
                     AS redeemed
            FROM point_entries e LEFT JOIN point_entries o ON o.id = e.reverses_id
              JOIN households h ON h.id = e.household_id
            WHERE e.village_id IN ({marks(vids)}) AND substr(e.at, 1, 10) >= ? AND substr(e.at, 1, 10) < ?
            GROUP BY h.grid_id),
        r AS (
            SELECT h.grid_id, count(*) AS receipts, SUM(x.total_value_yuan) AS value
            FROM redemptions x JOIN households h ON h.id = x.household_id
            WHERE x.village_id IN ({marks(vids)}) AND x.voided_at IS NULL
              AND substr(x.at, 1, 10) >= ? AND substr(x.at, 1, 10) < ?
            GROUP BY h.grid_id)
        SELECT g.code, g.name, COALESCE(e.awarded, 0) AS awarded, COALESCE(e.redeemed, 0) AS redeemed,
               COALESCE(r.receipts, 0) AS receipts, COALESCE(r.value, 0) AS value
        FROM grids g LEFT JOIN e ON e.grid_id = g.id LEFT JOIN r ON r.grid_id = g.id
        WHERE g.village_id IN ({marks(vids)}) AND g.deleted_at IS NULL
          AND (g.status = 'active' OR e.grid_id IS NOT NULL OR r.grid_id IS NOT NULL)
        ORDER BY g.code""", (*vids, start, end, *vids, start, end, *vids))


def ledger_chain_heads(store: Store, vids: list[str], end: str) -> list[sqlite3.Row]:
    """Per node whose ledger chain holds these villages' entries: its last entry dated before `end` (seq, hash)."""
    return store.query(f"""
        SELECT e.origin, e.seq, e.hash FROM point_entries e
        JOIN (SELECT origin, MAX(seq) AS seq FROM point_entries
              WHERE substr(at, 1, 10) < ?
                AND origin IN (SELECT DISTINCT origin FROM point_entries WHERE village_id IN ({marks(vids)}))
              GROUP BY origin) h ON h.origin = e.origin AND h.seq = e.seq
        ORDER BY e.origin""", (end, *vids))


def stock_by_goods(store: Store, vids: list[str], start: str, end: str) -> list[sqlite3.Row]:
    """Per goods: stock at the start, movements in the period by kind (quantity and value), stock at the end."""
    return store.query(f"""
        SELECT g.name, g.unit, g.value_yuan,
               COALESCE(SUM(CASE WHEN substr(m.at, 1, 10) < ? THEN m.quantity END), 0) AS opening,
               COALESCE(SUM(CASE WHEN m.kind = 'stock_in' AND substr(m.at, 1, 10) >= ? AND substr(m.at, 1, 10) < ?
                                 THEN m.quantity END), 0) AS stocked,
               COALESCE(SUM(CASE WHEN m.kind = 'stock_in' AND substr(m.at, 1, 10) >= ? AND substr(m.at, 1, 10) < ?
                                 THEN m.value_yuan END), 0) AS stocked_value,
               COALESCE(SUM(CASE WHEN m.kind IN ('redemption', 'void_return') AND substr(m.at, 1, 10) >= ?
                                  AND substr(m.at, 1, 10) < ? THEN -m.quantity END), 0) AS issued,
               COALESCE(SUM(CASE WHEN m.kind = 'adjustment' AND substr(m.at, 1, 10) >= ? AND substr(m.at, 1, 10) < ?
                                 THEN m.quantity END), 0) AS adjusted,
               COALESCE(SUM(CASE WHEN substr(m.at, 1, 10) < ? THEN m.quantity END), 0) AS closing
        FROM goods g LEFT JOIN stock_movements m ON m.goods_id = g.id AND m.deleted_at IS NULL
        WHERE g.village_id IN ({marks(vids)}) AND g.deleted_at IS NULL
        GROUP BY g.id HAVING g.active = 1 OR opening != 0 OR closing != 0 OR stocked != 0 OR issued != 0
        ORDER BY g.name""", (start, start, end, start, end, start, end, start, end, end, *vids))


def insurance_by_grid(store: Store, vids: list[str], year: int) -> list[sqlite3.Row]:
    """Present residents of active households per grid, and their enrolment of the year (none = not enrolled)."""
    return store.query(f"""
        SELECT g.code, g.name, count(r.id) AS residents,
               COALESCE(SUM(e.status = 'enrolled'), 0) AS enrolled, COALESCE(SUM(e.status = 'exempt'), 0) AS exempt
        FROM grids g JOIN households h ON h.grid_id = g.id AND h.deleted_at IS NULL AND h.status = 'active'
          JOIN residents r ON r.household_id = h.id AND r.deleted_at IS NULL AND r.residence_status IN ({_PRESENT})
          LEFT JOIN insurance_enrolments e ON e.resident_id = r.id AND e.year = ? AND e.deleted_at IS NULL
        WHERE g.village_id IN ({marks(vids)}) AND g.deleted_at IS NULL
        GROUP BY g.id ORDER BY g.code""", (year, *vids))


def key_population_by_category(store: Store, vids: list[str], start: str, end: str, today: str) -> list[sqlite3.Row]:
    """Per category current at any time in the period: residents, visits to their households in the period,
    and the follow-ups due in the period at those households, done on time and settled (done or overdue)."""
    return store.query(f"""
        WITH people AS (
            SELECT DISTINCT c.category, r.id AS resident_id, h.id AS household_id
            FROM resident_categories c
              JOIN residents r ON r.id = c.resident_id AND r.deleted_at IS NULL
                   AND r.residence_status IN ({_PRESENT})
              JOIN households h ON h.id = r.household_id AND h.deleted_at IS NULL AND h.status = 'active'
              JOIN grids g ON g.id = h.grid_id
            WHERE g.village_id IN ({marks(vids)}) AND c.deleted_at IS NULL
              AND (c.since IS NULL OR c.since < ?) AND (c.until IS NULL OR c.until >= ?)),
        homes AS (SELECT DISTINCT category, household_id FROM people)
        SELECT p.category,
               (SELECT count(DISTINCT resident_id) FROM people x WHERE x.category = p.category) AS residents,
               (SELECT count(*) FROM homes hm JOIN visits v ON v.household_id = hm.household_id
                 WHERE hm.category = p.category AND v.deleted_at IS NULL
                   AND v.visited_at >= ? AND v.visited_at < ?) AS visits,
               (SELECT COALESCE(SUM(f.done_at IS NOT NULL AND substr(f.done_at, 1, 10) <= f.due_on), 0)
                  FROM homes hm JOIN follow_ups f ON f.household_id = hm.household_id
                 WHERE hm.category = p.category AND f.deleted_at IS NULL AND f.due_on >= ? AND f.due_on < ?)
                 AS on_time,
               (SELECT COALESCE(SUM(f.done_at IS NOT NULL OR f.due_on < ?), 0)
                  FROM homes hm JOIN follow_ups f ON f.household_id = hm.household_id
                 WHERE hm.category = p.category AND f.deleted_at IS NULL AND f.due_on >= ? AND f.due_on < ?)
                 AS settled
        FROM people p GROUP BY p.category""", (*vids, end, start, start, end, start, end, today, start, end))
