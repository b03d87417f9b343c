"""系统设置 › 报表表式: a clerk edits a form's 法定标识 block and the report prints it; refusals change nothing."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from tests.conftest import TEST_ACTOR, add_office_user
from villagedesk.domain.errors import PermissionDenied
from villagedesk.services.reports import export, specs


def _row_of(box, key):
    return next(i for i, s in enumerate(box.rows) if s.key == key)


def _cell(box, key, column):
    from villagedesk.ui.pages.settings.report_forms_box import COLUMNS

    return box.table.item(_row_of(box, key), COLUMNS.index(column)).text()


def _open_editor(qtbot, box, key):
    box.table.setFocus()
    box.table.selectRow(_row_of(box, key))
    qtbot.keyClick(box.table, Qt.Key.Key_Return)  # Enter on a row edits it, as a double-click does
    assert box.dialog is not None and box.dialog.isVisible()
    return box.dialog


def test_a_clerk_changes_the_number_and_approval_and_the_exported_report_prints_them(
        make_window, demo_store, qtbot, tmp_path):
    clerk = add_office_user(demo_store, "文书小王", "clerk")
    window = make_window(demo_store, clerk)
    box = window.show_page("settings").forms_box
    assert _cell(box, "summary", "来源") == "随程序附带"
    dialog = _open_editor(qtbot, box, "summary")
    for name, text in (("number", "河东统01表"), ("approval", "河统〔2027〕3号")):
        dialog.fields[name].setText(text)
    dialog.fields["due_day"].setValue(8)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert (_cell(box, "summary", "表号"), _cell(box, "summary", "报送日"), _cell(box, "summary", "来源")) == (
        "河东统01表", "8 日", "本村修改")
    path = export.export_report(demo_store, "summary", "2026-10", "xlsx", tmp_path / "r1.xlsx", clerk)
    text = [c for row in load_workbook(path).active.iter_rows(values_only=True) for c in row if c]
    assert "表　　号：河东统01表" in text and "批准文号：河统〔2027〕3号" in text


def test_a_blank_number_is_refused_in_the_form_and_what_was_typed_stays(make_window, demo_store, qtbot):
    window = make_window(demo_store, add_office_user(demo_store, "文书小王", "clerk"))
    box = window.show_page("settings").forms_box
    dialog = _open_editor(qtbot, box, "roster")
    dialog.fields["number"].setText("  ")
    dialog.fields["authority"].setText("河东镇人民政府")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "表号" in dialog.error.text() and "不能为空" in dialog.error.text()
    assert dialog.fields["authority"].text() == "河东镇人民政府"
    assert specs.spec(demo_store, "roster").source == "default"


def test_a_worker_or_the_head_sees_the_forms_but_may_not_change_them(make_window, demo_store):
    """The forms are kept by who prepares the reports (文书/会计); the head signs what they print."""
    worker_id = demo_store.scalar("SELECT id FROM workers WHERE deleted_at IS NULL LIMIT 1")
    worker = add_office_user(demo_store, "网格员小刘", "worker", worker_id)
    for actor in (worker, TEST_ACTOR):
        window = make_window(demo_store, actor)
        box = window.show_page("settings").forms_box
        assert box.table.rowCount() == 13
        for button in box.buttons.values():
            assert not button.isEnabled() and "只有文书/会计可以编制报表" in button.toolTip()
        assert box.phone.isReadOnly()
        window.close()
        with pytest.raises(PermissionDenied, match="编制报表"):
            specs.save_spec(demo_store, actor, "summary", {"number": "伪造01表"})
    assert specs.spec(demo_store, "summary").number == "村网01表"
    refused = demo_store.scalar("SELECT detail FROM audit_log WHERE action = '拒绝操作' ORDER BY rowid DESC LIMIT 1")
    assert "编制报表" in refused


def test_a_township_form_cannot_be_changed_or_reset_in_the_village(make_window, demo_store, qtbot):
    clerk = add_office_user(demo_store, "文书小王", "clerk")
    specs.save_spec(demo_store, clerk, "disputes", {"number": "河东镇调01表"}, source="township")
    window = make_window(demo_store, clerk)
    box = window.show_page("settings").forms_box
    assert _cell(box, "disputes", "来源") == "乡镇下发"
    for change in (lambda: specs.save_spec(demo_store, clerk, "disputes", {"number": "村改01表"}),
                   lambda: specs.reset_spec(demo_store, clerk, "disputes")):
        with pytest.raises(PermissionDenied, match="由乡镇下发"):
            change()
    assert specs.spec(demo_store, "disputes").number == "河东镇调01表"


def test_reset_brings_back_the_shipped_form(make_window, demo_store, qtbot, monkeypatch):
    clerk = add_office_user(demo_store, "文书小王", "clerk")
    specs.save_spec(demo_store, clerk, "visits", {"number": "村改05表"})
    window = make_window(demo_store, clerk)
    box = window.show_page("settings").forms_box
    assert _cell(box, "visits", "表号") == "村改05表"
    monkeypatch.setattr("villagedesk.ui.messages.confirm", lambda *_a: True)
    box.table.selectRow(_row_of(box, "visits"))
    qtbot.mouseClick(box.buttons["reset"], Qt.MouseButton.LeftButton)
    assert _cell(box, "visits", "表号") == specs.default_specs()["visits"].number
    assert _cell(box, "visits", "来源") == "随程序附带"


def test_the_contact_phone_is_checked_and_printed_in_the_tail(make_window, demo_store, qtbot):
    window = make_window(demo_store, add_office_user(demo_store, "文书小王", "clerk"))
    box = window.show_page("settings").forms_box
    box.phone.setText("12")
    box.phone.editingFinished.emit()
    assert "联系电话" in box.note.text() and specs.contact_phone(demo_store) == ""
    box.phone.setText("0817-1234567")
    box.phone.editingFinished.emit()
    assert specs.contact_phone(demo_store) == "08171234567"
