"""Sync pairs for the bench: a scale database and a peer that took its snapshot, then months of work (bench/sync_work)
exchanged monthly; cached under the generator's fingerprint, as the scale databases are (building one takes minutes)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import time
from pathlib import Path

from bench import sync_work
from bench.harness import DATA, ROOT, BenchContext, demo_fingerprint

FIRST_DAY = dt.date(2027, 1, 1)  # the months of work come after the demo's year (which ends today)
KEYS = DATA / "sync-keys"  # the nodes' private keys, kept with the cached pairs they belong to


def month_day(n: int) -> dt.date:
    return dt.date(FIRST_DAY.year + (FIRST_DAY.month - 1 + n) // 12, (FIRST_DAY.month - 1 + n) % 12 + 1, 1)


def _fingerprint(scale: str, months: int) -> str:
    h = hashlib.sha256(f"{demo_fingerprint()}|{scale}|{months}|{FIRST_DAY}".encode())
    for path in (ROOT / "bench" / "sync_pairs.py",) + ((ROOT / "bench" / "sync_work.py",) if months else ()):
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


def head(store):
    from villagedesk.domain.actor import Actor

    row = store.conn.execute("SELECT id, name, role FROM users WHERE id = 'demo-approver'").fetchone()
    return Actor(row[0], row[1], row[2])


def _exchange(sender, peer, actor, folder: Path) -> int:
    """One package sender → peer and the peer's ack package back; returns the first one's size in bytes."""
    from villagedesk.services.sync import packages

    written = packages.export_for(sender, actor, peer.node_id, folder)
    packages.import_file(peer, actor, written.path)
    back = packages.export_for(peer, actor, sender.node_id, folder)
    packages.import_file(sender, actor, back.path)
    for f in (written.path, back.path):
        f.unlink()
    return written.bytes


def pair(ctx: BenchContext, scale: str, months: int) -> tuple[Path, Path, dict]:
    """(sender, peer, facts) cached under the generator's fingerprint: building one costs minutes."""
    folder = DATA / f"sync-{scale}-{months}m-{_fingerprint(scale, months)}"
    facts_file = folder / "facts.json"
    if facts_file.exists():
        return folder / "sender.db", folder / "peer.db", json.loads(facts_file.read_text())
    for old in DATA.glob(f"sync-{scale}-{months}m-*"):
        shutil.rmtree(old)
    from villagedesk.services.sync import pairing
    from villagedesk.store import open_store

    print(f"  正在生成同步对（{scale}，快照后 {months} 个月的往来）……", flush=True)
    start = time.perf_counter()
    work = folder / "work"
    work.mkdir(parents=True)
    sender = open_store(ctx.copy(scale, folder / "sender.db"))
    peer = open_store(folder / "peer.db", create=True)
    actor = head(sender)
    for me, other in ((sender, peer), (peer, sender)):
        out = work / f"{me.node_id}.vdreg"
        pairing.write_registration_file(me, actor, out)
        pairing.pair(other, actor, pairing.read_registration_file(out))
    t = time.perf_counter()
    snapshot = _exchange(sender, peer, actor, work)
    facts = {"snapshot_bytes": snapshot, "snapshot_s": time.perf_counter() - t, "monthly_bytes": []}
    for m in range(months):
        sync_work.month_of_work(sender, month_day(m), seed=m)
        facts["monthly_bytes"].append(_exchange(sender, peer, actor, work))
    sender.close()
    peer.close()
    shutil.rmtree(work)
    facts_file.write_text(json.dumps(facts))
    print(f"  用时 {time.perf_counter() - start:.0f} s（快照 {snapshot / 1e6:.1f} MB，导出并导入 "
          f"{facts['snapshot_s']:.0f} s）", flush=True)
    return folder / "sender.db", folder / "peer.db", facts
