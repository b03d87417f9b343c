"""报表审核: a village's submitted set opens at the township as received (the files' sha256 checked against the
submission), is approved or sent back with a reason, and that decision — the township's record — comes down in
its next package to the village's 报表上报 page, where the village cannot change it."""

import datetime as dt
import json

import pytest

from tests.conftest import TEST_ACTOR
from tests.sync.sent_down import OCTOBER, township_with_two_villages
from tests.sync.township import ADMIN, records_digest, send
from villagedesk import cli
from villagedesk.domain import clock
from villagedesk.domain.errors import ConflictError, PermissionDenied, ValidationError
from villagedesk.services import privacy
from villagedesk.services.reports import submissions
from villagedesk.services.sync import packages
from villagedesk.services.township import reporting, review
from villagedesk.store.sync.owners import VillageOf
from villagedesk.sync.ownership import Refused

REASON = "花名册缺联系电话"


@pytest.fixture(scope="module")
def nodes(tmp_path_factory):
    """The township approved 桂花村's roster and sent 石桥村's back, then sent both villages a package."""
    folder = tmp_path_factory.mktemp("review")
    mp = pytest.MonkeyPatch()
    mp.setenv("VILLAGEDESK_KEYS", str(folder / "keys"))  # the nodes' keys outlive one test's home folder
    node, villages = township_with_two_villages(folder)
    try:
        got = {(r.village_code, r.report_key): r for r in review.received(node, OCTOBER)}
        clock.pin(dt.datetime(2026, 11, 5, 15, 0))
        review.decide(node, ADMIN, got["510903104201", "roster"].submission_id, "approved",
                      folder=folder / "510903104201")
        review.decide(node, ADMIN, got["510903104202", "roster"].submission_id, "returned", REASON)
        for v in villages:
            send(node, ADMIN, v, TEST_ACTOR, folder)
        yield node, villages, folder
    finally:
        clock.pin(None)
        mp.undo()
        for s in (node, *villages):
            s.close()


@pytest.fixture(autouse=True)
def _their_keys(nodes, monkeypatch):
    monkeypatch.setenv("VILLAGEDESK_KEYS", str(nodes[2] / "keys"))


def _roster(store):
    return next(s for s in submissions.states(store, OCTOBER) if s.key == "roster")


def test_the_set_opens_at_the_township_as_received_with_its_files_checked(nodes):
    node, _villages, folder = nodes
    got = [r for r in review.received(node, OCTOBER) if r.report_key == "roster"]
    assert [(r.village_name, r.attempt_label, r.submitted_at[:10], r.state_label) for r in got] == [
        ("桂花村", "第 1 次报送", "2026-11-02", "已通过"), ("石桥村", "第 1 次报送", "2026-11-03", "已退回")]
    assert got[0].figures["rows"] > 0 and list(got[0].files) == ["510903104201_2026-10_报表全套.xlsx"]
    assert got[0].files_check == "1 个文件 sha256 一致"
    assert got[1].files_check.startswith("未核对文件：报表文件不随同步包传送")
    checks = review.check_files(node, got[1].submission_id, folder / "510903104202")
    assert [(c.name, c.status) for c in checks] == [("510903104202_2026-10_报表全套.xlsx", "一致")]


def test_a_file_changed_after_it_was_sent_up_does_not_match_and_cannot_be_approved(nodes, tmp_path):
    node, _villages, folder = nodes
    other = next(r for r in review.received(node, OCTOBER) if (r.village_code, r.report_key) == ("510903104202", "visits"))
    (tmp_path / "510903104202_2026-10_报表全套.xlsx").write_bytes(b"changed")
    assert [c.status for c in review.check_files(node, other.submission_id, tmp_path)] == ["不一致（文件被改动过）"]
    before = records_digest(node)
    with pytest.raises(ValidationError, match="不符，不能审核通过"):
        review.decide(node, ADMIN, other.submission_id, "approved", folder=tmp_path)
    assert records_digest(node) == before


def test_sending_back_needs_a_reason_and_a_report_is_decided_once(nodes):
    node, _villages, _folder = nodes
    got = {(r.village_code, r.report_key): r for r in review.received(node, OCTOBER)}
    before = records_digest(node)
    with pytest.raises(ValidationError, match="退回原因"):
        review.decide(node, ADMIN, got["510903104202", "visits"].submission_id, "returned", "  ")
    with pytest.raises(ConflictError, match="不能重复审核"):
        review.decide(node, ADMIN, got["510903104201", "roster"].submission_id, "returned", "再看看")
    assert records_digest(node) == before


