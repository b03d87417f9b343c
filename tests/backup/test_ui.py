"""pytest-qt: 备份到U盘 and 恢复 walked through the real dialogs; the damaged-database dialog moves the file aside and restores."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.backup.conftest import redeem_once
from tests.conftest import TEST_ACTOR
from tests.ui.helpers import type_text
from villagedesk.domain import permissions
from villagedesk.services import integrity, village
from villagedesk.services.backup import automatic, catalog, restore, usb
from villagedesk.services.backup.archive import BackupError
from villagedesk.ui.backup import menu as backup_menu

PASSWORD = "桂花村2026备份"


def _action(window, text: str):
    return next(a for a in window.file_menu.actions() if a.text() == text)


@pytest.fixture
def stick(tmp_path, monkeypatch) -> Path:
    """A USB stick as the drive list reports it (FAT32, plenty of room), in a temp folder."""
    path = tmp_path / "media" / "KINGSTON"
    path.mkdir(parents=True)
    drive = usb.Drive(path, "KINGSTON", "vfat", 8 * 1024**3, 16 * 1024**3)
    monkeypatch.setattr(usb, "removable_drives", lambda mounts=None: [drive])
    monkeypatch.setattr(usb, "_refresh", lambda d: d)
    return path


def test_backup_to_usb_through_the_dialog_is_encrypted_and_restores_with_the_password_only(
        make_window, small_store, stick, messages, tmp_path):
    window = make_window(small_store)
    home = window.show_page("home")
    assert home.backup_reminder.isVisible() and "还没有把数据备份到U盘" in home.backup_reminder.text.text()
    _action(window, "备份到U盘…").trigger()
    dialog = window.backup_dialog
    assert dialog.isVisible() and "KINGSTON" in dialog.drive_box.currentText()
    type_text(dialog.password, PASSWORD)
    type_text(dialog.repeat, PASSWORD + "x")
    dialog.start_button.click()
    assert messages[-1] == ("备份到U盘", "确认密码：两次输入的备份密码不一致")
    dialog.repeat.clear()
    type_text(dialog.repeat, PASSWORD)
    dialog.start_button.click()
    assert messages[-1][0] == "备份到U盘" and "已读回校验" in messages[-1][1]
    assert not dialog.isVisible()
    [made] = list((stick / usb.FOLDER_ON_DRIVE).glob("*.age"))
    # a lost stick reveals nothing: no identity number, no name, not even the village, in clear
    data = made.read_bytes() + Path(str(made) + ".json").read_bytes()
    people = small_store.query("SELECT name, id_number FROM residents")
    assert len(people) > 50
    for r in people:
        assert r["id_number"].encode() not in data and r["name"].encode("utf-8") not in data
    assert "桂花村".encode() not in data and b"510903104201" not in data and b"SQLite" not in data
    assert not home.backup_reminder.isVisible()  # the reminder goes once the stick holds a backup
    # ... and it restores with the password alone, on a PC with nothing else
    with pytest.raises(BackupError, match="备份密码不对"):
        restore.restore(tmp_path / "new-pc" / "villagedesk.db", made, store=None, password="wrong-password")
    done = restore.restore(tmp_path / "new-pc" / "villagedesk.db", made, store=None, password=PASSWORD)
    try:
        assert done.problems == []
        assert done.store.scalar("SELECT count(*) FROM residents") == len(people)
    finally:
        done.store.close()


def test_a_full_stick_is_refused_before_anything_is_written(make_window, small_store, stick, messages,
                                                             monkeypatch):
    small = usb.Drive(stick, "KINGSTON", "vfat", 100_000, 16 * 1024**3)
    monkeypatch.setattr(usb, "_refresh", lambda d: small)
    window = make_window(small_store)
    _action(window, "备份到U盘…").trigger()
    dialog = window.backup_dialog
    type_text(dialog.password, PASSWORD)
    type_text(dialog.repeat, PASSWORD)
    dialog.start_button.click()
    assert "空间不足" in messages[-1][1] and dialog.isVisible()
    assert not (stick / usb.FOLDER_ON_DRIVE).exists() or not any((stick / usb.FOLDER_ON_DRIVE).iterdir())


def test_fat32_four_gigabyte_limit_and_the_stick_pulled_mid_write(tmp_path, small_store, monkeypatch):
    drive = usb.Drive(tmp_path, "U", "vfat", 10 * 1024**3, 16 * 1024**3)
    with pytest.raises(BackupError, match="FAT32.*4 GB"):
        usb.check_room(drive, 5 * 1024**3)
    usb.check_room(usb.Drive(tmp_path, "U", "exfat", 10 * 1024**3, 16 * 1024**3), 5 * 1024**3)
    import errno
    import os

    real_fsync = os.fsync

    stick = tmp_path / usb.FOLDER_ON_DRIVE

    def pulled(fd):  # the stick goes away while its file is being flushed; the PC's own disk is fine
        if os.readlink(f"/proc/self/fd/{fd}").startswith(str(stick)):
            raise OSError(errno.EIO, "Input/output error")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", pulled)
    import pyrage  # the fault is in writing, not in age: skip its seconds of scrypt here

    monkeypatch.setattr(pyrage.passphrase, "encrypt", lambda data, pw: b"age-encryption.org/v1\n" + data[::-1])
    with pytest.raises(BackupError, match="设备读写出错或已被拔出"):
        usb.backup_to_drive(small_store, drive, PASSWORD, TEST_ACTOR, refresh=lambda d: d)
    monkeypatch.setattr(os, "fsync", real_fsync)
    left = list(stick.iterdir())
    assert all(p.name.startswith(".") for p in left), left  # nothing under a final name


def test_drives_are_read_from_the_mount_table():
    mounts = ("/dev/sda1 / ext4 rw 0 0\n/dev/sdb1 /media/clerk/KINGSTON\\040USB vfat rw 0 0\n"
              "/dev/sdc1 /run/media/clerk/DATA exfat rw 0 0\ntmpfs /run tmpfs rw 0 0\n")
    import shutil

    seen = []
    real = shutil.disk_usage
    shutil.disk_usage = lambda p: seen.append(str(p)) or real("/")
    try:
        drives = usb.removable_drives(mounts)
    finally:
        shutil.disk_usage = real
    assert [d.label for d in drives] == ["KINGSTON USB", "DATA"]
    assert drives[0].fat32 and not drives[1].fat32
    assert seen == ["/media/clerk/KINGSTON USB", "/run/media/clerk/DATA"]


def test_restore_through_the_dialog_reopens_the_window_on_the_restored_database(make_window, small_store,
                                                                                 messages):
    automatic.backup_now(small_store, "关闭时自动备份", "王会计")
    receipts = small_store.scalar("SELECT count(*) FROM redemptions")
    redeem_once(small_store)
    users = village.office_users(small_store)
    head = next(u for u in users if u.role == permissions.HEAD)
    clerk = next(u for u in users if u.role == permissions.CLERK)
    window = make_window(small_store, clerk)
    refused = _action(window, "从备份恢复…")  # the head's role restores: for a clerk the menu says so
    assert not refused.isEnabled() and "只有书记/主任、乡镇管理员可以从备份恢复" in refused.toolTip()
    assert _action(window, "立即备份").isEnabled()  # ... while a clerk may back up
    refused.trigger()
    assert not hasattr(window, "restore_dialog") and window.ctx.store is small_store
    dialog = backup_menu.open_restore(window)
    dialog.agree.setChecked(True)
    dialog.restore_button.click()  # and the dialog, opened some other way, still asks the policy
    assert "没有从备份恢复的权限" in messages[-1][1] and window.ctx.store is small_store
    dialog.reject()
    window.close()
    window = make_window(small_store, head)
    _action(window, "从备份恢复…").trigger()
    dialog = window.restore_dialog
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 4).text() == "王会计"
    assert "将会丢失" in dialog.preview.text() and not dialog.restore_button.isEnabled()
    dialog.agree.setChecked(True)
    dialog.restore_button.click()
    assert messages[-1][0] == "从备份恢复" and "已恢复" in messages[-1][1], messages
    store = window.ctx.store
    assert store is not small_store and store.scalar("SELECT count(*) FROM redemptions") == receipts
    assert window.ctx.jobs.store is store
    assert integrity.check(store) == []
    assert window.show_page("settings").db_fields["node"].text().find("从备份恢复") >= 0
    assert any(x.manifest.get("reason") == "恢复前" for x in catalog.list_backups(automatic.folder()))
    store.close()


def test_the_damaged_database_dialog_moves_the_file_aside_and_restores(qtbot, small_store, small_db, messages):
    from villagedesk.ui.backup.damaged_dialog import DamagedDatabaseDialog

    automatic.backup_now(small_store, "关闭时自动备份")
    small_store.close()
    data = small_db.read_bytes()
    small_db.write_bytes(data[: len(data) // 3])
    from villagedesk.domain.errors import DamagedDatabaseError
    from villagedesk.store import open_store

    with pytest.raises(DamagedDatabaseError) as err:
        open_store(small_db)
    dialog = DamagedDatabaseDialog(small_db, err.value.message)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.rowCount() == 1
    dialog.restore_button.click()
    assert dialog.store is not None and "损坏的文件已移到" in messages[-1][1]
    aside = dialog.moved_to
    assert aside.exists() and aside.read_bytes() == data[: len(data) // 3]  # kept, never deleted
    assert integrity.check(dialog.store) == []
    dialog.store.close()
