"""Schema 6 (issue 6): volunteer points ledger, activities, goods, stock and redemptions."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

from villagedesk.store.migrations import MIGRATIONS
from villagedesk.store.synced import create_synced_table

# The prev_hash of a node's first entry, written out: an applied migration must never change with
# the code it once imported (tests/points check it equals domain.points.hashing.GENESIS).
GENESIS = "0" * 64


@MIGRATIONS(name="0006_points")
def points(db: Database) -> None:
    # Rule catalogue: one row per version; versions of one rule share `code`.
    create_synced_table(db, "point_rules", """
        village_id TEXT NOT NULL REFERENCES villages(id),
        code TEXT NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('earn', 'deduct')),
        points INTEGER NOT NULL CHECK (points > 0),
        description TEXT NOT NULL DEFAULT '',
        effective_from TEXT NOT NULL,
        retired INTEGER NOT NULL DEFAULT 0""")
    db.execute("""CREATE UNIQUE INDEX point_rules_version ON point_rules(village_id, code, effective_from)
                  WHERE deleted_at IS NULL""")

    create_synced_table(db, "activities", """
        village_id TEXT NOT NULL REFERENCES villages(id),
        title TEXT NOT NULL,
        rule_id TEXT NOT NULL REFERENCES point_rules(id),
        points INTEGER NOT NULL CHECK (points > 0),
        activity_date TEXT NOT NULL,
        organiser_worker_id TEXT REFERENCES workers(id),
        organiser_name TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'draft'
            CHECK (status IN ('draft', 'noticed', 'approved', 'posted', 'cancelled')),
        notice_deadline TEXT,
        noticed_at TEXT,
        approved_at TEXT,
        approved_by TEXT,
        posted_at TEXT,
        posted_by TEXT,
        cancel_reason TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT ''""")
    db.execute("CREATE INDEX activities_village_date ON activities(village_id, activity_date)")
    create_synced_table(db, "activity_grids", """
        activity_id TEXT NOT NULL REFERENCES activities(id),
        grid_id TEXT NOT NULL REFERENCES grids(id)""")
    db.execute("""CREATE UNIQUE INDEX activity_grids_once ON activity_grids(activity_id, grid_id)
                  WHERE deleted_at IS NULL""")
    create_synced_table(db, "activity_participants", """
        activity_id TEXT NOT NULL REFERENCES activities(id),
        resident_id TEXT NOT NULL REFERENCES residents(id),
        household_id TEXT NOT NULL REFERENCES households(id)""")
    db.execute("""CREATE UNIQUE INDEX activity_participants_once ON activity_participants(activity_id, resident_id)
                  WHERE deleted_at IS NULL""")

    # The ledger: append-only, one hash chain per node (origin), seq gap-free from 1.
    create_synced_table(db, "point_entries", """
        village_id TEXT NOT NULL REFERENCES villages(id),
        household_id TEXT NOT NULL REFERENCES households(id),
        resident_id TEXT REFERENCES residents(id),
        seq INTEGER NOT NULL CHECK (seq >= 1),
        delta INTEGER NOT NULL CHECK (delta != 0),
        kind TEXT NOT NULL CHECK (kind IN ('award', 'deduct', 'redeem', 'reversal')),
        reason TEXT NOT NULL,
        source_type TEXT NOT NULL CHECK (source_type IN ('activity', 'rule', 'redemption', 'entry')),
        source_id TEXT NOT NULL,
        reverses_id TEXT REFERENCES point_entries(id),
        operator_id TEXT NOT NULL,
        operator_name TEXT NOT NULL,
        at TEXT NOT NULL,
        prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
        hash TEXT NOT NULL CHECK (length(hash) = 64)""")
    db.execute("CREATE UNIQUE INDEX point_entries_chain ON point_entries(origin, seq)")
    db.execute("CREATE UNIQUE INDEX point_entries_reversal_once ON point_entries(reverses_id)"
               " WHERE reverses_id IS NOT NULL")
    db.execute("CREATE INDEX point_entries_household ON point_entries(household_id, at)")
    db.execute("CREATE INDEX point_entries_source ON point_entries(source_id)")
    db.execute("CREATE INDEX point_entries_at ON point_entries(village_id, at)")
    db.execute(f"""CREATE TRIGGER point_entries_append_in_order BEFORE INSERT ON point_entries
        WHEN NEW.seq != COALESCE((SELECT MAX(seq) FROM point_entries WHERE origin = NEW.origin), 0) + 1
          OR NEW.prev_hash != COALESCE((SELECT hash FROM point_entries
                                         WHERE origin = NEW.origin AND seq = NEW.seq - 1), '{GENESIS}')
        BEGIN SELECT RAISE(ABORT, '积分台账只能按顺序追加：序号须连续，且接在上一条记录之后'); END""")
    db.execute("""CREATE TRIGGER point_entries_no_update BEFORE UPDATE ON point_entries
        BEGIN SELECT RAISE(ABORT, '积分台账记录不能修改；更正请用冲正记录'); END""")
    # The cached balance of each household account, kept equal to the sum of its entries.
    db.execute("""CREATE TABLE point_balances (
        household_id TEXT PRIMARY KEY NOT NULL,
        balance INTEGER NOT NULL,
        entries INTEGER NOT NULL)""")
    db.execute("""CREATE TRIGGER point_entries_balance AFTER INSERT ON point_entries BEGIN
        INSERT INTO point_balances(household_id, balance, entries) VALUES (NEW.household_id, NEW.delta, 1)
        ON CONFLICT(household_id) DO UPDATE SET balance = balance + NEW.delta, entries = entries + 1;
        END""")

    create_synced_table(db, "goods", """
        village_id TEXT NOT NULL REFERENCES villages(id),
        name TEXT NOT NULL,
        unit TEXT NOT NULL,
        points_price INTEGER NOT NULL CHECK (points_price > 0),
        value_yuan REAL NOT NULL CHECK (value_yuan >= 0),
        low_stock_at INTEGER NOT NULL DEFAULT 5 CHECK (low_stock_at >= 0),
        active INTEGER NOT NULL DEFAULT 1,
        notes TEXT NOT NULL DEFAULT ''""")
    db.execute("CREATE UNIQUE INDEX goods_name ON goods(village_id, name) WHERE deleted_at IS NULL")
    # Stock is the sum of movements: + stock-in and returns, - redemptions, ± stocktake.
    create_synced_table(db, "stock_movements", """
        village_id TEXT NOT NULL REFERENCES villages(id),
        goods_id TEXT NOT NULL REFERENCES goods(id),
        kind TEXT NOT NULL CHECK (kind IN ('stock_in', 'redemption', 'void_return', 'adjustment')),
        quantity INTEGER NOT NULL CHECK (quantity != 0),
        value_yuan REAL NOT NULL DEFAULT 0,
        source_kind TEXT CHECK (source_kind IS NULL OR source_kind IN ('donation', 'purchase')),
        source TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL DEFAULT '',
        redemption_id TEXT REFERENCES redemptions(id) DEFERRABLE INITIALLY DEFERRED,
        operator_name TEXT NOT NULL,
        at TEXT NOT NULL""")
    db.execute("CREATE INDEX stock_movements_goods ON stock_movements(goods_id)")
    db.execute("CREATE INDEX stock_movements_redemption ON stock_movements(redemption_id)")
    db.execute("""CREATE TRIGGER stock_movements_no_update BEFORE UPDATE ON stock_movements
        BEGIN SELECT RAISE(ABORT, '库存流水不能修改；差错请用盘点调整'); END""")

    create_synced_table(db, "redemptions", """
        village_id TEXT NOT NULL REFERENCES villages(id),
        year INTEGER NOT NULL,
        seq INTEGER NOT NULL CHECK (seq >= 1),
        number TEXT NOT NULL,
        household_id TEXT NOT NULL REFERENCES households(id),
        resident_id TEXT REFERENCES residents(id),
        total_points INTEGER NOT NULL CHECK (total_points > 0),
        total_value_yuan REAL NOT NULL,
        balance_before INTEGER NOT NULL,
        balance_after INTEGER NOT NULL,
        entry_id TEXT NOT NULL REFERENCES point_entries(id),
        operator_id TEXT NOT NULL,
        operator_name TEXT NOT NULL,
        at TEXT NOT NULL,
        check_value TEXT NOT NULL,
        voided_at TEXT,
        voided_by TEXT,
        void_reason TEXT NOT NULL DEFAULT '',
        void_entry_id TEXT REFERENCES point_entries(id)""")
    db.execute("CREATE UNIQUE INDEX redemptions_number ON redemptions(village_id, year, seq)")
    db.execute("CREATE INDEX redemptions_household ON redemptions(household_id)")
    db.execute("CREATE INDEX redemptions_at ON redemptions(village_id, at)")
    db.execute("""CREATE TRIGGER redemptions_fixed BEFORE UPDATE OF village_id, year, seq, number,
            household_id, resident_id, total_points, total_value_yuan, balance_before, balance_after,
            entry_id, operator_id, operator_name, at, check_value ON redemptions
        BEGIN SELECT RAISE(ABORT, '兑换凭证的内容不能修改，只能当日作废'); END""")
    create_synced_table(db, "redemption_items", """
        redemption_id TEXT NOT NULL REFERENCES redemptions(id),
        goods_id TEXT NOT NULL REFERENCES goods(id),
        name TEXT NOT NULL,
        unit TEXT NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        points_price INTEGER NOT NULL,
        points INTEGER NOT NULL,
        value_yuan REAL NOT NULL""")
    db.execute("CREATE INDEX redemption_items_redemption ON redemption_items(redemption_id)")
    db.execute("""CREATE TRIGGER redemption_items_no_update BEFORE UPDATE ON redemption_items
        BEGIN SELECT RAISE(ABORT, '兑换明细不能修改'); END""")
    create_synced_table(db, "receipt_prints", """
        redemption_id TEXT NOT NULL REFERENCES redemptions(id),
        layout TEXT NOT NULL CHECK (layout IN ('58mm', '80mm', 'A4')),
        reprint INTEGER NOT NULL DEFAULT 0,
        at TEXT NOT NULL,
        operator_name TEXT NOT NULL""")
    db.execute("CREATE INDEX receipt_prints_redemption ON receipt_prints(redemption_id)")
