"""At 26 pt on a 1366×768 or a 1024×768 screen every page fits the main window's width: it scrolls down, never
sideways; the dialogs open inside the screen."""

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollArea, QTabWidget

from villagedesk.ui import screen_fit
from villagedesk.ui.pages.registry import PAGES

TASKBAR = 40


def _every_tab(widget):
    """Each tab of each tab widget shown once, so a wide tab counts too; the first left showing."""
    for tabs in widget.findChildren(QTabWidget):
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
        tabs.setCurrentIndex(0)


def _too_wide(window) -> dict:
    """The pages (and their own scroll areas) of the window's navigation that need more width than it has."""
    too_wide = {}
    for spec in window.page_list:
        page = window.show_page(spec.key)
        _every_tab(page)
        QApplication.processEvents()
        room = window.page_scroll.viewport().width()
        need = page.minimumSizeHint().width()
        if need > room:
            too_wide[spec.key] = (need, room)
        for inner in page.findChildren(QScrollArea):  # a page's own scroll area must not scroll sideways either
            if inner.widgetResizable() and inner.widget() is not None and inner.isVisible() and \
                    inner.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
                inner_need = inner.widget().minimumSizeHint().width()
                if inner_need > inner.viewport().width():
                    too_wide[f"{spec.key}/{inner.objectName() or type(inner.widget()).__name__}"] = (
                        inner_need, inner.viewport().width())
    return too_wide


@pytest.mark.parametrize("width", [1366, 1024])
def test_every_page_fits_the_window_width_at_26_pt(make_window, demo_store, monkeypatch, qtbot, width):
    area = QRect(0, 0, width, 768 - TASKBAR)
    monkeypatch.setattr(screen_fit, "available_area", lambda widget=None: area)
    window = make_window(demo_store)
    current = int(window.settings.value("window/point_size", 13))
    assert window.zoom(26 - current) == 26
    assert area.contains(window.frameGeometry())
    assert [p.key for p in window.page_list] == [p.key for p in PAGES]
    assert _too_wide(window) == {}
    # the top bar keeps the user's name and role on one line (wrapping split 书记/主任 mid-word)
    label = window.user_label
    one_line = label.fontMetrics().height()
    assert "书记/主任" in label.text()
    assert (label.heightForWidth(label.width()) if label.wordWrap() else one_line) < 2 * one_line
    assert label.width() >= label.fontMetrics().horizontalAdvance(label.text())


def _opened(owner, opens):
    opens()
    QApplication.processEvents()
    return owner.dialog


@pytest.mark.parametrize("width", [1366, 1024])
def test_the_main_dialogs_open_inside_the_available_area_at_26_pt(make_window, demo_store, monkeypatch, width):
    area = QRect(0, 0, width, 768 - TASKBAR)
    monkeypatch.setattr(screen_fit, "available_area", lambda widget=None: area)
    window = make_window(demo_store)
    window.zoom(26 - int(window.settings.value("window/point_size", 13)))
    visits, disputes = window.show_page("visits"), window.show_page("disputes")
    emergencies, points = window.show_page("emergencies"), window.show_page("points")
    grids = window.show_page("grids")
    dialogs = {"visit": _opened(visits, visits.new_visit), "dispute": _opened(disputes, disputes.new_dispute),
               "emergency": _opened(emergencies, emergencies.new_emergency),
               "activity": _opened(points.activities, points.activities.new_activity),
               "worker": _opened(grids.tab["网格员"], grids.tab["网格员"].new_worker)}
    outside, not_on_a_field = {}, []
    for name, dialog in dialogs.items():
        assert dialog.isVisible(), name
        frame = dialog.frameGeometry()
        if not (area.contains(frame.topLeft()) and frame.right() <= area.right() and frame.bottom() <= area.bottom()):
            outside[name] = frame
        dialog.activateWindow()
        QApplication.processEvents()
        focus = dialog.focusWidget()
        if focus is None or isinstance(focus, QAbstractButton):  # opens on its first field, not on 保存
            not_on_a_field.append(name)
        dialog.reject()
    assert outside == {} and not_on_a_field == []


def test_every_page_of_a_township_node_fits_at_26_pt_on_a_1024_screen(make_window, tmp_path, monkeypatch):
    from tests.conftest import TEST_ACTOR
    from tests.sync.township import ADMIN, demo_village, pair, send, township_node

    township = township_node(tmp_path / "township.db")
    guihua = demo_village(tmp_path / "guihua.db", households=12)
    pair(guihua, TEST_ACTOR, township, ADMIN, tmp_path)
    send(guihua, TEST_ACTOR, township, ADMIN, tmp_path)
    area = QRect(0, 0, 1024, 768 - TASKBAR)
    monkeypatch.setattr(screen_fit, "available_area", lambda widget=None: area)
    window = make_window(township, ADMIN)
    window.zoom(26 - int(window.settings.value("window/point_size", 13)))
    assert window.page_spec("overview") is not None and window.page_spec("points") is None
    try:
        assert _too_wide(window) == {}
    finally:
        guihua.close()
        township.close()
