"""At 22 and 26 pt every page stays readable: whole names in the navigation, no label cut short."""

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QLabel

from villagedesk.ui.pages.registry import PAGES

NAV_ITEM_PADDING = 2 * 14  # the style sheet's QListWidget#nav::item padding, left and right


def _set_size(window, size: int) -> None:
    current = int(window.settings.value("window/point_size", 13))
    assert window.zoom(size - current) == size


def _clipped_by(label: QLabel) -> str:
    """The ancestor that cuts off part of the label's width; "" when the label shows whole or the rest
    scrolls into view (anything past a scroll area's viewport is reachable)."""
    widget = label
    while (parent := widget.parentWidget()) is not None:
        if parent.objectName() == "qt_scrollarea_viewport":
            return ""
        left = label.mapTo(parent, QPoint(0, 0)).x()
        if left < 0 or left + label.width() > parent.width():
            return parent.objectName() or type(parent).__name__
        widget = parent
    return ""


def _cut_labels(window) -> list[str]:
    """Visible labels that do not wrap and are narrower than their own text, or cut by what holds them:
    what a clerk sees cut off."""
    cut = []
    for label in window.findChildren(QLabel):
        text = label.text()
        if not label.isVisible() or label.wordWrap() or not text or text.lstrip().startswith("<"):
            continue
        needed = max(label.fontMetrics().horizontalAdvance(line) for line in text.split("\n"))
        if label.contentsRect().width() < needed:
            cut.append(f"{text!r} ({label.contentsRect().width()} < {needed})")
        elif holder := _clipped_by(label):
            cut.append(f"{text!r} (cut by {holder})")
    return cut


def test_every_page_keeps_whole_names_and_uncut_labels_at_large_text(make_window, demo_store, qtbot):
    window = make_window(demo_store)
    problems = {}
    for size, spec in ((size, spec) for size in (22, 26) for spec in PAGES):
        if spec is PAGES[0]:
            _set_size(window, size)
        window.show_page(spec.key)
        QApplication.processEvents()  # the page's layout (and 首页's panels, built after a paint) settle
        qtbot.wait(10)
        nav = window.nav
        assert not nav.horizontalScrollBar().isVisible(), spec.key
        fm = nav.fontMetrics()
        for row in range(nav.count()):
            text = nav.item(row).text()
            assert fm.horizontalAdvance(text) + NAV_ITEM_PADDING <= nav.viewport().width(), (size, text)
        if cut := _cut_labels(window):
            problems[(size, spec.key)] = cut
    assert problems == {}
