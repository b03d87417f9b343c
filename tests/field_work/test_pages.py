"""The real pages driven through their widgets: a visit finds a dispute that two mediations resolve, a notice
reaches two grids, an emergency's worker days reach the payroll, a day's visits by keyboard, 首页's to-do list."""

import datetime as dt

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from tests.conftest import TEST_ACTOR, payroll_office
from tests.field_work.conftest import at
from tests.ui.helpers import type_text
from villagedesk.domain import clock
from villagedesk.domain.field_work.disputes import DisputeDraft, PartyDraft
from villagedesk.services.field_work import disputes
from villagedesk.ui.widgets.field_forms import set_datetime


def _click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _button(parent, name):
    button = parent.findChild(QPushButton, name)
    assert button is not None, name
    return button


def _pick(box, text):
    i = next(i for i in range(box.count()) if text in box.itemText(i))
    box.setCurrentIndex(i)


def _dialog(page):
    assert page.dialog is not None and page.dialog.isVisible()
    return page.dialog


def _column(model, title):
    c = [col.title for col in model.columns].index(title)
    return [model.text(r, c) for r in range(model.rowCount())]


def test_a_visit_finds_a_dispute_that_two_mediations_resolve(make_window, store, village, qtbot, messages,
                                                             monkeypatch, tmp_path):
    # one dispute of this year already went up to the village: the success rate starts at 0 / 1
    old = disputes.open_dispute(store, TEST_ACTOR, DisputeDraft(
        village.grids[1], "land", "地界争议", at(20).date(), "孙网格", (PartyDraft("陈长林", village.heads[village.households[1][0]]),)))
    disputes.set_outcome(store, TEST_ACTOR, old, "escalated_village", at(18).date())
    window = make_window(store)
    page = window.show_page("visits")

    _click(qtbot, page.visits_tab.buttons["new"])
    d = _dialog(page)
    type_text(d.picker.search_box, "李秀英")
    qtbot.keyClick(d.picker.search_box, Qt.Key.Key_Return)
    assert "李秀英" in d.household_label.text() and d.isVisible()  # Enter picked, it did not submit
    assert d.worker.currentText().startswith("赵网格")  # the grid's own worker by default
    type_text(d.findings, "与王德福家因排水沟堵塞发生争吵")
    _pick(d.finding_kind, "矛盾纠纷")
    _pick(d.dispute_kind, "邻里纠纷")
    type_text(d.other_party, "王德福")
    set_datetime(d.when, clock.now() + dt.timedelta(days=2))
    _click(qtbot, d.ok_button)
    assert d.isVisible() and "走访时间" in d.error.text() and "将来" in d.error.text()
    assert d.findings.toPlainText() == "与王德福家因排水沟堵塞发生争吵" and d.other_party.text() == "王德福"
    set_datetime(d.when, at(3, 10))
    _click(qtbot, d.ok_button)
    assert not d.isVisible(), d.error.text()
    assert page.cards["visits"].text == "1 次"
    assert _column(page.visits_tab.model, "发现事项") == ["矛盾纠纷"]

    page = window.show_page("disputes")
    assert page.cards["mediation_success_rate"].text == "0.0%"
    assert sorted(_column(page.model, "状态")) == ["上报村", "调解中"]
    row = _column(page.model, "状态").index("调解中")
    page.view.selectRow(row)
    assert "李秀英" in page.panel.parties.text() and "王德福" in page.panel.parties.text()
    assert "入户走访时发现" in page.panel.head.text()

    # first attempt fails
    _click(qtbot, page.panel.buttons["mediate"])
    m = _dialog(page)
    m.held_on.setDate(at(2).date())
    _pick(m.result, "未达成")
    type_text(m.content, "双方各执一词")
    _click(qtbot, m.ok_button)
    assert not m.isVisible(), m.error.text()
    # the second agrees, but without terms it is refused and nothing typed is lost
    _click(qtbot, page.panel.buttons["mediate"])
    m = _dialog(page)
    m.held_on.setDate(at(1).date())
    _pick(m.result, "达成协议")
    type_text(m.content, "邀请老党员参与，现场查看排水沟")
    _click(qtbot, m.ok_button)
    assert m.isVisible() and "协议条款" in m.error.text() and m.content.toPlainText() == "邀请老党员参与，现场查看排水沟"
    type_text(m.terms, "一、李秀英家十日内疏通排水沟。\n二、王德福不再追究此前损失。")
    _click(qtbot, m.ok_button)
    assert not m.isVisible(), m.error.text()
    assert page.panel.mediations.rowCount() == 2

    # closing with no outcome is refused; resolved in the grid is accepted
    _click(qtbot, page.panel.buttons["outcome"])
    o = _dialog(page)
    _click(qtbot, o.ok_button)
    assert o.isVisible() and "必须选择处理结果" in o.error.text()
    _pick(o.outcome, "网格内调解成功")
    o.on.setDate(at(1).date())
    _click(qtbot, o.ok_button)
    assert not o.isVisible(), o.error.text()
    assert "网格内调解成功" in page.panel.state.text()
    # hand count: decided this year = 1 escalated + 1 resolved; resolved 1 → 1 / 2 = 50.0%
    assert page.cards["mediation_success_rate"].text == "50.0%"
    assert page.cards["disputes_escalated"].text == "1 件"

    target = tmp_path / "协议书.pdf"
    monkeypatch.setattr("villagedesk.ui.pages.disputes.page.ask_save_path", lambda *a: target)
    _click(qtbot, page.panel.buttons["agreement"])
    text = "".join(p.extract_text() for p in PdfReader(target).pages)
    assert "李秀英" in text and "王德福" in text and "李秀英家十日内疏通排水沟" in text and "签字（按手印）" in text


