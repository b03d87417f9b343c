"""凭证序列 sent down: a village PC that numbers its receipts without a letter but is not its village's first PC is
handed three letters by its township, takes them only while it has none, and its receipts carry them; the township
shows every PC's series and flags two PCs of one village numbering alike (services/township/series.py)."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile

import pyrage
import pytest

from tests.conftest import TEST_ACTOR
from tests.sync.test_faults import database_digest
from tests.sync.township import ADMIN, demo_village, pair, records_digest, send, township_node
from villagedesk import cli
from villagedesk.domain import clock
from villagedesk.domain.changes import Kind
from villagedesk.domain.errors import ConflictError, VillageDeskError
from villagedesk.domain.ids import new_id
from villagedesk.services import privacy
from villagedesk.services.points import redemption
from villagedesk.services.sync import packages, pairing
from villagedesk.services.township import series
from villagedesk.store import node, open_store
from villagedesk.sync import envelope

CODE = "510903104201"


def _second_pc_without_a_letter(primary, folder, name: str, monkeypatch):
    """A second PC of the village that took the village from its primary's first package, a package that handed
    it no series letter (a primary of an older version, say): it numbers without a letter, as the primary does."""
    second = open_store(folder / f"{name}.db", create=True)
    pair(primary, TEST_ACTOR, second, TEST_ACTOR, folder)
    with monkeypatch.context() as m:
        m.setattr(packages, "_series_for", lambda store, actor, row: "")
        send(primary, TEST_ACTOR, second, TEST_ACTOR, folder)
    assert node.receipt_series(second.conn) == ""
    return second


@pytest.fixture
def office(tmp_path, monkeypatch):
    """桂花村's first PC and a second PC numbering without a letter, both registered at the township, each one's
    first package imported there (the township has not written to either yet)."""
    primary = demo_village(tmp_path / "guihua-a.db", households=4)
    second = _second_pc_without_a_letter(primary, tmp_path, "guihua-b", monkeypatch)
    township = township_node(tmp_path / "township.db")
    for pc in (primary, second):
        pair(pc, TEST_ACTOR, township, ADMIN, tmp_path)
        send(pc, TEST_ACTOR, township, ADMIN, tmp_path)
    yield primary, second, township
    for s in (primary, second, township):
        s.close()


def _redeem(store) -> str:
    goods_id, price = store.conn.execute(
        "SELECT id, points_price FROM goods WHERE deleted_at IS NULL ORDER BY points_price LIMIT 1").fetchone()
    household = store.scalar("SELECT household_id FROM point_entries GROUP BY household_id"
                             " HAVING SUM(delta) >= ? ORDER BY household_id LIMIT 1", (price,))
    return redemption.redeem(store, TEST_ACTOR, household, [(goods_id, 1)]).number


def _pc(township, store) -> series.VillagePc:
    return next(p for p in series.village_pcs(township).pcs if p.node_id == store.node_id)


def _cli_pcs(store, capsys, *args: str) -> dict:
    store.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    capsys.readouterr()
    assert cli.main(["--db", str(store.path), "township", "pcs", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_second_pc_is_handed_three_letters_takes_them_and_numbers_by_them_the_first_pc_keeps_none(
        office, tmp_path):
    primary, second, township = office
    before = series.village_pcs(township)
    assert [(p.node_id, p.first_pc, p.series, p.granted) for p in before.pcs] == [
        (primary.node_id, True, "", None), (second.node_id, False, "", None)]

    written, took = send(township, ADMIN, second, TEST_ACTOR, tmp_path)
    granted = took.receipt_series
    assert re.fullmatch(r"[A-Z]{3}", granted)
    assert Kind.RECEIPT_SERIES in written.changes.kinds  # the 村庄 page redraws
    assert node.receipt_series(second.conn) == granted
    assert _redeem(second) == f"2026-{granted}-000001"  # its next receipt number carries it
    line = privacy.audit_lines(township, ADMIN)[0]
    assert line.action == "生成同步包"
    grant = next(a for a in privacy.audit_lines(township, ADMIN) if a.action == "分配凭证序列")
    assert granted in grant.detail and "不是本村首台电脑" in grant.detail
    taken = next(a for a in privacy.audit_lines(second, TEST_ACTOR) if a.action == "采用乡镇分配的凭证序列")
    assert f"2026-{granted}-000001" in taken.detail

    _, down = send(township, ADMIN, primary, TEST_ACTOR, tmp_path)  # the first PC: never handed one
    assert down.receipt_series == "" and node.receipt_series(primary.conn) == ""
    assert re.fullmatch(r"2026-\d{6}", _redeem(primary))  # it goes on numbering without a letter

    # the first PC would not take three letters even if a township handed them (its own check)
    down = packages.export_for(township, ADMIN, primary.node_id, tmp_path).path
    forced = tmp_path / "乡镇强行分配.vdsync"
    forced.write_bytes(_resigned(down, township, primary, lambda m: m.update(receipt_series="ZZZ")))
    assert packages.import_file(primary, TEST_ACTOR, forced).receipt_series == "ZZZ"
    assert node.receipt_series(primary.conn) == ""

    send(second, TEST_ACTOR, township, ADMIN, tmp_path)  # its next package says it numbers by it now
    after = series.village_pcs(township)
    assert [(p.series, p.granted, p.grant_state) for p in after.pcs] == [("", None, ""), (granted, granted, "taken")]
    assert after.clashes == []
    _, again = send(township, ADMIN, second, TEST_ACTOR, tmp_path)
    assert again.receipt_series == ""  # handed no more: it has its series


def test_the_first_arrival_wins_a_letter_from_the_primary_stays_over_a_later_township_grant(office, tmp_path,
                                                                                           monkeypatch):
    primary, second, township = office
    from_township = packages.export_for(township, ADMIN, second.node_id, tmp_path)  # grants three letters
    granted = _pc(township, second).granted
    assert granted and len(granted) == 3
    _, first = send(primary, TEST_ACTOR, second, TEST_ACTOR, tmp_path)  # the primary's letter gets there first
    own = node.receipt_series(second.conn)
    assert first.receipt_series == own and 1 <= len(own) <= 2
    late = packages.import_file(second, TEST_ACTOR, from_township.path)
    assert late.receipt_series == granted and node.receipt_series(second.conn) == own  # not taken
    assert _redeem(second) == f"2026-{own}-000001"
    assert not any(a.action == "采用乡镇分配的凭证序列" for a in privacy.audit_lines(second, TEST_ACTOR))

    send(second, TEST_ACTOR, township, ADMIN, tmp_path)  # the township sees the series it actually uses
    pc = _pc(township, second)
    assert (pc.series, pc.granted, pc.grant_state) == (own, granted, "not_taken")
    assert "未采用" in pc.grant_text
    _, next_down = send(township, ADMIN, second, TEST_ACTOR, tmp_path)
    assert next_down.receipt_series == "" and node.receipt_series(second.conn) == own
    third = _second_pc_without_a_letter(primary, tmp_path, "guihua-c", monkeypatch)
    pair(third, TEST_ACTOR, township, ADMIN, tmp_path)
    send(third, TEST_ACTOR, township, ADMIN, tmp_path)
    _, took = send(township, ADMIN, third, TEST_ACTOR, tmp_path)
    assert len(took.receipt_series) == 3 and took.receipt_series != granted  # the grant not taken is not reused
    third.close()


def test_namespaces_never_meet_and_the_township_never_hands_a_series_twice_in_a_village(office, tmp_path,
                                                                                        monkeypatch):
    primary, second, township = office
    send(township, ADMIN, second, TEST_ACTOR, tmp_path)
    granted = _pc(township, second).granted
    # a third PC numbering without a letter, then one more: each its own three letters, none handed twice (every
    # grant stays in the township's store, taken or not: see the test above for one not taken)
    handed = {granted}
    for name in ("guihua-c", "guihua-d"):
        pc = _second_pc_without_a_letter(primary, tmp_path, name, monkeypatch)
        pair(pc, TEST_ACTOR, township, ADMIN, tmp_path)
        send(pc, TEST_ACTOR, township, ADMIN, tmp_path)
        _, took = send(township, ADMIN, pc, TEST_ACTOR, tmp_path)
        assert re.fullmatch(r"[A-Z]{3}", took.receipt_series) and took.receipt_series not in handed
        handed.add(took.receipt_series)
        pc.close()
    assert len(handed) == 3
    assert township.scalar("SELECT count(DISTINCT series) FROM township_series_grants WHERE village_code = ?",
                           (CODE,)) == 3
    # a village PC's own series are one or two letters: never three, so never one the township handed
    assert all(1 <= len(s) <= 2 for s in node.OWN_SERIES) and len(node.OWN_SERIES) == 26 + 26 * 26
    picked = {node._next_series(primary.conn) for _ in range(60)}
    assert all(1 <= len(s) <= 2 for s in picked) and not picked & handed
    monkeypatch.setattr(node, "_read_series", lambda: set(node.OWN_SERIES))  # every one of them used
    with pytest.raises(ConflictError, match="A–ZZ.*已全部用过"):
        node._next_series(primary.conn)


def test_two_pcs_of_a_village_numbering_alike_are_flagged_in_the_cli_json(office, tmp_path, capsys):
    primary, second, township = office
    shown = _cli_pcs(township, capsys)
    assert [(p["node"], p["first_pc"], p["series"]) for p in shown["pcs"]] == [
        (primary.node_id, True, ""), (second.node_id, False, "")]
    [clash] = shown["clashes"]
    assert (clash["village"], clash["series"], set(clash["nodes"])) == (CODE, "", {primary.node_id, second.node_id})
    assert clash["message"].startswith("同一村两台电脑使用同一凭证序列：桂花村（510903104201）")
    assert "编号会重复" in clash["message"]
    send(township, ADMIN, second, TEST_ACTOR, tmp_path)  # granted, not yet reported back: still a risk, said so
    [clash] = _cli_pcs(township, capsys, "--village", CODE)["clashes"]
    granted = _pc(township, second).granted
    assert f"{_pc(township, second).node_short}：{granted}" in clash["message"] and "导入" in clash["message"]
    send(second, TEST_ACTOR, township, ADMIN, tmp_path)
    shown = _cli_pcs(township, capsys)
    assert shown["clashes"] == [] and shown["pcs"][1]["grant_state"] == "taken"
    township.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    assert cli.main(["--db", str(township.path), "township", "pcs", "--village", "510903104299"]) == 1
    assert "没有登记区划代码为“510903104299”的村" in capsys.readouterr().err
    assert cli.main(["--db", str(township.path), "township", "pcs"]) == 0
    assert "无字母（本村首台）" in capsys.readouterr().out
    primary.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    assert cli.main(["--db", str(primary.path), "township", "pcs"]) == 1  # a village's PC is no township
    assert "不是乡镇节点" in capsys.readouterr().err


def _resigned(path, sender, recipient, edit) -> bytes:
    """The sender's package with its manifest edited and signed again by the sender (software that misbehaves)."""
    zf = zipfile.ZipFile(io.BytesIO(pyrage.decrypt(path.read_bytes(), [pairing.keys(recipient).identity])))
    members = {n: zf.read(n) for n in zf.namelist()}
    manifest = {k: v for k, v in json.loads(members["manifest.json"]).items()
                if k not in ("format", "sender", "members")}
    manifest["package_id"] = new_id()
    edit(manifest)
    body = {k: v for k, v in members.items() if k not in ("manifest.json", "manifest.sig")}
    return envelope.seal(pairing.keys(sender), pairing.keys(recipient).recipient, manifest, body)


