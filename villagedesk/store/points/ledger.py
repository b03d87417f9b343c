"""The ledger repository: append hash-chained entries, read balances, statements and entries."""

from __future__ import annotations

from dataclasses import dataclass

from villagedesk.domain.actor import Actor
from villagedesk.domain.clock import now_iso
from villagedesk.domain.ids import new_id
from villagedesk.domain.points.hashing import GENESIS, entry_hash
from villagedesk.store.connection import Store
from villagedesk.store.scoping import grids_param


@dataclass(frozen=True)
class EntryDraft:
    """One entry to append; the repository gives it its place in this node's chain."""

    village_id: str
    household_id: str
    resident_id: str | None
    delta: int
    kind: str
    reason: str
    source_type: str
    source_id: str
    reverses_id: str | None = None


def chain_head(store: Store, origin: str) -> tuple[int, str]:
    row = store.conn.execute("SELECT seq, hash FROM point_entries WHERE origin = ? ORDER BY seq DESC LIMIT 1",
                             (origin,)).fetchone()
    return (0, GENESIS) if row is None else (row["seq"], row["hash"])


def append_entries(store: Store, actor: Actor, drafts: list[EntryDraft], at: str | None = None) -> list[dict]:
    """Append entries to this node's chain, inside the caller's transaction; returns the rows written."""
    if not store.conn.in_transaction:
        raise RuntimeError("append_entries must run inside a transaction")
    seq, prev = chain_head(store, store.node_id)
    at = at or now_iso()
    rows = []
    for d in drafts:
        seq += 1
        row = {"id": new_id(), "origin": store.node_id, "seq": seq, "village_id": d.village_id,
               "household_id": d.household_id, "resident_id": d.resident_id, "delta": d.delta,
               "kind": d.kind, "reason": d.reason, "source_type": d.source_type, "source_id": d.source_id,
               "reverses_id": d.reverses_id, "operator_id": actor.user_id, "operator_name": actor.name,
               "at": at, "prev_hash": prev}
        row["hash"] = prev = entry_hash(prev, row)
        rows.append(row)
    store.insert_many("point_entries", rows, actor)
    return rows


def balance(store: Store, household_id: str) -> int:
    return store.scalar("SELECT balance FROM point_balances WHERE household_id = ?", (household_id,)) or 0


def entry(store: Store, entry_id: str):
    return store.conn.execute("SELECT * FROM point_entries WHERE id = ?", (entry_id,)).fetchone()


def reversal_of(store: Store, entry_id: str):
    return store.conn.execute("SELECT * FROM point_entries WHERE reverses_id = ?", (entry_id,)).fetchone()


def household_entries(store: Store, household_id: str) -> list:
    """A household's entries oldest first, with the earner's name and whether each was reversed."""
    return store.query("""
        SELECT e.*, r.name AS resident_name,
               EXISTS (SELECT 1 FROM point_entries x WHERE x.reverses_id = e.id) AS reversed
        FROM point_entries e LEFT JOIN residents r ON r.id = e.resident_id
        WHERE e.household_id = ? ORDER BY e.at, e.origin, e.seq""", (household_id,))


HOUSEHOLD_LABEL_SQL = """
    COALESCE(hr.name, '（无户主）') || '（' || h.hamlet || h.house_number || '）'"""


def accounts(store: Store, village_id: str, grid_id: str | None = None, search: str = "",
             limit: int = 2000, grid_ids: tuple[str, ...] | None = None) -> list:
    """Household accounts with their cached balance, largest first."""
    like = f"%{search}%"
    return store.query(f"""
        SELECT h.id AS household_id, {HOUSEHOLD_LABEL_SQL} AS label, g.name AS grid_name,
               COALESCE(b.balance, 0) AS balance, COALESCE(b.entries, 0) AS entries
        FROM households h JOIN grids g ON g.id = h.grid_id
        LEFT JOIN residents hr ON hr.id = h.head_resident_id
        LEFT JOIN point_balances b ON b.household_id = h.id
        WHERE g.village_id = :v AND h.deleted_at IS NULL AND h.status = 'active'
          AND (:g IS NULL OR h.grid_id = :g) AND (:gs IS NULL OR h.grid_id IN (SELECT value FROM json_each(:gs)))
          AND (:s = '' OR hr.name LIKE :like OR h.hamlet LIKE :like OR h.house_number LIKE :like)
        ORDER BY balance DESC, label LIMIT :n""",
                       {"v": village_id, "g": grid_id, "s": search, "like": like, "n": limit,
                        "gs": grids_param(grid_ids)})


def all_balances(store: Store) -> dict[str, int]:
    """Every account's balance from the cache (the fast path the counter and the ranking use)."""
    cur = store.conn.cursor()
    cur.row_factory = None  # plain tuples: 150,000 rows build a dict without a Row object each
    return dict(cur.execute("SELECT household_id, balance FROM point_balances").fetchall())


def ranking(store: Store, village_id: str, start: str, end: str, grid_id: str | None = None,
            limit: int = 100) -> list:
    """Households by points earned (awards and deductions, net of reversals) in [start, end)."""
    return store.query(f"""
        WITH earned AS (
            SELECT e.household_id, SUM(e.delta) AS earned
            FROM point_entries e LEFT JOIN point_entries o ON o.id = e.reverses_id
            WHERE e.village_id = :v AND substr(e.at, 1, 10) >= :s AND substr(e.at, 1, 10) < :e
              AND (e.kind IN ('award', 'deduct') OR o.kind IN ('award', 'deduct'))
            GROUP BY e.household_id)
        SELECT h.id AS household_id, {HOUSEHOLD_LABEL_SQL} AS label, g.name AS grid_name,
               earned.earned, COALESCE(b.balance, 0) AS balance
        FROM earned JOIN households h ON h.id = earned.household_id
        JOIN grids g ON g.id = h.grid_id
        LEFT JOIN residents hr ON hr.id = h.head_resident_id
        LEFT JOIN point_balances b ON b.household_id = h.id
        WHERE earned.earned > 0 AND (:g IS NULL OR h.grid_id = :g)
        ORDER BY earned.earned DESC, balance DESC, label LIMIT :n""",
                       {"v": village_id, "s": start, "e": end, "g": grid_id, "n": limit})


def household_row(store: Store, household_id: str):
    return store.conn.execute(f"""
        SELECT h.id, h.status, h.deleted_at, h.grid_id, g.village_id, g.name AS grid_name,
               {HOUSEHOLD_LABEL_SQL} AS label
        FROM households h JOIN grids g ON g.id = h.grid_id
        LEFT JOIN residents hr ON hr.id = h.head_resident_id WHERE h.id = ?""", (household_id,)).fetchone()


def resident_row(store: Store, resident_id: str):
    return store.conn.execute("""
        SELECT r.id, r.name, r.household_id, r.residence_status, r.deleted_at, g.village_id
        FROM residents r JOIN households h ON h.id = r.household_id JOIN grids g ON g.id = h.grid_id
        WHERE r.id = ?""", (resident_id,)).fetchone()


def household_members(store: Store, household_id: str, living_only: bool = True) -> list:
    statuses = ("living",) if living_only else ("living", "working_away")
    marks = ",".join("?" for _ in statuses)
    return store.query(f"""SELECT id, name, relation FROM residents
        WHERE household_id = ? AND deleted_at IS NULL AND residence_status IN ({marks})
        ORDER BY CASE relation WHEN '户主' THEN 0 ELSE 1 END, birth_date""", (household_id, *statuses))
