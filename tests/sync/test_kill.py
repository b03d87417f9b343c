"""SIGKILL at a random moment of a sync import: every round the package is either all in or not at all,
and `check` finds nothing wrong afterwards.

A child process imports one package through the service and prints, flushed, "ready" once its store is
open and "committed <package id>" when the import returned; the parent kills it after a random delay
spread over the import's measured duration (one in each of ROUNDS equal slices). The database is then compared by content (every table,
every row; node_identity left out, since opening the file turns its token over) with the state before
and the state after a complete import. The suite runs 20 rounds (~0.25 s each); VILLAGEDESK_KILL_ROUNDS=200
runs the issue's 200 (~50 s on a 2-core machine).
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import TEST_ACTOR
from tests.points.conftest import award
from villagedesk.services import integrity
from villagedesk.services.sync import packages, pairing
from villagedesk.store import open_store

ROUNDS = int(os.environ.get("VILLAGEDESK_KILL_ROUNDS", "20"))
CHILD = """
import sys
from pathlib import Path
from villagedesk.domain.actor import Actor
from villagedesk.services.sync import packages
from villagedesk.store import open_store
store = open_store(sys.argv[1])
print("ready", flush=True)
report = packages.import_file(store, Actor("test-user", "测试员", "head"), Path(sys.argv[2]))
print("committed", report.package_id, flush=True)
store.close()
"""


def content(path: Path) -> str:
    """Every row of every table but node_identity, read without the app (no token turnover, no migration)."""
    conn = sqlite3.connect(path)
    try:
        digest = hashlib.sha256()
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'node_identity'"
                                    " ORDER BY name"):
            digest.update(name.encode())
            for row in sorted(repr(r) for r in conn.execute(f'SELECT * FROM "{name}"')):
                digest.update(row.encode())
        return digest.hexdigest()
    finally:
        conn.close()


def _files(db: Path) -> list[Path]:
    return [db, db.with_name(db.name + ".node")]


def _save(db: Path, where: Path) -> None:
    where.mkdir()
    for f in _files(db):
        shutil.copy2(f, where / f.name)


def _restore(db: Path, where: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    for f in _files(db):
        shutil.copy2(where / f.name, f)


def _child(db: Path, package: Path) -> subprocess.Popen:
    """The importing child, once it said it is ready."""
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(db), str(package)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2])
    if child.stdout.readline().strip() != "ready":
        child.kill()
        pytest.fail(f"the importing child did not start: {child.communicate()[1]}")
    return child


@pytest.mark.slow
def test_an_import_killed_at_any_moment_is_all_or_nothing(pv, tmp_path):
    award(pv, ["张大山", "王小明"])
    primary = pv.store
    second = open_store(tmp_path / "second.db", create=True)
    for me, other in ((primary, second), (second, primary)):
        pairing.write_registration_file(me, TEST_ACTOR, tmp_path / "r.vdreg")
        pairing.pair(other, TEST_ACTOR, pairing.read_registration_file(tmp_path / "r.vdreg"))
    for src, dst in ((primary, second), (second, primary)):  # snapshot, then acks back: incremental from now
        packages.import_file(dst, TEST_ACTOR, packages.export_for(src, TEST_ACTOR, dst.node_id, tmp_path).path)
    for i, hid in enumerate(r[0] for r in primary.query("SELECT id FROM households")):
        for n in range(150):  # a package of some 450 changes: the transaction takes a while
            primary.update("households", hid, {"phone": f"139{i:02d}{n:06d}"}, TEST_ACTOR)
    award(pv, ["赵一", "李秀英"], title="修路")
    (tmp_path / "stick").mkdir()
    package = packages.export_for(primary, TEST_ACTOR, second.node_id, tmp_path / "stick").path
    db = second.path
    second.close()
    _save(db, tmp_path / "before")
    before = content(db)

    started = time.perf_counter()  # one import to the end: the state after, and how long it takes
    child = _child(db, package)
    ready = time.perf_counter()
    out, err = child.communicate(timeout=120)
    span = time.perf_counter() - ready
    assert out.startswith("committed"), err
    after = content(db)
    assert after != before

    rng = random.Random(16)
    seen = {"all": 0, "nothing": 0}
    for i in range(ROUNDS):
        _restore(db, tmp_path / "before")
        child = _child(db, package)
        time.sleep(span * 1.5 * (i + rng.random()) / ROUNDS)  # one kill in each slice of the import's time
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        state = content(db)
        assert state in (before, after), "a killed import left a half-merged database"
        if out.startswith("committed"):
            assert state == after  # reported as done: it is in
        seen["all" if state == after else "nothing"] += 1
        store = open_store(db)
        assert integrity.check(store) == []
        store.close()
    per_round = (time.perf_counter() - started) / (ROUNDS + 1)
    print(f"\n{ROUNDS} rounds, {per_round:.2f} s each (import {span:.2f} s): {seen}")
    assert seen["nothing"], seen  # (how many rounds the import finished first depends on the machine's load)
