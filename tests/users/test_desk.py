"""pytest-qt: start-up asks who is at the desk; 切换用户 changes the name on the next receipt; a worker's own grids."""

from types import SimpleNamespace

from PySide6.QtCore import Qt

from tests.conftest import TEST_ACTOR
from tests.points.conftest import award, pv  # noqa: F401 (fixture)
from tests.ui.helpers import type_text
from villagedesk.services import sign_in, users
from villagedesk.services.points import receipts
from villagedesk.ui.sign_in import SignInDialog


def _answer(monkeypatch, name: str, pin: str = "", seen: list | None = None):
    """The sign-in dialog, answered as a clerk would: choose the name, type the PIN, press 登录."""
    def exec_(dialog: SignInDialog) -> int:
        if seen is not None:
            seen.append([dialog.name.itemText(i) for i in range(dialog.name.count())])
        dialog.name.setCurrentIndex(dialog.name.findData(name))
        type_text(dialog.pin, pin)
        dialog.ok_button.click()
        if dialog.result() != 1 and seen is not None:
            seen.append(dialog.error.text())
            dialog.name.setCurrentIndex(dialog.name.findData(TEST_ACTOR.name))
            dialog.pin.clear()
            dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(SignInDialog, "exec", exec_)
    from villagedesk import app

    monkeypatch.setattr(app, "_interactive", lambda args: True)  # a clerk is at the desk (the tests run offscreen)


def test_start_up_asks_who_is_at_the_desk_and_a_wrong_pin_is_said_in_the_dialog(office, monkeypatch, qtbot):
    from villagedesk import app

    store = office.village.store
    users.set_pin(store, TEST_ACTOR, office.clerk.user_id, "2580")
    seen: list = []
    _answer(monkeypatch, "李会计", "1111", seen)
    actor = app._who_is_at_the_desk(store, SimpleNamespace(screenshot=None))
    assert sorted(seen[0]) == sorted(["测试员（书记/主任）", "李会计（文书/会计）", "赵网格（网格员）", "镇管理员（乡镇管理员）"])
    assert "PIN 错误" in seen[1]
    assert actor.name == "测试员" and actor.role == "head"
    _answer(monkeypatch, "李会计", "2580")
    assert app._who_is_at_the_desk(store, SimpleNamespace(screenshot=None)).name == "李会计"


def test_a_single_user_office_without_pin_starts_as_its_one_user_visibly(store, make_window):
    from villagedesk import app

    sign_in.set_pin_off(store, TEST_ACTOR, True)
    actor = app._who_is_at_the_desk(store, SimpleNamespace(screenshot=None))  # no dialog: it would block
    assert actor.name == "测试员"
    window = make_window(store, actor)
    assert window.user_label.text() == "单人办公（未设登录）：测试员（书记/主任）"


def test_switching_user_changes_the_name_on_the_next_receipt(make_window, pv, qtbot, monkeypatch,  # noqa: F811
                                                            tmp_path):
    for title in ("河道清理", "敬老", "植树"):  # 60 points: two bags of rice at 30
        award(pv, ["张大山", "李秀英"], title)
    window = make_window(pv.store, pv.admin)

    def redeem_one():
        counter = window.show_page("points_store").counter
        counter.picker.search_box.clear()
        type_text(counter.picker.search_box, "zds")
        qtbot.keyClick(counter.picker.search_box, Qt.Key.Key_Return)
        names = counter.goods.rows_model.column_texts("物资")
        counter.goods.select_row(next(i for i, n in enumerate(names) if "大米" in n))
        counter.quantity.setValue(1)
        qtbot.mouseClick(counter.add_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(counter.confirm_button, Qt.MouseButton.LeftButton)
        assert counter.receipt_dialog is not None, counter.error.text()
        return receipts.receipt(pv.store, counter.receipt_dialog.redemption_id)

    assert redeem_one().operator_name == "测试员"
    _answer(monkeypatch, "李会计")
    window.switch_action.trigger()  # 文件 › 切换用户
    assert window.user_label.text() == "使用人：李会计（文书/会计）"
    second = redeem_one()
    assert second.operator_name == "李会计"
    from pypdf import PdfReader

    printed = receipts.write_pdf(second, tmp_path / "凭证.pdf")  # the paper too: 经办人 is who is at the desk
    assert "经办人：李会计" in "".join("".join(p.extract_text() for p in PdfReader(printed).pages).split())
    void = window.show_page("points_store").receipts.buttons["void"]
    assert not void.isEnabled() and "只有书记/主任可以作废兑换凭证" in void.toolTip()


def test_a_worker_sees_only_their_grids_households(make_window, office):
    window = make_window(office.village.store, office.worker)
    page = window.show_page("households")
    qtbot_rows = page.model.total
    assert qtbot_rows == 3
    assert not page.add_button.isEnabled() and "网格员" in page.add_button.toolTip()


def test_idle_minutes_lock_the_desk_and_the_next_user_signs_in(make_window, office, monkeypatch):
    window = make_window(office.village.store, TEST_ACTOR)
    _answer(monkeypatch, "李会计")
    assert window.idle.minutes == sign_in.DEFAULT_IDLE_MINUTES
    assert not window.idle.check(now=window.idle.last_input + 60)
    assert window.idle.check(now=window.idle.last_input + sign_in.DEFAULT_IDLE_MINUTES * 60)
    assert window.ctx.actor.name == "李会计" and window.centralWidget().isVisible()


def test_add_user_is_refused_to_a_clerk_in_settings_with_the_reason(make_window, office):
    window = make_window(office.village.store, office.clerk)
    box = window.show_page("settings").users_box
    assert not box.buttons["add"].isEnabled() and "书记/主任" in box.buttons["add"].toolTip()
    assert "没有查看操作记录的权限" in window.show_page("settings").audit_refused.text()
