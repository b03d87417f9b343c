"""补贴标准下发: the township sets a tier table for one village from a month; it arrives there by package, is in force
from that month (the payroll pays by it), cannot be changed there, never goes back up, and once withdrawn the
village's own standard applies again."""

import datetime as dt
import json

import pytest
from PySide6.QtCore import Qt

from tests.conftest import TEST_ACTOR
from tests.sync.sent_down import township_and_villages
from tests.sync.township import ADMIN, records_digest, send
from villagedesk import cli
from villagedesk.domain.errors import ConflictError, NotFoundError, PermissionDenied, ValidationError
from villagedesk.services import privacy
from villagedesk.services.grids import payroll, stipends
from villagedesk.services.sync import packages
from villagedesk.services.township import stipends as township_stipends
from villagedesk.store.sync.owners import VillageOf
from villagedesk.sync.ownership import Refused

GUIHUA, SHIQIAO = "510903104201", "510903104202"
TIERS = [("0", "", "120")]  # one tier: every grid 120 yuan a month
DECEMBER = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def nodes(tmp_path_factory):
    """Both villages' standards before; then a table from 2026-12 for 桂花村 only, sent down to both."""
    folder = tmp_path_factory.mktemp("stipends")
    mp = pytest.MonkeyPatch()
    mp.setenv("VILLAGEDESK_KEYS", str(folder / "keys"))
    node, villages = township_and_villages(folder)
    try:
        before = [stipends.tier_table_on(v, DECEMBER) for v in villages]
        ids = township_stipends.set_for_villages(node, ADMIN, "2026-12", TIERS, [GUIHUA], "镇党委〔2026〕12 号")
        for v in villages:
            send(node, ADMIN, v, TEST_ACTOR, folder)
        yield {"node": node, "villages": villages, "before": before, "table": ids[0], "folder": folder}
    finally:
        mp.undo()
        for s in (node, *villages):
            s.close()


@pytest.fixture(autouse=True)
def _their_keys(nodes, monkeypatch):
    monkeypatch.setenv("VILLAGEDESK_KEYS", str(nodes["node"].path.parent / "keys"))


def test_it_is_in_force_in_its_own_village_from_its_month_and_the_payroll_pays_by_it(nodes):
    guihua, shiqiao = nodes["villages"]
    table = stipends.tier_table_on(guihua, DECEMBER)
    assert (table.source_label, table.month, [t.amount_fen for t in table.tiers], table.notes) == (
        "乡镇下发", "2026-12", [12000], "镇党委〔2026〕12 号")
    assert stipends.tier_table_on(guihua, dt.date(2026, 11, 1)) == nodes["before"][0]  # the month before: its own
    lines, _days = payroll.calculate(guihua, "2026-12")
    full_month = [ln for ln in lines if "天" not in ln["stipend_detail"]]
    assert full_month and {ln["stipend_fen"] for ln in full_month} == {12000}
    assert stipends.tier_table_on(shiqiao, DECEMBER) == nodes["before"][1]  # not sent to 石桥村


def test_the_village_cannot_change_it_or_set_its_own_from_that_month_on(nodes):
    guihua, _shiqiao = nodes["villages"]
    before = records_digest(guihua)
    for month in ("2026-12", "2027-03"):
        with pytest.raises(PermissionDenied, match="自 2026-12 起由乡镇下发.*本村不能修改"):
            stipends.save_tier_table(guihua, TEST_ACTOR, month, [("0", "", "90")])
    assert records_digest(guihua) == before
    line = privacy.audit_lines(guihua, TEST_ACTOR)[0]
    assert line.action == "拒绝操作" and "由乡镇下发" in line.detail


def test_it_does_not_go_up_and_a_package_carrying_a_changed_copy_is_refused(nodes, tmp_path, monkeypatch):
    node, (guihua, _shiqiao) = nodes["node"], nodes["villages"]
    tier = guihua.scalar("SELECT id FROM stipend_tiers WHERE table_id = ? AND deleted_at IS NULL", (nodes["table"],))
    with guihua.transaction():
        guihua.update("stipend_tiers", tier, {"amount_fen": 15000}, TEST_ACTOR)  # behind the app's back
    try:
        before = records_digest(node)
        (tmp_path / "unfiltered").mkdir()
        with monkeypatch.context() as mp:
            mp.setattr(VillageOf, "sent_down", lambda self, tbl, row: False)
            carrying = packages.export_for(guihua, TEST_ACTOR, node.node_id, tmp_path / "unfiltered")
        with pytest.raises(Refused, match="乡镇下发的记录（乡镇下发的补贴分档 1 条）"):
            packages.import_file(node, ADMIN, carrying.path)
        assert records_digest(node) == before
        written = packages.export_for(guihua, TEST_ACTOR, node.node_id, tmp_path)
        assert "stipend_tiers" not in packages.import_file(node, ADMIN, written.path).counts
        assert node.scalar("SELECT amount_fen FROM stipend_tiers WHERE id = ?", (tier,)) == 12000
    finally:
        with guihua.transaction():
            guihua.update("stipend_tiers", tier, {"amount_fen": 12000}, TEST_ACTOR)


