"""A page's tab widget: the tabs in order, taking the room left below the page's top."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QBoxLayout, QTabWidget, QWidget


def add_tabs(layout: QBoxLayout, pages: Iterable[tuple[QWidget, str]], name: str = "") -> QTabWidget:
    """Adds a tab widget holding `pages` (widget, tab text) to `layout` with stretch 1; `name` is its object name."""
    tabs = QTabWidget()
    if name:
        tabs.setObjectName(name)
    for widget, text in pages:
        tabs.addTab(widget, text)
    layout.addWidget(tabs, 1)
    return tabs
