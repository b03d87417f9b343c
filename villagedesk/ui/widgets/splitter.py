"""Splitters that open as the clerk last dragged them (remembered per place), else with the list pane wide enough
for its columns, so the columns a clerk needs (a dispute's 状态, a notice's 覆盖) are not hidden behind the detail."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QScrollArea, QSplitter, QStyle

from villagedesk.ui.settings_store import app_settings

KEY = "splitters/{}"
MOST = 0.62  # the list never takes more of the width than this: the detail beside it stays readable


def remembered(split: QSplitter, name: str, sizes: list[int] | None = None, fit: bool = True) -> QSplitter:
    """Restore `split` as last left under `name` (else `sizes`, then, with `fit`, the list pane fitted to its
    columns once it shows), and remember every drag of it."""
    split.setObjectName(f"split-{name}")
    split.setChildrenCollapsible(False)
    state = app_settings().value(KEY.format(name))
    if isinstance(state, QByteArray) and not state.isEmpty() and split.restoreState(state):
        split.setProperty("restored", True)
    else:
        if sizes:
            split.setSizes(sizes)
        if fit and split.orientation() == Qt.Orientation.Horizontal:
            split.installEventFilter(_FitOnFirstShow(split))
    split.splitterMoved.connect(lambda *_: _save(split, name))
    return split


def _save(split: QSplitter, name: str) -> None:
    app_settings().setValue(KEY.format(name), split.saveState())


def list_width(view: QAbstractItemView) -> int:
    """The width that shows every column of `view` without a horizontal scroll bar."""
    header = view.horizontalHeader()
    scroll = view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    left = view.verticalHeader().width() if view.verticalHeader().isVisible() else 0
    return header.length() + left + 2 * view.frameWidth() + scroll


def _needs(pane) -> int:
    """The width the detail pane needs: a scroll area's content, not the scroll area's own small minimum."""
    if isinstance(pane, QScrollArea) and pane.widget() is not None:
        return pane.widget().minimumSizeHint().width() + pane.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    inner = pane.findChild(QScrollArea) if pane is not None else None
    if inner is not None and inner.widget() is not None:
        return max(pane.minimumSizeHint().width(), inner.widget().minimumSizeHint().width()
                   + pane.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent))
    return pane.minimumSizeHint().width() if pane is not None else 0


class _FitOnFirstShow(QObject):
    """The first time the splitter shows with its width known, its first pane (a list) gets its columns' width."""

    def __init__(self, split: QSplitter):
        super().__init__(split)
        self.split = split

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.Show, QEvent.Type.Resize) and self.split.width() > 0 \
                and self.split.isVisible():
            first = self.split.widget(0)
            views = [first] if isinstance(first, QAbstractItemView) else first.findChildren(QAbstractItemView)
            if views and views[0].model() is not None and views[0].model().columnCount() > 0:
                total = sum(self.split.sizes())
                wanted = min(list_width(views[0]), int(total * MOST), total - _needs(self.split.widget(1)))
                if wanted > self.split.sizes()[0]:
                    self.split.setSizes([wanted, total - wanted])
                self.split.removeEventFilter(self)
        return False
