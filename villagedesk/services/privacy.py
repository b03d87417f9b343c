"""Personal data on request: one full identity number with a reason (audited), and the audit trail itself."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from villagedesk.domain import clock
from villagedesk.domain.actor import Actor
from villagedesk.domain.audit_chain import GENESIS, line_hash
from villagedesk.domain.errors import NotFoundError, ValidationError
from villagedesk.domain.permissions import Action
from villagedesk.domain.text import clean_text
from villagedesk.services.access import authorize
from villagedesk.services.writes import writes
from villagedesk.store import audit as audit_repo
from villagedesk.store import users as user_repo
from villagedesk.store.connection import Store
from villagedesk.store.register import households as register_repo

REVEAL = "显示完整身份证号"


@writes(township=True)
def reveal_identity(store: Store, actor: Actor, resident_id: str, reason: str) -> str:
    """One resident's full identity number, for a user the policy allows, with a reason; the reveal is audited."""
    row = register_repo.resident(store, resident_id)
    if row is None:
        raise NotFoundError("该居民不存在或已删除。")
    grid = user_repo.household_grids(store, [row["household_id"]])
    who = authorize(store, actor, Action.REVEAL_IDENTITY, grid)
    why = clean_text(reason)
    if len(why) < 2:
        raise ValidationError("查看原因", "请写明为什么需要完整号码，例如：办理低保年审")
    with store.transaction():
        store.audit(who, REVEAL, "residents", resident_id, f"{row['name']}：{why}")
    return row["id_number"]


class AuditLine(NamedTuple):  # not a dataclass: see domain/actor.py
    id: int
    at: str
    user_id: str
    user: str
    action: str
    table: str
    row_id: str
    detail: str


def audit_lines(store: Store, actor: Actor, user_id: str = "", kind: str = "", day_from: str = "",
                day_to: str = "", limit: int = 5000) -> list[AuditLine]:
    """系统设置 › 操作记录: who did what to which record when, newest first, filtered."""
    authorize(store, actor, Action.VIEW_AUDIT)
    return [AuditLine(r["id"], r["at"], r["user_id"], r["user_name"], r["action"], r["tbl"] or "",
                      r["row_id"] or "", r["detail"]) for r in
            audit_repo.lines(store, user_id, kind.strip(), day_from, day_to, limit)]


def audit_kinds(store: Store) -> list[str]:
    return audit_repo.kinds(store)


def export_audit(store: Store, actor: Actor, path: str | Path, user_id: str = "", kind: str = "",
                 day_from: str = "", day_to: str = "") -> Path:
    """The filtered audit trail to Excel (itself audited)."""
    from villagedesk.reports.excel import write_xlsx
    from villagedesk.reports.table import Column, ReportTable
    from villagedesk.services import village

    who = authorize(store, actor, Action.VIEW_AUDIT)
    lines = audit_lines(store, who, user_id, kind, day_from, day_to, limit=1_000_000)
    unit = village.unit_name(store)
    table = ReportTable("操作记录", unit, f"导出于 {clock.now_iso()[:16].replace('T', ' ')}",
                        [Column("序号", "int", 7), Column("时间", width=19), Column("使用人", width=8),
                         Column("操作", width=14), Column("内容", width=48)],
                        [[ln.id, ln.at.replace("T", " ")[:19], ln.user, ln.action, ln.detail] for ln in lines],
                        totals=None, notes=[f"共 {len(lines)} 条。"], landscape=True)
    result = write_xlsx(table, path)
    with store.transaction():
        store.audit(who, "导出操作记录", detail=f"{len(lines)} 条：{Path(result).name}")
    return result


def audit_problems(store: Store) -> list[str]:
    """`check`: the trail is numbered 1..n without a gap and every line chains onto the one before."""
    problems: list[str] = []
    prev, expected = GENESIS, 1
    for r in audit_repo.chain(store):
        if r["id"] != expected:
            problems.append(f"操作记录序号不连续：第 {expected} 条之后是第 {r['id']} 条（有记录被删除）")
            expected = r["id"]
        if r["prev_hash"] != prev:
            problems.append(f"操作记录第 {r['id']} 条与上一条接不上（记录被删除或改动）")
        h = line_hash(r["prev_hash"], r["id"], r["at"], r["user_id"], r["user_name"], r["action"], r["tbl"],
                      r["row_id"], r["detail"])
        if h != r["hash"]:
            problems.append(f"操作记录第 {r['id']} 条的内容被改动过（校验值不符）")
        prev, expected = r["hash"], expected + 1
        if len(problems) >= 20:
            break
    return problems
