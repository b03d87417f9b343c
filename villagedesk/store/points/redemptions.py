"""The redemptions repository: receipt numbers, receipts with their items, prints and voids."""

from __future__ import annotations

from villagedesk.store.connection import Store
from villagedesk.store.points.ledger import HOUSEHOLD_LABEL_SQL
from villagedesk.store.scoping import grids_param


def next_number(store: Store, village_id: str, year: int) -> tuple[str, int]:
    """This node's receipt series ('' for a database's first node) and the next sequence of the
    village's year in it, in one statement; call inside the redemption's transaction."""
    row = store.conn.execute("""SELECT n.receipt_series, COALESCE((SELECT MAX(seq) FROM redemptions
                                    WHERE village_id = ? AND year = ? AND series = n.receipt_series), 0) + 1
                                FROM node_identity n WHERE n.id = 1""", (village_id, year)).fetchone()
    return row[0], row[1]


def by_id(store: Store, redemption_id: str):
    return store.conn.execute(f"""
        SELECT rd.*, {HOUSEHOLD_LABEL_SQL} AS household_label, COALESCE(p.name, '') AS resident_name,
               v.code AS village_code, v.name AS village_name, v.township_name
        FROM redemptions rd JOIN households h ON h.id = rd.household_id
        JOIN villages v ON v.id = rd.village_id
        LEFT JOIN residents hr ON hr.id = h.head_resident_id
        LEFT JOIN residents p ON p.id = rd.resident_id
        WHERE rd.id = ?""", (redemption_id,)).fetchone()


def by_number(store: Store, village_id: str, number: str):
    return store.conn.execute("SELECT id FROM redemptions WHERE village_id = ? AND number = ?",
                              (village_id, number)).fetchone()


def items(store: Store, redemption_id: str) -> list:
    return store.query("SELECT * FROM redemption_items WHERE redemption_id = ? ORDER BY name",
                       (redemption_id,))


def listing(store: Store, village_id: str, day_from: str | None = None, search: str = "",
            limit: int = 500, day_to: str | None = None, grid_ids: tuple[str, ...] | None = None) -> list:
    """Newest first; [day_from, day_to) bound the day (either may be None)."""
    like = f"%{search}%"
    return store.query(f"""
        SELECT rd.id, rd.number, rd.at, rd.total_points, rd.total_value_yuan, rd.balance_after,
               rd.operator_name, rd.voided_at, rd.void_reason, {HOUSEHOLD_LABEL_SQL} AS household_label,
               (SELECT group_concat(i.name || '×' || i.quantity, '、') FROM redemption_items i
                 WHERE i.redemption_id = rd.id) AS goods,
               (SELECT count(*) FROM receipt_prints p WHERE p.redemption_id = rd.id) AS prints
        FROM redemptions rd JOIN households h ON h.id = rd.household_id
        LEFT JOIN residents hr ON hr.id = h.head_resident_id
        WHERE rd.village_id = :v AND (:d IS NULL OR substr(rd.at, 1, 10) >= :d)
          AND (:t IS NULL OR substr(rd.at, 1, 10) < :t)
          AND (:s = '' OR rd.number LIKE :like OR hr.name LIKE :like)
          AND (:gs IS NULL OR h.grid_id IN (SELECT value FROM json_each(:gs)))
        ORDER BY rd.year DESC, rd.seq DESC LIMIT :n""",
                       {"v": village_id, "d": day_from, "t": day_to, "s": search, "like": like, "n": limit,
                        "gs": grids_param(grid_ids)})


def print_count(store: Store, redemption_id: str) -> int:
    return store.scalar("SELECT count(*) FROM receipt_prints WHERE redemption_id = ?", (redemption_id,))
