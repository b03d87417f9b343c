"""The scope of a figure or a listing: one village, or a set of villages (a township-style database)."""

from __future__ import annotations

from typing import NamedTuple

# What the store's scoped readers take: one village's id, or the ids of a set of villages.
VillageIds = str | tuple[str, ...]


NO_VILLAGE = ("",)


class ScopedVillage(NamedTuple):
    id: str
    code: str
    name: str


class Scope(NamedTuple):  # not a dataclass: see domain/actor.py
    """The villages a run of the app or the CLI reports on, resolved once at start (services/scope.py)."""

    villages: tuple[ScopedVillage, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        """The villages' ids; a scope of no village (a township node before its first package) gives an id no
        row has, so every scoped query counts nothing rather than falling back to a home village."""
        return tuple(v.id for v in self.villages) or NO_VILLAGE

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(v.code for v in self.villages)

    @property
    def single(self) -> bool:
        return len(self.villages) == 1

    def of(self, code: str) -> Scope | None:
        """The one village of this scope with division code `code`, as a scope of its own (None if not in it)."""
        found = tuple(v for v in self.villages if v.code == code)
        return Scope(found) if found else None

    def each(self) -> tuple[Scope, ...]:
        """One scope per village, in the scope's order (by division code)."""
        return tuple(Scope((v,)) for v in self.villages)

    def label(self) -> str:
        return "、".join(v.name for v in self.villages)
