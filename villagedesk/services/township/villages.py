"""村庄: the villages registered at a township node, each with its last package received and its records here."""

from __future__ import annotations

from typing import NamedTuple

from villagedesk.store import township as repo
from villagedesk.store import villages as villages_repo
from villagedesk.store.connection import Store


class RegisteredVillage(NamedTuple):  # not a dataclass: see domain/actor.py
    code: str
    name: str
    fingerprint: str
    registered_at: str
    registered_by: str
    last_package_at: str | None  # None: registered, no package received yet
    packages: int
    grids: int
    households: int
    residents: int


def registered_villages(store: Store) -> list[RegisteredVillage]:
    """Every village registered here (by division code), its last package and what its packages brought."""
    out = []
    for r in repo.registered_villages(store):
        counts = (villages_repo.record_counts(store, r["village_id"]) if r["village_id"]
                  else {"grids": 0, "households": 0, "residents": 0})
        out.append(RegisteredVillage(r["code"], r["name"], r["fingerprint"], r["paired_at"], r["paired_by"],
                                     r["last_in"], r["packages_in"], **counts))
    return out
