"""Lock the desk after idle minutes: any key or mouse press in the app counts as someone being there."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

_INPUT = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel}


class IdleWatcher(QObject):
    CHECK_MS = 30_000

    def __init__(self, minutes: int, on_idle: Callable[[], None], parent: QObject | None = None):
        super().__init__(parent)
        self.minutes = minutes
        self.on_idle = on_idle
        self.last_input = time.monotonic()
        self.paused = False
        QApplication.instance().installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(self.CHECK_MS)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in _INPUT:
            self.last_input = time.monotonic()
        return False

    def check(self, now: float | None = None) -> bool:
        """Lock if idle long enough (0 minutes: never); returns whether it locked."""
        # compared as a deadline, not as a difference: (t + 900) - t is 899.999… for some t
        deadline = self.last_input + self.minutes * 60
        if self.paused or self.minutes <= 0 or (now if now is not None else time.monotonic()) < deadline:
            return False
        self.paused = True
        try:
            self.on_idle()
        finally:
            self.paused = False
            self.last_input = time.monotonic()
        return True
