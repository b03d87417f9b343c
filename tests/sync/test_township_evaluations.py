"""乡镇考评 sent down: the township commends one village's worker and replaces another's; each arrives in its own
village only, shows on 考评 marked 乡镇, counts in that village's workers_commended / workers_replaced, and cannot
be changed there."""

import datetime as dt

import pytest

from tests.conftest import TEST_ACTOR
from tests.sync.sent_down import township_and_villages
from tests.sync.township import ADMIN, cli_stats, records_digest, send
from villagedesk.domain import clock
from villagedesk.domain.errors import ConflictError, PermissionDenied, ValidationError
from villagedesk.domain.period import parse_period
from villagedesk.services import privacy, stats
from villagedesk.services.grids import evaluation
from villagedesk.services.sync import packages
from villagedesk.services.township import evaluations
from villagedesk.store.sync.owners import VillageOf
from villagedesk.sync.ownership import Refused

PERIOD = "2026-11"  # stats count an evaluation by the day it was made (the suite's clock: 2026-11-30)


def _a_worker(store, village_code: str, period: str) -> tuple[str, str]:
    """(id, name) of an active worker of the village with no evaluation for `period` yet."""
    row = store.conn.execute("""
        SELECT w.id, w.name FROM workers w JOIN villages v ON v.id = w.village_id
         WHERE v.code = ? AND w.status = 'active' AND w.deleted_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM evaluations e WHERE e.worker_id = w.id AND e.period = ?)
         ORDER BY w.name LIMIT 1""", (village_code, period)).fetchone()
    return row[0], row[1]


@pytest.fixture(scope="module")
def nodes(tmp_path_factory):
    """Before the township's package: both villages' own figures; then the evaluations, sent down to both."""
    folder = tmp_path_factory.mktemp("evaluations")
    mp = pytest.MonkeyPatch()
    mp.setenv("VILLAGEDESK_KEYS", str(folder / "keys"))
    node, villages = township_and_villages(folder)
    try:
        before = [evaluation_counts(v) for v in villages]
        commended = _a_worker(node, "510903104201", "2026-Q4")
        replaced = _a_worker(node, "510903104202", "2026")
        evaluations.evaluate_worker(node, ADMIN, commended[0], "2026-Q4", "92", "commend", "带头调解邻里纠纷")
        evaluations.evaluate_worker(node, ADMIN, replaced[0], "2026", "48", "replace", "连续两月未走访",
                                    replace_reason="not_diligent")
        for v in villages:
            send(node, ADMIN, v, TEST_ACTOR, folder)
        yield {"node": node, "villages": villages, "before": before, "commended": commended, "replaced": replaced}
    finally:
        mp.undo()
        for s in (node, *villages):
            s.close()


@pytest.fixture(autouse=True)
def _their_keys(nodes, monkeypatch):
    monkeypatch.setenv("VILLAGEDESK_KEYS", str(nodes["node"].path.parent / "keys"))


def evaluation_counts(store) -> tuple[int, int]:
    """(workers_commended, workers_replaced) of the store's own figures for PERIOD, as stats --json gives them."""
    got = stats.compute_stats(store, parse_period(PERIOD))
    return got["workers_commended"], got["workers_replaced"]


def test_each_evaluation_arrives_in_its_own_village_marked_township(nodes):
    guihua, shiqiao = nodes["villages"]
    rows = {v: [e for e in evaluation.evaluations(v) if e.sent_down] for v in (guihua, shiqiao)}
    assert [(e.worker_name, e.period, e.outcome_label, e.entered_by_label, e.evaluator) for e in rows[guihua]] == [
        (nodes["commended"][1], "2026-Q4", "表彰", "乡镇（随同步包下发）", "镇党委")]
    assert [(e.worker_name, e.period, e.outcome_label) for e in rows[shiqiao]] == [
        (nodes["replaced"][1], "2026", "调整（不尽职）")]


def test_they_count_in_each_village_s_own_figures(nodes, capsys):
    guihua, shiqiao = nodes["villages"]
    (g_commend, g_replace), (s_commend, s_replace) = nodes["before"]
    g = cli_stats(guihua, "--period", PERIOD, capsys=capsys)
    s = cli_stats(shiqiao, "--period", PERIOD, capsys=capsys)
    assert (g["workers_commended"], g["workers_replaced"]) == (g_commend + 1, g_replace)
    assert (s["workers_commended"], s["workers_replaced"]) == (s_commend, s_replace + 1)
    at_township = cli_stats(nodes["node"], "--period", PERIOD, "--village", "510903104202", capsys=capsys)
    assert at_township["workers_replaced"] == s["workers_replaced"]


def test_the_village_cannot_enter_over_the_township_s_evaluation(nodes):
    guihua, _shiqiao = nodes["villages"]
    worker = nodes["commended"][0]
    rubric = evaluation.current_rubric(guihua)
    before = records_digest(guihua)
    with pytest.raises(PermissionDenied, match="已有乡镇的考评.*村里不能修改或另录"):
        evaluation.evaluate(guihua, TEST_ACTOR, worker, "2026-Q4", [0] * len(rubric.items), "keep")
    assert records_digest(guihua) == before
    line = privacy.audit_lines(guihua, TEST_ACTOR)[0]
    assert line.action == "拒绝操作" and "已有乡镇的考评" in line.detail


