"""villagedesk-cli as the township's tools call it: init, demo, check, stats --json, and the refusals."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

CLI = [sys.executable, "-m", "villagedesk.cli"]


def run(*args, check=False):
    result = subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, timeout=300)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def test_init_demo_check_stats(tmp_path):
    db = tmp_path / "v.db"
    run("init", "--db", db, "--village-code", "510903104201", "--village-name", "桂花村",
        "--township-name", "河东镇", check=True)
    out = run("demo", "--db", db, check=True).stdout
    assert "600 户" in out
    assert run("check", "--db", db, check=True).stdout.strip() == "ok"
    stats = json.loads(run("stats", "--json", "--db", db, check=True).stdout)
    assert stats["grids"] == 12 and stats["households"] == 600
    assert 1800 <= stats["residents"] <= 2300
    assert list(stats)[:3] == ["grids", "households", "residents"]


@pytest.mark.parametrize("code", ["51090310420", "510903104000", "51090310420X"])
def test_init_with_a_bad_code_exits_nonzero_in_chinese_and_creates_nothing(tmp_path, code):
    db = tmp_path / "v.db"
    result = run("init", "--db", db, "--village-code", code, "--village-name", "桂花村", "--township-name", "河东镇")
    assert result.returncode != 0
    assert "统计用区划代码" in result.stderr
    assert not db.exists()


def test_demo_into_a_database_with_village_data_is_refused_unchanged(tmp_path):
    db = tmp_path / "v.db"
    run("demo", "--db", db, "--households", "50", check=True)
    before = json.loads(run("stats", "--json", "--db", db, check=True).stdout)
    result = run("demo", "--db", db)
    assert result.returncode != 0 and "已有村庄数据" in result.stderr
    assert json.loads(run("stats", "--json", "--db", db, check=True).stdout) == before


def test_check_on_a_file_that_is_not_ours(tmp_path):
    junk = tmp_path / "notes.db"
    junk.write_text("这不是数据库")
    result = run("check", "--db", junk)
    assert result.returncode != 0 and "不是村务台数据库" in result.stderr
    assert junk.read_text() == "这不是数据库"


def test_a_database_from_a_newer_version_is_refused(tmp_path):
    import sqlite3

    db = tmp_path / "v.db"
    run("demo", "--db", db, "--households", "20", check=True)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    result = run("check", "--db", db)
    assert result.returncode != 0 and "更新版本" in result.stderr


def test_bad_period_is_named():
    result = run("stats", "--json", "--period", "2026-13", "--db", "/nonexistent/x.db")
    assert result.returncode != 0 and "统计期间" in result.stderr


def test_period_takes_the_spellings_the_picker_offers(tmp_path, monkeypatch):
    monkeypatch.setenv("VILLAGEDESK_NOW", "2026-12-02T09:00:00")  # on 2 December, November is 上个月
    db = tmp_path / "v.db"
    run("demo", "--db", db, "--households", "30", check=True)

    def stats(period):
        return json.loads(run("stats", "--json", "--period", period, "--db", db, check=True).stdout)

    november = stats("2026-11")
    assert november["visits"] > 0
    assert stats("上个月") == november  # the other spellings are parse_period's tests (tests/domain/test_period.py)
    assert stats("2026Q4")["visits"] >= november["visits"]
    result = run("stats", "--period", "2026/11", "--db", db)
    assert result.returncode != 0 and "统计期间" in result.stderr and "2026Q4" in result.stderr


@pytest.mark.slow
def test_sigkill_during_a_large_demo_leaves_nothing_or_everything(tmp_path):
    db = tmp_path / "v.db"
    run("init", "--db", db, "--village-code", "510903104201", "--village-name", "桂花村",
        "--township-name", "河东镇", check=True)
    proc = subprocess.Popen([*CLI, "demo", "--db", str(db), "--households", "50000"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wal = tmp_path / "v.db-wal"
    deadline = time.time() + 120
    while time.time() < deadline and (not wal.exists() or wal.stat().st_size < 8_000_000):
        time.sleep(0.05)  # wait until the demo's transaction is well under way
    assert proc.poll() is None, "demo finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert run("check", "--db", db, check=True).stdout.strip() == "ok"
    stats = json.loads(run("stats", "--json", "--db", db, check=True).stdout)
    assert stats["households"] in (0, 50000)
    assert stats["households"] == 0  # killed mid-way: the schema and the village, no half demo
    assert stats["grids"] == 0 and stats["residents"] == 0
