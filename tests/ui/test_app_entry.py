"""`villagedesk --page NAME --screenshot FILE.png` renders offscreen and exits, on a fresh or a demo database."""

import subprocess
import sys

from PySide6.QtGui import QImage


def _run(*args, env_path):
    return subprocess.run([sys.executable, "-m", "villagedesk", *map(str, args)], capture_output=True, text=True,
                          timeout=120, env={"QT_QPA_PLATFORM": "offscreen", "VILLAGEDESK_SETTINGS": str(env_path),
                                            "PATH": "/usr/bin:/bin", "HOME": str(env_path.parent)})


def _demo_copy(demo_template, tmp_path):
    import shutil

    db = tmp_path / "demo.db"
    shutil.copy(demo_template, db)
    return db


def test_screenshot_of_home_on_a_demo_village(demo_template, tmp_path):
    db = _demo_copy(demo_template, tmp_path)
    shot = tmp_path / "home.png"
    result = _run("--db", db, "--page", "home", "--screenshot", shot, env_path=tmp_path / "s.ini")
    assert result.returncode == 0, result.stderr
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1280, 800)
    # The big figures are drawn: many distinct colours, not a blank or box-filled page.
    colours = {image.pixel(x, y) for x in range(200, 1280, 7) for y in range(60, 300, 5)}
    assert len(colours) > 20


def test_fresh_database_shows_the_first_run_dialog(tmp_path):
    shot = tmp_path / "first.png"
    result = _run("--db", tmp_path / "new.db", "--screenshot", shot, env_path=tmp_path / "s.ini")
    assert result.returncode == 0, result.stderr
    assert QImage(str(shot)).width() >= 500


def test_unknown_page_is_named(tmp_path):
    result = _run("--db", tmp_path / "x.db", "--page", "nope", "--screenshot", tmp_path / "x.png",
                  env_path=tmp_path / "s.ini")
    assert result.returncode == 2 and "nope" in result.stderr
    assert not (tmp_path / "x.db").exists()


def test_a_mistyped_option_is_named_in_chinese_and_nothing_is_opened(tmp_path):
    result = _run("--db", tmp_path / "x.db", "--pgae", "home", env_path=tmp_path / "s.ini")
    assert result.returncode == 2
    assert "参数 --pgae 无法识别" in result.stderr and "用法" in result.stderr
    assert not (tmp_path / "x.db").exists()


def test_an_option_without_its_value_is_named(tmp_path):
    result = _run("--db", env_path=tmp_path / "s.ini")
    assert result.returncode == 2 and "参数 --db 后面缺少值" in result.stderr


def test_help_lists_every_option(tmp_path):
    result = _run("--help", env_path=tmp_path / "s.ini")
    assert result.returncode == 0
    assert all(opt in result.stdout for opt in ("--db", "--page", "--screenshot"))


def test_first_start_on_an_older_database_backs_it_up_then_migrates_it(tmp_path):
    """An offline update: the newer program opens the village's file as the previous release left it."""
    import sqlite3

    from tests.store import frozen_schema
    from villagedesk.services.backup import catalog
    from villagedesk.store.connection import APPLICATION_ID
    from villagedesk.store.migrations import SCHEMA_VERSION

    old_version = max(v for v in frozen_schema.released_versions() if v < SCHEMA_VERSION)
    db = tmp_path / "old.db"
    old = sqlite3.connect(db, isolation_level=None)
    old.executescript(frozen_schema.dump_path(old_version).read_text("utf-8"))
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    old.execute(f"PRAGMA user_version = {old_version}")
    old.close()
    result = _run("--db", db, "--screenshot", tmp_path / "first.png", env_path=tmp_path / "s.ini")
    assert result.returncode == 0, result.stderr
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    backups = catalog.list_backups(tmp_path / ".local" / "share" / "VillageDesk" / "backups")
    assert [b.manifest["reason"] for b in backups] == ["升级数据结构前"]


def test_a_tab_of_a_page_is_opened_by_its_name_and_an_unknown_one_is_named(demo_template, tmp_path):
    db = _demo_copy(demo_template, tmp_path)
    shot = tmp_path / "notices.png"
    result = _run("--db", db, "--page", "visits:政策宣传", "--screenshot", shot, env_path=tmp_path / "s.ini")
    assert result.returncode == 0, result.stderr
    assert QImage(str(shot)).width() == 1280
    result = _run("--db", db, "--page", "visits:无此标签", "--screenshot", shot, env_path=tmp_path / "s.ini")
    assert result.returncode == 2 and "无此标签" in result.stderr
