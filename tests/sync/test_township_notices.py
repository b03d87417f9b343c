"""通知下发: a notice the township issues to two villages reaches both by package, is marked reached there, the
reaches come back up, and the township shows each village's coverage hours (the article's 3 h → 1.5 h)."""

import datetime as dt
import json

import pytest

from tests.conftest import TEST_ACTOR
from tests.sync.sent_down import township_and_villages
from tests.sync.township import ADMIN, cli_stats, records_digest, send
from villagedesk import cli
from villagedesk.domain import clock
from villagedesk.domain.errors import NotFoundError, PermissionDenied, ValidationError
from villagedesk.services.field_work import notices
from villagedesk.services.sync import packages
from villagedesk.services.township import notices as township_notices
from villagedesk.sync.ownership import Refused

ISSUED = dt.datetime(2026, 11, 30, 8, 0)
COVERED = {"510903104201": dt.datetime(2026, 11, 30, 9, 30), "510903104202": dt.datetime(2026, 11, 30, 11, 0)}


def _cover(store, notice_id: str, at: dt.datetime) -> None:
    """Every grid of the notice marked reached at `at` (入户), as the village's workers report it."""
    for g in notices.coverage(store, notice_id).grids:
        if g.reached < g.target:  # a grid with no household has nobody to reach
            notices.mark_grid_reached(store, TEST_ACTOR, notice_id, g.grid_id, "in_person", at)


@pytest.fixture(scope="module")
def nodes(tmp_path_factory):
    """The township issues one notice to both villages; each covers it and sends its package back up."""
    folder = tmp_path_factory.mktemp("notices")
    mp = pytest.MonkeyPatch()
    mp.setenv("VILLAGEDESK_KEYS", str(folder / "keys"))
    node, villages = township_and_villages(folder)
    try:
        ids = township_notices.issue_to_villages(node, ADMIN, "秸秆禁烧告知书", "请逐户告知", "urgent",
                                                 ["510903104201", "510903104202"], ISSUED)
        for v in villages:
            send(node, ADMIN, v, TEST_ACTOR, folder)
        arrived = {}
        for v in villages:
            code = v.scalar("SELECT code FROM villages LIMIT 1")
            nid = next(n.id for n in notices.list_notices(v) if n.title == "秸秆禁烧告知书")
            arrived[code] = nid
            _cover(v, nid, COVERED[code])
            send(v, TEST_ACTOR, node, ADMIN, folder)
        yield {"node": node, "villages": villages, "ids": ids, "arrived": arrived, "folder": folder}
    finally:
        mp.undo()
        for s in (node, *villages):
            s.close()


@pytest.fixture(autouse=True)
def _their_keys(nodes, monkeypatch):
    monkeypatch.setenv("VILLAGEDESK_KEYS", str(nodes["folder"] / "keys"))


def test_the_notice_reaches_each_village_as_the_township_s(nodes):
    assert sorted(nodes["arrived"].values()) == sorted(nodes["ids"])
    for v in nodes["villages"]:
        lines = [n for n in notices.list_notices(v) if n.title == "秸秆禁烧告知书"]
        assert [(n.source, n.urgency) for n in lines] == [("township", "urgent")]
        assert v.scalar("SELECT count(*) FROM notices WHERE title = '秸秆禁烧告知书'") == 1  # only its own copy


def test_the_township_sees_each_village_s_coverage_hours(nodes):
    lines = {c.village_name: c for c in township_notices.issued(nodes["node"]) if c.title == "秸秆禁烧告知书"}
    assert {n: (c.hours, c.reached == c.target > 0) for n, c in lines.items()} == {
        "桂花村": (1.5, True), "石桥村": (3.0, True)}


def test_the_village_s_figures_at_the_township_equal_its_own(nodes, capsys):
    for v in nodes["villages"]:
        code = v.scalar("SELECT code FROM villages LIMIT 1")
        own = cli_stats(v, "--period", "2026-11", capsys=capsys)
        there = cli_stats(nodes["node"], "--period", "2026-11", "--village", code, capsys=capsys)
        assert there["notice_coverage_hours_median"] == own["notice_coverage_hours_median"]
        assert there["notices"] == own["notices"]


def test_a_notice_changed_in_the_village_is_refused_at_the_township(nodes, tmp_path):
    node, guihua = nodes["node"], nodes["villages"][0]
    nid = nodes["arrived"]["510903104201"]
    with guihua.transaction():
        guihua.update("notices", nid, {"title": "不用告知了"}, TEST_ACTOR)
    try:
        before = records_digest(node)
        written = packages.export_for(guihua, TEST_ACTOR, node.node_id, tmp_path)
        with pytest.raises(Refused, match="乡镇下发的记录（乡镇通知 1 条）"):
            packages.import_file(node, ADMIN, written.path)
        assert records_digest(node) == before
    finally:
        with guihua.transaction():
            guihua.update("notices", nid, {"title": "秸秆禁烧告知书"}, TEST_ACTOR)


def test_issuing_is_checked_and_done_only_at_the_township(nodes):
    node, guihua = nodes["node"], nodes["villages"][0]
    before = records_digest(node)
    with pytest.raises(ValidationError, match="请至少选择一个村"):
        township_notices.issue_to_villages(node, ADMIN, "通知", "", "routine", [], ISSUED)
    with pytest.raises(NotFoundError, match="“510903104299”不是本乡镇已收到同步包的村"):
        township_notices.issue_to_villages(node, ADMIN, "通知", "", "routine", ["510903104299"], ISSUED)
    assert records_digest(node) == before
    with pytest.raises(PermissionDenied, match="只有乡镇管理员可以向各村下发通知"):
        township_notices.issue_to_villages(guihua, TEST_ACTOR, "通知", "", "routine", ["510903104201"], ISSUED)


def test_the_township_s_page_issues_to_the_ticked_villages_and_shows_their_hours(make_window, nodes, messages,
                                                                                 tmp_path):
    node = nodes["node"]
    clock.pin(dt.datetime(2026, 12, 1, 10, 0))  # issued in December: November's figures above stay as they were
    window = make_window(node, ADMIN)
    page = window.show_page("notices_out")
    shown = {(page.table.item(r, 1).text(), page.table.item(r, 2).text()) for r in range(page.table.rowCount())}
    assert {("桂花村", "1.5"), ("石桥村", "3")} <= shown
    page.title.setText("森林防火提示")
    page.issue_button.click()
    assert messages[-1] == ("通知下发", "下发村：请至少选择一个村")
    from PySide6.QtCore import Qt

    page.villages.item(1).setCheckState(Qt.CheckState.Checked)
    page.issue_button.click()
    rows = [[page.table.item(r, c).text() for c in (0, 1, 5)] for r in range(page.table.rowCount())]
    assert ["森林防火提示", "石桥村", "尚未全覆盖"] in rows and not any(r[:2] == ["森林防火提示", "桂花村"] for r in rows)
    window.grab().save(str(tmp_path / "notices-out.png"))


def test_the_cli_lists_each_village_s_coverage_hours(nodes, capsys):
    node = nodes["node"]
    node.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    capsys.readouterr()
    assert cli.main(["--db", str(node.path), "township", "notices", "--json"]) == 0
    got = {(n["name"], n["hours"]) for n in json.loads(capsys.readouterr().out) if n["title"] == "秸秆禁烧告知书"}
    assert got == {("桂花村", 1.5), ("石桥村", 3.0)}
    assert cli.main(["--db", str(node.path), "township", "notify", "--title", "通知", "--villages", "510903104299",
                     "--user", ADMIN.name]) != 0
    assert "510903104299" in capsys.readouterr().err
