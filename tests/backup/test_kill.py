"""200 SIGKILLs at random moments during a backup and 200 during a restore: the database is always the old one or the
restored one and passes `check`; no file under a final name fails `backup verify`."""

from __future__ import annotations

import multiprocessing
import random
import shutil
import time
from pathlib import Path

import pytest

from tests.conftest import TEST_ACTOR
from villagedesk.services import integrity, village
from villagedesk.services.backup import automatic, catalog
from villagedesk.services.backup.archive import BackupError
from villagedesk.store import open_store

ROUNDS = 200


def _marker(path: Path) -> str:
    s = open_store(path)
    try:
        assert integrity.check(s) == [], path
        return s.scalar("SELECT value FROM settings WHERE key = 'test.state'")
    finally:
        s.close()


def _set_marker(s, value: str) -> None:
    with s.transaction():
        s.conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('test.state', ?)", (value,))
        s.audit(TEST_ACTOR, "测试状态", detail=value)  # a change, so the backup differs from the database


@pytest.fixture(scope="module")
def forkserver():
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["tests.backup.kill_worker", "villagedesk.services.backup.restore", "zstandard"])
    return ctx


@pytest.fixture
def pristine(tmp_path):
    """A tiny village in state A (closed, checkpointed) and a backup of it in state B."""
    db = tmp_path / "pristine" / "village.db"
    db.parent.mkdir()
    s = open_store(db, create=True)
    village.init_village(s, TEST_ACTOR, "510903104201", "桂花村", "河东镇", "测试员")
    _set_marker(s, "B")
    b = automatic.backup_now(s, "测试", "测试员", where=tmp_path / "b")
    _set_marker(s, "A")
    s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    s.close()
    return db, b.path


def _place(src: Path, folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    shutil.copy(src, folder / src.name)
    shutil.copy(str(src) + ".node", folder / (src.name + ".node"))
    return folder / src.name


def _run_and_kill(forkserver, fn, args, delay: float) -> list[str]:
    """Start fn(*args, pipe) in a child, SIGKILL it `delay` seconds after it opened the database."""
    ours, theirs = forkserver.Pipe(duplex=False)
    child = forkserver.Process(target=fn, args=(*args, theirs))
    child.start()
    theirs.close()
    said = []
    if ours.poll(30):
        said.append(ours.recv())
    time.sleep(delay)
    child.kill()
    child.join(30)
    while ours.poll():
        try:
            said.append(ours.recv())
        except EOFError:
            break
    ours.close()
    return said


def _final_files_verify(folder: Path, seen: set[str]) -> int:
    """Every backup under a final name that was not checked before passes `backup verify`."""
    checked = 0
    for p in sorted(folder.iterdir()) if folder.exists() else []:
        if p.name.startswith(".") or p.name in seen:
            continue
        seen.add(p.name)
        if p.name.endswith(".json"):  # a manifest; one left without its backup by a kill is no backup
            continue
        assert catalog.is_backup_name(p), p
        try:
            catalog.verify(p)
        except BackupError as exc:
            pytest.fail(f"{p.name} is under a final name but fails verify: {exc}")
        checked += 1
    return checked


def _timing(forkserver, fn, args) -> float:
    """The longest of three uninterrupted runs: one run alone can be quick and leave every later kill early."""
    return max(_one_timing(forkserver, fn, args) for _ in range(3))


def _widened(spent: float, rounds_done: int, landed_late: int) -> float:
    """Double the spread of delays each 25 rounds in which no kill has yet landed after the end (a loaded machine)."""
    return spent * 2 if rounds_done and rounds_done % 25 == 0 and not landed_late else spent


def _one_timing(forkserver, fn, args) -> float:
    ours, theirs = forkserver.Pipe(duplex=False)
    child = forkserver.Process(target=fn, args=(*args, theirs))
    child.start()
    theirs.close()
    ours.recv()
    t = time.perf_counter()
    ours.recv()
    spent = time.perf_counter() - t
    child.join(30)
    return spent


@pytest.mark.slow
def test_sigkill_during_backup(forkserver, pristine, tmp_path):
    db_src, _b = pristine
    work = tmp_path / "work"
    db = _place(db_src, work)
    folder = tmp_path / "backups"
    from tests.backup import kill_worker

    spent = _timing(forkserver, kill_worker.backup, (str(db), str(folder)))
    seen: set[str] = set()
    finished = 0
    for i in range(ROUNDS):
        spent = _widened(spent, i, finished)
        said = _run_and_kill(forkserver, kill_worker.backup, (str(db), str(folder)), random.uniform(0, spent * 1.2))
        finished += any(s.startswith("backed-up") for s in said)
        assert _marker(db) == "A"
        _final_files_verify(folder, seen)
        if len(seen) > 40:  # keep the folder small, so each round stays fast
            for p in folder.iterdir():
                if not p.name.startswith("."):
                    p.unlink()
            seen.clear()
    assert 0 < finished < ROUNDS, f"kills should land both during and after the backup ({finished})"


@pytest.mark.slow
def test_sigkill_during_restore(forkserver, pristine, tmp_path):
    from tests.backup import kill_worker

    db_src, b = pristine
    work = tmp_path / "work"
    db = _place(db_src, work)
    spent = _timing(forkserver, kill_worker.restore, (str(db), str(b)))
    assert _marker(db) == "B"
    seen: set[str] = set()
    outcomes = {"A": 0, "B": 0}
    for i in range(ROUNDS):
        spent = _widened(spent, i, outcomes["B"])
        db = _place(db_src, work)
        said = _run_and_kill(forkserver, kill_worker.restore, (str(db), str(b)), random.uniform(0, spent * 1.2))
        state = _marker(db)
        assert state in ("A", "B")
        assert not [p.name for p in work.iterdir() if p.name.startswith(".vd-")], "the next start clears a killed restore's work"
        if "restored" in said:
            assert state == "B"
        outcomes[state] += 1
        for p in work.iterdir():  # the database kept from before the restore is whole, under its final name
            if "_恢复前_" in p.name and not p.name.startswith("."):
                assert _marker(p) == "A"
        _final_files_verify(automatic.folder(), seen)
        if len(seen) > 40:
            shutil.rmtree(automatic.folder())
            seen.clear()
    assert outcomes["A"] and outcomes["B"], outcomes
