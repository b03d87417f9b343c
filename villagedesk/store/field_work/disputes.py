"""SQL of disputes: the case, its parties and mediation attempts, the ledger and the counts behind the KPIs."""

from __future__ import annotations

import sqlite3

from villagedesk.domain.scope import VillageIds
from villagedesk.store.connection import Store
from villagedesk.store.scoping import grids_param, ids_param


def dispute(store: Store, dispute_id: str) -> sqlite3.Row | None:
    return store.conn.execute("""
        SELECT d.*, g.name AS grid_name, g.code AS grid_code FROM disputes d JOIN grids g ON g.id = d.grid_id
        WHERE d.id = ? AND d.deleted_at IS NULL""", (dispute_id,)).fetchone()


def parties(store: Store, dispute_id: str) -> list[sqlite3.Row]:
    return store.query("""
        SELECT p.id, p.seq, p.resident_id, p.name, p.phone, p.address, r.sex, r.id_number,
               h.hamlet, h.house_number, h.group_name, r.phone AS resident_phone
        FROM dispute_parties p LEFT JOIN residents r ON r.id = p.resident_id
        LEFT JOIN households h ON h.id = r.household_id
        WHERE p.dispute_id = ? AND p.deleted_at IS NULL ORDER BY p.seq""", (dispute_id,))


def next_party_seq(store: Store, dispute_id: str) -> int:
    return store.scalar("SELECT COALESCE(MAX(seq), 0) + 1 FROM dispute_parties WHERE dispute_id = ?",
                        (dispute_id,))


def mediations(store: Store, dispute_id: str) -> list[sqlite3.Row]:
    return store.query("""SELECT id, held_on, mediator, mediator_worker_id, result, content, terms
        FROM mediations WHERE dispute_id = ? AND deleted_at IS NULL ORDER BY held_on, created_at""",
                       (dispute_id,))


def year_sequence(store: Store, village_id: str, dispute_id: str, year: str) -> int:
    """The dispute's number within its village and year, in the order disputes were registered."""
    return store.scalar("""
        SELECT count(*) FROM disputes d, disputes me
        WHERE me.id = :id AND d.village_id = :v AND d.deleted_at IS NULL AND substr(d.found_on, 1, 4) = :y
          AND (d.created_at < me.created_at OR (d.created_at = me.created_at AND d.id <= me.id))""",
                        {"id": dispute_id, "v": village_id, "y": year})


def ledger(store: Store, village_id: VillageIds, grid_id: str | None = None, state: str | None = None,
           start: str | None = None, end: str | None = None, limit: int = 100_000,
           grid_ids: tuple[str, ...] | None = None) -> list[sqlite3.Row]:
    """Disputes found in [start, end), by grid then date; state 'open' or an outcome code."""
    return store.query("""
        SELECT d.id, d.found_on, d.kind, d.summary, d.found_by, d.outcome, d.closed_on, d.resolved_on,
               d.escalated_village_on, d.escalated_township_on, d.withdrawn_on,
               g.name AS grid_name, g.code AS grid_code, vl.name AS village_name,
               (SELECT group_concat(p.name, '、') FROM dispute_parties p
                 WHERE p.dispute_id = d.id AND p.deleted_at IS NULL) AS party_names,
               (SELECT count(*) FROM mediations m WHERE m.dispute_id = d.id AND m.deleted_at IS NULL) AS attempts
        FROM disputes d JOIN grids g ON g.id = d.grid_id JOIN villages vl ON vl.id = d.village_id
        WHERE d.village_id IN (SELECT value FROM json_each(:v)) AND d.deleted_at IS NULL
          AND (:g IS NULL OR d.grid_id = :g) AND (:gs IS NULL OR d.grid_id IN (SELECT value FROM json_each(:gs)))
          AND (:state IS NULL OR (:state = 'open' AND d.outcome IS NULL) OR d.outcome = :state)
          AND (:start IS NULL OR d.found_on >= :start) AND (:end IS NULL OR d.found_on < :end)
        ORDER BY vl.code, g.code, d.found_on, d.id LIMIT :limit""",
                       {"v": ids_param(village_id), "g": grid_id, "state": state, "start": start, "end": end,
                        "limit": limit, "gs": grids_param(grid_ids)})


