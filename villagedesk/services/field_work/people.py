"""Pickers' data for field work: workers in post with their grids, the village's grids, a grid's households."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from villagedesk.domain import clock
from villagedesk.domain.errors import NotFoundError, ValidationError
from villagedesk.domain.scope import Scope
from villagedesk.services.scope import village_ids
from villagedesk.store.connection import Store
from villagedesk.store.field_work import people as repo


@dataclass(frozen=True)
class WorkerOption:
    id: str
    name: str
    grid_id: str | None
    grid_names: str

    @property
    def label(self) -> str:
        return f"{self.name}（{self.grid_names}）" if self.grid_names else self.name


@dataclass(frozen=True)
class GridOption:
    id: str
    code: str
    name: str


@dataclass(frozen=True)
class HouseholdOption:
    id: str
    label: str


def workers(store: Store, scope: Scope | None = None) -> list[WorkerOption]:
    return [WorkerOption(r["id"], r["name"], r["grid_id"], r["grid_names"] or "")
            for r in repo.active_workers(store, village_ids(store, scope))]


def grids(store: Store, scope: Scope | None = None) -> list[GridOption]:
    return [GridOption(r["id"], r["code"], r["name"]) for r in repo.grids(store, village_ids(store, scope))]


def households_of_grid(store: Store, grid_id: str) -> list[HouseholdOption]:
    return [HouseholdOption(r["id"], r["label"]) for r in repo.households_of_grid(store, grid_id)]


def primary_worker(store: Store, grid_id: str, on: dt.date | None = None) -> WorkerOption | None:
    row = repo.primary_worker_on(store, grid_id, (on or clock.today()).isoformat())
    return None if row is None else WorkerOption(row["id"], row["name"], grid_id, "")


def require_worker(store: Store, worker_id: str | None, village_id: str, field: str = "网格员"):
    if not worker_id:
        raise ValidationError(field, "请选择网格员")
    row = repo.worker(store, worker_id)
    if row is None or row["village_id"] != village_id:
        raise NotFoundError(f"{field}不存在或已作废，请重新选择。")
    return row


def require_grid(store: Store, grid_id: str, village_id: str, field: str = "网格"):
    row = repo.grid(store, grid_id)
    if row is None or row["village_id"] != village_id:
        raise NotFoundError(f"{field}不存在或不属于本村，请重新选择。")
    return row


def require_household(store: Store, household_id: str, village_id: str, field: str = "农户"):
    row = repo.household(store, household_id)
    if row is None or row["village_id"] != village_id:
        raise NotFoundError(f"{field}不存在或不属于本村，请重新选择。")
    if row["status"] != "active":
        raise ValidationError(field, f"“{row['label']}”已不是在册农户（已迁出、合并或注销）")
    return row


@dataclass(frozen=True)
class HouseholdBrief:
    id: str
    label: str
    grid_id: str
    grid_name: str
    head_resident_id: str | None
    head_name: str


def household_brief(store: Store, household_id: str) -> HouseholdBrief:
    row = repo.household(store, household_id)
    if row is None:
        raise NotFoundError("该农户不存在或已作废。")
    return HouseholdBrief(row["id"], row["label"], row["grid_id"], row["grid_name"], row["head_resident_id"],
                          row["head_name"])


def resident_name(store: Store, resident_id: str) -> str:
    row = repo.resident(store, resident_id)
    if row is None:
        raise NotFoundError("该居民不存在或已作废。")
    return row["name"]


def village_of_household(store: Store, household_id: str, field: str = "农户") -> str:
    """The village a write about this household goes to (in a township file, one of several)."""
    row = repo.household(store, household_id)
    if row is None:
        raise NotFoundError(f"{field}不存在或不属于本村，请重新选择。")
    return row["village_id"]


def village_of_grid(store: Store, grid_id: str | None, field: str = "网格") -> str:
    """The village a write about this grid goes to: a grid belongs to one village."""
    row = repo.grid(store, grid_id) if grid_id else None
    if row is None:
        raise NotFoundError(f"{field}不存在或不属于本村，请重新选择。")
    return row["village_id"]


def village_of_worker(store: Store, worker_id: str | None, field: str = "网格员") -> str:
    if not worker_id:
        raise ValidationError(field, "请选择网格员")
    row = repo.worker(store, worker_id)
    if row is None:
        raise NotFoundError(f"{field}不存在或已作废，请重新选择。")
    return row["village_id"]