def test_a_notice_to_two_grids_is_fully_covered_when_the_last_household_is_marked(make_window, store, village, qtbot,
                                                                                 messages, monkeypatch, tmp_path):
    window = make_window(store)
    page = window.show_page("visits")
    page.tabs.setCurrentWidget(page.notices_tab)
    tab = page.notices_tab
    _click(qtbot, tab.new_button)
    d = _dialog(page)
    type_text(d.title_edit, "防汛预警：今夜有暴雨")
    _pick(d.urgency, "紧急")
    set_datetime(d.issued, at(1, 8, 0))
    assert len(d.grid_ids()) == 2
    _click(qtbot, d.ok_button)
    assert not d.isVisible(), d.error.text()
    page.period.setCurrentIndex(page.period.findData(""))
    tab.view.selectRow(0)
    assert "0/6 户" in tab.total.text()

    tab.grid_table.selectRow(0)  # 上湾: two households by hand, then the rest of the grid at once
    tab.households.selectRow(0)
    set_datetime(tab.when, at(1, 8, 30))
    _click(qtbot, tab.actions["one"])
    assert "1/6 户" in tab.total.text()
    tab.households.selectRow(0)  # the same household again is refused
    _click(qtbot, tab.actions["one"])
    assert messages and "不能重复标记" in messages[-1][1] and "1/6 户" in tab.total.text()
    set_datetime(tab.when, at(1, 9, 0))
    _click(qtbot, tab.actions["grid"])
    assert "3/6 户" in tab.total.text() and "尚未全覆盖" in tab.total.text()
    assert tab.households.item(2, 3).text() == at(1, 9).strftime("%Y-%m-%d %H:%M")

    tab.grid_table.selectRow(1)  # 下沟: its worker takes the list of the households still to reach
    target = tmp_path / "未送达.pdf"
    monkeypatch.setattr("villagedesk.ui.pages.visits.notices_tab.ask_save_path", lambda *a: target)
    _click(qtbot, tab.actions["print"])
    text = PdfReader(target).pages[0].extract_text()
    assert all(n in text for n in ("陈长林", "刘桂兰", "杨志明")) and "王德福" not in text
    set_datetime(tab.when, at(1, 9, 30))
    _click(qtbot, tab.actions["grid"])
    assert "6/6 户（100.0%）" in tab.total.text() and "用时 1.5 小时" in tab.total.text()
    assert _column(tab.model, "全覆盖用时（小时）") == ["1.5"]
    page.period.setCurrentIndex(page.period.findData(str(at(1).year)))
    assert page.cards["notice_coverage_hours_median"].text == "1.5 小时"


