"""报表表式 sent down: the township sets a form's 表号, 文号, 有效期 and due day; its next package brings it to every
registered village, where it is the one in force (marked 乡镇下发), cannot be changed or reset, and never goes back
up; 上报情况 at the township judges by it."""

import datetime as dt

import pytest

from tests.conftest import TEST_ACTOR, add_office_user
from tests.sync.sent_down import township_and_villages
from tests.sync.township import ADMIN, records_digest, reporting_township, send
from villagedesk.domain import reporting
from villagedesk.domain.errors import PermissionDenied
from villagedesk.domain.period import parse_period
from villagedesk.services.reports import specs
from villagedesk.services.sync import packages
from villagedesk.services.township import reporting as township_reporting

TOWNSHIP_DISPUTES = {"number": "河东镇调01表", "approval": "河东府〔2026〕8号", "valid_until": "2027-12",
                     "due_day": 3}


@pytest.fixture(scope="module")
def nodes(tmp_path_factory):
    """The township sets 纠纷 form, sends its package to both villages; 桂花村's clerk had his own edit of it."""
    folder = tmp_path_factory.mktemp("forms")
    mp = pytest.MonkeyPatch()
    mp.setenv("VILLAGEDESK_KEYS", str(folder / "keys"))
    node, villages = township_and_villages(folder)
    try:
        clerk = add_office_user(villages[0], "文书小王", "clerk")
        specs.save_spec(villages[0], clerk, "disputes", {"number": "村改调01表"})
        specs.save_spec(node, ADMIN, "disputes", TOWNSHIP_DISPUTES)
        for v in villages:
            send(node, ADMIN, v, TEST_ACTOR, folder)
        yield {"node": node, "villages": villages, "clerk": clerk, "folder": folder}
    finally:
        mp.undo()
        for s in (node, *villages):
            s.close()


@pytest.fixture(autouse=True)
def _their_keys(nodes, monkeypatch):
    monkeypatch.setenv("VILLAGEDESK_KEYS", str(nodes["folder"] / "keys"))


def test_the_township_s_form_is_in_force_in_every_village(nodes):
    assert specs.spec(nodes["node"], "disputes").source == "township"
    for v in nodes["villages"]:
        got = specs.spec(v, "disputes")
        assert (got.number, got.approval, got.valid_until, got.due_day, got.source) == (
            "河东镇调01表", "河东府〔2026〕8号", "2027-12", 3, "township")
        assert reporting.due_date(got, parse_period("2026-10")) == dt.date(2026, 11, 3)


def test_the_village_cannot_change_or_reset_it(nodes):
    guihua, clerk = nodes["villages"][0], nodes["clerk"]
    before = records_digest(guihua)
    for change in (lambda: specs.save_spec(guihua, clerk, "disputes", {"number": "村改调02表"}),
                   lambda: specs.reset_spec(guihua, clerk, "disputes")):
        with pytest.raises(PermissionDenied, match="由乡镇下发，本村不能修改或恢复"):
            change()
    assert records_digest(guihua) == before
    assert specs.spec(guihua, "disputes").number == "河东镇调01表"


def test_the_village_s_own_forms_stay_its_own_and_nothing_goes_up(nodes, tmp_path):
    """The village's other forms are still its clerk's to edit; its package up carries no form specification."""
    node, guihua, clerk = nodes["node"], nodes["villages"][0], nodes["clerk"]
    specs.save_spec(guihua, clerk, "visits", {"number": "村改05表"})
    written, _result = send(guihua, TEST_ACTOR, node, ADMIN, tmp_path)
    assert specs.spec(node, "visits").source == "default"
    assert specs.spec(node, "disputes").number == "河东镇调01表"


def test_a_form_withdrawn_by_the_township_goes_back_to_the_village_s_own(nodes, tmp_path):
    node, villages = nodes["node"], nodes["villages"]
    specs.reset_spec(node, ADMIN, "disputes")
    try:
        for v in villages:
            send(node, ADMIN, v, TEST_ACTOR, tmp_path)
        assert specs.spec(villages[0], "disputes").number == "村改调01表"  # its clerk's edit, kept underneath
        assert specs.spec(villages[1], "disputes").source == "default"
    finally:
        specs.save_spec(node, ADMIN, "disputes", TOWNSHIP_DISPUTES)
        for v in villages:
            send(node, ADMIN, v, TEST_ACTOR, tmp_path)
    assert specs.spec(villages[1], "disputes").number == "河东镇调01表"


