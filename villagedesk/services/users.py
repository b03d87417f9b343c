"""Office users: add, disable, change a role, set a PIN; grant only what one holds; never lose the last head."""

from __future__ import annotations

from typing import NamedTuple

from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import ConflictError, NotFoundError, PermissionDenied, ValidationError
from villagedesk.domain.permissions import HEAD, ROLE_LABELS, WORKER, Action, require_grant, role_label
from villagedesk.domain.pins import hash_pin, validate_pin
from villagedesk.domain.text import clean_text
from villagedesk.domain.village import validate_person_name
from villagedesk.services.access import authorize, refuse
from villagedesk.services.village import office_village_id
from villagedesk.services.writes import writes
from villagedesk.store import users as repo
from villagedesk.store.connection import Store


class OfficeUser(NamedTuple):  # not a dataclass: see domain/actor.py
    """One row of 系统设置 › 用户."""

    id: str
    name: str
    role: str
    role_label: str
    active: bool
    has_pin: bool
    worker_id: str | None
    disabled_reason: str

    @property
    def actor(self) -> Actor:
        return Actor(self.id, self.name, self.role)


def list_users(store: Store, include_disabled: bool = True) -> list[OfficeUser]:
    """The office's users (names and roles are shown on the sign-in screen, so no permission is asked)."""
    from villagedesk.services.township.node import node_role

    out, here = [], node_role(store)
    for r in repo.all_users(store, office_village_id(store)):
        if not r["active"] and not include_disabled:
            continue
        cred = repo.credentials(store, r["id"])
        out.append(OfficeUser(r["id"], r["name"], r["role"], role_label(r["role"], here), bool(r["active"]),
                              bool(cred and cred["pin_hash"]), r["worker_id"], r["disabled_reason"]))
    return out


def get_user(store: Store, user_id: str) -> OfficeUser:
    for u in list_users(store):
        if u.id == user_id:
            return u
    raise NotFoundError("该使用人不存在。")


@writes(township=True)
def add_user(store: Store, actor: Actor, name: str, role: str, pin: str | None = None,
             worker_id: str | None = None) -> OfficeUser:
    """A new office user; a worker user is linked to their 网格员 record (it decides their grids)."""
    who = authorize(store, actor, Action.MANAGE_USERS)
    _require_grant(store, who, role)
    clean = validate_person_name(name, "姓名")
    vid = office_village_id(store)
    if repo.by_name(store, vid, clean) is not None:
        raise ValidationError("姓名", f"“{clean}”已是使用人（停用的也不能重名），请加以区分，如“{clean}（会计）”")
    _check_worker(store, role, worker_id)
    pin_hash = hash_pin(validate_pin(pin)) if pin else ""
    with store.transaction():
        uid = store.insert("users", {"village_id": vid, "name": clean, "role": role, "worker_id": worker_id},
                           who, "新增使用人", f"{clean}（{ROLE_LABELS[role]}）")
        repo.save_credentials(store, uid, pin_hash=pin_hash)
    return get_user(store, uid)


@writes(township=True)
def change_role(store: Store, actor: Actor, user_id: str, role: str, worker_id: str | None = None) -> OfficeUser:
    who = authorize(store, actor, Action.MANAGE_USERS)
    _require_grant(store, who, role)
    user = get_user(store, user_id)
    if user.role != role:
        _require_grant(store, who, user.role)  # nor take away a role one could not have granted
    _check_worker(store, role, worker_id if role == WORKER else None)
    if user.role == HEAD and role != HEAD and user.active:
        _keep_a_head(store, who, user, "改为" + ROLE_LABELS[role])
    with store.transaction():
        store.update("users", user_id, {"role": role, "worker_id": worker_id if role == WORKER else None},
                     who, "修改使用人角色", f"{user.name}：{user.role_label} → {ROLE_LABELS[role]}")
    return get_user(store, user_id)


@writes(township=True)
def disable_user(store: Store, actor: Actor, user_id: str, reason: str) -> OfficeUser:
    """Disabled, never deleted: their name stays on every record they made."""
    who = authorize(store, actor, Action.MANAGE_USERS)
    user = get_user(store, user_id)
    why = clean_text(reason)
    if not why:
        raise ValidationError("停用原因", "不能为空")
    if not user.active:
        raise ConflictError(f"“{user.name}”已经停用。")
    _require_grant(store, who, user.role)
    if user.role == HEAD:
        _keep_a_head(store, who, user, "停用")
    with store.transaction():
        store.update("users", user_id, {"active": 0, "disabled_reason": why}, who, "停用使用人",
                     f"{user.name}：{why}")
    return get_user(store, user_id)


@writes(township=True)
def enable_user(store: Store, actor: Actor, user_id: str) -> OfficeUser:
    who = authorize(store, actor, Action.MANAGE_USERS)
    user = get_user(store, user_id)
    _require_grant(store, who, user.role)
    with store.transaction():
        store.update("users", user_id, {"active": 1, "disabled_reason": ""}, who, "启用使用人", user.name)
    return get_user(store, user_id)


@writes(township=True)
def set_pin(store: Store, actor: Actor, user_id: str, pin: str | None) -> None:
    """Set (or, with None, clear) a user's PIN: oneself, or a user manager for someone else."""
    if actor.user_id != user_id:
        who = authorize(store, actor, Action.MANAGE_USERS)
        _require_grant(store, who, get_user(store, user_id).role)
    else:
        from villagedesk.services.access import signed

        who = signed(store, actor)
    pin_hash = hash_pin(validate_pin(pin)) if pin else ""
    user = get_user(store, user_id)
    with store.transaction():
        repo.save_credentials(store, user_id, pin_hash=pin_hash, failed=0, locked_until=None)
        store.audit(who, "设置 PIN" if pin else "取消 PIN", "users", user_id, user.name)


def _require_grant(store: Store, who: Actor, role: str) -> None:
    try:
        require_grant(who, role)
    except PermissionDenied as exc:
        raise refuse(store, who, exc.message, Action.MANAGE_USERS) from None


def _keep_a_head(store: Store, who: Actor, user: OfficeUser, what: str) -> None:
    if repo.active_count(store, office_village_id(store), HEAD) <= 1:
        why = f"“{user.name}”是最后一位在用的书记/主任，不能{what}；请先新增或启用另一位书记/主任。"
        with store.transaction():
            store.audit(who, "拒绝操作", "users", user.id, why)
        raise ConflictError(why)


def _check_worker(store: Store, role: str, worker_id: str | None) -> None:
    if role == WORKER and worker_id and repo.worker_row(store, worker_id) is None:
        raise ValidationError("对应网格员", "该网格员不存在")
