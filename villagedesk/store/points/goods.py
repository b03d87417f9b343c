"""The goods and stock repository: the catalogue, stock kept per goods by a trigger (goods_stock), low-stock goods."""

from __future__ import annotations

from villagedesk.store.connection import Store

# Maintained by the stock_movements_stock trigger (m0014); `check` compares it with the movements.
_STOCK = "COALESCE((SELECT s.stock FROM goods_stock s WHERE s.goods_id = g.id), 0)"


def listing(store: Store, village_id: str, active_only: bool = False) -> list:
    return store.query(f"""SELECT g.*, {_STOCK} AS stock FROM goods g
        WHERE g.village_id = ? AND g.deleted_at IS NULL AND (? = 0 OR g.active = 1)
        ORDER BY g.active DESC, g.name""", (village_id, int(active_only)))


def by_id(store: Store, goods_id: str):
    return store.conn.execute(f"SELECT g.*, {_STOCK} AS stock FROM goods g WHERE g.id = ? AND g.deleted_at IS NULL",
                              (goods_id,)).fetchone()


def by_ids(store: Store, goods_ids: list[str]) -> dict:
    """The live goods among `goods_ids` (with their stock), by id, in one statement."""
    marks = ", ".join("?" for _ in goods_ids)
    rows = store.conn.execute(f"SELECT g.*, {_STOCK} AS stock FROM goods g WHERE g.id IN ({marks})"
                              " AND g.deleted_at IS NULL", tuple(goods_ids)).fetchall()
    return {r["id"]: r for r in rows}


def stock(store: Store, goods_id: str) -> int:
    return store.scalar("SELECT stock FROM goods_stock WHERE goods_id = ?", (goods_id,)) or 0


def name_taken(store: Store, village_id: str, name: str, except_id: str | None = None) -> bool:
    return bool(store.scalar("""SELECT EXISTS (SELECT 1 FROM goods WHERE village_id = ? AND name = ?
                                AND deleted_at IS NULL AND id != COALESCE(?, ''))""",
                             (village_id, name, except_id)))


def low_stock(store: Store, village_id: str) -> list:
    """Active goods whose stock is at or below their warning level."""
    return store.query(f"""SELECT * FROM (SELECT g.id, g.name, g.unit, g.low_stock_at, {_STOCK} AS stock
        FROM goods g WHERE g.village_id = ? AND g.deleted_at IS NULL AND g.active = 1)
        WHERE stock <= low_stock_at ORDER BY stock, name""", (village_id,))


def movements(store: Store, goods_id: str, limit: int = 500) -> list:
    return store.query("""SELECT m.*, r.number AS receipt_number FROM stock_movements m
        LEFT JOIN redemptions r ON r.id = m.redemption_id
        WHERE m.goods_id = ? ORDER BY m.at DESC, m.id DESC LIMIT ?""", (goods_id, limit))
