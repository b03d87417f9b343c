"""Driving the window by keyboard alone: keys go to the focused widget, and any mouse event is counted."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.helpers import type_text

CLICK_ANIMATION_MS = 250
MOUSE = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick)


class MouseWatch(QObject):
    """Installed on the application: every mouse press, release or double-click anywhere is kept in `seen`."""

    def __init__(self):
        super().__init__()
        self.seen: list[str] = []
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in MOUSE:
            self.seen.append(f"{event.type().name} on {type(obj).__name__}")
        return False

    def stop(self) -> None:
        QApplication.instance().removeEventFilter(self)


class Keyboard:
    """Each call is one thing the clerk does (a key, a chord, a word typed); `actions` counts them."""

    def __init__(self):
        self.actions = 0

    @staticmethod
    def focus():
        return QApplication.focusWidget()

    def key(self, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier, times: int = 1) -> None:
        for _ in range(times):
            QTest.keyClick(self.focus(), key, modifier)
            QApplication.processEvents()
        self.actions += times

    def ctrl(self, key: Qt.Key) -> None:
        self.key(key, Qt.KeyboardModifier.ControlModifier)

    def alt(self, key: Qt.Key) -> None:
        """A button's accelerator: Qt presses the button visibly, clicking it about 100 ms later."""
        self.key(key, Qt.KeyboardModifier.AltModifier)
        QTest.qWait(CLICK_ANIMATION_MS)

    def type(self, text: str) -> None:
        type_text(self.focus(), text)
        QApplication.processEvents()
        self.actions += 1
