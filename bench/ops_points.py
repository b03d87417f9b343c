"""Points benchmarks: one redemption commit against a bare transaction of the same inserts; all balances at scale."""

from __future__ import annotations

import sqlite3

from bench.harness import BenchContext

# The rows one redemption of two goods writes: ledger entry, redemption, 2 items, 2 stock movements, audit line.
BARE_TABLES = {
    "point_entries": 22, "redemptions": 30, "redemption_items": 15, "stock_movements": 19, "audit_log": 7,
}


def run(ctx: BenchContext) -> None:
    if "village" in ctx.dbs:
        _redemption(ctx)
    for scale in ("district", "township"):
        if scale in ctx.dbs:
            _balances(ctx, scale)
            break


def _redemption(ctx: BenchContext) -> None:
    from villagedesk.domain.actor import SYSTEM
    from villagedesk.services.points import goods, ledger, redemption, stock
    from villagedesk.store import open_store

    store = open_store(ctx.copy("village"))
    cheap = sorted((g for g in goods.goods_list(store, active_only=True) if g.stock > 100 or g.points_price <= 15),
                   key=lambda g: g.points_price)[:2]
    for g in cheap:
        stock.stock_in(store, SYSTEM, g.id, "donation", 1000, 0, "压力测试")
    left = {a.household_id: a.balance for a in ledger.accounts(store)}

    def ours():
        household = max(left, key=left.get)  # whoever has the most points left comes to the counter
        done = redemption.redeem(store, SYSTEM, household, [(cheap[0].id, 1), (cheap[1].id, 1)])
        left[household] = done.balance_after

    bare = sqlite3.connect(ctx.tmp / "bare-redemption.db", isolation_level=None)
    bare.execute("PRAGMA journal_mode = WAL")
    bare.execute("PRAGMA synchronous = FULL")
    for table, n in BARE_TABLES.items():
        cols = ", ".join(f"c{i} TEXT" for i in range(n))
        bare.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, {cols})")

    def baseline():
        bare.execute("BEGIN IMMEDIATE")
        for table, n in BARE_TABLES.items():
            rows = 2 if table in ("redemption_items", "stock_movements") else 1
            for _ in range(rows):
                bare.execute(f"INSERT INTO {table} VALUES (NULL, {', '.join('?' * n)})", ["x" * 20] * n)
        bare.execute("COMMIT")

    ctx.measure("one redemption commit (synchronous=FULL)", "village", ours, baseline, repeat=30, target=3)
    store.close()
    bare.close()


def _balances(ctx: BenchContext, scale: str) -> None:
    from villagedesk.services.points import ledger
    from villagedesk.store import open_store

    store = open_store(ctx.copy(scale))
    n = store.scalar("SELECT count(DISTINCT household_id) FROM point_entries")
    conn = store.conn

    def bare():
        return dict(conn.execute("SELECT household_id, SUM(delta) FROM point_entries GROUP BY household_id").fetchall())

    assert ledger.all_balances(store) == bare()
    ctx.measure(f"balances of every household ({n:,} with entries)", scale, lambda: ledger.all_balances(store), bare,
                repeat=5, target=2)
    store.close()