def test_the_decision_comes_down_to_the_village_s_reports_page_with_its_reason(nodes):
    _node, (guihua, shiqiao), _folder = nodes
    assert (_roster(guihua).state, _roster(guihua).answered_by) == ("approved", "乡镇 周镇干")
    back = _roster(shiqiao)
    assert (back.label, back.answer_note, back.answered_by) == ("已退回（第 1 次报送）", REASON, "乡镇 周镇干")


def test_reporting_completeness_shows_the_township_s_own_return(nodes):
    node, _villages, _folder = nodes
    found = reporting.completeness(node, OCTOBER, today=dt.date(2026, 11, 6))
    returned = [(c.village_name, c.report_key, c.note) for c in found.cells if c.status == "returned"]
    assert returned == [("石桥村", "roster", REASON)]


def test_the_village_cannot_change_the_township_s_decision(nodes):
    _node, (_guihua, shiqiao), _folder = nodes
    before = records_digest(shiqiao)
    with pytest.raises(PermissionDenied, match="由乡镇周镇干作出.*村里不能修改"):
        submissions.record_answer(shiqiao, TEST_ACTOR, "roster", "2026-10", "approved")
    assert records_digest(shiqiao) == before and _roster(shiqiao).state == "returned"
    line = privacy.audit_lines(shiqiao, TEST_ACTOR)[0]
    assert line.action == "拒绝操作" and "村里不能修改" in line.detail


def test_a_decision_changed_on_the_village_s_pc_does_not_go_up_and_a_package_carrying_it_is_refused(
        nodes, tmp_path, monkeypatch):
    """Changed behind the app's back: the village's own package leaves it out; one that carries it anyway (a
    hand-made package, an app without the filter) is refused whole at the township."""
    node, (_guihua, shiqiao), _folder = nodes
    rid = shiqiao.scalar("SELECT id FROM report_reviews")
    with shiqiao.transaction():
        shiqiao.update("report_reviews", rid, {"decision": "approved", "reason": ""}, TEST_ACTOR)
    try:
        before = records_digest(node)
        unfiltered = tmp_path / "unfiltered"
        unfiltered.mkdir()
        with monkeypatch.context() as mp:
            mp.setattr(VillageOf, "sent_down", lambda self, tbl, row: False)
            carrying = packages.export_for(shiqiao, TEST_ACTOR, node.node_id, unfiltered)
        with pytest.raises(Refused, match="乡镇下发的记录（报表审核结果 1 条）"):
            packages.import_file(node, ADMIN, carrying.path)
        assert records_digest(node) == before
        assert "乡镇下发的记录" in privacy.audit_lines(node, ADMIN)[0].detail
        written = packages.export_for(shiqiao, TEST_ACTOR, node.node_id, tmp_path)
        assert "report_reviews" not in packages.import_file(node, ADMIN, written.path).counts
        assert node.scalar("SELECT decision FROM report_reviews WHERE id = ?", (rid,)) == "returned"
    finally:
        with shiqiao.transaction():
            shiqiao.update("report_reviews", rid, {"decision": "returned", "reason": REASON}, TEST_ACTOR)


def test_the_cli_lists_what_came_and_decides_as_a_named_township_user(nodes, capsys):
    node, _villages, _folder = nodes
    node.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    capsys.readouterr()
    assert cli.main(["--db", str(node.path), "township", "review", "--period", "2026-10", "--json"]) == 0
    listed = {(r["village"], r["report"]): r for r in json.loads(capsys.readouterr().out)}
    assert listed["510903104202", "roster"]["decision"] == "returned" and listed["510903104202", "roster"]["reason"] == REASON
    disputes = listed["510903104202", "disputes"]  # no other test decides it
    assert disputes["decision"] == "" and disputes["latest"] and list(disputes["files"]) == ["510903104202_2026-10_报表全套.xlsx"]
    before = records_digest(node)
    assert cli.main(["--db", str(node.path), "township", "decide", "--submission", disputes["submission"], "--return",
                     "--user", ADMIN.name]) != 0
    assert "退回原因" in capsys.readouterr().err and records_digest(node) == before
    assert cli.main(["--db", str(node.path), "township", "decide", "--submission", disputes["submission"],
                     "--user", ADMIN.name]) == 0  # approved: 上报情况 above counts it as it was
    assert "已审核通过" in capsys.readouterr().out
    assert node.scalar("SELECT decision FROM report_reviews WHERE submission_id = ?", (disputes["submission"],)) == "approved"
