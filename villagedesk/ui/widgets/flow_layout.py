"""A layout that lays its widgets left to right and starts a new row when the next one would not fit."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QLayoutItem, QWidget


def labelled(text: str, field: QWidget) -> QWidget:
    """A label and its field as one item, so a wrapping row never parts them."""
    pair = QWidget()
    row = QHBoxLayout(pair)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(QLabel(text))
    row.addWidget(field, 1)
    return pair


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6, fill: bool = False,
                 fill_height: bool = False):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._stretch: dict[int, int] = {}  # id(item) -> its share of its row's spare width
        self._gap = spacing
        self._fill = fill  # share each row's spare width among its items (a row of figure cards)
        self._fill_height = fill_height  # all on one row: the items take the whole height (side-by-side panels)
        self._tall = 0  # the height its rows took at the width it was last given (0: not laid out yet)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt's name)
        self._items.append(item)

    def addWidget(self, widget: QWidget, stretch: int = 0) -> None:  # noqa: N802 (Qt's name)
        """As QLayout.addWidget; a `stretch` above 0 takes that share of its row's spare width (as in a QHBoxLayout)."""
        super().addWidget(widget)
        if stretch > 0 and self._items:
            self._stretch[id(self._items[-1])] = stretch

    def addStretch(self, stretch: int = 0) -> None:  # noqa: N802 (as QBoxLayout's; a flow row is left-aligned anyway)
        """Nothing to add: the items already sit at the left with the spare width after them."""

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        if not 0 <= index < len(self._items):
            return None
        item = self._items.pop(index)
        self._stretch.pop(id(item), None)
        return item

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, move=True)
        tall = self.heightForWidth(rect.width())  # the rows' own height, not a stretched single row's
        if tall != self._tall:  # more (or fewer) rows than the minimum said: holders that do not ask
            self._tall = tall   # heightForWidth (a splitter's pane) learn it from minimumSize
            self.invalidate()

    def sizeHint(self) -> QSize:  # noqa: N802
        hints = [item.sizeHint() for item in self._items if not item.isEmpty()]
        width = sum(h.width() for h in hints) + self._gap * max(0, len(hints) - 1)
        return QSize(width, max((h.height() for h in hints), default=0))

    def minimumSize(self) -> QSize:  # noqa: N802 (the widest single item: anything wider wraps)
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        size += QSize(m.left() + m.right(), m.top() + m.bottom())
        return QSize(size.width(), max(size.height(), self._tall))

    def _rows(self, width: int) -> list[list[QLayoutItem]]:
        rows: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._items:
            if item.isEmpty():
                continue
            w = item.sizeHint().width()
            if rows[-1] and used + self._gap + w > width:
                rows.append([])
                used = 0
            used += (self._gap if rows[-1] else 0) + w
            rows[-1].append(item)
        return rows

    def _arrange(self, rect: QRect, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        y = area.y()
        rows = [row for row in self._rows(area.width()) if row]
        for i, row in enumerate(rows):
            hints = [item.sizeHint() for item in row]
            spare = max(0, area.width() - sum(h.width() for h in hints) - self._gap * (len(row) - 1))
            weights = [self._stretch.get(id(item), 0) for item in row]
            if self._fill and not any(weights):
                weights = [1] * len(row)
            # an item wider than the whole row (a long wrapping label) is given the row's width and wraps
            widths = [min(area.width(), h.width() + (spare * wt // sum(weights) if wt else 0))
                      for h, wt in zip(hints, weights, strict=True)]
            heights = [item.heightForWidth(w) if item.hasHeightForWidth() else h.height()
                       for item, h, w in zip(row, hints, widths, strict=True)]
            height = max(heights)
            if self._fill_height and len(rows) == 1:
                height = max(height, area.height())
            x = area.x()
            for item, w, h in zip(row, widths, heights, strict=True):
                if move:
                    tall = self._fill or self._fill_height
                    item.setGeometry(QRect(QPoint(x, y), QSize(w, height if tall else h)))
                x += w + self._gap
            y += height + (self._gap if i < len(rows) - 1 else 0)
        return y - rect.y() + m.bottom()
