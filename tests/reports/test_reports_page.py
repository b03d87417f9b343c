"""报表上报 driven through its widgets: the monthly set exported in ≤ 3 counted interactions, the states after
报出, a report opened on screen with the file's figures, and each role's buttons as the policy says."""

import datetime as dt

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from tests.conftest import TEST_ACTOR, add_office_user, adopt_test_user
from tests.users.test_desk import _answer
from villagedesk.domain.errors import PermissionDenied
from villagedesk.services.reports import sending
from villagedesk.ui.pages.reports import page as page_module
from villagedesk.ui.pages.reports.periods import period_choices


class Counted:
    """Every click and every answered dialog is one interaction of the clerk's."""

    def __init__(self, qtbot):
        self.qtbot, self.n = qtbot, 0

    def click(self, widget):
        self.n += 1
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)

    def answer(self, value):
        def answered(*_a, **_k):
            self.n += 1
            return value
        return answered


def _clerk(store):
    adopt_test_user(store)
    return add_office_user(store, "李文书", "clerk")


def _reports_page(make_window, store, actor):
    window = make_window(store, actor)
    return window, window.show_page("reports")


def test_the_monthly_set_is_exported_from_the_page_in_three_interactions(make_window, demo_store, qtbot, messages,
                                                                         monkeypatch, tmp_path):
    clerk = _clerk(demo_store)
    window, page = _reports_page(make_window, demo_store, clerk)
    count = Counted(qtbot)
    qtbot.waitUntil(lambda: page.view_data is not None)
    # the period of the month being worked on is preselected (the clock says 2026-11-30)
    assert page.period_label() == "2026-11"
    monkeypatch.setattr(page_module, "ask_folder", count.answer(tmp_path))
    count.click(page.findChild(QPushButton, "report-export-set"))
    assert count.n <= 3, count.n
    folder = tmp_path / "桂花村_2026-11"
    names = sorted(p.name for p in folder.iterdir())
    assert "桂花村_2026-11_报表全套.xlsx" in names and "桂花村_2026-11_报表全套.pdf" in names
    assert len(names) == 2 + 2 * 13
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # nothing left aside
    book = load_workbook(folder / "桂花村_2026-11_报表全套.xlsx")
    assert len(book.sheetnames) == 13
    tail = [c for row in book.worksheets[0].iter_rows(values_only=True) for c in row
            if isinstance(c, str) and c.startswith("单位负责人")][0]
    first = {}
    for r in demo_store.query("SELECT name, role FROM users WHERE active = 1 ORDER BY created_at"):
        first.setdefault(r["role"], r["name"])
    assert first["head"] and first["clerk"]
    assert f"单位负责人：{first['head']}" in tail and f"统计负责人：{first['clerk']}" in tail and "填表人：李文书" in tail
    assert messages[-1][0] == "导出全套报表"


def test_a_cancelled_export_leaves_no_file(make_window, demo_store, qtbot, messages, monkeypatch, tmp_path):
    clerk = _clerk(demo_store)
    window, page = _reports_page(make_window, demo_store, clerk)
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(page_module, "ask_folder", lambda *_: out)
    real = sending.prepare_set
    seen = []

    class CancelWhileWritingSingles:
        """The clerk presses 取消 once the workbook and the PDF are written, among the single files."""

        def __init__(self, job):
            self.job = job

        @property
        def cancelled(self):
            return any("单表" in m for m in seen)

        def progress(self, fraction, message):
            seen.append(message)
            self.job.progress(fraction, message)

    monkeypatch.setattr(sending, "prepare_set",
                        lambda store, actor, period, folder, job: real(store, actor, period, folder,
                                                                       CancelWhileWritingSingles(job)))
    qtbot.mouseClick(page.findChild(QPushButton, "report-export-set"), Qt.MouseButton.LeftButton)
    assert any("工作簿" in m for m in seen)
    assert list(out.iterdir()) == []
    assert messages[-1] == ("导出全套报表", "操作已取消，未做任何更改。")


def test_the_clerk_prepares_the_head_signs_off_and_the_catalogue_shows_the_states(make_window, demo_store, qtbot,
                                                                                  messages, monkeypatch, tmp_path):
    clerk = _clerk(demo_store)
    window, page = _reports_page(make_window, demo_store, clerk)
    page.period.setCurrentIndex(page.period.findData("2026-10"))
    page.refresh()
    qtbot.waitUntil(lambda: page.view_data is not None and page.view_data.period.label == "2026-10")
    states = [page.model.text(r, 3) for r in range(page.model.rowCount())]
    assert states == ["草稿"] * 13
    submit = page.findChild(QPushButton, "report-submit")
    assert not submit.isEnabled() and "只有书记/主任可以以单位负责人签署报表" in submit.toolTip()
    monkeypatch.setattr(page_module, "ask_folder", lambda *_: tmp_path)
    qtbot.mouseClick(page.findChild(QPushButton, "report-export-set"), Qt.MouseButton.LeftButton)
    _answer(monkeypatch, TEST_ACTOR.name)
    window.switch_action.trigger()  # 文件 › 切换用户: the head at the desk now
    assert window.ctx.actor.name == TEST_ACTOR.name and submit.isEnabled()
    export_button = page.findChild(QPushButton, "report-export-set")
    assert not export_button.isEnabled() and "只有文书/会计可以编制报表" in export_button.toolTip()
    qtbot.mouseClick(submit, Qt.MouseButton.LeftButton)
    assert messages[-1] == ("报出", "2026 年 10 月：已报出 13 张表。")
    qtbot.waitUntil(lambda: page.model.rowCount() == 13 and page.model.text(0, 3).startswith("已报出"))
    assert page.model.text(0, 3) == "已报出（第 1 次报送）" and page.model.text(0, 5) == TEST_ACTOR.name


