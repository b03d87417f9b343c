"""The bad-file matrix against the CLI and the GUI: refused in Chinese, exit 1, the file's sha256 unchanged."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TEST_ACTOR
from villagedesk import app, cli
from villagedesk.services import village
from villagedesk.store import open_store

CHINESE = re.compile(r"[\u4e00-\u9fff]{4}")
ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False


@pytest.fixture(scope="module")
def good_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("good") / "good.db"
    s = open_store(path, create=True)
    village.init_village(s, TEST_ACTOR, "510903104201", "桂花村", "河东镇", "测试员")
    s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    s.close()
    return path


def _copy(good: Path, folder: Path, name: str = "village.db") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    shutil.copy(good, target)
    shutil.copy(str(good) + ".node", str(target) + ".node")
    return target


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@contextlib.contextmanager
def _bad_file(kind: str, good: Path, tmp: Path):
    """Yield the path of a bad database of the given kind (mounting what needs a mount, as root)."""
    mounted: list[Path] = []
    try:
        if kind == "zero":
            path = tmp / "village.db"
            path.write_bytes(b"")
        elif kind == "text":
            path = tmp / "village.db"
            path.write_text("户主,姓名,身份证号\n" * 200, "utf-8")
        elif kind == "truncated":
            path = _copy(good, tmp)
            with path.open("r+b") as fh:
                fh.truncate(path.stat().st_size // 2)
        elif kind == "flipped":
            path = _copy(good, tmp)
            conn = sqlite3.connect(path)
            page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'residents'").fetchone()[0]
            size = conn.execute("PRAGMA page_size").fetchone()[0]
            conn.close()
            with path.open("r+b") as fh:  # the b-tree page's type byte of the residents table
                fh.seek((page - 1) * size)
                byte = fh.read(1)[0]
                fh.seek((page - 1) * size)
                fh.write(bytes([byte ^ 0xFF]))
        elif kind == "foreign":
            path = tmp / "village.db"
            conn = sqlite3.connect(path)
            conn.execute("CREATE TABLE accounts (name TEXT, balance REAL)")
            conn.commit()
            conn.close()
        elif kind == "empty_sqlite":
            path = tmp / "village.db"
            conn = sqlite3.connect(path)
            conn.execute("CREATE TABLE t (x)")
            conn.execute("DROP TABLE t")
            conn.commit()
            conn.close()
        elif kind == "newer":
            path = _copy(good, tmp)
            conn = sqlite3.connect(path)
            conn.execute("PRAGMA user_version = 99")
            conn.close()
        elif kind == "read_only_file":
            path = _copy(good, tmp)
            if ROOT:  # root ignores file modes: a read-only bind mount of the file itself
                if not (_mount("--bind", str(path), str(path))):
                    pytest.skip("cannot bind-mount here")
                mounted.append(path)
                assert _mount("-o", "remount,ro,bind", str(path))
            else:
                path.chmod(0o444)
        elif kind == "read_only_dir":
            folder = tmp / "stick"
            folder.mkdir()
            if ROOT:
                if not _mount("-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)):
                    pytest.skip("cannot mount a tmpfs here")
                mounted.append(folder)
                path = _copy(good, folder)
                assert _mount("-o", "remount,ro", str(folder))
            else:
                path = _copy(good, folder)
                folder.chmod(0o555)
        elif kind == "full_disk":
            folder = tmp / "full"
            folder.mkdir()
            if not (ROOT and _mount("-t", "tmpfs", "-o", "size=1200k", "tmpfs", str(folder))):
                pytest.skip("a full disk needs a small tmpfs, which needs root (ENOSPC is mapped in test_errors)")
            mounted.append(folder)
            path = _copy(good, folder)
            with contextlib.suppress(OSError), (folder / "filler").open("wb") as fh:
                while True:
                    fh.write(b"\0" * 4096)
                    fh.flush()
        else:
            raise AssertionError(kind)
        yield path
    finally:
        for m in reversed(mounted):
            subprocess.run(["umount", "-l", str(m)], capture_output=True)
        for p in tmp.rglob("*"):
            with contextlib.suppress(OSError):
                p.chmod(0o755)


KINDS = ["zero", "text", "truncated", "flipped", "foreign", "empty_sqlite", "newer", "read_only_file",
         "read_only_dir", "full_disk"]


@pytest.mark.parametrize("kind", KINDS)
def test_the_cli_refuses_in_chinese_and_leaves_the_file_as_it_was(kind, good_db, tmp_path, capsys):
    with _bad_file(kind, good_db, tmp_path) as path:
        before = _sha(path)
        writing = ["stats"] if kind in ("read_only_file", "read_only_dir", "full_disk") else ["stats", "check"]
        for command in writing:
            code = cli.main([command, "--db", str(path)])
            err = capsys.readouterr().err
            assert code == 1, (command, err)
            assert CHINESE.search(err) and "Traceback" not in err, err
            assert _sha(path) == before, command
        if kind in ("zero", "foreign", "empty_sqlite", "text"):  # never turned into a new village
            code = cli.main(["init", "--db", str(path), "--village-code", "510903104201",
                             "--village-name", "桂花村", "--township-name", "河东镇"])
            assert code == 1 and CHINESE.search(capsys.readouterr().err)
            assert _sha(path) == before
        wal = Path(str(path) + "-wal")  # nothing written beside it either
        assert not wal.exists() or wal.stat().st_size == 0


@pytest.mark.parametrize("kind", ["read_only_file", "read_only_dir", "full_disk"])
def test_check_reads_a_database_it_cannot_write_and_changes_nothing(kind, good_db, tmp_path, capsys):
    with _bad_file(kind, good_db, tmp_path) as path:
        before = _sha(path), Path(str(path) + ".node").read_text()
        assert cli.main(["check", "--db", str(path)]) == 0, capsys.readouterr().err
        assert capsys.readouterr().out.strip() == "ok"
        assert (_sha(path), Path(str(path) + ".node").read_text()) == before


def test_check_turns_over_no_token_and_migrates_nothing(good_db, tmp_path, capsys):
    path = _copy(good_db, tmp_path)
    before = _sha(path), Path(str(path) + ".node").read_text()
    assert cli.main(["check", "--db", str(path)]) == 0
    assert (_sha(path), Path(str(path) + ".node").read_text()) == before
    conn = sqlite3.connect(path)  # an older schema: check says so rather than upgrading it
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = (SELECT max(name) FROM _sqlite_migrations)")
    conn.commit()
    conn.close()
    before = _sha(path)
    assert cli.main(["check", "--db", str(path)]) == 1
    assert "需要先升级" in capsys.readouterr().err and _sha(path) == before


@pytest.mark.parametrize("kind", ["zero", "text", "truncated", "flipped", "foreign", "empty_sqlite", "newer",
                                  "read_only_file", "read_only_dir"])
def test_the_gui_refuses_without_a_box_and_leaves_the_file_as_it_was(kind, good_db, tmp_path, capsys, qapp,
                                                                      monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    with _bad_file(kind, good_db, tmp_path) as path:
        before = _sha(path)
        code = app.main(["--db", str(path), "--screenshot", str(tmp_path / "shot.png")])
        err = capsys.readouterr().err
        assert code == 1 and err.startswith("无法打开数据库") and "Traceback" not in err, err
        assert _sha(path) == before
        assert not (tmp_path / "shot.png").exists()


def test_a_failed_init_on_a_full_disk_leaves_nothing_that_blocks_the_next_try(tmp_path, capsys):
    folder = tmp_path / "full"
    folder.mkdir()
    if not (ROOT and _mount("-t", "tmpfs", "-o", "size=200k", "tmpfs", str(folder))):
        pytest.skip("a full disk needs a small tmpfs, which needs root")
    try:
        db = folder / "v.db"
        args = ["init", "--db", str(db), "--village-code", "510903104201", "--village-name", "桂花村",
                "--township-name", "河东镇"]
        assert cli.main(args) == 1
        err = capsys.readouterr().err
        assert "磁盘空间已满" in err and "Traceback" not in err
        assert list(folder.iterdir()) == []
        subprocess.run(["mount", "-o", "remount,size=4m", str(folder)], check=True)
        assert cli.main(args) == 0, capsys.readouterr().err
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def test_the_real_cli_prints_no_traceback_for_a_bad_file(tmp_path):
    path = tmp_path / "village.db"
    path.write_bytes(b"")
    result = subprocess.run([sys.executable, "-m", "villagedesk.cli", "check", "--db", str(path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "0 字节" in result.stderr and "Traceback" not in result.stderr
