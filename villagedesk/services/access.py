"""Enforcing the permission policy: the role is read from the store for the acting user, never taken from the caller."""

from __future__ import annotations

from collections.abc import Iterable

from villagedesk.domain import clock
from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import PermissionDenied
from villagedesk.domain.permissions import OWN_GRIDS_ONLY, WORKER, Action, refusal
from villagedesk.store import users as repo
from villagedesk.store.connection import Store


def signed(store: Store, actor: Actor) -> Actor:
    """The actor as the store knows them (id, name, current role); refused if not an active office user."""
    row = repo.by_id(store, actor.user_id)
    if row is None:
        raise refuse(store, actor, f"“{actor.name}”不是本村登记的使用人，不能办理；请以使用人身份登录。")
    if row["name"] != actor.name:
        raise refuse(store, actor, "使用人身份不符（姓名与登记的不一致），请重新登录。")
    if not row["active"]:
        raise refuse(store, actor, f"使用人“{row['name']}”已停用，不能办理。")
    if row["village_id"] is not None and _node_role(store) != "village":
        # a village's user row comes up with its records; at the township it is a record, not a user here
        raise refuse(store, actor, f"“{row['name']}”是村里的使用人，不能在乡镇节点办理；请以乡镇的使用人身份登录。")
    return Actor(row["id"], row["name"], row["role"])


def own_grids(store: Store, actor: Actor) -> list[str]:
    """The grids a worker user holds today (empty for other roles and unlinked workers)."""
    row = repo.by_id(store, actor.user_id)
    if row is None or row["role"] != WORKER:
        return []
    return repo.current_grid_ids(store, row["worker_id"], clock.today().isoformat())


def authorize(store: Store, actor: Actor, action: Action, grids: Iterable[str] | None = None) -> Actor:
    """Check `action` (on records of `grids`) for the acting user; a refusal is audited and raised in Chinese."""
    who = signed(store, actor)
    own = own_grids(store, who) if who.role == WORKER and action in OWN_GRIDS_ONLY else None
    why = refusal(who, action, None if grids is None else list(grids), own, _node_role(store))
    if why is not None:
        raise refuse(store, who, why, action)
    return who


def _node_role(store: Store) -> str:
    from villagedesk.services.township.node import node_role

    return node_role(store)


def visible_grids(store: Store, actor: Actor) -> list[str] | None:
    """Which grids' people a listing may show the actor: None for every grid, else a worker's own."""
    who = authorize(store, actor, Action.VIEW_REGISTER)
    return own_grids(store, who) if who.role == WORKER else None


def listing_grids(store: Store, actor: Actor, grid_id: str | None = None) -> tuple[str, ...] | None:
    """Which grids a list of households' records (visits, follow-ups, disputes, points, receipts) may cover
    for the actor: None for every grid, else a worker's own; a worker asking for another grid is refused."""
    who = authorize(store, actor, Action.VIEW_REGISTER, [grid_id] if grid_id else None)
    return tuple(own_grids(store, who)) if who.role == WORKER else None


def refuse(store: Store, actor: Actor, why: str, action: Action | None = None) -> PermissionDenied:
    """Audit the refused attempt (kept even if the caller's own transaction rolls back, when called outside one)."""
    with store.transaction():
        store.audit(actor, "拒绝操作", detail=f"{action.value}：{why}" if action else why)
    return PermissionDenied(why)
