"""A save from the window while another process holds the write lock: it does not freeze the window for the
store's long wait, says in Chinese that nothing was saved and who holds the database, keeps the form, and saves
when tried again."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from tests.points.test_counter_lock import HOLDER, Holder
from tests.ui.helpers import type_text
from villagedesk.store.connection import BUSY_TIMEOUT_MS
from villagedesk.ui.main_window import WINDOW_LOCK_WAIT_MS

NAMED_HOLDER = HOLDER.replace('conn.execute("BEGIN IMMEDIATE")', '''conn.execute("BEGIN IMMEDIATE")
from villagedesk.store import writer_note
note = writer_note.held(sys.argv[1], "导入花名册（600 户）")
note.__enter__()''')


def test_a_form_saved_while_an_import_holds_the_lock_is_kept_and_saves_on_retry(make_window, store, qtbot):
    window = make_window(store)
    assert store.scalar("PRAGMA busy_timeout") == WINDOW_LOCK_WAIT_MS < BUSY_TIMEOUT_MS  # the window's own wait
    tab = window.show_page("grids").tab["网格"]
    qtbot.mouseClick(tab.findChild(QPushButton, "grid-new"), Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    type_text(dialog.name, "上湾")
    type_text(dialog.area, "0.4")
    holder = Holder(store.path, NAMED_HOLDER)
    holder.hold()
    try:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and dialog.name.text() == "上湾" and dialog.area.text() == "0.4"
        assert "没有保存" in dialog.error.text() and "导入花名册" in dialog.error.text(), dialog.error.text()
        assert store.scalar("SELECT count(*) FROM grids") == 0
    finally:
        holder.release()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # tried again once the import is done
    assert not dialog.isVisible()
    assert store.scalar("SELECT name FROM grids") == "上湾"