def open_by_age(store: Store, village_id: VillageIds, limit: int = 200,
                grid_ids: tuple[str, ...] | None = None) -> list[sqlite3.Row]:
    return store.query("""
        SELECT d.id, d.found_on, d.kind, d.summary, g.name AS grid_name,
               (SELECT group_concat(p.name, '、') FROM dispute_parties p
                 WHERE p.dispute_id = d.id AND p.deleted_at IS NULL) AS party_names
        FROM disputes d JOIN grids g ON g.id = d.grid_id
        WHERE d.village_id IN (SELECT value FROM json_each(?)) AND d.outcome IS NULL AND d.deleted_at IS NULL
          AND (? IS NULL OR d.grid_id IN (SELECT value FROM json_each(?)))
        ORDER BY d.found_on, d.id LIMIT ?""", (ids_param(village_id), grids_param(grid_ids), grids_param(grid_ids), limit))


_KPI_COUNTS = ("found", "resolved", "decided", "escalated")


def kpi_counts_by_village(store: Store, village_id: VillageIds, start: str | None, end: str | None) -> dict[str, dict]:
    """village id -> disputes found, resolved in the grid, decided (not withdrawn) and escalated in [start, end),
    each by its own date; one pass over the scope's disputes (a village with none is missing)."""
    return {r[0]: dict(zip(_KPI_COUNTS, r[1:], strict=True)) for r in store.query("""
        SELECT village_id,
          COALESCE(SUM((:s IS NULL OR found_on >= :s) AND (:e IS NULL OR found_on < :e)), 0),
          COALESCE(SUM(outcome = 'resolved_in_grid'
                       AND (:s IS NULL OR closed_on >= :s) AND (:e IS NULL OR closed_on < :e)), 0),
          COALESCE(SUM(outcome IS NOT NULL AND outcome != 'withdrawn'
                       AND (:s IS NULL OR closed_on >= :s) AND (:e IS NULL OR closed_on < :e)), 0),
          COALESCE(SUM(COALESCE(escalated_village_on, escalated_township_on) IS NOT NULL
                       AND (:s IS NULL OR COALESCE(escalated_village_on, escalated_township_on) >= :s)
                       AND (:e IS NULL OR COALESCE(escalated_village_on, escalated_township_on) < :e)), 0)
        FROM disputes WHERE village_id IN (SELECT value FROM json_each(:v)) AND deleted_at IS NULL
        GROUP BY village_id""", {"v": ids_param(village_id), "s": start, "e": end})}


def kpi_counts(store: Store, village_id: VillageIds, start: str | None, end: str | None) -> dict[str, int]:
    """The same counts over the scope's villages together."""
    found = kpi_counts_by_village(store, village_id, start, end).values()
    return {k: sum(c[k] for c in found) for k in _KPI_COUNTS}


def handled_by_worker(store: Store, worker_id: str, start: str | None, end: str | None) -> int:
    """Disputes whose grid handling ended in [start, end) that the worker found or mediated."""
    return store.scalar("""
        SELECT count(*) FROM disputes d
        WHERE d.deleted_at IS NULL AND d.outcome IS NOT NULL
          AND (:s IS NULL OR d.closed_on >= :s) AND (:e IS NULL OR d.closed_on < :e)
          AND (d.found_by_worker_id = :w OR EXISTS (SELECT 1 FROM mediations m WHERE m.dispute_id = d.id
                 AND m.mediator_worker_id = :w AND m.deleted_at IS NULL))""",
                        {"w": worker_id, "s": start, "e": end})
