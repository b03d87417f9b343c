"""Reliability: a SIGKILL during 1,000 redemptions loses nothing committed; a tampered amount is named by check."""

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

from tests.points.conftest import award
from villagedesk.services.points import goods, redemption, rules, stock

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-m", "villagedesk.cli"]


def _check(db) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, "check", "--db", str(db)], capture_output=True, text=True, timeout=120)


@pytest.mark.slow
def test_sigkill_during_a_thousand_redemptions_leaves_every_issued_receipt_whole(pv, db_path):
    s = pv.store
    big = rules.add_rule(s, pv.admin, "年度先进", "earn", 600, "2020-01-01")
    pv.earn = big
    award(pv, ["张大山", "李秀英", "王小明", "赵一"], "年度表彰")  # 1,200 + 600 + 600 points
    soap = goods.add_goods(s, pv.admin, "香皂", "块", 1, 4, 0)
    stock.stock_in(s, pv.admin, soap.id, "donation", 1500, 6000, "爱心企业")
    s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    proc = subprocess.Popen([sys.executable, "-m", "tests.points.redeem_worker", str(db_path), "1000"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    issued = []
    wanted = random.randint(20, 600)
    while len(issued) < wanted:
        line = proc.stdout.readline()
        assert line, proc.stderr.read()
        issued.append(line.strip())
    time.sleep(random.uniform(0, 0.05))
    assert proc.poll() is None, "the worker finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    issued += [line.strip() for line in proc.stdout.read().splitlines() if line.strip()]
    result = _check(db_path)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr
    rows = {r["number"]: r for r in s.query("""
        SELECT rd.number, e.delta, m.quantity FROM redemptions rd
        JOIN point_entries e ON e.id = rd.entry_id
        JOIN stock_movements m ON m.redemption_id = rd.id AND m.kind = 'redemption'""")}
    assert set(issued) <= set(rows), "a receipt printed before the kill is missing"
    assert all(rows[n]["delta"] == -1 and rows[n]["quantity"] == -1 for n in issued)
    assert len(rows) - len(issued) in (0, 1)  # at most the one committed as the kill came
    year = issued[0][:4]
    assert sorted(rows) == [f"{year}-{i:06d}" for i in range(1, len(rows) + 1)]
    assert s.scalar("SELECT SUM(balance) FROM point_balances") == 2400 - len(rows)


def test_changing_one_ledger_amount_makes_check_fail_and_name_the_entry(pv, db_path):
    award(pv, ["张大山", "王小明"])
    assert _check(db_path).stdout.strip() == "ok"
    target = pv.store.query("SELECT id FROM point_entries ORDER BY seq LIMIT 1")[0]["id"]
    pv.store.close()
    shell = shutil.which("sqlite3")
    update = f"UPDATE point_entries SET delta = 500 WHERE id = '{target}';"

    def run_sql(sql: str) -> str:
        if shell:
            return subprocess.run([shell, str(db_path)], input=sql, capture_output=True, text=True).stderr
        conn = sqlite3.connect(db_path)
        try:
            conn.executescript(sql)
            return ""
        except sqlite3.DatabaseError as exc:
            return str(exc)
        finally:
            conn.close()

    assert "积分台账记录不能修改" in run_sql(update)  # the trigger refuses an honest mistake
    assert _check(db_path).stdout.strip() == "ok"
    assert run_sql("DROP TRIGGER point_entries_no_update;" + update) == ""  # an attacker drops it first
    result = _check(db_path)
    assert result.returncode == 1
    assert f"积分台账记录 {target}" in result.stderr and "内容与哈希不符" in result.stderr
    assert "积分余额缓存为 10" in result.stderr  # the cached balance no longer equals the sum either


def test_the_ledger_refuses_delete_and_out_of_order_inserts(pv):
    award(pv, ["张大山"])
    conn = pv.store.conn
    with pytest.raises(sqlite3.IntegrityError, match="只能作废"):
        conn.execute("DELETE FROM point_entries")
    row = dict(conn.execute("SELECT * FROM point_entries").fetchone())
    with pytest.raises(sqlite3.IntegrityError, match="只能按顺序追加"):
        conn.execute(f"INSERT INTO point_entries ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                     tuple({**row, "id": "x", "seq": 5}.values()))
    soap = goods.add_goods(pv.store, pv.admin, "香皂", "块", 1, 4, 0)
    stock.stock_in(pv.store, pv.admin, soap.id, "donation", 5, 20, "爱心企业")
    redemption.redeem(pv.store, pv.admin, pv.households[0], [(soap.id, 2)])
    with pytest.raises(sqlite3.IntegrityError, match="兑换凭证的内容不能修改"):
        conn.execute("UPDATE redemptions SET total_points = 1")
    with pytest.raises(sqlite3.IntegrityError, match="库存流水不能修改"):
        conn.execute("UPDATE stock_movements SET quantity = 100")
