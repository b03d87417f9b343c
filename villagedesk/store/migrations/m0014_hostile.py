"""Schema 14 (issue 15): the change log refuses DELETE as it refuses UPDATE; a maintained stock per goods."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

from villagedesk.store.migrations import MIGRATIONS


@MIGRATIONS(name="0014_hostile")
def hostile(db: Database) -> None:
    # `check` cross-examines records against their change-log payloads: a deleted entry would hide a forgery.
    db.execute("""CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
        BEGIN SELECT RAISE(ABORT, '变更日志不能删除'); END""")
    # Stock per goods kept by a trigger, like point_balances: a quote reads one row, not every movement.
    db.execute("""CREATE TABLE goods_stock (
        goods_id TEXT PRIMARY KEY NOT NULL,
        stock INTEGER NOT NULL,
        movements INTEGER NOT NULL)""")
    db.execute("""INSERT INTO goods_stock(goods_id, stock, movements)
        SELECT goods_id, SUM(quantity), count(*) FROM stock_movements GROUP BY goods_id""")
    db.execute("""CREATE TRIGGER stock_movements_stock AFTER INSERT ON stock_movements BEGIN
        INSERT INTO goods_stock(goods_id, stock, movements) VALUES (NEW.goods_id, NEW.quantity, 1)
        ON CONFLICT(goods_id) DO UPDATE SET stock = stock + NEW.quantity, movements = movements + 1;
        END""")
