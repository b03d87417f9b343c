"""The backup CLI, a damaged database at start, restores by hand detected, a backup during a concurrent writer."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.backup.conftest import redeem_once, sha256
from villagedesk.domain.errors import DamagedDatabaseError
from villagedesk.services import privacy, village
from villagedesk.services.backup import automatic, catalog
from villagedesk.store import open_store

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-m", "villagedesk.cli"]


def cli(*args, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, timeout=120, cwd=ROOT,
                          env={**os.environ, **(env or {})})


def test_cli_backup_list_verify_and_restore(small_db, tmp_path):
    out = tmp_path / "out"
    made = cli("backup", "--db", small_db, "--out", out, "--user", "李会计")  # a clerk may back up
    assert made.returncode == 0, made.stderr
    assert "已备份" in made.stdout
    [file] = [p for p in out.iterdir() if p.suffix == ".vdbak"]
    listed = cli("backup", "list", "--out", out)
    assert "农户 20" in listed.stdout and "李会计" in listed.stdout
    assert cli("backup", "verify", file).stdout.startswith("ok：")
    s = open_store(small_db)
    redeem_once(s)
    s.close()
    refused = cli("restore", "--db", small_db, file, "--user", "李会计")  # a clerk may not restore
    assert refused.returncode == 1 and "只有书记/主任、乡镇管理员可以从备份恢复" in refused.stderr
    assert "Traceback" not in refused.stderr
    s = open_store(small_db)
    assert [(a.user, a.action) for a in privacy.audit_lines(s, village.office_users(s)[0])[:1]] == [
        ("李会计", "拒绝操作")]
    s.close()
    assert cli("restore", "--db", small_db, file).returncode == 1  # nobody named: refused too
    assert not [p for p in small_db.parent.iterdir() if "_恢复前_" in p.name]  # nothing was replaced
    back = cli("restore", "--db", small_db, file, "--user", "王书记")
    assert back.returncode == 0, back.stderr
    assert "将会丢失" in back.stdout and "恢复前的数据库已另存为" in back.stdout
    assert cli("check", "--db", small_db).stdout.strip() == "ok"
    s = open_store(small_db)
    trail = [(a.user, a.action) for a in privacy.audit_lines(s, village.office_users(s)[0])]
    s.close()
    assert ("王书记", "从备份恢复") in trail and ("李会计", "备份") in trail


def test_cli_refuses_a_damaged_backup_in_chinese_without_a_traceback(small_db, tmp_path):
    bad = tmp_path / "坏.vdbak"
    bad.write_bytes(b"VDBAK1\n" + os.urandom(5000))
    digest = sha256(small_db)
    for result in (cli("backup", "verify", bad), cli("restore", "--db", small_db, bad)):
        assert result.returncode == 1
        assert "错误：" in result.stderr and "Traceback" not in result.stderr
    assert sha256(small_db) == digest


def test_a_truncated_database_is_named_damaged_and_the_cli_moves_it_aside_and_restores(small_store, small_db):
    good = automatic.backup_now(small_store, "关闭时")
    small_store.close()
    data = small_db.read_bytes()
    small_db.write_bytes(data[: len(data) // 2])
    with pytest.raises(DamagedDatabaseError, match="截断"):
        open_store(small_db)
    check = cli("check", "--db", small_db)
    assert check.returncode == 1 and "最近的完好备份" in check.stderr and good.path.name in check.stderr
    back = cli("restore", "--db", small_db, good.path)
    assert back.returncode == 0, back.stderr
    aside = [p for p in small_db.parent.iterdir() if "_损坏_" in p.name and p.suffix == ".db"]
    assert aside and aside[0].stat().st_size == len(data) // 2  # moved aside, not deleted
    assert cli("check", "--db", small_db).stdout.strip() == "ok"


def test_a_file_that_is_not_ours_is_named_damaged(tmp_path):
    path = tmp_path / "x.db"
    path.write_bytes(b"PK\x03\x04 not a database" * 100)
    with pytest.raises(DamagedDatabaseError, match="不是村务台数据库"):
        open_store(path)


def test_a_data_folder_copied_back_by_hand_continues_as_a_new_node(small_store, small_db, tmp_path):
    """The natural restore by hand: database and sidecar copied back together (measured: it kept
    the old node and issued 2026-000621…623 a second time)."""
    small_store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    small_store.close()
    saved = tmp_path / "usb"
    shutil.copytree(small_db.parent, saved)  # the clerk's copy of the data folder
    s = open_store(small_db)
    node = s.node_id
    printed = [redeem_once(s) for _ in range(3)]
    s.close()
    shutil.rmtree(small_db.parent)
    shutil.copytree(saved, small_db.parent)  # ... copied back after the PC was reinstalled
    back = open_store(small_db)
    try:
        assert back.node_id != node
        reason = back.scalar("SELECT reason FROM node_history WHERE node_id = ?", (back.node_id,))
        assert "较早的状态" in reason
        again = redeem_once(back)
        assert again not in printed, "a receipt number already on paper was issued again"
    finally:
        back.close()


def test_reopening_the_same_database_keeps_its_node(small_store, small_db):
    node = small_store.node_id
    redeem_once(small_store)
    small_store.close()
    s = open_store(small_db)
    assert s.node_id == node
    s.close()


@pytest.mark.slow
def test_a_backup_during_a_concurrent_writer_restores_every_receipt_committed_before_it(small_store, small_db,
                                                                                        tmp_path):
    from villagedesk.services import village
    from villagedesk.services.points import goods, stock

    salt = min(goods.goods_list(small_store), key=lambda g: g.points_price)
    stock.stock_in(small_store, village.office_users(small_store)[0], salt.id, "donation", 200, 200, "爱心企业")
    proc = subprocess.Popen([sys.executable, "-m", "tests.backup.redeem_worker", str(small_db), "110", "0.01"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    issued = []
    try:
        while len(issued) < 30:
            line = proc.stdout.readline()
            assert line, proc.stderr.read()
            issued.append(line.strip())
        before = list(issued)  # every one of these committed before the backup began
        b = automatic.backup_now(small_store, "手动备份", "测试员", where=tmp_path / "out")
        assert proc.poll() is None, "the writer finished before the backup was done"
    finally:
        proc.wait(timeout=120)
    assert proc.returncode == 0, proc.stderr.read()
    restored = tmp_path / "restored" / "village.db"
    restored.parent.mkdir()
    from villagedesk.services.backup import restore

    done = restore.restore(restored, b.path, store=None)
    try:
        assert done.problems == []
        numbers = {r[0] for r in done.store.query("SELECT number FROM redemptions")}
        assert set(before) <= numbers
    finally:
        done.store.close()
    assert cli("check", "--db", restored).stdout.strip() == "ok"
    assert catalog.verify(b.path)


def test_the_state_memory_lives_outside_the_data_folder():
    from villagedesk.store.location import backup_dir, default_db_path, state_dir

    data = default_db_path().parent
    assert data not in state_dir().parents and state_dir() != data
    assert backup_dir().parent == data


@pytest.mark.slow
def test_cli_encrypted_backup_verifies_and_restores_with_the_password_from_the_environment(small_db, tmp_path):
    out = tmp_path / "usb"
    env = {"VILLAGEDESK_BACKUP_PASSWORD": "桂花村2026备份"}
    made = cli("backup", "--db", small_db, "--out", out, "--encrypt", "--user", "李会计", env=env)
    assert made.returncode == 0, made.stderr
    [file] = list(out.glob("*.age"))
    quick = cli("backup", "verify", file)
    assert quick.returncode == 0 and "只核对了文件校验值" in quick.stdout
    wrong = cli("restore", "--db", tmp_path / "new" / "village.db", file,
                env={"VILLAGEDESK_BACKUP_PASSWORD": "not-the-password"})
    assert wrong.returncode == 1 and "备份密码不对" in wrong.stderr and "Traceback" not in wrong.stderr
    back = cli("restore", "--db", tmp_path / "new" / "village.db", file, env=env)
    assert back.returncode == 0, back.stderr
    assert cli("check", "--db", tmp_path / "new" / "village.db").stdout.strip() == "ok"
    nopw = cli("backup", "--db", small_db, "--out", out, "--encrypt", "--user", "李会计")
    assert nopw.returncode == 1 and "备份密码" in nopw.stderr
