"""The one permission policy: which roles may do which action, workers' own grids, and the four-eyes rules."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable

from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import PermissionDenied

HEAD, CLERK, WORKER, TOWNSHIP_ADMIN = "head", "clerk", "worker", "township_admin"
ROLES = (HEAD, CLERK, WORKER, TOWNSHIP_ADMIN)
ROLE_LABELS = {HEAD: "书记/主任", CLERK: "文书/会计", WORKER: "网格员", TOWNSHIP_ADMIN: "乡镇管理员"}


def role_label(role: str, node_role: str = "village") -> str:
    """A role as the desk names it: at a district node its administrator (the same role) is a 区县管理员."""
    if role == TOWNSHIP_ADMIN and node_role == "district":
        return "区县管理员"
    return ROLE_LABELS.get(role, "无角色")


class Action(enum.Enum):
    """What a user may be allowed to do; the value is how a refusal names it."""

    VIEW_REGISTER = "查看花名册"
    REVEAL_IDENTITY = "显示完整身份证号"
    EDIT_REGISTER = "修改农户和人口、导入花名册"
    RECORD_FIELD_WORK = "登记走访、纠纷和应急处置"
    CREATE_ACTIVITY = "新建志愿活动、打印公示"
    APPROVE_POINTS = "审核并入账活动积分"
    REDEEM = "积分兑换"
    VOID_RECEIPT = "作废兑换凭证"
    ADJUST_STOCK = "盘点调整库存"
    COMPUTE_PAYROLL = "计算补贴发放表"
    REVIEW_PAYROLL = "审核补贴发放表"
    APPROVE_PAYROLL = "审批补贴发放表"
    LOCK_PAYROLL = "锁定补贴发放表"
    PREPARE_REPORT = "编制报表"
    SIGN_REPORT = "以单位负责人签署报表"
    RETURN_REPORT = "审核或退回村报表"
    EXPORT_UNMASKED = "导出含完整身份证号的名单"
    BACKUP = "备份数据"
    RESTORE = "从备份恢复"
    IMPORT_SYNC = "导入同步包"
    EXCHANGE_SYNC = "生成同步包、配对或停用同步节点"
    MANAGE_USERS = "管理使用人"
    VIEW_AUDIT = "查看操作记录"
    MANAGE_GRIDS = "管理网格和网格员"
    SET_STIPENDS = "设定补贴标准"
    EVALUATE_WORKERS = "考评网格员"
    ISSUE_NOTICE = "向各村下发通知"


A = Action
# The issue's role table, row by row. A worker's "own grids" rows are in OWN_GRIDS_ONLY.
POLICY: dict[Action, frozenset[str]] = {
    A.VIEW_REGISTER: frozenset({HEAD, CLERK, WORKER, TOWNSHIP_ADMIN}),
    A.REVEAL_IDENTITY: frozenset({HEAD, CLERK, TOWNSHIP_ADMIN}),
    A.EDIT_REGISTER: frozenset({HEAD, CLERK}),
    A.RECORD_FIELD_WORK: frozenset({HEAD, CLERK, WORKER}),
    A.CREATE_ACTIVITY: frozenset({HEAD, CLERK, WORKER}),
    A.APPROVE_POINTS: frozenset({HEAD}),
    A.REDEEM: frozenset({HEAD, CLERK}),
    A.VOID_RECEIPT: frozenset({HEAD}),
    A.ADJUST_STOCK: frozenset({HEAD}),
    A.COMPUTE_PAYROLL: frozenset({CLERK}),
    A.REVIEW_PAYROLL: frozenset({CLERK, TOWNSHIP_ADMIN}),
    A.APPROVE_PAYROLL: frozenset({HEAD}),
    A.LOCK_PAYROLL: frozenset({HEAD}),
    A.PREPARE_REPORT: frozenset({CLERK}),
    A.SIGN_REPORT: frozenset({HEAD}),
    A.RETURN_REPORT: frozenset({TOWNSHIP_ADMIN}),
    A.EXPORT_UNMASKED: frozenset({HEAD, TOWNSHIP_ADMIN}),
    A.BACKUP: frozenset({HEAD, CLERK, TOWNSHIP_ADMIN}),
    A.RESTORE: frozenset({HEAD, TOWNSHIP_ADMIN}),
    A.IMPORT_SYNC: frozenset({HEAD, CLERK, TOWNSHIP_ADMIN}),
    # the other half of the table's "import sync packages" row (文书/会计: "backup, sync"): a package carries the
    # whole register, pairing decides whom this PC trusts
    A.EXCHANGE_SYNC: frozenset({HEAD, CLERK, TOWNSHIP_ADMIN}),
    A.MANAGE_USERS: frozenset({HEAD, TOWNSHIP_ADMIN}),
    A.VIEW_AUDIT: frozenset({HEAD, TOWNSHIP_ADMIN}),
    # Not rows of the issue's table: the roster is the office's (the clerk keeps it, as it keeps the register);
    # the stipend standards and the evaluations are decisions of the head or of the township (乡镇党委统筹考核).
    A.MANAGE_GRIDS: frozenset({HEAD, CLERK}),
    A.SET_STIPENDS: frozenset({HEAD, TOWNSHIP_ADMIN}),
    A.EVALUATE_WORKERS: frozenset({HEAD, TOWNSHIP_ADMIN}),
    A.ISSUE_NOTICE: frozenset({TOWNSHIP_ADMIN}),  # 区—镇—村: the township's notice to its villages (通知下发)
}
OWN_GRIDS_ONLY = frozenset({A.VIEW_REGISTER, A.RECORD_FIELD_WORK, A.CREATE_ACTIVITY})
# "Grant only what one holds": a village head grants the village's roles, a township admin also its own.
GRANTABLE: dict[str, tuple[str, ...]] = {
    HEAD: (HEAD, CLERK, WORKER),
    TOWNSHIP_ADMIN: (TOWNSHIP_ADMIN, HEAD, CLERK, WORKER),
}


# A township (or district) node holds its villages' records read-only (issue 11: 乡镇管理员 sees the register
# masked, read-only): whatever the user's role, only these actions are done there; every other is the village's.
# 报表审核 (RETURN_REPORT), 乡镇考评 (EVALUATE_WORKERS) and 通知下发 (ISSUE_NOTICE) write the township's own records,
# sent down to a village.
NODE_ACTIONS: dict[str, frozenset[Action]] = {
    "township": frozenset({A.VIEW_REGISTER, A.REVEAL_IDENTITY, A.RETURN_REPORT, A.EVALUATE_WORKERS, A.ISSUE_NOTICE,
                           A.SET_STIPENDS,
                           A.EXPORT_UNMASKED, A.BACKUP,
                           A.RESTORE, A.IMPORT_SYNC, A.EXCHANGE_SYNC, A.MANAGE_USERS, A.VIEW_AUDIT}),
}
NODE_ACTIONS["district"] = NODE_ACTIONS["township"]
NODE_LABELS = {"village": "村", "township": "乡镇", "district": "区县"}


def node_refusal(node_role: str, action: Action | None = None) -> str:
    """Why a township or district node does not change a village's records, in Chinese."""
    what = f"不能{action.value}" if action else "不能修改村里的记录"
    return (f"{NODE_LABELS.get(node_role, node_role)}节点对各村的记录只读，{what}；"
            "请由该村办理，再通过同步包送来。")


