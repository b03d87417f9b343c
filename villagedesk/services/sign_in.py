"""Who is at the desk: sign-in by name and PIN (five tries, then a growing wait), and the office's sign-in settings."""

from __future__ import annotations

import datetime as dt

from villagedesk.domain import clock
from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import ConflictError, PermissionDenied, ValidationError
from villagedesk.domain.permissions import Action
from villagedesk.domain.pins import lock_minutes, verify_pin
from villagedesk.services.access import authorize
from villagedesk.services.village import office_village_id
from villagedesk.services.writes import writes
from villagedesk.store import users as repo
from villagedesk.store.connection import Store

FREE_TRIES = 5
DEFAULT_IDLE_MINUTES = 15
_PIN_OFF, _IDLE = "sign_in_pin_off", "sign_in_idle_minutes"


def sign_in(store: Store, name: str, pin: str | None) -> Actor:
    """The user named, with their role as stored, if the PIN is right; every attempt is audited."""
    clean = (name or "").strip()
    row = repo.by_name(store, office_village_id(store), clean)
    if row is None:
        _audit_failure(store, Actor("", clean or "（未填姓名）"), "没有该使用人")
        raise PermissionDenied(f"没有名为“{clean}”的使用人。")
    who = Actor(row["id"], row["name"], row["role"])
    if not row["active"]:
        _audit_failure(store, who, "已停用")
        raise PermissionDenied(f"使用人“{who.name}”已停用，不能登录；请找书记/主任启用。")
    cred = repo.credentials(store, who.user_id)
    now = clock.now()
    locked_until = cred["locked_until"] if cred else None
    if locked_until and now < dt.datetime.fromisoformat(locked_until):
        wait = dt.datetime.fromisoformat(locked_until) - now
        _audit_failure(store, who, f"锁定中，至 {locked_until[11:16]}")
        raise PermissionDenied(f"PIN 连续输错，请 {max(1, round(wait.total_seconds() / 60))} 分钟后"
                               f"（{locked_until[11:16]} 以后）再试。")
    stored = cred["pin_hash"] if cred else ""
    if not stored or verify_pin(stored, pin or ""):
        with store.transaction():
            repo.save_credentials(store, who.user_id, failed=0, locked_until=None)
            store.audit(who, "登录", "users", who.user_id, "无 PIN" if not stored else "")
        return who
    failures = (cred["failed_attempts"] if cred else 0) + 1
    minutes = lock_minutes(failures, FREE_TRIES)
    until = (now + dt.timedelta(minutes=minutes)).isoformat(timespec="seconds") if minutes else None
    with store.transaction():
        repo.save_credentials(store, who.user_id, failed=failures, locked_until=until)
        store.audit(who, "登录失败", "users", who.user_id, f"PIN 错误（第 {failures} 次）")
    if minutes:
        raise PermissionDenied(f"PIN 错误，已连续输错 {failures} 次；请 {minutes} 分钟后再试。")
    raise PermissionDenied(f"PIN 错误，还可以再试 {FREE_TRIES - failures} 次。")


@writes(township=True)
def sign_out(store: Store, actor: Actor, why: str = "切换用户") -> None:
    with store.transaction():
        store.audit(actor, "退出登录", "users", actor.user_id, why)


def pin_off(store: Store) -> bool:
    """A single-user office that switched the PIN off starts as its one user, without asking."""
    return repo.setting(store, _PIN_OFF) == "1" and _single_user(store) is not None


def single_user(store: Store) -> Actor | None:
    """The office's one active user when PIN is off, signed in (audited); else None."""
    if not pin_off(store):
        return None
    who = _single_user(store)
    if who is None:  # pin_off asked for exactly one active user
        return None
    with store.transaction():
        store.audit(who, "登录", "users", who.user_id, "单人办公，未设登录")
    return who


@writes(township=True)
def set_pin_off(store: Store, actor: Actor, off: bool) -> None:
    """Switch sign-in off (only an office with one active user) or on again."""
    who = authorize(store, actor, Action.MANAGE_USERS)
    if off and _single_user(store) is None:
        raise ConflictError("只有一位在用使用人的村才能关闭登录 PIN。")
    with store.transaction():
        repo.set_setting(store, _PIN_OFF, "1" if off else "0")
        store.audit(who, "关闭登录 PIN" if off else "开启登录 PIN")


def idle_minutes(store: Store) -> int:
    value = repo.setting(store, _IDLE)
    return int(value) if value and value.isdigit() else DEFAULT_IDLE_MINUTES


@writes(township=True)
def set_idle_minutes(store: Store, actor: Actor, minutes: object) -> None:
    """Lock the desk after this many idle minutes (0: never)."""
    who = authorize(store, actor, Action.MANAGE_USERS)
    try:
        n = int(str(minutes).strip())
    except ValueError:
        raise ValidationError("空闲锁定（分钟）", "应为整数") from None
    if not 0 <= n <= 240:
        raise ValidationError("空闲锁定（分钟）", "应在 0 到 240 之间（0 表示不锁定）")
    with store.transaction():
        repo.set_setting(store, _IDLE, str(n))
        store.audit(who, "设置空闲锁定", detail=f"{n} 分钟")


def _single_user(store: Store) -> Actor | None:
    rows = [r for r in repo.all_users(store, office_village_id(store)) if r["active"]]
    return Actor(rows[0]["id"], rows[0]["name"], rows[0]["role"]) if len(rows) == 1 else None


def _audit_failure(store: Store, who: Actor, why: str) -> None:
    with store.transaction():
        store.audit(who, "登录失败", "users", who.user_id or None, why)
