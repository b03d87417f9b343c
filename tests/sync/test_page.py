"""The 数据同步 page driven through its widgets: pairing with the fingerprint shown, a package onto the stick
(preselected), 预检 then 导入 through the job runner, the history, and a conflict settled whose choice syncs."""

import hashlib

import pytest
from PySide6.QtCore import Qt

from tests.conftest import TEST_ACTOR, add_office_user
from tests.points.conftest import award
from villagedesk.domain.errors import PermissionDenied
from villagedesk.services.backup import usb
from villagedesk.services.sync import conflicts, packages, pairing
from villagedesk.store import node, open_store
from villagedesk.store.sync import packages as history
from villagedesk.ui.pages.sync import dialogs


def _click(qtbot, widget):
    assert widget.isEnabled(), widget.text()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _digest(store) -> str:
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return hashlib.sha256(store.path.read_bytes()).hexdigest()


def _column(table, c):
    return [table.item(r, c).text() for r in range(table.rowCount())]


@pytest.fixture
def stick(tmp_path, monkeypatch):
    """A FAT32 stick plugged in at /media/…/U盘 (the backup feature's drive finder, answered)."""
    folder = tmp_path / "U盘"
    folder.mkdir()
    drive = usb.Drive(folder, "U盘", "vfat", 8 * 1024**3, 16 * 1024**3)
    monkeypatch.setattr(usb, "removable_drives", lambda mounts=None: [drive])
    return folder


def test_pairing_export_and_import_through_the_page(pv, make_window, qtbot, messages, monkeypatch, tmp_path, stick):
    primary = pv.store
    award(pv, ["张大山", "王小明"])
    second = open_store(tmp_path / "second.db", create=True)
    window = make_window(primary)
    page = window.show_page("sync")
    assert "尚未与任何电脑配对" in page.peers_hint.text() and not page.buttons["export"].isEnabled()

    # 注册: this PC's file written from the page; the second PC's imported, its fingerprint shown to compare
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: tmp_path / "本机.vdreg")
    _click(qtbot, page.buttons["register"])
    mine = pairing.read_registration_file(tmp_path / "本机.vdreg")
    assert mine.fingerprint in page.me_label.text() and mine.fingerprint in messages[-1][1]
    theirs = pairing.write_registration_file(second, TEST_ACTOR, tmp_path / "对方.vdreg")
    pairing.pair(second, TEST_ACTOR, mine)
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *a: tmp_path / "对方.vdreg")
    _click(qtbot, page.buttons["pair"])
    d = page.dialog
    assert d.fingerprint.text() == theirs.fingerprint and len(theirs.fingerprint.split()) == 4
    _click(qtbot, d.confirm_button)
    assert _column(page.peers_table, 1) == [theirs.fingerprint]

    # 生成同步包: the stick is listed and preselected; the package lands on it, read back
    _click(qtbot, page.buttons["export"])
    d = page.dialog
    assert d.places.box.currentText().startswith("U盘：U盘") and "VFAT" in d.places.box.currentText()
    _click(qtbot, d.start_button)
    [sent] = stick.glob("*.vdsync")
    assert not list(stick.glob(".*.part")) and "读回校验无误" in messages[-1][1]
    assert _column(page.history_table, 1) == ["发出"] and "首次同步" in _column(page.history_table, 4)[0]
    packages.import_file(second, TEST_ACTOR, sent)
    # the second PC registered before it had a village ("新电脑（未初始化）" in its file): this PC names it by
    # the receipt series it handed it, in the peers, the history and the package's file name
    series = node.series_handed_to(primary.conn, second.node_id)
    assert series and node.receipt_series(second.conn) == series
    page.refresh()
    assert _column(page.peers_table, 0) == [f"本村另一台电脑（凭证序列{series}）"]
    assert _column(page.history_table, 2) == [f"本村另一台电脑（凭证序列{series}）"]
    assert sent.name.startswith(f"同步包_发往本村另一台电脑（凭证序列{series}）_")
    assert "（凭证序列" not in pairing.own(primary).title  # this PC itself is the village's, by its code

    # both PCs change the same household's phone; the second PC's package comes back on the stick
    hid = pv.households[0]
    primary.update("households", hid, {"phone": "13900000001"}, TEST_ACTOR)
    second.update("households", hid, {"phone": "13900000009"}, TEST_ACTOR)  # the later stamp
    back = packages.export_for(second, TEST_ACTOR, primary.node_id, stick).path

    _click(qtbot, page.buttons["import"])
    d = page.dialog
    assert d.file_box.currentText() == f"U盘：{back.name}"  # found on the stick
    assert not d.import_button.isEnabled()  # 预检 first
    before = _digest(primary)
    _click(qtbot, d.check_button)
    assert _digest(primary) == before  # a 预检 changes nothing
    shown = {d.preview.item(r, 0).text(): [d.preview.item(r, c).text() for c in range(1, 5)]
             for r in range(d.preview.rowCount())}
    assert shown["农户"][3] == "1"  # 冲突: the phone both PCs changed
    assert "预检结果（未导入）" in d.status.text()
    _click(qtbot, d.import_button)
    assert "已导入" in messages[-1][1]
    assert primary.scalar("SELECT phone FROM households WHERE id = ?", (hid,)) == "13900000009"
    assert _column(page.history_table, 1)[0] == "收到"
    assert _column(page.history_table, 5)[0] == TEST_ACTOR.name

    # 冲突: both versions side by side; keeping this PC's own earlier value is a new change that syncs
    [row] = [r for r in range(page.conflicts_table.rowCount()) if page.conflicts_table.item(r, 2).text() == "电话"]
    assert "139****0009" in page.conflicts_table.item(row, 3).text()  # masked, as everywhere on screen
    assert "来自 本机" in page.conflicts_table.item(row, 4).text()
    assert f"来自 本村另一台电脑（凭证序列{series}）" in page.conflicts_table.item(row, 3).text()
    assert "139****0001" in page.conflicts_table.item(row, 4).text()
    assert "张大山户" in page.conflicts_table.item(row, 1).text()
    page.conflicts_table.selectRow(row)
    _click(qtbot, page.take_button)
    assert primary.scalar("SELECT phone FROM households WHERE id = ?", (hid,)) == "13900000001"
    assert page.conflicts_table.rowCount() == 0
    packages.import_file(second, TEST_ACTOR, packages.export_for(primary, TEST_ACTOR, second.node_id, stick).path)
    assert second.scalar("SELECT phone FROM households WHERE id = ?", (hid,)) == "13900000001"
    assert history.open_conflicts(second) == []  # the second PC's copy of the conflict closed with it

    # the same package again: nothing to import, nothing changed
    _click(qtbot, page.buttons["import"])
    d = page.dialog
    d.file_box.setCurrentIndex(d.file_box.findData(str(back)))
    before = _digest(primary)
    _click(qtbot, d.check_button)
    assert "已导入过，无需重复" in d.status.text() and not d.import_button.isEnabled()
    assert _digest(primary) == before
    second.close()


