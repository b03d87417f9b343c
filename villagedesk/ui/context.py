"""What every page is handed: the open store (passed through to services), the acting user, the job runner."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from villagedesk.domain.actor import Actor
from villagedesk.ui.jobs import JobRunner

if TYPE_CHECKING:
    from villagedesk.store.connection import Store


class DataEvents(QObject):
    """After a write, a page says which kinds of record changed; pages showing them refresh."""

    changed = Signal(set)

    def emit_changed(self, *kinds: str) -> None:
        self.changed.emit(set(kinds))


@dataclass
class AppContext:
    store: Store
    actor: Actor
    jobs: JobRunner
    events: DataEvents = field(default_factory=DataEvents)