def test_a_head_alone_is_told_that_a_clerk_prepares_and_may_add_one(make_window, store, qtbot, messages):
    """A single-user office (PIN off, one head): reading is allowed, preparing is the clerk's; the head adds one."""
    from villagedesk.services import sign_in, users

    sign_in.set_pin_off(store, TEST_ACTOR, True)
    window, page = _reports_page(make_window, store, TEST_ACTOR)
    qtbot.waitUntil(lambda: page.view_data is not None)
    export_button = page.findChild(QPushButton, "report-export-set")
    assert not export_button.isEnabled()
    assert export_button.toolTip() == "测试员（书记/主任）没有编制报表的权限，只有文书/会计可以编制报表。"
    assert "本村还没有文书/会计使用人" in page.status.text() and "系统设置 › 用户" in page.status.text()
    assert "填表人：测试员" not in page.preview.notes.text()  # the head reads the set; a clerk fills it in
    clerk = users.add_user(store, TEST_ACTOR, "李文书", "clerk").actor
    page.refresh()
    qtbot.waitUntil(lambda: "正在汇总" not in page.status.text())
    assert "本村还没有文书/会计使用人" not in page.status.text()
    assert not sign_in.pin_off(store)  # two users now: each signs in (a user without a PIN just picks their name)
    window.close()
    window, page = _reports_page(make_window, store, clerk)
    assert page.findChild(QPushButton, "report-export-set").isEnabled()


def test_a_report_opened_on_screen_shows_the_figures_of_the_file(make_window, demo_store, qtbot, tmp_path):
    clerk = _clerk(demo_store)
    window, page = _reports_page(make_window, demo_store, clerk)
    page.period.setCurrentIndex(page.period.findData("2026-10"))
    page.refresh()
    qtbot.waitUntil(lambda: page.view_data is not None and page.view_data.period.label == "2026-10")
    page.open_report("insurance")
    table = next(t for t in page.view_data.tables if t.key == "insurance")
    assert page.preview.title.text() == table.title
    path = sending.export.export_report(demo_store, "insurance", "2026-10", "xlsx", tmp_path / "i.xlsx", clerk)
    in_file = {str(c) for row in load_workbook(path).active.iter_rows(values_only=True) for c in row if c is not None}
    on_screen = [c for row in page.preview.cells() for c in row if c]
    figures = [c for c in on_screen if c.replace(",", "").isdigit()]
    assert figures and all(f.replace(",", "") in in_file for f in figures)
    assert "表号：" in page.preview.meta.text()


def test_each_role_sees_the_buttons_the_policy_gives_it(make_window, demo_store, qtbot):
    adopt_test_user(demo_store)
    worker = add_office_user(demo_store, "周网格", "worker")
    clerk = add_office_user(demo_store, "李文书", "clerk")
    expect = {TEST_ACTOR.name: (False, True), "李文书": (True, False), "周网格": (False, False)}
    for actor in (TEST_ACTOR, clerk, worker):
        window, page = _reports_page(make_window, demo_store, actor)
        export_button = page.findChild(QPushButton, "report-export-set")
        submit = page.findChild(QPushButton, "report-submit")
        assert (export_button.isEnabled(), submit.isEnabled()) == expect[actor.name], actor.name
        if not submit.isEnabled():
            assert "只有书记/主任可以" in submit.toolTip()
        if not export_button.isEnabled():
            assert "只有文书/会计可以编制报表" in export_button.toolTip()
        window.close()


def test_the_services_refuse_whom_the_policy_refuses(demo_store, tmp_path):
    adopt_test_user(demo_store)
    worker = add_office_user(demo_store, "周网格", "worker")
    clerk = add_office_user(demo_store, "李文书", "clerk")
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    for call in (lambda: sending.view_set(demo_store, worker, "2026-10"),
                 lambda: sending.prepare_set(demo_store, worker, "2026-10", tmp_path)):
        try:
            call()
        except PermissionDenied as exc:
            assert "周网格（网格员）没有编制报表的权限" in exc.message
        else:
            raise AssertionError("a worker exported the report set")
    assert list(tmp_path.iterdir()) == []
    try:
        sending.prepare_set(demo_store, TEST_ACTOR, "2026-10", tmp_path)
    except PermissionDenied as exc:
        assert "测试员（书记/主任）没有编制报表的权限，只有文书/会计可以编制报表" in exc.message
    else:
        raise AssertionError("a head prepared the report set")
    assert list(tmp_path.iterdir()) == []
    sent = sending.prepare_set(demo_store, clerk, "2026-10", tmp_path)
    # the role is the store's: a clerk claiming to be a head in the Actor is still a clerk
    for claimed in (clerk, clerk._replace(role="head")):
        try:
            sending.sign_and_submit(demo_store, claimed, sent)
        except PermissionDenied as exc:
            assert "只有书记/主任可以以单位负责人签署报表" in exc.message
        else:
            raise AssertionError("a clerk signed the set off")
    assert demo_store.scalar("SELECT COUNT(*) FROM report_submissions") == 0
    states = sending.sign_and_submit(demo_store, TEST_ACTOR, sent)
    assert {s.state for s in states} == {"submitted"}


def test_last_month_is_preselected_in_the_first_days_of_a_month():
    assert period_choices(dt.date(2026, 12, 3))[0] == ("2026 年 11 月（上个月）", "2026-11")
    assert period_choices(dt.date(2026, 12, 20))[0] == ("2026 年 12 月（本月）", "2026-12")
    assert ("2026 年第四季度", "2026-Q4") in period_choices(dt.date(2026, 12, 20)) or \
        any(label == "2026-Q4" for _t, label in period_choices(dt.date(2026, 12, 20)))
