"""Points benchmarks: one redemption commit against a bare transaction of the same inserts; all balances at scale."""

from __future__ import annotations

import sqlite3

from bench.harness import OFFICE_HEAD, BenchContext


def run(ctx: BenchContext) -> None:
    if "village" in ctx.dbs:
        _redemption(ctx)
    for scale in ("district", "township"):
        if scale in ctx.dbs:
            _balances(ctx, scale)
            break


def _redemption(ctx: BenchContext) -> None:
    """The service (checks, receipt number, chain, audit) against raw INSERTs of the same rows into the same
    schema (its indexes, change-log and ledger triggers), each one synchronous=FULL commit."""
    from villagedesk.services.points import goods, ledger, redemption, stock
    from villagedesk.store import open_store

    store = open_store(ctx.copy("village"))
    cheap = sorted(goods.goods_list(store, active_only=True), key=lambda g: g.points_price)[:2]
    for g in cheap:
        stock.stock_in(store, OFFICE_HEAD, g.id, "donation", 1000, 0, "压力测试")
    left = {a.household_id: a.balance for a in ledger.accounts(store, actor=OFFICE_HEAD)}

    def ours():
        household = max(left, key=left.get)  # whoever has the most points left comes to the counter
        done = redemption.redeem(store, OFFICE_HEAD, household, [(cheap[0].id, 1), (cheap[1].id, 1)])
        left[household] = done.balance_after

    template = _last_redemption_rows(store)
    bare = sqlite3.connect(ctx.copy("village"), isolation_level=None)
    bare.execute("PRAGMA journal_mode = WAL")
    bare.execute("PRAGMA synchronous = FULL")
    bare.execute("PRAGMA foreign_keys = ON")
    state = {"n": 0, "head": bare.execute("SELECT seq, hash FROM point_entries WHERE origin = ? ORDER BY seq DESC"
                                           " LIMIT 1", (template["entry"]["origin"],)).fetchone()}

    def baseline():
        import hashlib

        state["n"] += 1
        n, (seq, prev) = state["n"], state["head"]
        entry = {**template["entry"], "id": f"bench-e{n}", "seq": seq + 1, "prev_hash": prev,
                 "source_id": f"bench-r{n}"}
        entry["hash"] = hashlib.sha256((prev + str(sorted(entry.items()))).encode()).hexdigest()
        red = {**template["redemption"], "id": f"bench-r{n}", "entry_id": entry["id"],
               "seq": template["redemption"]["seq"] + 1000 + n, "number": f"bench-{n}"}
        bare.execute("BEGIN IMMEDIATE")
        _insert(bare, "point_entries", entry)
        _insert(bare, "redemptions", red)
        for i, item in enumerate(template["items"]):
            _insert(bare, "redemption_items", {**item, "id": f"bench-i{n}-{i}", "redemption_id": red["id"]})
        for i, move in enumerate(template["moves"]):
            _insert(bare, "stock_movements", {**move, "id": f"bench-m{n}-{i}", "redemption_id": red["id"]})
        _insert(bare, "audit_log", {**template["audit"], "id": None})
        bare.execute("COMMIT")
        state["head"] = (seq + 1, entry["hash"])

    ctx.measure("one redemption commit (synchronous=FULL)", "village", ours, baseline, repeat=30, target=3)
    store.close()
    bare.close()


def _last_redemption_rows(store) -> dict:
    rid = store.scalar("SELECT id FROM redemptions ORDER BY created_at DESC LIMIT 1")
    red = dict(store.conn.execute("SELECT * FROM redemptions WHERE id = ?", (rid,)).fetchone())
    return {"redemption": red,
            "entry": dict(store.conn.execute("SELECT * FROM point_entries WHERE id = ?", (red["entry_id"],)).fetchone()),
            "items": [dict(r) for r in store.query("SELECT * FROM redemption_items WHERE redemption_id = ?", (rid,))],
            "moves": [dict(r) for r in store.query("SELECT * FROM stock_movements WHERE redemption_id = ?", (rid,))],
            "audit": dict(store.conn.execute("SELECT * FROM audit_log ORDER BY id DESC LIMIT 1").fetchone())}


def _insert(conn: sqlite3.Connection, table: str, row: dict) -> None:
    conn.execute(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", tuple(row.values()))


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
