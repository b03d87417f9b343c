"""A page's parts and the change kinds each shows: a visible part redraws when its kinds change, a hidden one when shown."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from villagedesk.domain.changes import Changes, Kind


class _Part:
    __slots__ = ("kinds", "refresh", "widget", "dirty")

    def __init__(self, kinds: frozenset[Kind], refresh: Callable[[], None], widget: QWidget):
        self.kinds = kinds
        self.refresh = refresh
        self.widget = widget
        self.dirty = False


class Refresher(QObject):
    """Listens to the context's DataEvents for one page (Anki's refresh_if_needed, per part).

    `watch(kinds, refresh)` registers a part: after a write whose changes touch `kinds`, `refresh()` runs at
    once if the part's widget (the page, or a tab given as `widget`) is visible, else the part is marked dirty
    and refreshes when that widget is next shown. A change no part shows runs nothing."""

    def __init__(self, page: QWidget, events):
        super().__init__(page)
        self.page = page
        self._parts: list[_Part] = []
        self._watched: set[QWidget] = set()
        events.changed.connect(self._on_changed)

    def watch(self, kinds: Iterable[Kind], refresh: Callable[[], None], widget: QWidget | None = None) -> None:
        kinds = frozenset(kinds)
        if not kinds or not all(isinstance(k, Kind) for k in kinds):
            raise TypeError(f"a part shows kinds from domain/changes.py, not {kinds!r}")
        part = _Part(kinds, refresh, widget or self.page)
        self._parts.append(part)
        if part.widget not in self._watched:
            self._watched.add(part.widget)
            part.widget.installEventFilter(self)

    @property
    def kinds(self) -> frozenset[Kind]:
        """Every kind some part of the page shows."""
        return frozenset().union(*(p.kinds for p in self._parts))

    @property
    def dirty(self) -> bool:
        return any(p.dirty for p in self._parts)

    def _on_changed(self, changes: Changes) -> None:
        for part in self._parts:
            if changes.touches(part.kinds):
                if part.widget.isVisible():
                    part.refresh()
                else:
                    part.dirty = True

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Show and obj in self._watched:
            for part in self._parts:
                if part.dirty and part.widget is obj:
                    part.dirty = False
                    part.refresh()
        return False
