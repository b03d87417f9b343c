"""The 文件 menu a desktop app has: 打印 (Ctrl+P) prints what the shown page shows, 新建本村, 切换数据库, 备份, 退出."""

from pypdf import PdfReader
from PySide6.QtCore import Qt

from tests.ui.keyboard import Keyboard


def test_ctrl_p_on_the_disputes_page_saves_its_ledger_and_home_says_it_has_nothing(make_window, demo_store, qtbot,
                                                                                  monkeypatch, tmp_path, messages):
    target = tmp_path / "纠纷台账.pdf"
    monkeypatch.setattr("villagedesk.ui.widgets.ledger_export.ask_save_path", lambda *a: target)
    window = make_window(demo_store)
    qtbot.waitUntil(lambda: window.started, timeout=3000)
    assert not window.print_action.isEnabled() and "没有整页打印" in window.print_action.toolTip()  # 首页
    keys = Keyboard()
    keys.ctrl(Qt.Key.Key_5)  # 矛盾纠纷
    assert window.print_action.isEnabled()
    keys.ctrl(Qt.Key.Key_P)
    qtbot.waitUntil(target.exists, timeout=10000)
    assert "矛盾纠纷台账" in "".join(p.extract_text() for p in PdfReader(target).pages)


def test_the_file_menu_lists_print_the_databases_backups_and_quit(make_window, demo_store, qtbot):
    window = make_window(demo_store)
    qtbot.waitUntil(lambda: window.started, timeout=3000)
    texts = [a.text() for a in window.file_menu.actions() if not a.isSeparator()]
    for wanted in ("打印…", "新建本村…", "切换数据库…", "立即备份", "备份到U盘…", "从备份恢复…", "切换用户…", "退出"):
        assert wanted in texts, texts
    assert texts[-1] == "退出"


def test_ctrl_p_on_the_households_page_opens_the_chosen_households_file(make_window, demo_store, qtbot, messages):
    from villagedesk.ui.pages.households.household_file_dialog import HouseholdFileDialog

    window = make_window(demo_store)
    qtbot.waitUntil(lambda: window.started, timeout=3000)
    page = window.show_page("households")
    opened = []
    page.panel.dialog_opener = lambda dialog: opened.append(dialog)
    household = demo_store.scalar("SELECT id FROM households ORDER BY id LIMIT 1")
    page.select_household(household)
    Keyboard().ctrl(Qt.Key.Key_P)
    assert len(opened) == 1 and isinstance(opened[0], HouseholdFileDialog)
    assert "一户一档" in opened[0].text.toPlainText()
