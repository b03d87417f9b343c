"""Windows that fit the screen: the main window and every dialog within the available area (never under the
taskbar), and a dialog opening on its first field rather than on its OK button."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

FRAME = (16, 40)  # a window manager's borders and title bar, until the window has its real frame
FIELDS = (QLineEdit, QComboBox, QAbstractSpinBox, QTextEdit, QPlainTextEdit)


def available_area(widget: QWidget | None = None) -> QRect:
    """The screen's area less the taskbar and docks, of the screen the widget is on (else the primary one)."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


def fit(widget: QWidget, width: int | None = None, height: int | None = None) -> None:
    """Size `widget` (its frame included) to at most the available area, and move it wholly inside it."""
    area = available_area(widget)
    frame_w = widget.frameGeometry().width() - widget.width()
    frame_h = widget.frameGeometry().height() - widget.height()
    if frame_w <= 0 and frame_h <= 0:  # not framed yet: allow for borders and a title bar
        frame_w, frame_h = FRAME
    w = min(width if width is not None else widget.width(), area.width() - frame_w)
    h = min(height if height is not None else widget.height(), area.height() - frame_h)
    widget.setMinimumSize(min(widget.minimumWidth(), w), min(widget.minimumHeight(), h))
    widget.resize(w, h)
    x = min(max(widget.x(), area.left()), area.right() + 1 - w - frame_w)
    y = min(max(widget.y(), area.top()), area.bottom() + 1 - h - frame_h)
    widget.move(max(x, area.left()), max(y, area.top()))


def first_field(dialog: QWidget) -> QWidget | None:
    """The first enabled, visible input of the dialog in Tab order (a button is not a field)."""
    widget = dialog.nextInFocusChain()
    seen = set()
    while widget is not None and widget is not dialog and id(widget) not in seen:
        seen.add(id(widget))
        if isinstance(widget, FIELDS) and widget.isEnabled() and widget.isVisibleTo(dialog) \
                and not (isinstance(widget, QLineEdit) and widget.isReadOnly()) and dialog.isAncestorOf(widget):
            return widget
        widget = widget.nextInFocusChain()
    return None


def focus_first_field(dialog: QWidget) -> None:
    """Unless the dialog already put the focus in a field of its own choosing, the first field takes it."""
    current = dialog.focusWidget()
    if current is not None and not isinstance(current, QAbstractButton) and current is not dialog:
        return
    field = first_field(dialog)
    if field is not None:
        field.setFocus()


def _focus_later(dialog: QDialog) -> None:
    try:
        if dialog.isVisible():
            focus_first_field(dialog)
    except RuntimeError:  # closed and deleted before the event loop came round
        pass


class _DialogsFit(QObject):
    """On every dialog's first show: within the screen, focus on its first field."""

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Show and isinstance(obj, QDialog) and not obj.property("fitted-once"):
            obj.setProperty("fitted-once", True)
            area = available_area(obj)
            want = obj.sizeHint()  # a form that scrolls opens as tall as its rows when the screen has room
            if want.height() > obj.height() and obj.layout() is not None:
                fit(obj, obj.width(), want.height())
            if obj.width() > area.width() - FRAME[0] or obj.height() > area.height() - FRAME[1]:
                fit(obj)
            QTimer.singleShot(0, lambda d=obj: _focus_later(d))
        return False


_filter: _DialogsFit | None = None


def install(app: QApplication) -> None:
    """Once per application: every dialog shown from now on fits the screen and opens on its first field."""
    global _filter
    if _filter is None:
        _filter = _DialogsFit(app)
        app.installEventFilter(_filter)
