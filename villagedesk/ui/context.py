"""What every page is handed: the open store (passed through to services), the acting user, the job runner."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from villagedesk.domain.actor import Actor
from villagedesk.ui.jobs import JobRunner

if TYPE_CHECKING:
    from villagedesk.domain.scope import Scope
    from villagedesk.store.connection import Store


class DataEvents(QObject):
    """After a write, the page that made it publishes the write's result; pages showing its kinds refresh
    (villagedesk/ui/refresh.py)."""

    changed = Signal(object)  # a villagedesk.domain.changes.Changes
    signed_in = Signal(object)  # the Actor now at the desk (切换用户, unlock): buttons ask the policy again

    def publish(self, result: object) -> None:
        """Publish what a write service's result (or a Changes, e.g. changes.EVERYTHING after a sync import) says
        changed."""
        from villagedesk.domain.changes import changes_of

        done = changes_of(result)
        if done:
            self.changed.emit(done)


class AppContext:
    # A plain class, not a dataclass: it is built before the first paint (see domain/actor.py).
    def __init__(self, store: Store, actor: Actor, jobs: JobRunner, events: DataEvents | None = None,
                 scope: Scope | None = None):
        self.store = store
        if scope is None:  # resolved once, at start (services/scope.py); the app passes it in
            from villagedesk.services.scope import resolve_scope

            scope = resolve_scope(store)
        self.scope = scope  # the villages the village pages' figures and listings cover (one, at a township, if picked)
        self.full_scope = scope  # every village this file holds: the township's own pages read it
        from villagedesk.services.township.node import node_role

        self.node_role = node_role(store)  # 'village' or 'township': the navigation and the policy's node rule
        self.actor = actor
        self.jobs = jobs
        self.events = events if events is not None else DataEvents()
        # Connected before any page's refresher, so a page redrawing after an import reads the new scope.
        self.events.changed.connect(self._follow_villages)

    def view_village(self, code: str | None) -> None:
        """At a township: the village pages show one village (its division code), or every village (None)."""
        one = self.full_scope.of(code) if code else None
        self.scope = one or self.full_scope

    @property
    def viewing(self) -> str | None:
        """The code of the one village the village pages show at a township, None for all of them."""
        return self.scope.villages[0].code if self.scope is not self.full_scope and self.scope.single else None

    def _follow_villages(self, changes) -> None:
        """A township's import can bring a village's first package: the scope is resolved again (it is not a cache
        a write may leave stale)."""
        from villagedesk.domain.changes import Kind

        if self.node_role != "township" or not changes.touches({Kind.VILLAGES}):
            return
        from villagedesk.services.scope import resolve_scope

        picked = self.viewing
        self.full_scope = resolve_scope(self.store)
        self.view_village(picked)
