"""The real 网格与网格员 page, driven through its widgets: grid, appointment, rotation, evaluation, payroll, exports."""

from PySide6.QtCore import QDate, Qt

from tests.conftest import payroll_office
from tests.grids.helpers import id_number
from tests.ui.helpers import type_text


def _dialog(tab):
    dialog = tab.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def _ok(qtbot, dialog):
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def _pick(box, text):
    i = next(i for i in range(box.count()) if text in box.itemText(i))
    box.setCurrentIndex(i)


def _cells(model, column_title):
    c = [col.title for col in model.columns].index(column_title)
    return [model.text(r, c) for r in range(model.rowCount())]


def _click(qtbot, widget, name):
    from PySide6.QtWidgets import QPushButton

    qtbot.mouseClick(widget.findChild(QPushButton, name), Qt.MouseButton.LeftButton)


def _add_worker(qtbot, tab, name, seq):
    _click(qtbot, tab, "worker-new")
    d = _dialog(tab)
    type_text(d.name, name)
    type_text(d.id_number, id_number("19800101", seq))
    type_text(d.phone, "13800001111")
    d.appointed.setDate(QDate(2026, 1, 1))
    _ok(qtbot, d)
    assert not d.isVisible(), d.error.text()


def test_grid_appoint_rotate_replace_and_lock_a_payroll(make_window, store, qtbot, messages, tmp_path, monkeypatch):
    window = make_window(store)
    page = window.show_page("grids")
    grid_tab, worker_tab = page.tab["网格"], page.tab["网格员"]

    # create a grid; a bad area is refused next to the form and nothing typed is lost
    _click(qtbot, grid_tab, "grid-new")
    d = _dialog(grid_tab)
    type_text(d.name, "上湾")
    type_text(d.area, "大约半平方公里")
    type_text(d.residents, "150")
    _ok(qtbot, d)
    assert d.isVisible() and "面积" in d.error.text() and d.name.text() == "上湾"
    d.area.clear()
    type_text(d.area, "0.4")
    _ok(qtbot, d)
    assert not d.isVisible()
    assert _cells(grid_tab.model, "网格名称") == ["上湾"] and _cells(grid_tab.model, "网格员") == ["⚠ 空缺"]
    assert "平均每格 0.40 平方公里" in grid_tab.summary.text()

    # two workers; sex and birth date come from the identity number
    page.tabs.setCurrentWidget(worker_tab)
    _add_worker(qtbot, worker_tab, "张大山", 123)
    _add_worker(qtbot, worker_tab, "李秀英", 124)
    assert sorted(zip(_cells(worker_tab.model, "姓名"), _cells(worker_tab.model, "性别"), strict=True)) == [
        ("张大山", "男"), ("李秀英", "女")]

    # appoint 张大山 to 上湾; a second primary worker for it is refused, naming the field
    page.tabs.setCurrentWidget(grid_tab)
    grid_tab.view.selectRow(0)
    _click(qtbot, grid_tab, "grid-appoint")
    d = _dialog(grid_tab)
    _pick(d.worker, "张大山")
    d.start.setDate(QDate(2026, 1, 1))
    _ok(qtbot, d)
    assert not d.isVisible()
    assert _cells(grid_tab.model, "网格员") == ["张大山"] and page.cards["vacant"].text == "0 个"
    _click(qtbot, grid_tab, "grid-appoint")
    d = _dialog(grid_tab)
    _pick(d.worker, "李秀英")
    _ok(qtbot, d)
    assert d.isVisible() and d.error.text().startswith("网格：") and "已有在岗网格员张大山" in d.error.text()
    d.reject()

    # rotate to 李秀英 on 16 October; a date before 张大山 started is refused
    rotation_tab = page.tab["轮换记录"]
    page.tabs.setCurrentWidget(rotation_tab)
    _click(qtbot, rotation_tab, "rotation-rotate")
    d = _dialog(rotation_tab)
    _pick(d.worker, "李秀英")
    d.start.setDate(QDate(2025, 12, 1))
    _ok(qtbot, d)
    assert d.isVisible() and d.error.text().startswith("轮换日期：") and "2026-01-01" in d.error.text()
    d.start.setDate(QDate(2026, 10, 16))
    type_text(d.reason, "定期轮换")
    _ok(qtbot, d)
    assert not d.isVisible()
    history = list(zip(_cells(rotation_tab.model, "网格员"), _cells(rotation_tab.model, "任职起"),
                       _cells(rotation_tab.model, "任职止"), strict=True))
    assert history == [("李秀英", "2026-10-16", "至今"), ("张大山", "2026-01-01", "2026-10-16")]

    # stipend standards and a day of flood work for 张大山 on 5 October
    payroll_tab = page.tab["补贴发放"]
    page.tabs.setCurrentWidget(payroll_tab)
    _click(qtbot, payroll_tab, "payroll-tiers")
    d = _dialog(payroll_tab)
    d.month.clear()
    type_text(d.month, "2026-01")
    _ok(qtbot, d)
    assert not d.isVisible(), d.error.text()
    _click(qtbot, payroll_tab, "payroll-rates")
    d = _dialog(payroll_tab)
    _pick(d.kind, "防汛")
    type_text(d.amount, "85")
    _ok(qtbot, d)
    assert d.isVisible() and "50–80" in d.error.text() and d.amount.text() == "85"
    d.amount.clear()
    type_text(d.amount, "80")
    _ok(qtbot, d)
    assert not d.isVisible()
    _click(qtbot, payroll_tab, "payroll-day-add")
    d = _dialog(payroll_tab)
    _pick(d.worker, "张大山")
    d.day.setDate(QDate(2026, 10, 5))
    _pick(d.kind, "防汛")
    _ok(qtbot, d)
    assert not d.isVisible(), d.error.text()

    # evaluate 李秀英 for 2026-Q4 with a replace outcome: the grid is flagged vacant
    evaluation_tab = page.tab["考评"]
    page.tabs.setCurrentWidget(evaluation_tab)
    _click(qtbot, evaluation_tab, "eval-rubric")
    _ok(qtbot, _dialog(evaluation_tab))
    _click(qtbot, evaluation_tab, "eval-new")
    d = _dialog(evaluation_tab)
    _pick(d.worker, "李秀英")
    d.period.clear()
    type_text(d.period, "2026-Q4")
    for spin, value in zip(d.scores, (12, 6, 8, 6, 5), strict=True):
        spin.setValue(value)
    assert d.total.text() == "总分：37"
    _pick(d.outcome, "调整")
    _ok(qtbot, d)
    assert d.isVisible() and d.error.text().startswith("调整原因：")
    _pick(d.replace_reason, "不尽职")
    type_text(d.reason, "多次未按时走访")
    _ok(qtbot, d)
    assert not d.isVisible(), d.error.text()
    assert _cells(evaluation_tab.model, "结果") == ["调整（不尽职）"]
    assert page.cards["vacant"].text == "1 个" and "上湾" in page.vacancy.text() and page.vacancy.isVisible()
    page.tabs.setCurrentWidget(grid_tab)
    assert _cells(grid_tab.model, "网格员") == ["⚠ 空缺"]

    # the October payroll: 上湾 has 150 people → tier 100–199 = 80.00 yuan a month, October has 31 days
    #   张大山: 80.00 × 15/31 = 38.709… → 38.71, plus 1 flood day × 80.00 = 80.00 → 118.71
    #   李秀英: 80.00 × 16/31 = 41.290… → 41.29
    #   totals: stipends 80.00, subsidies 80.00, paid 160.00
    page.tabs.setCurrentWidget(payroll_tab)
    payroll_tab.month.setCurrentText("2026-10")
    office = payroll_office(store)  # four eyes: 李会计 computes, 测试员 reviews, 王书记 approves and locks
    window.switch_user(office.reviewer)
    _click(qtbot, payroll_tab, "payroll-compute")
    assert _cells(payroll_tab.model, "网格员") == ["张大山", "李秀英"]
    assert _cells(payroll_tab.model, "阶梯补贴（元）") == ["38.71", "41.29"]
    assert _cells(payroll_tab.model, "实发合计（元）") == ["118.71", "41.29"]
    assert "阶梯补贴 80.00 元，临时补助 80.00 元（1 天），调整 0.00 元，实发 160.00 元" in payroll_tab.totals.text()
    for key, who in (("review", office.preparer), ("approve", office.approver), ("lock", office.approver)):
        window.switch_user(who)
        _click(qtbot, payroll_tab, f"payroll-{key}")
    assert payroll_tab.status.text().startswith("已锁定")
    assert not payroll_tab.actions["compute"].isEnabled() and not payroll_tab.actions["adjust"].isEnabled()
    window.switch_user(office.reviewer)
    payroll_tab.compute()  # even if called by the clerk who may compute, a locked month is refused and unchanged
    assert "已锁定" in payroll_tab.error.text()
    assert "实发 160.00 元" in payroll_tab.totals.text()

    # export: the xlsx and the PDF carry the same names and totals as the screen
    from villagedesk.ui.pages.grids import payroll_tab as module

    for fmt in ("xlsx", "pdf"):
        monkeypatch.setattr(module, "ask_save_path", lambda *a, f=fmt: str(tmp_path / f"payroll.{f}"))
        _click(qtbot, payroll_tab, f"payroll-{fmt}")
    assert [m[1][:4] for m in messages] == ["已导出：", "已导出："], messages
    from openpyxl import load_workbook
    from pypdf import PdfReader

    ws = load_workbook(tmp_path / "payroll.xlsx").active
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4, max_row=6)]
    assert [r[2] for r in rows] == ["张大山", "李秀英", "2 人"] and rows[2][0] == "合计"
    assert [r[8] for r in rows] == [118.71, 41.29, 160.0] and rows[2][4] == 80.0 and rows[2][6] == 80.0
    assert ws["J3"].value == "签字"
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "payroll.pdf").pages)
    for expected in ("微网格员补贴发放表", "张大山", "李秀英", "118.71", "41.29", "160.00", "签字", "2026 年 10 月",
                     "审核：测试员"):
        assert expected in text, expected


def test_the_page_flags_a_resting_workers_grid_for_a_stand_in(make_window, store):
    from tests.conftest import TEST_ACTOR
    from tests.grids.helpers import make_grid, make_worker
    from villagedesk.services.grids import workers

    wid = make_worker(store, grid_id=make_grid(store))
    workers.set_status(store, TEST_ACTOR, wid, "resting", "2026-11-20", "病假")
    page = make_window(store).show_page("grids")
    assert "请安排代岗：上湾（张大山 2026-11-20 起暂停，病假）" in page.vacancy.text()
    assert page.cards["workers"].text == "0 人"
