"""UI fixtures: the real main window on a store, jobs run inline, message boxes captured."""

from __future__ import annotations

import pytest

from tests.conftest import TEST_ACTOR


@pytest.fixture
def messages(monkeypatch):
    """Capture warnings and infos instead of blocking on a modal box; returns the list of (title, text)."""
    seen: list[tuple[str, str]] = []
    from villagedesk.ui import messages as m

    monkeypatch.setattr(m, "warn", lambda parent, title, text: seen.append((title, text)))
    monkeypatch.setattr(m, "info", lambda parent, title, text: seen.append((title, text)))
    monkeypatch.setattr(m, "confirm", lambda parent, title, text: True)
    return seen


@pytest.fixture
def make_window(qtbot, messages):
    """Build the real MainWindow over a store; jobs run inline so tests see results at once."""
    from villagedesk.ui import fonts
    from villagedesk.ui.context import AppContext
    from villagedesk.ui.jobs import JobRunner
    from villagedesk.ui.main_window import MainWindow

    def build(store, actor=TEST_ACTOR):
        from PySide6.QtWidgets import QApplication

        family = fonts.load_bundled_font()
        fonts.apply_text_size(QApplication.instance(), family, fonts.DEFAULT_POINT_SIZE)
        window = MainWindow(AppContext(store, actor, JobRunner(store, inline=True)), family)
        qtbot.addWidget(window)
        window.show()

        def active() -> bool:  # offscreen windows are not activated by show(); ask until it takes
            if QApplication.activeWindow() is window:
                return True
            window.windowHandle().requestActivate()
            return False

        qtbot.waitUntil(active, timeout=10_000)
        # a clerk sees the window painted before pressing a key: its shortcuts are set up then
        qtbot.waitUntil(lambda: window.started, timeout=10_000)
        return window

    return build