def test_a_changed_township_evaluation_does_not_go_up_and_a_package_carrying_it_is_refused(nodes, tmp_path,
                                                                                          monkeypatch):
    node, (guihua, _shiqiao) = nodes["node"], nodes["villages"]
    eid = guihua.scalar("SELECT id FROM evaluations WHERE worker_id = ? AND period = '2026-Q4'", (nodes["commended"][0],))
    with guihua.transaction():
        guihua.update("evaluations", eid, {"outcome": "keep", "reason": ""}, TEST_ACTOR)
    try:
        before = records_digest(node)
        (tmp_path / "unfiltered").mkdir()
        with monkeypatch.context() as mp:
            mp.setattr(VillageOf, "sent_down", lambda self, tbl, row: False)
            carrying = packages.export_for(guihua, TEST_ACTOR, node.node_id, tmp_path / "unfiltered")
        with pytest.raises(Refused, match="乡镇下发的记录（乡镇考评 1 条）"):
            packages.import_file(node, ADMIN, carrying.path)
        assert records_digest(node) == before
        written = packages.export_for(guihua, TEST_ACTOR, node.node_id, tmp_path)
        assert "evaluations" not in packages.import_file(node, ADMIN, written.path).counts
        assert node.scalar("SELECT outcome FROM evaluations WHERE id = ?", (eid,)) == "commend"
    finally:
        with guihua.transaction():
            guihua.update("evaluations", eid, {"outcome": "commend", "reason": "带头调解邻里纠纷"}, TEST_ACTOR)


def test_the_township_s_entry_is_checked_and_done_only_at_the_township(nodes):
    node, (guihua, _shiqiao) = nodes["node"], nodes["villages"]
    worker = _a_worker(node, "510903104201", "2026")[0]
    before = records_digest(node)
    with pytest.raises(ValidationError, match="乡镇按季度或年度考评"):
        evaluations.evaluate_worker(node, ADMIN, worker, "2026-10", "90", "keep")
    with pytest.raises(ValidationError, match="表彰须写明事迹"):
        evaluations.evaluate_worker(node, ADMIN, worker, "2026", "90", "commend")
    with pytest.raises(ValidationError, match="0 到 100"):
        evaluations.evaluate_worker(node, ADMIN, worker, "2026", "120", "keep")
    with pytest.raises(ValidationError, match="晚于今天"):  # the village's rule for a commendation's day, too
        evaluations.evaluate_worker(node, ADMIN, worker, "2026", "90", "keep",
                                    evaluated_on=clock.today() + dt.timedelta(days=3))
    with pytest.raises(ValidationError, match="已有考评"):
        evaluations.evaluate_worker(node, ADMIN, nodes["commended"][0], "2026-Q4", "90", "keep")
    assert records_digest(node) == before
    with pytest.raises(ConflictError, match="乡镇考评在乡镇节点录入"):
        evaluations.evaluate_worker(guihua, TEST_ACTOR, worker, "2026", "90", "keep")


def test_the_township_enters_it_on_the_evaluation_tab_and_the_village_s_tab_marks_it(make_window, nodes, messages,
                                                                                      qtbot, tmp_path):
    node, (guihua, _shiqiao) = nodes["node"], nodes["villages"]
    window = make_window(node, ADMIN)
    page = window.show_page("grids")
    tab = page.tab["考评"]
    page.tabs.setCurrentWidget(tab)
    assert tab.buttons["new"].isEnabled() and not tab.buttons["rubric"].isEnabled()
    tab.buttons["new"].click()
    dialog = tab.dialog
    assert dialog.windowTitle() == "乡镇考评" and dialog.worker.count() >= 2
    dialog.period.setText("2026-10")
    dialog.score.setText("85")
    dialog.ok_button.click()
    assert "乡镇按季度或年度考评" in dialog.error.text()
    worker = _a_worker(node, "510903104202", "2026")
    dialog.worker.setCurrentIndex(dialog.worker.findData(worker[0]))
    dialog.period.setText("2026")
    dialog.ok_button.click()
    assert dialog.error.text() == ""

    def listed() -> bool:  # the page redraws from what the form published
        return any(e.worker_id == worker[0] and e.period == "2026" and e.sent_down
                   for e in tab.model.rows)

    qtbot.waitUntil(listed, timeout=3000)
    window.grab().save(str(tmp_path / "township-evaluations.png"))
    village = make_window(guihua, TEST_ACTOR)
    vpage = village.show_page("grids")
    vtab = vpage.tab["考评"]
    vpage.tabs.setCurrentWidget(vtab)
    col = [c.title for c in vtab.model.columns].index("来源")
    vtab.period.setText("2026-Q4")  # the quarter's rows, all of them on the first screen
    vtab.refresh()
    marked = [r for r in range(vtab.model.rowCount()) if vtab.model.row(r).worker_id == nodes["commended"][0]]
    assert [vtab.model.data(vtab.model.index(r, col)) for r in marked] == ["乡镇（随同步包下发）"]
    village.grab().save(str(tmp_path / "village-evaluations.png"))
