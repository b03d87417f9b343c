"""Grouped KPI providers: every village's additive parts in one pass, and the KPIs of any set of villages from them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from villagedesk.domain.period import Period
from villagedesk.domain.scope import VillageIds
from villagedesk.store.connection import Store

# village id -> that village's parts; a village with no records may be missing
PartsByVillage = dict[str, dict]


def add(parts: Iterable[dict], empty: dict) -> dict:
    """Several villages' parts as one: counts and fen summed, lists of values (what a median is taken of) joined."""
    out = {k: list(v) if isinstance(v, list) else v for k, v in empty.items()}
    for p in parts:
        for k, v in p.items():
            out[k] = out[k] + v
    return out


def ratio(num: int, den: int) -> float | None:
    return None if den == 0 else round(num / den, 4)


class GroupedKpis(NamedTuple):  # not a dataclass: see domain/actor.py
    """A provider whose figures are computed from parts that add up across villages (never from averaged rates)."""

    parts: Callable[[Store, VillageIds, Period | None], PartsByVillage]
    empty: dict  # the parts of a village with nothing recorded
    figures: Callable[[dict], dict]  # the KPIs from a set of villages' added parts

    def over(self, store: Store, village_id: VillageIds, period: Period | None) -> dict:
        """The KPIs over every village of `village_id` together."""
        return self.figures(add(self.parts(store, village_id, period).values(), self.empty))
