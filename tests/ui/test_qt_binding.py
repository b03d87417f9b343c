"""Guards against a PySide6 build that loses a reference to True/None on every signal emit (6.12.0 does,
and the app then aborts after a few hundred saves)."""

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QPushButton


class _Emitter(QObject):
    changed = Signal(set)
    plain = Signal()


def test_signal_emits_keep_the_reference_counts_of_true_and_none(qtbot):
    emitter = _Emitter()
    emitter.changed.connect(lambda kinds: None)
    emitter.plain.connect(lambda: None)
    button = QPushButton("确定")
    qtbot.addWidget(button)
    button.clicked.connect(lambda: None)
    before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(500):
        emitter.changed.emit({"households"})
        emitter.plain.emit()
        button.click()
    after = sys.getrefcount(True), sys.getrefcount(None)
    assert after[0] - before[0] > -50 and after[1] - before[1] > -50, (before, after)