def test_only_the_township_s_own_user_sets_it_there(nodes):
    node = nodes["node"]
    with pytest.raises(PermissionDenied, match="不能在乡镇节点办理"):
        specs.save_spec(node, TEST_ACTOR, "summary", {"number": "伪造01表"})
    assert specs.spec(node, "summary").source == "default"


def test_the_township_s_due_day_decides_on_time_or_late(tmp_path, monkeypatch):
    """石桥村 sent October up on 6 November: late by the shipped due day, on time once the township allows till 8."""
    monkeypatch.setenv("VILLAGEDESK_KEYS", str(tmp_path / "keys"))
    node = reporting_township(tmp_path)
    try:
        def shiqiao_summary() -> str:
            cells = township_reporting.completeness(node, parse_period("2026-10"), today=dt.date(2026, 11, 20)).cells
            return next(c.status for c in cells if c.village_code == "510903104202" and c.report_key == "summary")

        assert specs.spec(node, "summary").due_day < 6 and shiqiao_summary() == "late"
        specs.save_spec(node, ADMIN, "summary", {"due_day": 8})
        assert shiqiao_summary() == "on_time"
    finally:
        node.close()


def _row(box, key: str) -> int:
    return next(i for i, s in enumerate(box.rows) if s.key == key)


def test_the_village_s_page_marks_it_and_disables_its_buttons_with_the_reason(make_window, nodes):
    guihua, clerk = nodes["villages"][0], nodes["clerk"]
    box = make_window(guihua, clerk).show_page("settings").forms_box
    box.table.selectRow(_row(box, "disputes"))
    assert box.table.item(_row(box, "disputes"), 1).text() == "河东镇调01表"
    assert box.table.item(_row(box, "disputes"), 7).text() == "乡镇下发"
    for button in box.buttons.values():
        assert not button.isEnabled() and "由乡镇下发，本村不能修改" in button.toolTip()
    box.table.selectRow(_row(box, "summary"))  # the village's own forms stay its clerk's
    assert all(button.isEnabled() for button in box.buttons.values())


def test_the_township_s_page_sets_them_for_the_villages(make_window, nodes):
    box = make_window(nodes["node"], ADMIN).show_page("settings").forms_box
    box.table.selectRow(_row(box, "disputes"))
    assert all(button.isEnabled() for button in box.buttons.values())
    assert "下发到各村" in box.findChildren(type(box.note))[0].text()


def test_a_village_package_carrying_a_form_specification_is_refused_whole(nodes, tmp_path, monkeypatch):
    """An altered program at 桂花村 changes the township's form in its database and sends it up: refused, nothing of
    the package imported, the attempt in the township's audit trail."""
    from villagedesk.sync import ownership

    node, guihua = nodes["node"], nodes["villages"][0]
    row_id = guihua.scalar("SELECT id FROM report_forms WHERE source = 'township' AND deleted_at IS NULL "
                           "AND report_key = 'disputes'")
    with guihua.transaction():
        guihua.update("report_forms", row_id, {"number": "村改调09表"}, TEST_ACTOR)
    try:
        with monkeypatch.context() as m:
            m.setattr(ownership.Entitlement, "allows", lambda self, tbl, row: True)
            written = packages.export_for(guihua, TEST_ACTOR, node.node_id, tmp_path)
        before = records_digest(node)
        with pytest.raises(ownership.Refused, match="乡镇下发的记录（乡镇下发的报表表式 \\d+ 条）"):
            packages.import_file(node, ADMIN, written.path)
        assert records_digest(node) == before
        assert specs.spec(node, "disputes").number == "河东镇调01表"
        assert "乡镇下发的报表表式" in node.scalar(
            "SELECT detail FROM audit_log WHERE action = '拒绝同步包' ORDER BY id DESC LIMIT 1")
    finally:
        with guihua.transaction():
            guihua.update("report_forms", row_id, {"number": "河东镇调01表"}, TEST_ACTOR)
