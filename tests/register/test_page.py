"""The 农户与人口 page driven through its real widgets: add a household of three, move it, find its members."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.register.helpers import corrected_roster, id_number, messy_roster, wrong_check
from tests.ui.helpers import type_text
from villagedesk.ui.pages.households import files
from villagedesk.ui.pages.households.household_dialog import HouseholdDialog
from villagedesk.ui.pages.households.import_wizard import ImportWizard
from villagedesk.ui.pages.households.insurance_dialog import InsuranceDialog
from villagedesk.ui.pages.households.move_dialog import MoveDialog


def _page(make_window, store):
    window = make_window(store)
    page = window.show_page("households")
    opened = []

    def opener(dialog):
        opened.append(dialog)
        dialog.show()

    page.dialog_opener = opener
    return page, opened


def _cells(page, column):
    c = [col.title for col in page.model.columns].index(column)
    return [page.model.data(page.model.index(r, c)) for r in range(page.model.rowCount())]


def _fill_member(row, name, number, relation=None):
    type_text(row.name, name)
    type_text(row.id_number, number)
    if relation:
        row.relation.setCurrentText(relation)


def test_add_a_household_of_three_move_it_and_find_a_member(make_window, store, grids, qtbot):
    page, opened = _page(make_window, store)
    assert page.cards["households"].text == "0"
    page.add_button.click()
    dialog = opened[-1]
    assert isinstance(dialog, HouseholdDialog)
    dialog.grid.setCurrentIndex(dialog.grid.findData(grids["张家湾"]))
    type_text(dialog.hamlet, "张家湾")
    type_text(dialog.group, "1")
    type_text(dialog.house_number, "12")
    _fill_member(dialog.member_rows[0], "张三", id_number("1961-03-02", 1))
    dialog.add_member_button.click()
    _fill_member(dialog.member_rows[1], "李四", id_number("1963-07-15", 1, "女"), "配偶")
    dialog.add_member_button.click()
    child = id_number("1990-08-20", 2)
    _fill_member(dialog.member_rows[2], "张小五", wrong_check(child), "子")

    dialog.save_button.click()  # refused: the third member's number; nothing typed is lost
    assert "第 3 位成员的身份证号" in dialog.error.text() and "校验位" in dialog.error.text()
    assert dialog.isVisible() and dialog.member_rows[1].name.text() == "李四" and dialog.hamlet.text() == "张家湾"
    assert dialog.member_rows[2].id_number.hasSelectedText()
    assert store.scalar("SELECT count(*) FROM households") == 0
    type_text(dialog.member_rows[2].id_number, child)
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted

    assert _cells(page, "户主") == ["张三"] and _cells(page, "地址") == ["张家湾 1组 12号"]
    assert _cells(page, "在册人数") == ["3"]
    assert page.panel.title.text() == "张三户 · 张家湾 1组 12号"
    assert page.panel.members.rowCount() == 3 and page.panel.members.item(2, 0).text() == "张小五"
    assert page.cards["households"].text == "1" and page.cards["residents"].text == "3"

    page.panel.buttons["move"].click()
    move = opened[-1]
    assert isinstance(move, MoveDialog)
    move.target.setCurrentIndex(move.target.findData(grids["老村委"]))
    type_text(move.reason, "新房建成")
    move.save_button.click()
    assert "已撤销" in move.error.text() and move.isVisible() and move.reason.text() == "新房建成"
    move.target.setCurrentIndex(move.target.findData(grids["李家沟"]))
    move.save_button.click()
    assert move.result() == move.DialogCode.Accepted
    assert _cells(page, "网格") == ["李家沟"]
    assert "所属网格：李家沟" in page.panel.info.text() and "张家湾 → 李家沟" in page.panel.moves.text()

    page.view_combo.setCurrentIndex(page.view_combo.findData("residents"))
    assert _cells(page, "姓名") == ["张三", "李四", "张小五"]
    type_text(page.search_box, "zxw")  # pinyin initials
    assert _cells(page, "姓名") == ["张小五"] and "共 1 人" in page.count_label.text()
    page.search_box.clear()
    type_text(page.search_box, child[-4:])  # the last four digits of the identity number
    assert _cells(page, "姓名") == ["张小五"]
    assert _cells(page, "身份证号") == [child[:6] + "********" + child[-4:]]
    page.search_box.clear()
    type_text(page.search_box, "张家湾 12")  # the address: the household's members
    assert _cells(page, "姓名") == ["张三", "李四", "张小五"]


def test_import_wizard_lists_the_messy_rows_then_imports_the_corrected_file(make_window, store, grids, messages,
                                                                           tmp_path):
    page, opened = _page(make_window, store)
    page.import_button.click()
    wizard = opened[-1]
    assert isinstance(wizard, ImportWizard)
    wizard.path_edit.setText(str(messy_roster(tmp_path / "messy.xlsx")))
    wizard.load_sheets()
    assert [wizard.sheet_combo.itemText(i) for i in range(wizard.sheet_combo.count())] == ["花名册", "说明"]
    wizard.next_button.click()
    assert "表头在第 3 行" in wizard.header_info.text()
    assert wizard.mapping_combos["id_number"].currentText() == "H 列：公民身份号码"
    assert wizard.mapping_combos["name"].currentText() == "F 列：姓名"
    wizard.check_button.click()
    table = wizard.problems_table
    rows = [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]
    assert ("5", "H 列（公民身份号码）") in rows and ("11", "J 列（出生日期）") in rows and len(rows) == 6
    assert "发现 6 处问题" in wizard.summary_label.text() and not wizard.import_button.isEnabled()
    assert store.scalar("SELECT count(*) FROM residents") == 0

    wizard._go(0)
    wizard.path_edit.setText(str(corrected_roster(tmp_path / "good.xlsx")))
    wizard.load_sheets()
    wizard.next_button.click()
    wizard.check_button.click()
    assert wizard.import_button.isEnabled() and "将导入 4 户、9 人" in wizard.summary_label.text()
    wizard.import_button.click()
    assert messages[-1] == ("导入花名册", "已导入 4 户、9 人。")
    assert page.count_label.text() == "共 4 户" and page.cards["residents"].text == "9"


def test_a_malformed_file_is_named_in_the_wizard(make_window, store, grids, tmp_path):
    page, opened = _page(make_window, store)
    page.import_button.click()
    wizard = opened[-1]
    bad = tmp_path / "名单.xlsx"
    bad.write_text("不是表格")
    wizard.path_edit.setText(str(bad))
    wizard.load_sheets()
    assert "“名单.xlsx”不是 Excel 工作簿" in wizard.error.text()
    wizard.next_button.click()
    assert wizard.pages.currentIndex() == 0 and "名单.xlsx" in wizard.error.text()


def test_insurance_drive_marks_and_prints(make_window, demo_store, messages, monkeypatch, tmp_path):
    from pypdf import PdfReader

    page, opened = _page(make_window, demo_store)
    page.insurance_button.click()
    dialog = opened[-1]
    assert isinstance(dialog, InsuranceDialog)
    dialog.year.setValue(2026)
    before = dialog.summary.total
    assert dialog.rates.rowCount() == len(dialog.summary.grids) + 1
    assert dialog.rates.item(dialog.rates.rowCount() - 1, 0).text() == "全村合计"
    dialog.rates.selectRow(0)
    first_grid = dialog.summary.grids[0]
    assert dialog.people.rowCount() == first_grid.not_enrolled
    name = dialog.people.item(0, 1).text()
    dialog.people.selectRow(0)
    dialog.mark_button.click()
    assert messages[-1] == ("标记参保", "已将 1 人标记为 2026 年度已参保。")
    assert dialog.summary.total.enrolled == before.enrolled + 1
    pdf = tmp_path / "名单.pdf"
    monkeypatch.setattr(files, "ask_save_path", lambda *a: pdf)
    dialog.rates.selectRow(0)
    dialog.pdf_button.click()
    text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert f"{first_grid.grid_name} 网格" in text and name not in text.split(first_grid.grid_name, 1)[1][:2000]


def test_export_current_view_and_template(make_window, demo_store, messages, monkeypatch, tmp_path):
    from openpyxl import load_workbook

    page, _opened = _page(make_window, demo_store)
    page.category_combo.setCurrentIndex(page.category_combo.findData("elderly_alone"))
    total = page.model.total
    assert 0 < total < 600 and page.count_label.text() == f"共 {total} 户"
    out = tmp_path / "独居.xlsx"
    monkeypatch.setattr(files, "ask_save_path", lambda *a: out)
    page.export_button.click()
    ws = load_workbook(out).active
    assert [ws.cell(4 + i, 1).value for i in range(total)] == _cells(page, "户主")
    assert "独居老人" in ws.cell(4, 7).value
    template = tmp_path / "模板.xlsx"
    monkeypatch.setattr(files, "ask_save_path", lambda *a: template)
    page.template_button.click()
    assert load_workbook(template).active["A3"].value == "网格"


def test_the_list_loads_lazily(make_window, demo_store, qtbot):
    page, _opened = _page(make_window, demo_store)
    assert page.model.total == 600 and page.model.rowCount() == page.model.PAGE
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() > page.model.PAGE, timeout=3000)


@pytest.mark.parametrize("keys", [[Qt.Key.Key_Return], [Qt.Key.Key_Down, Qt.Key.Key_Return]])
def test_household_picker_is_keyboard_friendly(qtbot, demo_store, keys):
    from tests.conftest import TEST_ACTOR
    from villagedesk.services.register import search
    from villagedesk.ui.context import AppContext
    from villagedesk.ui.jobs import JobRunner
    from villagedesk.ui.widgets.household_picker import HouseholdPicker

    picker = HouseholdPicker(AppContext(demo_store, TEST_ACTOR, JobRunner(demo_store, inline=True)), residents=True)
    qtbot.addWidget(picker)
    picker.show()
    households, people = [], []
    picker.picked.connect(households.append)
    picker.resident_picked.connect(lambda h, r: people.append((h, r)))
    type_text(picker.search_box, "zhang")
    hits = search.search(demo_store, "zhang", actor=TEST_ACTOR)
    assert picker.results.count() == len(hits) and picker.results.item(0).text().startswith(hits[0].name)
    for key in keys:
        qtbot.keyClick(picker.search_box, key)
    expected = hits[len(keys) - 1]
    assert people == [(expected.household_id, expected.resident_id)] and households == [expected.household_id]
    QApplication.processEvents()


def test_a_member_moves_to_another_household_found_with_the_picker(make_window, store, grids, qtbot):
    from tests.conftest import TEST_ACTOR
    from tests.register.helpers import family
    from villagedesk.domain.register.household import HouseholdDraft
    from villagedesk.services.register import households
    from villagedesk.ui.pages.households.transfer_dialog import TransferDialog

    a = households.add_household(store, TEST_ACTOR, HouseholdDraft(grids["张家湾"], "张家湾", "1", "1"),
                                 family("张三", "李四", "张小五", 1))
    households.add_household(store, TEST_ACTOR, HouseholdDraft(grids["李家沟"], "李家沟", "2", "8"),
                             family("王大明", "刘二", "王小", 30))
    page, opened = _page(make_window, store)
    page.select_household(a)
    page.panel.members.selectRow(2)  # 张小五
    page.panel.buttons["transfer"].click()
    dialog = opened[-1]
    assert isinstance(dialog, TransferDialog)
    dialog.save_button.click()
    assert "请先在上面找到并选定一户" in dialog.error.text()
    type_text(dialog.picker.search_box, "wdm")
    qtbot.keyClick(dialog.picker.search_box, Qt.Key.Key_Return)
    assert dialog.target.text() == "王大明户 · 李家沟 2组 8号"
    dialog.relation.setCurrentText("女婿")
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert [page.panel.members.item(r, 0).text() for r in range(page.panel.members.rowCount())] == ["张三", "李四"]
    page.search_box.setText("zxw")
    assert _cells(page, "户主") == ["王大明"]


def test_a_database_whose_search_keys_are_stale_builds_them_before_searching(make_window, demo_store, monkeypatch):
    from villagedesk.ui.pages.households import page as page_module

    demo_store.conn.execute("UPDATE settings SET value = '1' WHERE key = 'register_search_keys'")
    demo_store.conn.execute("DELETE FROM register_search_terms")
    monkeypatch.setattr(page_module, "INDEX_IN_JOB", 100)  # the demo's 2,600 rows count as many
    page, _opened = _page(make_window, demo_store)
    assert demo_store.scalar("SELECT value FROM settings WHERE key = 'register_search_keys'") == "2"
    assert demo_store.scalar("SELECT count(*) FROM register_search_terms") > 10_000
    assert page.search_box.isEnabled() and page.search_box.placeholderText() == page_module.SEARCH_HINT
    type_text(page.search_box, "zhang")
    assert page.model.total > 0
