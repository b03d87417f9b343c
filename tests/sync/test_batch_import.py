"""导入 several packages at once (a township's villages' packages from one stick): one automatic backup before the
first that writes, each package whole or not at all, a refused one named while the others go in."""

import contextlib
import io

import pytest

from tests.conftest import TEST_ACTOR
from tests.sync.township import ADMIN, demo_village, pair, township_node
from villagedesk import cli
from villagedesk.services.backup import automatic, catalog
from villagedesk.services.scope import resolve_scope
from villagedesk.services.stats import compute_stats
from villagedesk.services.sync import packages

VILLAGES = (("510903104201", "桂花村", 6, 1), ("510903104202", "石桥村", 4, 2), ("510903104203", "柳湾村", 3, 3))


@pytest.fixture
def stick(tmp_path):
    """A township and three villages registered there, each village's first package on the stick."""
    township = township_node(tmp_path / "township.db")
    villages, files = [], []
    (tmp_path / "U盘").mkdir()
    for code, name, households, seed in VILLAGES:
        v = demo_village(tmp_path / f"{code}.db", code, name, households=households, seed=seed)
        pair(v, TEST_ACTOR, township, ADMIN, tmp_path)
        files.append(packages.export_for(v, TEST_ACTOR, township.node_id, tmp_path / "U盘").path)
        villages.append(v)
    yield township, villages, files
    for s in (township, *villages):
        s.close()


def _pre_import_backups() -> list:
    return [b for b in catalog.list_backups(automatic.folder()) if b.manifest.get("reason") == "同步导入前"]


def _households(store) -> int:
    return compute_stats(store, None, resolve_scope(store))["households"]


def test_a_batch_is_backed_up_once_and_each_package_goes_in(stick):
    township, villages, files = stick
    before = len(_pre_import_backups())
    batch = packages.import_files(township, ADMIN, files)
    assert [p for p, _r in batch.done] == files and batch.refused == () and batch.backed_up
    assert all(r.snapshot and r.counts and not r.already for _p, r in batch.done)
    assert len(_pre_import_backups()) == before + 1  # one, not three
    assert _households(township) == sum(h for _c, _n, h, _s in VILLAGES) == 13
    again = packages.import_files(township, ADMIN, files)
    assert all(r.already for _p, r in again.done) and not again.backed_up  # nothing to write: no backup
    assert len(_pre_import_backups()) == before + 1


def test_the_batch_s_backup_holds_the_database_as_it_was_before_the_first_package(stick, tmp_path):
    import sqlite3

    from villagedesk.services.backup import archive

    township, _villages, files = stick
    packages.import_files(township, ADMIN, files[:1])  # 桂花村 already held
    had = {b.path for b in _pre_import_backups()}
    packages.import_files(township, ADMIN, files)  # 桂花村 again (held), then the two others
    [made] = [b for b in _pre_import_backups() if b.path not in had]
    archive.extract_db(made.path, tmp_path / "restored.db")
    conn = sqlite3.connect(tmp_path / "restored.db")
    assert [r[0] for r in conn.execute("SELECT name FROM villages ORDER BY code")] == ["桂花村"]
    conn.close()


def test_a_refused_package_in_the_batch_is_named_and_the_others_go_in(stick, tmp_path):
    township, _villages, files = stick
    bad = files[1].with_name("坏的同步包.vdsync")
    bad.write_bytes(files[1].read_bytes()[:-200])  # cut short on the stick
    batch = packages.import_files(township, ADMIN, [files[0], bad, files[2]])
    assert [p for p, _r in batch.done] == [files[0], files[2]]
    [(path, why)] = batch.refused
    assert path == bad and "坏的同步包.vdsync" in why
    assert resolve_scope(township).codes == ("510903104201", "510903104203")


def test_the_cli_imports_several_files_with_one_backup_and_says_which_failed(stick, capsys):
    township, _villages, files = stick
    bad = files[1].with_name("坏的同步包.vdsync")
    bad.write_bytes(b"not a package")
    township.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = len(_pre_import_backups())
    args = ["sync", "import", "--db", str(township.path), str(files[0]), str(bad), str(files[2]), "--user", ADMIN.name]
    assert cli.main(args) == 1
    out, err = capsys.readouterr()
    assert "共 3 个同步包：导入 2 个，已导入过 0 个，拒绝 1 个；导入前自动备份了一次" in out
    assert f"{files[0].name}：\n已导入：" in out and "坏的同步包.vdsync：未导入：" in err
    assert len(_pre_import_backups()) == before + 1
    assert cli.main(args[:-2] + ["--user", ADMIN.name]) == 1  # again: two held, the bad one still refused
    out, _err = capsys.readouterr()
    assert "导入 0 个，已导入过 2 个，拒绝 1 个；没有需要写入的内容，未备份。" in out


def test_a_dry_run_of_several_files_checks_each_and_writes_nothing(stick, capsys):
    township, _villages, files = stick
    before = len(_pre_import_backups())
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(["sync", "import", "--db", str(township.path), *map(str, files), "--dry-run",
                         "--user", ADMIN.name]) == 0
    assert out.getvalue().count("预检结果（未导入）") == 3 and files[2].name in out.getvalue()
    assert _households(township) == 0 and township.scalar("SELECT count(*) FROM villages") == 0  # nothing went in
    assert len(_pre_import_backups()) == before


def test_the_import_dialog_imports_every_package_on_the_stick_with_one_backup(stick, make_window, qtbot, messages,
                                                                             monkeypatch, tmp_path):
    from PySide6.QtCore import Qt

    from villagedesk.services.backup import usb

    township, _villages, files = stick
    drive = usb.Drive(tmp_path / "U盘", "U盘", "vfat", 8 * 1024**3, 16 * 1024**3)
    monkeypatch.setattr(usb, "removable_drives", lambda mounts=None: [drive])
    before = len(_pre_import_backups())
    window = make_window(township, ADMIN)
    page = window.show_page("sync")
    qtbot.mouseClick(page.buttons["import"], Qt.MouseButton.LeftButton)
    d = page.dialog
    assert d.all_button.isVisible() and d.all_button.text() == "导入U盘上的全部（3 个）"
    qtbot.mouseClick(d.all_button, Qt.MouseButton.LeftButton)
    title, text = messages[-1]
    assert title == "导入同步包" and text.startswith("共 3 个同步包：导入 3 个，已导入过 0 个，未导入 0 个。")
    assert "导入前已自动备份一次" in text and len(_pre_import_backups()) == before + 1
    assert window.viewing_combo.count() == 4  # 全部村 and the three villages, without a restart
    assert window.show_page("households").model.total == 13
