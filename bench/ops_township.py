"""Township import benchmark (issue 17): the month packages of 20 village nodes imported at their township, as the
app imports them from one stick (packages.import_files, `sync import F…` and 导入U盘上的全部: each read, verified,
decrypted and written in its own transaction, with one automatic backup before the first), against the simplest correct bare landing of the same rows: each package opened with the same
decrypt-and-verify code, its changes parsed, then per table one `executemany` INSERT OR REPLACE of the new rows and
one UPDATE of the held ones, and one into the change log, in one transaction per package (target ≤3×; `_bare` says
why not one INSERT OR REPLACE of all). Two more rows, for comparison only: one file at a time (a backup before
each, as 导入 of a single package does), and the imports without any backup. After the app's imports the township's figures must equal
the 20 villages' own, added up, or the bench fails."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

from bench import township_nodes
from bench.harness import BenchContext

REPEAT = 5
# Additive figures: the township's total is the villages' sum (tests/sync/test_township_round_trip.py's list).
ADDITIVE = ("grids", "households", "residents", "workers_active", "visits", "notices", "disputes", "emergencies",
            "activities", "points_awarded", "points_redeemed", "points_outstanding", "redemptions",
            "goods_value_issued_yuan", "stipends_paid_yuan", "emergency_subsidies_paid_yuan",
            "key_population_residents", "trainings", "reserve_cadres", "disputes_escalated")
MUST = ("households", "points_awarded", "points_redeemed", "points_outstanding", "redemptions", "visits")


def run(ctx: BenchContext) -> None:
    if "township" not in ctx.dbs:
        print("  乡镇导入：未选 township 规模，未测“20 个村的月度同步包在乡镇导入 ≤3×”", flush=True)
        return
    saved = {k: os.environ.get(k) for k in ("VILLAGEDESK_KEYS", "XDG_DATA_HOME")}
    # The automatic backups (before every import) go to a folder of this run, not this user's real one.
    os.environ["XDG_DATA_HOME"] = str(ctx.tmp / "user-data")
    try:
        _township(ctx)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _township(ctx: BenchContext) -> None:
    from villagedesk.domain.period import parse_period
    from villagedesk.services import stats
    from villagedesk.services.backup import automatic
    from villagedesk.services.sync import packages, pairing
    from villagedesk.store import open_store
    from villagedesk.sync import receive
    from villagedesk.sync.keys import load_or_create, load_public

    folder, facts = township_nodes.build(reuse=True)
    os.environ["VILLAGEDESK_KEYS"] = str(folder / "keys")
    files = sorted((folder / "packages").glob("*.vdsync"))
    villages = facts["villages"]
    if len(files) != len(villages) or len(villages) != township_nodes.VILLAGES:
        raise SystemExit(f"乡镇导入：应有 {township_nodes.VILLAGES} 个村的月度同步包，实有 {len(files)} 个")
    source = folder / "township.db"
    conn = sqlite3.connect(f"{source.resolve().as_uri()}?immutable=1", uri=True)
    senders = {n: load_public(k) for n, k in conn.execute("SELECT node_id, sign_public FROM sync_peers")}
    township_keys = load_or_create(conn.execute("SELECT node_id FROM node_identity WHERE id = 1").fetchone()[0])
    held_villages = conn.execute("SELECT count(*) FROM villages WHERE deleted_at IS NULL").fetchone()[0]
    households = conn.execute("SELECT count(*) FROM households WHERE deleted_at IS NULL").fetchone()[0]
    conn.close()
    w = facts["work"]
    entries = sum(v["entries"] for v in villages.values())
    kb = sum(v["bytes"] for v in villages.values()) / 1e3
    print(f"    乡镇节点：{held_villages} 个村（各自一台电脑、一个节点，区划代码 {min(villages)}–{max(villages)}），"
          f"{households:,} 户，{source.stat().st_size / 2**20:.0f} MiB；{facts['month']} 一个月：{w['visits']:,} 次走访，"
          f"{w['disputes']} 起纠纷，{w['activities']} 项活动 {w['awards']:,} 人次积分，{w['redemptions']:,} 次兑换，"
          f"{w['household_edits']} 户信息修改；{len(files)} 个月度同步包共 {kb:.0f} kB，{entries:,} 条变更", flush=True)
    state: dict = {}

    def fresh() -> None:  # untimed: a copy of the township as it was before the month's packages, opened
        if state.get("store"):
            state["store"].close()
            state["store"] = None
        for f in ctx.tmp.glob("township-import.db*"):
            f.unlink()
        shutil.rmtree(automatic.folder(), ignore_errors=True)
        state["path"] = ctx.copy_file(source, ctx.tmp / "township-import.db")
        state["store"] = open_store(state["path"])

    def ours() -> None:
        store = state["store"]
        batch = packages.import_files(store, township_nodes.admin(store), files)
        if batch.refused or not batch.backed_up:
            raise SystemExit(f"乡镇导入：{batch.refused or '没有做导入前的备份'}")
        state["reports"] = [r for _f, r in batch.done]

    def one_by_one() -> None:
        store = state["store"]
        actor = township_nodes.admin(store)
        state["reports"] = [packages.import_file(store, actor, f) for f in files]

    def bare() -> None:
        _bare(state["path"], files, township_keys, senders)

    def tidy() -> None:
        fresh()

    def merge_only() -> None:  # receive() as packages.import_file calls it, without its before_write (the backup)
        store = state["store"]
        actor, own = township_nodes.admin(store), pairing.keys(store)
        for f in files:
            receive.receive(store, own, f.read_bytes(), f.name, actor.name)

    fresh()
    ctx.measure("township: 20 village month packages imported", "township", ours, bare, repeat=REPEAT, target=3,
                tidy=tidy)
    ctx.measure("  (one file at a time, a backup before each)", "township", one_by_one, bare, repeat=3, tidy=tidy)
    ctx.measure("  (the same, backups left out: not a setting)", "township", merge_only, bare, repeat=3, tidy=tidy)
    # One more import of the app's, checked: every change in, and the township's figures the villages' added up.
    ours()
    reports = state["reports"]
    applied = sum(r.applied for r in reports)
    conflicts = sum(r.conflicts for r in reports)
    backups = len(list(automatic.folder().glob("*.vdbak")))
    print(f"    应用侧：packages.import_files 一次导入 {len(files)} 个（与“导入U盘上的全部”和 sync import 多个文件相同），"
          f"第一个写入前自动备份一次整个乡镇库（备份文件夹里现有 {backups} 个备份）；导入 {applied:,} 条变更，冲突 {conflicts}；"
          "第二行逐个导入，每个之前各备份一次", flush=True)
    print("    基准侧：同样的解密与验签（envelope.open_package），解析 changes.jsonl，每个包一个事务：每表本机没有的行一次 "
          "executemany INSERT OR REPLACE、已有的行一次 executemany UPDATE（各取包内最后的状态），变更记录一次 executemany；"
          "不做备份、不做合并与检查；第二行：应用同样导入但不做导入前的备份（receive()，仅供对照，应用里不能关闭）", flush=True)
    if applied != entries or any(r.already for r in reports):
        raise SystemExit(f"乡镇导入：应导入 {entries:,} 条变更，实际 {applied:,} 条")
    period = parse_period(facts["month"])
    for label, key, got in (("当月", "month", stats.compute_stats(state["store"], period)),
                            ("全部", "all", stats.compute_stats(state["store"]))):
        wrong = []
        for name in ADDITIVE:
            if name not in got:
                continue
            want = sum(v[key][name] for v in villages.values())
            if round(got[name], 2) != round(want, 2):
                wrong.append(f"{name} 乡镇 {got[name]} ≠ 各村合计 {want}")
        missing = [n for n in MUST if n not in got]
        if wrong or missing:
            raise SystemExit(f"乡镇导入：导入后乡镇的统计（{label}）与 20 个村各自的统计之和不一致：{'；'.join(wrong)}"
                             f"{'；缺少 ' + '、'.join(missing) if missing else ''}")
        print(f"    核对（{label}，stats 服务）：乡镇 {', '.join(f'{n}={got[n]:g}' for n in MUST)}，"
              f"等于 20 个村各自之和（另核 {len([n for n in ADDITIVE if n in got]) - len(MUST)} 项可加指标）", flush=True)
    state["store"].close()


def _bare(township: Path, files: list[Path], keys, senders: dict) -> None:
    """The same rows landed the simplest correct way: decrypt and verify each package, parse its lines, then in one
    transaction per package, per table, one executemany INSERT OR REPLACE of the rows the township does not hold
    and one executemany UPDATE of those it holds (each row in its last state in the package), and one executemany
    of the change-log entries; capture off, as the app's import.

    Not one INSERT OR REPLACE of every row: REPLACE deletes a row before inserting it again, and deleting a parent
    row (a household edited, an activity approved after its participants went in) makes SQLite's foreign-key check
    scan the tables that refer to it. That alone took 14–22 s of the 20 packages here: a baseline slower than the
    app's merge would flatter the ratio."""
    from villagedesk.sync import envelope

    dst = sqlite3.connect(township, isolation_level=None)
    dst.execute("PRAGMA synchronous = FULL")
    dst.execute("PRAGMA foreign_keys = ON")
    try:
        for path in files:
            opened = envelope.open_package(path.read_bytes(), keys, senders.get, path.name)
            lines = [json.loads(line) for line in opened.members["changes.jsonl"].splitlines() if line]
            lines = [e for e in lines if "t" in e]  # a placeholder ("x") keeps another node's seq: nothing to land
            tables: dict[str, tuple[list[str], dict[str, tuple]]] = {}
            for e in lines:  # in the package's order: a row's later change replaces its earlier one
                names, last = tables.setdefault(e["t"], (list(e["p"]), {}))
                last[e["r"]] = tuple(e["p"][c] for c in names)
            log = [(e["o"], e["s"], e["t"], e["r"], e["op"], json.dumps(e["p"], ensure_ascii=False), e["h"],
                    None if e.get("f") is None else json.dumps(e["f"])) for e in lines]
            dst.execute("BEGIN IMMEDIATE")
            dst.execute("PRAGMA defer_foreign_keys = ON")
            dst.execute("UPDATE sync_state SET capture = 0 WHERE id = 1")
            for tbl, (names, last) in tables.items():
                held = {r[0] for r in dst.execute(f"SELECT id FROM {tbl} WHERE id IN (SELECT value FROM json_each(?))",
                                                  (json.dumps(list(last)),))}
                at = names.index("id")
                dst.executemany(f"INSERT OR REPLACE INTO {tbl} ({', '.join(names)})"
                                f" VALUES ({', '.join('?' * len(names))})",
                                [r for i, r in last.items() if i not in held])
                sets = ", ".join(f"{c} = ?" for c in names if c != "id")
                dst.executemany(f"UPDATE {tbl} SET {sets} WHERE id = ?",
                                [[v for n, v in enumerate(r) if n != at] + [i] for i, r in last.items() if i in held])
            dst.executemany("INSERT INTO change_log(origin, seq, tbl, row_id, op, payload, hlc, fields)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", log)
            dst.execute("UPDATE sync_state SET capture = 1 WHERE id = 1")
            dst.execute("COMMIT")
    finally:
        dst.close()
