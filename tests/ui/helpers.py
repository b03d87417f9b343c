"""Helpers for driving real widgets: typing Chinese without QTest's ASCII-only keyClicks."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget


def type_text(widget: QWidget, text: str) -> None:
    """Type any text, Chinese included, one key event per character (qtbot.keyClicks aborts on non-ASCII)."""
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))