def test_the_township_s_entry_is_checked_and_done_only_at_the_township(nodes):
    node, (guihua, _shiqiao) = nodes["node"], nodes["villages"]
    locked = node.scalar("""SELECT max(p.month) FROM payrolls p JOIN villages v ON v.id = p.village_id
        WHERE v.code = ? AND p.status = 'locked' AND p.deleted_at IS NULL""", (SHIQIAO,))
    assert locked  # the demo locks its past months
    before = records_digest(node)
    with pytest.raises(ValidationError, match=f"{SHIQIAO} 已锁定 {locked} 的发放表"):
        township_stipends.set_for_villages(node, ADMIN, locked, TIERS, [SHIQIAO])
    with pytest.raises(NotFoundError, match="510903104299.*不是本乡镇"):
        township_stipends.set_for_villages(node, ADMIN, "2027-01", TIERS, [SHIQIAO, "510903104299"])
    with pytest.raises(ValidationError, match="请至少选择一个村"):
        township_stipends.set_for_villages(node, ADMIN, "2027-01", TIERS, [])
    with pytest.raises(ValidationError, match="第 1 档补贴金额.*超出 50–150 元"):
        township_stipends.set_for_villages(node, ADMIN, "2027-01", [("0", "", "200")], [SHIQIAO])
    assert records_digest(node) == before
    with pytest.raises(ConflictError, match="补贴标准下发在乡镇节点办理"):
        township_stipends.set_for_villages(guihua, TEST_ACTOR, "2027-01", TIERS, [GUIHUA])


def test_it_overrides_a_later_version_of_the_village_s_own_and_once_withdrawn_that_applies_again(nodes):
    node, (_guihua, shiqiao), folder = nodes["node"], nodes["villages"], nodes["folder"]
    april = dt.date(2027, 4, 1)
    stipends.save_tier_table(shiqiao, TEST_ACTOR, "2027-03", [("0", "", "70")])  # before the township's arrives
    [table] = township_stipends.set_for_villages(node, ADMIN, "2027-02", [("0", "199", "60"), ("200", "", "90")],
                                                 [SHIQIAO])
    send(node, ADMIN, shiqiao, TEST_ACTOR, folder)
    for day in (dt.date(2027, 2, 1), april):  # the township's from its month on, over the village's own March
        sent = stipends.tier_table_on(shiqiao, day)
        assert (sent.source, sent.month, [t.amount_fen for t in sent.tiers]) == ("township", "2027-02", [6000, 9000])
    township_stipends.withdraw(node, ADMIN, table)
    assert table not in [t.id for t in township_stipends.sent_tables(node)]
    send(node, ADMIN, shiqiao, TEST_ACTOR, folder)
    own = stipends.tier_table_on(shiqiao, april)
    assert (own.source, own.month, own.tiers[0].amount_fen) == ("village", "2027-03", 7000)
    assert stipends.tier_table_on(shiqiao, dt.date(2027, 2, 1)) == nodes["before"][1]
    with pytest.raises(NotFoundError, match="可能已撤回"):
        township_stipends.withdraw(node, ADMIN, table)


def test_the_township_sends_it_from_its_tab_and_the_village_s_payroll_tab_names_it(make_window, nodes, qtbot,
                                                                                   tmp_path):
    node, (guihua, _shiqiao) = nodes["node"], nodes["villages"]
    window = make_window(node, ADMIN)
    page = window.show_page("grids")
    assert "补贴发放" not in page.tab
    tab = page.tab["补贴标准"]
    page.tabs.setCurrentWidget(tab)
    shown = {(tab.table.item(r, 0).text(), tab.table.item(r, 1).text(), tab.table.item(r, 2).text())
             for r in range(tab.table.rowCount())}
    assert (f"桂花村（{GUIHUA}）", "2026-12", "0 人及以上：120.00 元/月") in shown
    tab.buttons["send"].click()
    dialog = tab.dialog
    dialog.month.setText("2027-04")
    dialog.ok_button.click()
    assert "请至少选择一个村" in dialog.error.text()
    item = next(dialog.villages.item(i) for i in range(dialog.villages.count())
                if dialog.villages.item(i).text().endswith(f"（{GUIHUA}）"))
    item.setCheckState(Qt.CheckState.Checked)
    dialog.ok_button.click()
    assert dialog.error.text() == ""
    qtbot.waitUntil(lambda: any(tab.table.item(r, 1).text() == "2027-04" for r in range(tab.table.rowCount())),
                    timeout=3000)
    window.grab().save(str(tmp_path / "township-tiers.png"))
    village = make_window(guihua, TEST_ACTOR)
    vpage = village.show_page("grids")
    vtab = vpage.tab["补贴发放"]
    vpage.tabs.setCurrentWidget(vtab)
    vtab.month.setCurrentText("2026-12")
    assert vtab.standard.text().startswith("本月阶梯补贴标准：2026-12 起（乡镇下发，村里不能修改）")
    vtab.month.setCurrentText("2026-11")
    assert "本村设置" in vtab.standard.text()


def test_the_cli_sends_lists_and_refuses_in_chinese(nodes, capsys):
    node = nodes["node"]
    node.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    capsys.readouterr()
    assert cli.main(["--db", str(node.path), "township", "tiers", "--from", "2027-06", "--tier", "0-149:80",
                     "--tier", "150-:110", "--villages", GUIHUA, "--notes", "镇发〔2027〕3 号", "--user", ADMIN.name]) == 0
    assert "已下发到 1 个村" in capsys.readouterr().out
    assert cli.main(["--db", str(node.path), "township", "tiers", "--json"]) == 0
    listed = [t for t in json.loads(capsys.readouterr().out) if t["from"] == "2027-06"]
    assert [(t["village"], t["notes"], t["tiers"]) for t in listed] == [(GUIHUA, "镇发〔2027〕3 号", [
        {"min_residents": 0, "max_residents": 149, "yuan": 80.0},
        {"min_residents": 150, "max_residents": None, "yuan": 110.0}])]
    assert cli.main(["--db", str(node.path), "township", "tiers", "--from", "2027-07", "--tier", "0-:80",
                     "--villages", GUIHUA, "--tier", "100", "--user", ADMIN.name]) != 0
    assert "--tier 第 2 个" in capsys.readouterr().err