def who_may(action: Action) -> str:
    roles = [ROLE_LABELS[r] + ("（仅本人网格）" if r == WORKER and action in OWN_GRIDS_ONLY else "")
             for r in ROLES if r in POLICY[action]]
    return "、".join(roles)


def refusal(actor: Actor, action: Action, grids: Iterable[str] | None = None,
            own_grids: Iterable[str] | None = None, node_role: str = "village") -> str | None:
    """Why `actor` may not do `action` (on records of `grids`) on a node of `node_role`, in Chinese; None when
    allowed."""
    if node_role in NODE_ACTIONS and action not in NODE_ACTIONS[node_role]:
        return node_refusal(node_role, action)
    allowed = POLICY[action]
    if actor.role not in allowed:
        held = ROLE_LABELS.get(actor.role, "没有使用人角色")
        return f"{actor.name}（{held}）没有{action.value}的权限，只有{who_may(action)}可以{action.value}。"
    if actor.role == WORKER and action in OWN_GRIDS_ONLY and grids is not None:
        outside = set(grids) - set(own_grids or ())
        if outside:
            return f"网格员只能{action.value}本人负责的网格；这条记录不在{actor.name}负责的网格内。"
    return None


def can(actor: Actor, action: Action, grids: Iterable[str] | None = None,
        own_grids: Iterable[str] | None = None, node_role: str = "village") -> bool:
    return refusal(actor, action, grids, own_grids, node_role) is None


def sees_numbers_in_full(actor: Actor, edit: Action = A.EDIT_REGISTER) -> bool:
    """Whether a record read for `actor` keeps its identity numbers and phones in full: only for who may edit it
    (its edit form needs them); every other reader gets them masked, and 显示完整身份证号 is the audited way."""
    return can(actor, edit)


def require(actor: Actor, action: Action, grids: Iterable[str] | None = None,
            own_grids: Iterable[str] | None = None) -> None:
    why = refusal(actor, action, grids, own_grids)
    if why is not None:
        raise PermissionDenied(why)


def require_grant(actor: Actor, role: str) -> None:
    """A user manager grants only a role they may grant; the message names the role."""
    require(actor, A.MANAGE_USERS)
    if role not in ROLE_LABELS:
        raise PermissionDenied(f"没有“{role}”这个角色；角色应为{'、'.join(ROLE_LABELS.values())}。")
    if role not in GRANTABLE.get(actor.role, ()):
        raise PermissionDenied(f"{actor.name}（{ROLE_LABELS[actor.role]}）不能授予“{ROLE_LABELS[role]}”角色："
                               "只能授予自己所持有的权限。")


def require_other_person(actor: Actor, earlier_user_id: str, earlier_name: str, rule: str) -> None:
    """Four eyes: the second step is not done by whoever did the first ("rule" says which)."""
    if earlier_user_id and actor.user_id == earlier_user_id:
        raise PermissionDenied(f"{rule}：{earlier_name}已经做了上一步，须由另一位有权限的人办理。")


def require_month_ended(month: str, today: dt.date) -> None:
    """A month is locked only once it is over (month is 'YYYY-MM')."""
    year, mon = int(month[:4]), int(month[5:7])
    first_after = dt.date(year + (mon == 12), mon % 12 + 1, 1)
    if today < first_after:
        raise PermissionDenied(f"{month} 月还没有结束，{first_after.isoformat()} 起才能锁定该月发放表。")