def test_a_worker_may_not_import_and_the_refusal_changes_nothing(pv, make_window, tmp_path, stick):
    primary = pv.store
    second = open_store(tmp_path / "second.db", create=True)
    for me, other, out in ((primary, second, "a.vdreg"), (second, primary, "b.vdreg")):
        pairing.write_registration_file(me, TEST_ACTOR, tmp_path / out)
        pairing.pair(other, TEST_ACTOR, pairing.read_registration_file(tmp_path / out))
    packages.import_file(second, TEST_ACTOR, packages.export_for(primary, TEST_ACTOR, second.node_id, stick).path)
    back = packages.export_for(second, TEST_ACTOR, primary.node_id, stick).path
    worker = add_office_user(primary, "赵网格", "worker")
    window = make_window(primary, worker)
    page = window.show_page("sync")
    assert not page.buttons["import"].isEnabled() and "导入同步包" in page.buttons["import"].toolTip()
    before = (primary.scalar("SELECT count(*) FROM change_log"), primary.scalar("SELECT count(*) FROM households"))
    with pytest.raises(PermissionDenied, match="没有导入同步包的权限"):
        packages.import_file(primary, worker, back)
    with pytest.raises(PermissionDenied):
        conflicts.keep(primary, worker, 1, "kept")
    # the refusal itself is audited (who tried); nothing of the package went in
    assert primary.scalar("SELECT count(*) FROM sync_packages WHERE direction = 'in'") == 0
    assert (primary.scalar("SELECT count(*) FROM change_log"), primary.scalar("SELECT count(*) FROM households")) == before
    assert "导入同步包" in primary.scalar("SELECT detail FROM audit_log ORDER BY id DESC LIMIT 1")
    clerk = add_office_user(primary, "李文书", "clerk")
    assert not packages.import_file(primary, clerk, back).already  # a 文书 may
    assert primary.scalar("SELECT user_name FROM sync_packages WHERE direction = 'in'") == "李文书"
    second.close()


def test_at_26_pt_on_a_1024_screen_the_page_scrolls_down_only_and_the_fingerprint_shows_whole(
        pv, make_window, monkeypatch, qtbot):
    """The page scrolls inside itself, so the window-wide check (tests/ui/test_page_widths.py) cannot see what
    it would hide sideways; at 26 pt its row of buttons once pushed 导入同步包 and this PC's fingerprint out."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QApplication, QScrollArea

    from villagedesk.ui import screen_fit

    area = QRect(0, 0, 1024, 768 - 40)
    monkeypatch.setattr(screen_fit, "available_area", lambda widget=None: area)
    window = make_window(pv.store)
    window.zoom(26 - int(window.settings.value("window/point_size", 13)))
    page = window.show_page("sync")
    QApplication.processEvents()
    scroll = page.findChild(QScrollArea)
    assert scroll.widget().minimumSizeHint().width() <= scroll.viewport().width()
    fingerprint = pairing.own(pv.store).fingerprint
    [line] = [t for t in page.me_label.text().splitlines() if fingerprint in t]
    assert page.me_label.fontMetrics().horizontalAdvance(line) <= page.me_label.width()
    button = page.buttons["import"]
    assert button.mapTo(scroll.widget(), button.rect().topRight()).x() <= scroll.viewport().width()