def test_an_emergencys_worker_days_reach_that_months_payroll(make_window, store, village, qtbot, messages):
    from villagedesk.services.grids import payroll, stipends

    stipends.save_tier_table(store, TEST_ACTOR, "2026-01", [(0, 99, 50), (100, "", 80)])
    stipends.set_subsidy_rate(store, TEST_ACTOR, "flood", 70, "2026-01-01")
    window = make_window(store)
    page = window.show_page("emergencies")
    _click(qtbot, page.new_button)
    d = _dialog(page)
    _pick(d.kind, "洪涝")
    type_text(d.title_edit, "上湾山洪")
    set_datetime(d.started, dt.datetime(2026, 10, 3, 21, 0))
    d.grids.item(0).setCheckState(Qt.CheckState.Checked)
    _click(qtbot, d.ok_button)
    assert not d.isVisible(), d.error.text()
    panel = page.panel
    assert "现场指挥：赵网格" in panel.head.text()
    set_datetime(panel.action_time, dt.datetime(2026, 10, 3, 21, 20))
    type_text(panel.action_text, "敲门通知低洼处 12 户转移")
    _click(qtbot, _button(panel, "action-add"))
    assert panel.timeline.item(0, 2).text() == "敲门通知低洼处 12 户转移" and panel.action_text.text() == ""

    _click(qtbot, panel.buttons["close"])
    c = _dialog(page)
    set_datetime(c.ended, dt.datetime(2026, 10, 3, 20, 0))
    _pick(c.outcome, "初期处置成功")
    _click(qtbot, c.ok_button)
    assert c.isVisible() and "不能早于事件开始时间" in c.error.text()
    set_datetime(c.ended, dt.datetime(2026, 10, 5, 7, 0))
    _click(qtbot, c.ok_button)
    assert not c.isVisible(), c.error.text()
    assert panel.days.item(0, 0).text() == "赵网格" and panel.days.item(0, 1).text().startswith("3 天")

    payroll_office(store)  # a 文书/会计 computes payrolls
    p = payroll.compute_payroll(store, TEST_ACTOR, "2026-10", today=dt.date(2026, 11, 30))
    line = {ln.worker_name: ln for ln in p.lines}["赵网格"]
    assert (line.subsidy_days, line.subsidy_fen) == (3, 21000)  # 3, 4 and 5 October × 70.00 yuan


def test_a_days_visits_by_keyboard_with_a_row_numbered_refusal(make_window, store, village, qtbot, messages):
    window = make_window(store)
    page = window.show_page("visits")
    _click(qtbot, page.visits_tab.buttons["day"])
    d = _dialog(page)
    _pick(d.worker, "赵网格")
    d.day.setDate(at(1).date())
    for initials in ("wdf", "lxy"):  # 王德福, 李秀英 by pinyin initials, Enter adds the line
        qtbot.keyClicks(d.picker.search_box, initials)
        qtbot.keyClick(d.picker.search_box, Qt.Key.Key_Return)
    assert d.table.rowCount() == 2 and d.isVisible()
    assert "王德福" in d.table.item(0, 0).text() and d.table.item(1, 1).text() == "09:20"
    d.table.item(1, 1).setText("9:75")
    d.table.item(0, 4).setText("屋后山坡有落石")
    _pick(d.table.cellWidget(0, 5), "安全隐患")
    _click(qtbot, d.ok_button)
    assert d.isVisible() and "第 2 行" in d.error.text() and d.table.rowCount() == 2
    d.table.item(1, 1).setText("10:15")
    _click(qtbot, d.ok_button)
    assert not d.isVisible(), d.error.text()
    assert page.visits_tab.count.text().startswith("共 2 次走访")
    # 王德福 is a key-population household: the hazard owes a follow-up
    page.tabs.setCurrentWidget(page.follow_ups_tab)
    assert page.follow_ups_tab.model.rowCount() == 1 and "王德福" in page.follow_ups_tab.model.text(0, 0)


def test_the_todo_list_on_home_opens_each_record(make_window, store, village, qtbot):
    from tests.field_work.test_todo_and_figures import _fill

    ids = _fill(store, village)
    window = make_window(store)
    home = window.show_page("home")
    todo = home.todo
    assert "待办事项（5 项）" == todo.heading.text()
    assert [todo.tree.topLevelItem(i).text(0) for i in range(4)] == [
        "逾期未回访（1）", "未结矛盾纠纷（2）", "宣传未全覆盖（1）", "处置中的突发事件（1）"]

    old_dispute = todo.group("dispute").child(0)
    assert "已 30 天未结" in old_dispute.text(1)
    todo.tree.itemActivated.emit(old_dispute, 0)
    assert window.current_key() == "disputes"
    assert window.pages["disputes"].panel.detail.id == ids["old"]

    window.show_page("home")
    todo.tree.itemActivated.emit(todo.group("notice").child(0), 0)
    visits = window.pages["visits"]
    assert window.current_key() == "visits" and visits.tabs.currentWidget() is visits.notices_tab
    assert visits.notices_tab.coverage.notice_id == ids["notice"]

    window.show_page("home")
    todo.tree.itemActivated.emit(todo.group("follow_up").child(0), 0)
    line = visits.follow_ups_tab.view.selectionModel().selectedRows()
    assert visits.tabs.currentWidget() is visits.follow_ups_tab and len(line) == 1

    window.show_page("home")
    todo.tree.itemActivated.emit(todo.group("emergency").child(0), 0)
    assert window.current_key() == "emergencies"
    assert window.pages["emergencies"].panel.detail.id == ids["emergency"]


