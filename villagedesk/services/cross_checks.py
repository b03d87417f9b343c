"""`check`'s cross-examination: records against their change-log payloads and the records they came from.

A hash chain recomputed by someone with the file proves nothing by itself; these checks ask whether each
ledger entry, stock movement, receipt line and locked payroll line is what the change log recorded, and
whether each award and redemption has the activity, participant, rule or receipt that caused it.
"""

from __future__ import annotations

import json

from villagedesk.store import cross_checks as repo
from villagedesk.store.connection import Store
from villagedesk.store.points import checks as points_repo

TABLE_LABELS = {"point_entries": "积分台账记录", "stock_movements": "库存流水", "redemption_items": "兑换明细"}


def _entry(e) -> str:
    return f"积分台账记录 {e['id']}（节点 {e['origin']} 第 {e['seq']} 条，{e['at'][:10]}，{e['delta']:+d} 分，{e['reason']}）"


def change_log_cross_problems(store: Store) -> list[str]:
    """Each append-only row equals its logged insert; no logged insert has lost its row; none was changed."""
    problems = []
    for table, label in TABLE_LABELS.items():
        problems += [f"{label} {r['id']} 的{r['fields']}与变更日志（节点 {r['log_origin']} 第 {r['log_seq']} 条）"
                     "记录的不一致，已被改动" for r in repo.rows_unlike_their_insert(store, table)]
        problems += [f"{label} {r['id']}（节点 {r['origin']}）在变更日志中没有记录，不是本软件写入的"
                     for r in repo.rows_never_logged(store, table)]
        for r in repo.logged_rows_gone(store, table):
            p = json.loads(r["payload"])
            what = f"，{p.get('at', '')[:10]}，{p['delta']:+d} 分，{p.get('reason', '')}" if "delta" in p else ""
            problems.append(f"{label} {r['id']}（变更日志 节点 {r['origin']} 第 {r['seq']} 条{what}）已被删除")
        problems += [f"{label} {r['id']} 只能新增，变更日志却记录了一次{'删除' if r['op'] == 'delete' else '修改'}"
                     f"（节点 {r['origin']} 第 {r['seq']} 条）" for r in repo.logged_changes_of_append_only(store, table)]
    return problems


def source_problems(store: Store) -> list[str]:
    """Awards ↔ posted activities and participants (deductions ↔ rules); redeem entries ↔ receipts."""
    problems = [f"{_entry(e)}没有对应的已入账活动参与人或积分规则" for e in points_repo.awards_without_source(store)]
    problems += [f"活动“{r['title']}”给同一人（{r['resident_id']}）加分 {r['n']} 次"
                 for r in points_repo.awards_twice(store)]
    problems += [f"活动“{r['title']}”（{r['activity_date']}）已入账，但参与人{r['name'] or ''}没有加分记录"
                 for r in points_repo.participants_without_award(store)]
    problems += [f"{_entry(e)}不是活动“{e['title']}”入账时一并写入的（变更日志中夹在其他记录之后），是事后添加的"
                 for e in points_repo.awards_not_logged_with_their_activity(store)]
    problems += [f"{_entry(e)}没有对应的兑换凭证" for e in points_repo.redeem_entries_without_receipt(store)]
    return problems


def payroll_log_problems(store: Store) -> list[str]:
    """Locked payroll lines are what the change log last recorded, and nothing changed them after the lock."""
    problems = [f"补贴发放表 {r['month']} 锁定后，{r['worker_name']}的发放明细又被改动"
                for r in repo.lines_changed_after_lock(store)]
    problems += [f"补贴发放表 {r['month']} 的{r['worker_name']}（{r['field']}）为 {r['value']} 分，"
                 f"变更日志记录的是 {r['logged']} 分，已被改动" for r in repo.payroll_line_values_unlike_log(store)]
    problems += [f"补贴发放表 {r['month']} 显示已锁定，但变更日志中没有锁定记录"
                 for r in repo.locked_payrolls_without_logged_lock(store)]
    return problems


def _yuan(fen: int) -> str:
    return f"{fen / 100:.2f}"


def payroll_source_problems(store: Store) -> list[str]:
    """Locked payrolls against what they were computed from: the service days paid and the stipend tiers."""
    problems = [f"补贴发放表 {r['month']} 的{r['worker_name']}应急补助为 {_yuan(r['subsidy_fen'])} 元（{r['subsidy_days']} 天），"
                f"但该表记下发放的服务日合计 {_yuan(r['fen'])} 元（{r['n']} 天）" for r in repo.lines_unlike_their_days(store)]
    problems += [f"补贴发放表 {r['month']} 的{r['worker_name']}网格补贴为 {_yuan(r['stipend_fen'])} 元，与当月阶梯标准"
                 f"（{r['residents']} 人 {_yuan(r['amount_fen'])} 元/月）不符" for r in repo.stipends_unlike_their_tier(store)]
    return problems


CHECKS = [change_log_cross_problems, source_problems, payroll_log_problems, payroll_source_problems]
