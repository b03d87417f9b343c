"""A township node and its 20 village nodes for the township import bench (bench/ops_township.py), cached under the
generator's fingerprint as the sync pairs are: 20 demo villages of 600 households (distinct 12-digit codes under one
township's 9 digits, each its own PC and node), registered with the township both ways, each village's first package
(a snapshot) imported there and the township's acks back, then a month of each village's work (bench/sync_work) and
its month package for the township. Kept: the township's database, the 20 month packages, the nodes' keys and each
village's own figures after its month (to check the township's against)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import time
from pathlib import Path

from bench import sync_work
from bench.harness import DATA, ROOT, demo_fingerprint

VILLAGES = 20
HOUSEHOLDS = 600  # each: the township scale's 12,000 households in 20 villages, as the harness's township database
TOWNSHIP = ("510903104000", "河东镇")  # the demo's township (services/demo DEMO_TOWNSHIP)
ADMIN_ID = "township-admin"


def codes() -> list[str]:
    return [f"{TOWNSHIP[0][:9]}{201 + i:03d}" for i in range(VILLAGES)]


def month(today: dt.date | None = None) -> dt.date:
    """The first day of the month of work: the last whole month before today. Its changes' clocks are not ahead of
    the township's (an import flags a stamp more than a day ahead of its PC's clock), and the demo's year ends the
    day before it, so the month's figures (stats --period) are the month's work alone."""
    today = today or dt.date.today()
    last = today.replace(day=1) - dt.timedelta(days=1)
    return last.replace(day=1)


def _fingerprint(first_day: dt.date) -> str:
    h = hashlib.sha256(f"{demo_fingerprint()}|{VILLAGES}x{HOUSEHOLDS}|{first_day}".encode())
    for name in ("township_nodes.py", "sync_work.py"):
        h.update((ROOT / "bench" / name).read_bytes())
    return h.hexdigest()[:12]


def folder_for(first_day: dt.date) -> Path:
    return DATA / f"township-import-{_fingerprint(first_day)}"


def head(store):
    from villagedesk.domain.actor import Actor

    row = store.conn.execute("SELECT id, name, role FROM users WHERE id = ?", ("demo-approver",)).fetchone()
    return Actor(row[0], row[1], row[2])


def admin(store):
    from villagedesk.domain.actor import Actor

    row = store.conn.execute("SELECT id, name, role FROM users WHERE id = ?", (ADMIN_ID,)).fetchone()
    return Actor(row[0], row[1], row[2])


def build(reuse: bool = False) -> tuple[Path, dict]:
    """(folder, facts): folder/township.db, folder/packages/*.vdsync, folder/keys; built if not cached. With `reuse`, a
    set an older generator built is taken as it is (said so)."""
    first_day = month()
    folder = folder_for(first_day)
    facts_file = folder / "facts.json"
    if not facts_file.exists() and reuse:
        older = sorted((p for p in DATA.glob("township-import-*") if (p / "facts.json").exists()),
                       key=lambda p: p.stat().st_mtime)
        if older:
            print(f"  沿用旧的乡镇导入数据 {older[-1].name}（由较早的生成器生成）", flush=True)
            folder, facts_file = older[-1], older[-1] / "facts.json"
    if facts_file.exists():
        return folder, json.loads(facts_file.read_text())
    for old in DATA.glob("township-import-*"):
        shutil.rmtree(old)
    return folder, _build(folder, first_day)


def _build(folder: Path, first_day: dt.date) -> dict:
    from villagedesk.domain.actor import Actor
    from villagedesk.domain.period import parse_period
    from villagedesk.services import demo, stats, village
    from villagedesk.services.demo import names
    from villagedesk.services.sync import packages, pairing
    from villagedesk.services.township import node
    from villagedesk.store import open_store

    print(f"  正在生成乡镇节点与 {VILLAGES} 个村节点（各 {HOUSEHOLDS} 户，{first_day:%Y-%m} 一个月的工作）……", flush=True)
    start = time.perf_counter()
    work, out = folder / "work", folder / "packages"
    work.mkdir(parents=True)
    out.mkdir()
    os.environ["VILLAGEDESK_KEYS"] = str(folder / "keys")
    period = parse_period(f"{first_day:%Y-%m}")
    township = open_store(folder / "township.db", create=True)
    township_admin = node.init_township(township, Actor("bench", "周镇干", "township_admin"), *TOWNSHIP, "周镇干",
                                        user_id=ADMIN_ID)
    facts: dict = {"month": f"{first_day:%Y-%m}", "villages": {}, "snapshot_s": 0.0, "work": {}}
    for i, code in enumerate(codes()):
        path = work / f"v{i + 1:02d}.db"
        v = open_store(path, create=True)
        actor = village.init_village(v, Actor("bench", "王书记", "head"), code, names.VILLAGE_NAMES[i], TOWNSHIP[1],
                                     "王书记", user_id="demo-approver")
        demo.generate_demo(v, actor, households=HOUSEHOLDS, seed=1000 + i,
                           today=first_day - dt.timedelta(days=1))
        for me, me_actor, other, other_actor in ((v, actor, township, township_admin),
                                                 (township, township_admin, v, actor)):
            reg = work / f"{me.node_id}.vdreg"
            pairing.write_registration_file(me, me_actor, reg)
            pairing.pair(other, other_actor, pairing.read_registration_file(reg))
        t = time.perf_counter()
        first = packages.export_for(v, actor, township.node_id, work)
        packages.import_file(township, township_admin, first.path)  # with its automatic backup, as always
        facts["snapshot_s"] += time.perf_counter() - t
        back = packages.export_for(township, township_admin, v.node_id, work)
        packages.import_file(v, actor, back.path)
        done = sync_work.month_of_work(v, first_day, seed=i)
        for k, n in vars(done).items():
            facts["work"][k] = facts["work"].get(k, 0) + n
        written = packages.export_for(v, actor, township.node_id, out)
        facts["villages"][code] = {"name": names.VILLAGE_NAMES[i], "package": written.path.name,
                                   "bytes": written.bytes, "entries": written.entries,
                                   "month": stats.compute_stats(v, period), "all": stats.compute_stats(v)}
        v.close()
        for f in work.glob(f"{path.name}*"):
            f.unlink()
        for f in (first.path, back.path):
            f.unlink()
        print(f"    {code} {names.VILLAGE_NAMES[i]}：{done.line()}；月度同步包 {written.bytes / 1e3:.0f} kB，"
              f"{written.entries:,} 条变更（{time.perf_counter() - start:.0f} s）", flush=True)
    township.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    township.close()
    shutil.rmtree(work)
    (folder / "facts.json").write_text(json.dumps(facts, ensure_ascii=False))
    print(f"  用时 {time.perf_counter() - start:.0f} s（{VILLAGES} 个首次同步包导入乡镇共 {facts['snapshot_s']:.0f} s）",
          flush=True)
    return facts
