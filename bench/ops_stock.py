"""A redemption after 20,000 earlier ones against one on the same village before them: stock is one maintained row
per goods (goods_stock), not a SUM over every movement, so the ratio stays near 1 (target ≤1.2×)."""

from __future__ import annotations

import statistics
import time

from bench.harness import BenchContext

EARLIER = 20_000
REPEAT = 25
WARM = 5  # the "first ones" are the 6th to 30th on the fresh copy


def run(ctx: BenchContext) -> None:
    if "village" in ctx.dbs:
        _after_many(ctx)


def _prepared(ctx: BenchContext):
    """A copy of the village with a 10-point goods in stock and every household given points to spend."""
    from villagedesk.domain.actor import SYSTEM
    from villagedesk.services import village
    from villagedesk.services.points import goods, stock
    from villagedesk.store import open_store
    from villagedesk.store.points import ledger as ledger_repo

    store = open_store(ctx.copy("village"))
    actor = village.office_users(store)[0]
    soap = goods.add_goods(store, actor, "压测香皂", "块", 10, 3, 0)
    stock.stock_in(store, actor, soap.id, "donation", EARLIER * 2, EARLIER * 6, "压力测试")
    vid = village.home_village_id(store)
    households = [r[0] for r in store.conn.execute("SELECT id FROM households WHERE deleted_at IS NULL")]
    with store.transaction():
        ledger_repo.append_entries(store, SYSTEM, [ledger_repo.EntryDraft(vid, h, None, 10 * (EARLIER // len(households) + 60),
                                                                          "award", "压力测试", "rule", "bench")
                                                   for h in households])
    return store, soap, households, actor


def _after_many(ctx: BenchContext) -> None:
    from villagedesk.services.points import redemption

    fresh, soap_a, hh_a, actor = _prepared(ctx)
    busy, soap_b, hh_b, actor_b = _prepared(ctx)
    start = time.perf_counter()
    for i in range(EARLIER):
        redemption.redeem(busy, actor_b, hh_b[i % len(hh_b)], [(soap_b.id, 1)])
    print(f"  {EARLIER:,} earlier redemptions made in {time.perf_counter() - start:.0f} s "
          f"({busy.scalar('SELECT count(*) FROM stock_movements'):,} stock movements)", flush=True)
    turn = {"a": 0, "b": 0}

    def one(store, soap, households, key):
        who = actor_b if store is busy else actor

        def go():
            redemption.redeem(store, who, households[turn[key] % len(households)], [(soap.id, 1)])
            turn[key] += 1
        return go

    for _ in range(WARM):  # untimed, on both: the fresh copy sat idle through the 20,000, so its pages are cold
        one(busy, soap_b, hh_b, "b")()
        one(fresh, soap_a, hh_a, "a")()
    times: dict[str, list[float]] = {"a": [], "b": []}

    def timed(key, fn):
        def go():
            t = time.perf_counter()
            fn()
            times[key].append(time.perf_counter() - t)
        return go

    ctx.measure(f"one redemption after {EARLIER:,} earlier ones", "village",
                timed("b", one(busy, soap_b, hh_b, "b")), timed("a", one(fresh, soap_a, hh_a, "a")),
                repeat=REPEAT, target=1.2)
    for label, key in (("after 20,000", "b"), ("first ones", "a")):
        t = sorted(times[key])
        print(f"  {label:<13} min {t[0] * 1000:.1f} ms, median {statistics.median(t) * 1000:.1f} ms, "
              f"max {t[-1] * 1000:.1f} ms", flush=True)
    fresh.close()
    busy.close()
