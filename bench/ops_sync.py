"""Sync benchmarks: a township-scale month exported and imported at a paired peer against a bare executemany of
the same rows (target ≤3×), and one village's package after a year of monthly exchanges against its first
month's (target ≤2×: a package grows with the changes, not with the database)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import statistics
import time
from pathlib import Path

from bench import sync_work
from bench.harness import BenchContext, Result
from bench.sync_pairs import KEYS, head, month_day, pair

REPEAT = 7


def run(ctx: BenchContext) -> None:
    os.environ["VILLAGEDESK_KEYS"] = str(KEYS)
    if "township" in ctx.dbs:
        _month(ctx, "township")
    else:
        print("  数据同步：未选 township 规模，未测“一个月的同步包 ≤3×”", flush=True)
    if "village" in ctx.dbs:
        _year(ctx)
    else:
        print("  数据同步：未选 village 规模，未测“一年后的月度同步包 ≤2×”", flush=True)


# ---- a township-scale month: export + import against SELECTs + one executemany per table


def _month(ctx: BenchContext, scale: str) -> None:
    from villagedesk.domain import clock
    from villagedesk.services.sync import packages, pairing
    from villagedesk.store import open_store
    from villagedesk.sync import receive

    sender_db, peer_db, _facts = pair(ctx, scale, 0)
    sender = open_store(ctx.copy_file(sender_db, ctx.tmp / "sync-sender.db"))
    actor = head(sender)
    done = sync_work.month_of_work(sender, month_day(0), seed=0)
    peer_id = sender.conn.execute("SELECT node_id FROM sync_peers").fetchone()[0]
    acked = dict(sender.conn.execute("SELECT origin, seq FROM sync_acks WHERE peer = ?", (peer_id,)).fetchall())
    sender.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    stick = ctx.tmp / "stick"
    stick.mkdir(exist_ok=True)
    state: dict = {}

    def fresh_peer() -> None:
        if state.get("store"):
            state["store"].close()
        for f in ctx.tmp.glob("sync-peer.db*"):
            f.unlink()
        state["path"] = ctx.copy_file(peer_db, ctx.tmp / "sync-peer.db")
        state["store"] = open_store(state["path"])

    def tidy() -> None:
        shutil.rmtree(stick, ignore_errors=True)
        stick.mkdir()
        fresh_peer()

    # Exchanged the day after the month's work (stamped after the demo's year, which ends today): on today's clock
    # every change would be a day ahead and flagged, a path no office takes.
    exchanged = dt.datetime.combine(month_day(0) + dt.timedelta(days=28), dt.time(9, 0))

    def ours() -> None:
        clock.pin(exchanged)
        try:
            written = packages.export_for(sender, actor, peer_id, stick)
            peer = state["store"]
            report = receive.receive(peer, pairing.keys(peer), written.path.read_bytes(), written.path.name, actor.name)
        finally:
            clock.pin(None)
        state["written"], state["report"] = written, report

    def bare() -> None:
        _bare_month(sender.path, state["path"], acked)

    fresh_peer()
    print(f"    一个月的工作（{scale}）：{done.line()}", flush=True)
    ctx.measure(f"sync: a month exported + imported ({scale})", scale, ours, bare, repeat=REPEAT, target=3,
                tidy=tidy)
    written, report = state["written"], state["report"]
    print(f"    同步包 {written.bytes / 1e6:.2f} MB，{written.entries:,} 条变更，导入 {report.applied:,} 条，"
          f"冲突 {report.conflicts}，时钟提示 {report.clock_warnings}；不含导入前的自动备份（见 ops_backup）；"
          "基准写入同样的行和变更记录", flush=True)
    tidy()
    clock.pin(exchanged)
    try:
        written = packages.export_for(sender, actor, peer_id, stick)
        start = time.perf_counter()
        packages.import_file(state["store"], actor, written.path)
    finally:
        clock.pin(None)
    print(f"    导入同步包的完整服务（含导入前经校验的自动备份，{state['path'].stat().st_size / 2**20:.0f} MiB）一次："
          f"{(time.perf_counter() - start) * 1000:.0f} ms（无目标，仅供对照）", flush=True)
    state["store"].close()
    sender.close()


def _bare_month(sender_path: Path, peer_path: Path, acked: dict[str, int]) -> None:
    """The simplest correct replication of the same month: read the changed rows and the change-log entries from
    the sender with plain SELECTs, write them at the peer with one executemany per table in one transaction."""
    src = sqlite3.connect(sender_path)
    entries, tables = [], {}
    for origin, seq in src.execute("SELECT origin, MAX(seq) FROM change_log GROUP BY origin").fetchall():
        start = acked.get(origin, 0)
        if seq <= start:
            continue
        entries += src.execute("SELECT origin, seq, tbl, row_id, op, payload, hlc, fields FROM change_log"
                               " WHERE origin = ? AND seq > ?", (origin, start)).fetchall()
        for (tbl,) in src.execute("SELECT DISTINCT tbl FROM change_log WHERE origin = ? AND seq > ?",
                                  (origin, start)).fetchall():
            cur = src.execute(f"SELECT * FROM {tbl} WHERE id IN (SELECT row_id FROM change_log"
                              " WHERE origin = ? AND seq > ? AND tbl = ?)", (origin, start, tbl))
            names = [d[0] for d in cur.description]
            tables.setdefault(tbl, (names, []))[1].extend(cur.fetchall())
    src.close()
    dst = sqlite3.connect(peer_path, isolation_level=None)
    dst.execute("PRAGMA synchronous = FULL")
    dst.execute("PRAGMA foreign_keys = ON")
    dst.execute("BEGIN IMMEDIATE")
    dst.execute("PRAGMA defer_foreign_keys = ON")
    dst.execute("UPDATE sync_state SET capture = 0 WHERE id = 1")
    for tbl, (names, rows) in tables.items():  # rows the peer has are updated, the others inserted
        at = names.index("id")
        held = {r[0] for r in dst.execute(f"SELECT id FROM {tbl} WHERE id IN (SELECT value FROM json_each(?))",
                                          (json.dumps([r[at] for r in rows]),))}
        dst.executemany(f"INSERT INTO {tbl} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                        [r for r in rows if r[at] not in held])
        sets = ", ".join(f"{c} = ?" for c in names if c != "id")
        dst.executemany(f"UPDATE {tbl} SET {sets} WHERE id = ?",
                        [[v for i, v in enumerate(r) if i != at] + [r[at]] for r in rows if r[at] in held])
    dst.executemany("INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc, fields)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", entries)
    dst.execute("UPDATE sync_state SET capture = 1 WHERE id = 1")
    dst.execute("COMMIT")
    dst.close()


# ---- one village's package: the first month after the snapshot against the twelfth after a year


def _year(ctx: BenchContext) -> None:
    first = _package_of_month(ctx, 0)
    twelfth = _package_of_month(ctx, 11)
    ratio = twelfth / first
    verdict = "ok" if ratio <= 2 else "OVER"
    ctx.results.append(Result("sync: a village month package, 12th vs 1st (bytes)", "village", twelfth, first, 2))
    print(f"{'sync: a village month package, 12th vs 1st':<48} {'village':<9} {twelfth / 1e3:>10.1f} kB"
          f" {first / 1e3:>10.1f} kB {ratio:>7.2f}× (≤2×)  {verdict}", flush=True)


def _package_of_month(ctx: BenchContext, month: int) -> int:
    """The size of the package carrying month `month + 1` (0-based), after `month` months of monthly exchanges."""
    from villagedesk.services.sync import packages
    from villagedesk.store import open_store

    sender_db, _peer_db, facts = pair(ctx, "village", month)
    sender = open_store(ctx.copy_file(sender_db, ctx.tmp / f"sync-village-{month}.db"))
    done = sync_work.month_of_work(sender, month_day(month), seed=month)
    peer_id = sender.conn.execute("SELECT node_id FROM sync_peers").fetchone()[0]
    stick = ctx.tmp / f"stick-{month}"
    stick.mkdir(exist_ok=True)
    written = packages.export_for(sender, head(sender), peer_id, stick)
    held = sender.scalar("SELECT count(*) FROM change_log")
    print(f"    第 {month + 1} 个月（此前 {month} 个月每月互换同步包，本机变更记录 {held:,} 条）：{done.line()}；"
          f"同步包 {written.bytes / 1e3:.1f} kB，{written.entries:,} 条变更", flush=True)
    if facts["monthly_bytes"]:
        print(f"      此前每月同步包 {statistics.median(facts['monthly_bytes']) / 1e3:.1f} kB（中位数），"
              f"{min(facts['monthly_bytes']) / 1e3:.1f}–{max(facts['monthly_bytes']) / 1e3:.1f} kB", flush=True)
    sender.close()
    return written.bytes