@pytest.mark.parametrize("key, value", [("sender_series", "abc"), ("sender_series", "ABCD"), ("sender_series", 7),
                                        ("sender_series", None), ("receipt_series", "A1")])
def test_a_manifest_with_a_malformed_series_is_refused_naming_the_file_and_changes_nothing(office, tmp_path,
                                                                                           key, value):
    primary, second, township = office
    good = packages.export_for(second, TEST_ACTOR, township.node_id, tmp_path).path
    bad = tmp_path / "坏序列.vdsync"
    bad.write_bytes(_resigned(good, second, township, lambda m: m.update({key: value})))
    before, records = database_digest(township), records_digest(township)
    with pytest.raises(VillageDeskError, match="“坏序列.vdsync”的清单中.*凭证编号序列.*不对") as refused:
        packages.import_file(township, ADMIN, bad)
    assert key in refused.value.message and "未导入任何内容" in refused.value.message
    assert database_digest(township) == before and records_digest(township) == records
    assert packages.import_file(township, ADMIN, good).sender_series == ""  # the good one goes in


def test_the_villages_page_lists_each_village_s_pcs_and_flags_two_numbering_alike(office, make_window, qtbot,
                                                                                   tmp_path):
    primary, second, township = office
    window = make_window(township, ADMIN)
    page = window.show_page("villages")
    table = page.pcs_table
    header = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert header == ["村", "电脑", "指纹", "使用的凭证序列", "乡镇分配的序列", "最近收到同步包"]
    rows = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
    assert [r[:2] for r in rows] == [["桂花村", series.short_node(primary.node_id)],
                                     ["桂花村", series.short_node(second.node_id)]]
    assert [r[3:5] for r in rows] == [["无字母（本村首台）", "—"], ["无字母", "—"]]
    assert rows[1][2] == pairing.own(second).fingerprint and rows[1][5] != "尚未收到"
    assert page.summary.text() == "河东镇（510903104000）已登记 1 个村（2 台电脑）。"
    assert page.clashes.isVisible() and page.clashes.text().startswith("同一村两台电脑使用同一凭证序列")
    assert table.item(1, 3).foreground().color().name() == "#b00020"
    window.grab().save(str(tmp_path / "villages-clash.png"))

    written, _ = send(township, ADMIN, second, TEST_ACTOR, tmp_path)
    window.ctx.events.publish(written.changes)  # as 数据同步 does after 生成同步包
    granted = _pc(township, second).granted
    qtbot.waitUntil(lambda: table.item(1, 4).text() == f"{granted}，已分配，待该电脑导入", timeout=3000)
    assert "请尽快把乡镇的同步包导入该电脑" in page.clashes.text()
    _, report = send(second, TEST_ACTOR, township, ADMIN, tmp_path)
    window.ctx.events.publish(report.changes)  # as 数据同步 does after 导入
    qtbot.waitUntil(lambda: table.item(1, 3).text() == granted, timeout=3000)
    assert table.item(1, 4).text() == f"{granted}，已采用" and not page.clashes.isVisible()
    assert table.item(1, 3).foreground().color().name() != "#b00020"


def test_an_older_package_read_after_a_newer_one_does_not_turn_the_series_back(office, tmp_path):
    """Packages may reach the township out of order: what a PC reported is its latest package's word by the time
    the PC wrote it, not by when it came in."""
    primary, second, township = office
    clock.pin(dt.datetime(2026, 11, 30, 15, 0))
    older = packages.export_for(second, TEST_ACTOR, township.node_id, tmp_path)  # still without a letter
    clock.pin(dt.datetime(2026, 11, 30, 16, 0))
    send(township, ADMIN, second, TEST_ACTOR, tmp_path)
    granted = node.receipt_series(second.conn)
    clock.pin(dt.datetime(2026, 11, 30, 17, 0))
    newer = packages.export_for(second, TEST_ACTOR, township.node_id, tmp_path)
    packages.import_file(township, ADMIN, newer.path)
    assert _pc(township, second).grant_state == "taken"
    packages.import_file(township, ADMIN, older.path)  # written before it: what it says is out of date
    pc = _pc(township, second)
    assert (pc.series, pc.grant_state) == (granted, "taken") and pc.reported_at.startswith("2026-11-30T17:00")