def test_an_overdue_follow_up_is_recorded_from_its_list(make_window, store, village, qtbot, messages):
    from villagedesk.domain.field_work.visits import FindingDraft, VisitDraft
    from villagedesk.services.field_work import visits

    visits.record_visit(store, TEST_ACTOR, VisitDraft(village.workers[0], village.key_household, at(10), "in_person",
                                                      "info", finding=FindingDraft("hazard", "灶台旁堆柴")))
    window = make_window(store)
    page = window.show_page("visits")
    page.tabs.setCurrentWidget(page.follow_ups_tab)
    tab = page.follow_ups_tab
    assert page.cards["overdue"].text == "1 户" and _column(tab.model, "逾期（天）") == ["3"]
    tab.view.selectRow(0)
    _click(qtbot, tab.record)
    d = _dialog(page)
    assert "王德福" in d.household_label.text() and d.purpose.currentText() == "二次回访" and not d.picker.isEnabled()
    set_datetime(d.when, at(11, 9))  # before the visit it follows
    _click(qtbot, d.ok_button)
    assert d.isVisible() and "回访时间" in d.error.text()
    set_datetime(d.when, at(1, 15))
    type_text(d.notes, "柴草已挪开")
    _click(qtbot, d.ok_button)
    assert not d.isVisible(), d.error.text()
    assert tab.model.rowCount() == 0 and page.cards["overdue"].text == "0 户"


def test_a_grid_marked_reached_asks_first_and_its_time_defaults_to_now(make_window, store, village, qtbot,
                                                                      messages, monkeypatch):
    """The page is built at 08:00; a notice issued at 14:00 is marked at 15:00 without touching the time."""
    from villagedesk.domain.field_work.notices import NoticeDraft
    from villagedesk.services.field_work import notices
    from villagedesk.ui import messages as boxes

    morning = dt.datetime.combine(clock.today(), dt.time(8, 0))
    clock.pin(morning)
    window = make_window(store)
    page = window.show_page("visits")
    page.tabs.setCurrentWidget(page.notices_tab)
    tab = page.notices_tab
    clock.pin(morning.replace(hour=14))
    notices.issue_notice(store, TEST_ACTOR, NoticeDraft("秸秆禁烧", "严禁焚烧秸秆。", "routine", clock.now(),
                                                        (village.grids[0],)))
    clock.pin(morning.replace(hour=15))
    tab.refresh()
    tab.view.selectRow(0)
    tab.grid_table.selectRow(0)
    asked = []
    monkeypatch.setattr(boxes, "confirm", lambda parent, title, text: asked.append(text) or False)
    _click(qtbot, tab.actions["grid"])  # declined: nothing marked
    assert "3 户" in asked[-1] and "上湾" in asked[-1] and "0/3 户" in tab.total.text()
    monkeypatch.setattr(boxes, "confirm", lambda parent, title, text: asked.append(text) or True)
    _click(qtbot, tab.actions["grid"])
    assert not [m for m in messages if "早于" in m[1]], messages
    assert "3/3 户" in tab.total.text() and tab.households.item(0, 3).text() == clock.now().strftime("%Y-%m-%d %H:%M")
    _click(qtbot, tab.actions["undo-grid"])  # a slip: taken back the same day
    assert "0/3 户" in tab.total.text() and "尚未全覆盖" in tab.total.text()


def test_the_visits_card_counts_home_visits_and_calls_apart(make_window, store, village):
    from villagedesk.domain.field_work.visits import VisitDraft
    from villagedesk.services.field_work import visits

    for n, way in enumerate(("in_person", "phone", "wechat", "in_person")):
        visits.record_visit(store, TEST_ACTOR, VisitDraft(village.workers[0], village.households[0][n % 3],
                                                          at(1, 9 + n), way, "info"))
    page = make_window(store).show_page("visits")
    assert page.cards["visits"].text == "2 次"  # 入户 only
    assert page.cards["contacts"].text == "2 次"  # 电话 1, 微信 1
