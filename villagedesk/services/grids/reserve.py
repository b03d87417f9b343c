"""Reserve cadres (村干部后备力量): admit a worker to the pool with date and reason; list and history."""

from __future__ import annotations

from dataclasses import dataclass

from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import NotFoundError, ValidationError
from villagedesk.domain.grids.dates import parse_past_date
from villagedesk.domain.grids.worker import SOURCE_LABELS, STATUS_LABELS
from villagedesk.domain.permissions import Action
from villagedesk.domain.scope import Scope
from villagedesk.domain.text import clean_text, short_text
from villagedesk.services.access import authorize
from villagedesk.services.grids.workers import stored_worker
from villagedesk.services.scope import village_ids
from villagedesk.services.writes import writes
from villagedesk.store.connection import Store
from villagedesk.store.grids import reserve as repo


@dataclass(frozen=True)
class ReserveEntry:
    id: str
    worker_id: str
    worker_name: str
    grid_name: str
    party_member: bool
    source: str
    education: str
    admitted_on: str
    reason: str
    left_on: str | None
    left_reason: str

    @property
    def in_pool(self) -> bool:
        return self.left_on is None

    @property
    def source_label(self) -> str:
        return SOURCE_LABELS[self.source]


def pool(store: Store, current_only: bool = False, scope: Scope | None = None) -> list[ReserveEntry]:
    """Every admission (the pool's history), those still in the pool first."""
    return [ReserveEntry(r["id"], r["worker_id"], r["worker_name"], r["grid_name"] or "", bool(r["party_member"]),
                         r["source"], r["education"], r["admitted_on"], r["reason"], r["left_on"], r["left_reason"])
            for r in repo.listing(store, village_ids(store, scope), current_only)]


@writes
def admit(store: Store, actor: Actor, worker_id: str, admitted_on: object, reason: object) -> str:
    actor = authorize(store, actor, Action.MANAGE_GRIDS)
    worker = stored_worker(store, worker_id)
    when = parse_past_date(admitted_on, "纳入日期")
    why = short_text(reason, "纳入理由", 200, required=True, empty="不能为空，例如：考评优秀，群众认可")
    if worker["status"] != "active":
        raise ValidationError("网格员", f"{worker['name']}当前状态为“{STATUS_LABELS[worker['status']]}”，不能纳入")
    if when.isoformat() < worker["appointed_on"]:
        raise ValidationError("纳入日期", f"不能早于{worker['name']}的任职日期 {worker['appointed_on']}")
    if repo.open_of_worker(store, worker_id) is not None:
        raise ValidationError("网格员", f"{worker['name']}已在后备力量中")
    with store.transaction():
        return store.insert("reserve_cadres", {"worker_id": worker_id, "admitted_on": when.isoformat(),
                                               "reason": why}, actor, "纳入后备力量", f"{worker['name']}：{why}")


@writes
def remove(store: Store, actor: Actor, entry_id: str, left_on: object, reason: object) -> None:
    """Take a worker out of the pool (became a cadre, moved away, ...); the admission stays in the history."""
    actor = authorize(store, actor, Action.MANAGE_GRIDS)
    row = repo.get(store, entry_id)
    if row is None or row["left_on"] is not None:
        raise NotFoundError("后备力量：该记录不存在或已移出")
    when = parse_past_date(left_on, "移出日期")
    why = clean_text(reason)
    if not why:
        raise ValidationError("移出原因", "不能为空，例如：已当选村干部")
    if when.isoformat() < row["admitted_on"]:
        raise ValidationError("移出日期", f"不能早于纳入日期 {row['admitted_on']}")
    with store.transaction():
        store.update("reserve_cadres", entry_id, {"left_on": when.isoformat(), "left_reason": why}, actor,
                     "移出后备力量", why)
