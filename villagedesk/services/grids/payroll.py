"""The monthly payroll: computed from each grid's residents and each worker's emergency days; review, approve, lock.

A locked month never changes; a correction is an adjustment line in a later month. Emergency days
entered after their month was locked are paid automatically in the next payroll computed (补发).
"""

from __future__ import annotations

import datetime as dt

from villagedesk.domain import clock
from villagedesk.domain.actor import Actor
from villagedesk.domain.clock import now_iso
from villagedesk.domain.errors import NotFoundError, PermissionDenied, ValidationError
from villagedesk.domain.grids.dates import month_bounds, month_label
from villagedesk.domain.grids.payroll import (
    CATEGORY_LABELS,
    STATUS_LABELS,
    Adjustment,
    Payroll,
    PayrollLine,
    fingerprint,
)
from villagedesk.domain.grids.stipend import EMERGENCY_KINDS, days_held, parse_yuan, prorate, tier_for, yuan
from villagedesk.domain.ids import new_id
from villagedesk.domain.permissions import HEAD, Action, require_month_ended, require_other_person
from villagedesk.domain.text import clean_text
from villagedesk.services.access import authorize, refuse, signed
from villagedesk.services.grids.stipends import rates, tier_table_on
from villagedesk.services.grids.workers import stored_worker
from villagedesk.services.progress import Job, step
from villagedesk.services.village import home_village_id
from villagedesk.services.writes import writes
from villagedesk.store.connection import Store
from villagedesk.store.grids import assignments as assignment_repo
from villagedesk.store.grids import grids as grid_repo
from villagedesk.store.grids import payroll as repo

FIELD = "发放月份"


def _locked_refusal(month: str) -> ValidationError:
    return ValidationError(FIELD, f"{month} 的发放表已锁定，不能修改；更正请在以后月份的发放表中录入调整")


def _rate_finder(store: Store):
    by_kind: dict[str, list[tuple[str, int]]] = {}
    for r in rates(store):  # newest first
        by_kind.setdefault(r.kind, []).append((r.effective_from, r.rate_fen))

    def rate_on(kind: str, day: str) -> int:
        for start, fen in by_kind.get(kind, []):
            if start <= day:
                return fen
        raise ValidationError("临时补助标准", f"{day} 的“{EMERGENCY_KINDS[kind]}”没有补助标准，"
                                            "请先在“补贴标准”中设置")
    return rate_on


def calculate(store: Store, month: str, payroll_id: str = "") -> tuple[list[dict], list[dict]]:
    """The lines and the emergency days paid of a month, without writing anything."""
    village_id = home_village_id(store)
    start, end = month_bounds(month)
    month_days = (end - start).days
    table = tier_table_on(store, start)
    if table is None:
        raise ValidationError("阶梯补贴标准", f"{month} 没有适用的阶梯补贴标准，请先在“补贴标准”中设置")
    residents = grid_repo.residents_by_grid(store, village_id)
    lines: dict[str, dict] = {}

    def line(worker_id: str, name: str) -> dict:
        return lines.setdefault(worker_id, {
            "worker_id": worker_id, "worker_name": name, "grids": [], "residents": None, "stipend_fen": 0,
            "details": [], "subsidy_days": 0, "subsidy_fen": 0, "adjustment_fen": 0, "adjustments": [],
            "_longest": -1, "_code": "~"})

    for a in assignment_repo.in_month(store, village_id, start.isoformat(), end.isoformat()):
        # a resting (暂停) worker keeps the grid but is not paid its stipend from the day the rest began
        rest = a["resting_since"]
        held_to = min(d for d in (a["end_date"], rest) if d) if (a["end_date"] or rest) else None
        days = days_held(a["start_date"], held_to, start, end)
        if days == 0:
            continue
        people = residents.get(a["grid_id"])
        if people is None:
            raise ValidationError("人口", f"网格“{a['grid_name']}”没有人口数，请录入农户或在网格中填写人口")
        tier = tier_for(table.tiers, people)
        fen = prorate(tier.amount_fen, days, month_days)
        ln = line(a["worker_id"], a["worker_name"])
        ln["grids"].append(a["grid_name"])
        ln["stipend_fen"] += fen
        part = f"×{days}/{month_days} 天" if days < month_days else ""
        if rest and rest < end.isoformat() and (a["end_date"] is None or rest < a["end_date"]):
            part += f"（{rest} 起暂停）"
        ln["details"].append(f"{a['grid_name']} {people} 人，{yuan(tier.amount_fen)} 元/月{part}")
        if days > ln["_longest"]:
            ln["_longest"], ln["residents"], ln["_code"] = days, people, a["grid_code"]

    rate_on = _rate_finder(store)
    paid_days = []
    for d in repo.days_to_pay(store, village_id, start.isoformat(), end.isoformat(), payroll_id):
        fen = rate_on(d["kind"], d["day"])
        ln = line(d["worker_id"], d["worker_name"])
        if d["late"]:
            ln["adjustment_fen"] += fen
            ln["adjustments"].append(f"补发 {d['day']} {EMERGENCY_KINDS[d['kind']]} {yuan(fen)}")
        else:
            ln["subsidy_days"] += 1
            ln["subsidy_fen"] += fen
        paid_days.append({"service_day_id": d["id"], "worker_id": d["worker_id"], "day": d["day"],
                          "kind": d["kind"], "rate_fen": fen, "late": int(d["late"])})

    for adj in repo.adjustments(store, village_id, month):
        ln = line(adj["worker_id"], adj["worker_name"])
        ln["adjustment_fen"] += adj["amount_fen"]
        ln["adjustments"].append(f"{adj['corrects_month']} {CATEGORY_LABELS[adj['category']]}"
                                 f" {'+' if adj['amount_fen'] > 0 else ''}{yuan(adj['amount_fen'])}（{adj['reason']}）")

    out = []
    for n, ln in enumerate(sorted(lines.values(), key=lambda x: (x["_code"], x["worker_name"])), 1):
        total = ln["stipend_fen"] + ln["subsidy_fen"] + ln["adjustment_fen"]
        out.append({"line_no": n, "worker_id": ln["worker_id"], "worker_name": ln["worker_name"],
                    "grid_names": "、".join(ln["grids"]), "residents": ln["residents"],
                    "stipend_fen": ln["stipend_fen"], "stipend_detail": "；".join(ln["details"]),
                    "subsidy_days": ln["subsidy_days"], "subsidy_fen": ln["subsidy_fen"],
                    "adjustment_fen": ln["adjustment_fen"], "adjustment_detail": "；".join(ln["adjustments"]),
                    "total_fen": total})
    return out, paid_days


def _totals(lines: list[dict]) -> dict[str, int]:
    return {k: sum(line[k] for line in lines) for k in ("stipend_fen", "subsidy_fen", "adjustment_fen", "total_fen")}


def _get(store: Store, month: str, village_id: str | None = None):
    return repo.by_month(store, village_id or home_village_id(store), month)


@writes
def compute_payroll(store: Store, actor: Actor, month: object, job: Job | None = None,
                    today: dt.date | None = None) -> Payroll:
    """Compute (or recompute) a month's payroll as a draft, all or nothing."""
    actor = authorize(store, actor, Action.COMPUTE_PAYROLL)
    label = month_label(month)
    start, _ = month_bounds(label)
    if start > (today or clock.today()):
        raise ValidationError(FIELD, f"{label} 还没到，不能计算")
    old = _get(store, label)
    if old is not None and old["status"] == "locked":
        raise _locked_refusal(label)
    if old is not None and old["status"] != "draft":
        raise ValidationError(FIELD, f"{label} 的发放表{STATUS_LABELS[old['status']]}，如需重新计算请先“退回修改”")
    step(job, 0.1, f"正在计算 {label} 的补贴")
    lines, paid_days = calculate(store, label, old["id"] if old else "")
    totals = _totals(lines)
    step(job, 0.6, "正在保存发放表")
    with store.transaction():
        fields = {"computed_at": now_iso(), "prepared_by": actor.name, "prepared_by_id": actor.user_id,
                  "reviewed_by": "", "reviewed_by_id": "", "approved_by": "", **totals}
        if old is None:
            payroll_id = store.insert("payrolls", {"village_id": home_village_id(store), "month": label,
                                                   "status": "draft", **fields}, actor, "计算补贴发放表", label)
        else:
            payroll_id = old["id"]
            store.update("payrolls", payroll_id, fields, actor, "重新计算补贴发放表", label)
            for table, ids in (("payroll_lines", repo.live_line_ids(store, payroll_id)),
                               ("payroll_paid_days", repo.live_paid_day_ids(store, payroll_id))):
                for row_id in ids:
                    store.tombstone(table, row_id, actor, "重新计算补贴发放表")
        store.insert_many("payroll_lines", [{"id": new_id(), "payroll_id": payroll_id, **ln} for ln in lines], actor)
        store.insert_many("payroll_paid_days", [{"id": new_id(), "payroll_id": payroll_id, **d} for d in paid_days],
                          actor)
        store.audit(actor, "计算补贴发放表", "payrolls", payroll_id,
                    f"{label}：{len(lines)} 人，合计 {yuan(totals['total_fen'])} 元")
    step(job, 1.0, "发放表已计算")
    return _written(store, label)


def _written(store: Store, label: str) -> Payroll:
    """The payroll this transaction just wrote (it is there: the write committed)."""
    payroll = get_payroll(store, label)
    assert payroll is not None
    return payroll


def get_payroll(store: Store, month: object, village_id: str | None = None) -> Payroll | None:
    """The month's payroll of the home village, or of `village_id` (a township's report over its villages)."""
    label = month_label(month)
    row = _get(store, label, village_id)
    if row is None:
        return None
    lines = [PayrollLine(r["line_no"], r["worker_id"], r["worker_name"], r["grid_names"], r["residents"],
                         r["stipend_fen"], r["stipend_detail"], r["subsidy_days"], r["subsidy_fen"],
                         r["adjustment_fen"], r["adjustment_detail"], r["total_fen"])
             for r in repo.lines(store, row["id"])]
    start, _ = month_bounds(label)
    table = tier_table_on(store, start, village_id)
    notes = []
    if table is not None:
        notes.append(f"阶梯补贴标准（{table.month} 起执行）：" + "；".join(t.label for t in table.tiers))
    notes.append("分档人口为网格常住人口：在册农户中在家居住的人口，不含外出务工、已迁出、已去世；"
                 "未录入农户的网格按手填人口。")
    notes.append("月中轮换的网格按在岗天数折算；网格员暂停期间（自暂停之日起）不发阶梯补贴，代岗另以调整发放；"
                 "临时补助按每天所属类别当日执行的标准计发。")
    return Payroll(row["id"], label, row["status"], row["computed_at"], row["prepared_by"], row["reviewed_by"],
                   row["approved_by"], row["locked_at"], lines, row["stipend_fen"], row["subsidy_fen"],
                   row["adjustment_fen"], row["total_fen"], notes, adjustments(store, label, village_id))


def payroll_months(store: Store) -> list[tuple[str, str, int]]:
    """(month, status, total fen) of every payroll, newest first."""
    return [(r["month"], r["status"], r["total_fen"]) for r in repo.months(store, home_village_id(store))]


def _transition(store: Store, actor: Actor, month: object, frm: tuple[str, ...], to: str, action: str,
                extra: dict | None = None, four_eyes=None) -> Payroll:
    label = month_label(month)
    row = _get(store, label)
    if row is None:
        raise NotFoundError(f"{FIELD}：{label} 还没有发放表，请先计算")
    if row["status"] == "locked":
        raise _locked_refusal(label)
    if row["status"] not in frm:
        need = "、".join(STATUS_LABELS[s] for s in frm)
        raise ValidationError(FIELD, f"{label} 的发放表{STATUS_LABELS[row['status']]}，只有{need}的才能{action}")
    if four_eyes is not None:
        four_eyes(row)
    with store.transaction():
        store.update("payrolls", row["id"], {"status": to, **(extra or {})}, actor, f"{action}补贴发放表", label)
    return _written(store, label)


@writes
def review_payroll(store: Store, actor: Actor, month: object) -> Payroll:
    """Four eyes: the reviewer is not the preparer."""
    actor = authorize(store, actor, Action.REVIEW_PAYROLL)

    def not_preparer(row) -> None:
        _four_eyes(store, actor, row["prepared_by_id"], row["prepared_by"], "补贴发放表的审核人不能是制表人")
    return _transition(store, actor, month, ("draft",), "reviewed", "审核",
                       {"reviewed_by": actor.name, "reviewed_by_id": actor.user_id}, not_preparer)


@writes
def approve_payroll(store: Store, actor: Actor, month: object) -> Payroll:
    """Four eyes: the approver is not the reviewer."""
    actor = authorize(store, actor, Action.APPROVE_PAYROLL)

    def not_reviewer(row) -> None:
        _four_eyes(store, actor, row["reviewed_by_id"], row["reviewed_by"], "补贴发放表的审批人不能是审核人")
    return _transition(store, actor, month, ("reviewed",), "approved", "审批", {"approved_by": actor.name},
                       not_reviewer)


@writes
def return_payroll(store: Store, actor: Actor, month: object) -> Payroll:
    """Send a reviewed or approved payroll back to draft so it can be recomputed (a reviewer or an approver)."""
    who = signed(store, actor)
    actor = authorize(store, who, Action.APPROVE_PAYROLL if who.role == HEAD else Action.REVIEW_PAYROLL)
    return _transition(store, actor, month, ("reviewed", "approved"), "draft", "退回",
                       {"reviewed_by": "", "reviewed_by_id": "", "approved_by": ""})


def _four_eyes(store: Store, actor: Actor, earlier_id: str, earlier_name: str, rule: str) -> None:
    """Ids where the row has them (rows from before schema 8 have names only)."""
    same = actor.user_id == earlier_id if earlier_id else actor.name == earlier_name
    if same:
        try:
            require_other_person(actor, actor.user_id, earlier_name, rule)
        except PermissionDenied as exc:
            raise refuse(store, actor, exc.message) from None


@writes
def lock_payroll(store: Store, actor: Actor, month: object) -> Payroll:
    """Lock an approved month, once it is over: from now on it never changes; its fingerprint is kept to prove it."""
    actor = authorize(store, actor, Action.LOCK_PAYROLL)
    label = month_label(month)
    try:
        require_month_ended(label, clock.today())
    except PermissionDenied as exc:
        raise refuse(store, actor, exc.message) from None
    row = _get(store, label)
    stored = [dict(r) for r in repo.lines(store, row["id"])] if row is not None else []
    return _transition(store, actor, label, ("approved",), "locked", "锁定",
                       {"locked_at": now_iso(), "lock_hash": fingerprint(label, stored)})


def adjustments(store: Store, month: object, village_id: str | None = None) -> list[Adjustment]:
    label = month_label(month)
    return [Adjustment(r["id"], r["month"], r["worker_id"], r["worker_name"], r["corrects_month"], r["category"],
                       r["amount_fen"], r["reason"])
            for r in repo.adjustments(store, village_id or home_village_id(store), label)]


def _open_for_adjustment(store: Store, label: str):
    row = _get(store, label)
    if row is not None and row["status"] == "locked":
        raise _locked_refusal(label)
    if row is not None and row["status"] != "draft":
        raise ValidationError(FIELD, f"{label} 的发放表{STATUS_LABELS[row['status']]}，录入调整前请先“退回修改”")
    return row


@writes
def add_adjustment(store: Store, actor: Actor, month: object, worker_id: str, corrects_month: object,
                   category: str, amount: object, reason: object) -> str:
    """A correction of a locked month, paid (or deducted) in a later month; a draft of that month is recomputed."""
    actor = authorize(store, actor, Action.COMPUTE_PAYROLL)
    label = month_label(month)
    fixes = month_label(corrects_month, "更正月份")
    worker = stored_worker(store, worker_id)
    if fixes >= label:
        raise ValidationError("更正月份", f"应早于发放月份 {label}")
    earlier = _get(store, fixes)
    if earlier is None or earlier["status"] != "locked":
        raise ValidationError("更正月份", f"{fixes} 的发放表尚未锁定，直接在该月重新计算即可，不需要调整")
    if category not in CATEGORY_LABELS:
        raise ValidationError("调整类别", "应为阶梯补贴或临时补助")
    fen = parse_yuan(amount, "调整金额", signed=True)
    if fen == 0:
        raise ValidationError("调整金额", "不能为 0")
    if abs(fen) > 100_000:
        raise ValidationError("调整金额", "单笔调整不能超过 1,000 元，请核对")
    why = clean_text(reason)
    if not why:
        raise ValidationError("调整原因", "不能为空")
    row = _open_for_adjustment(store, label)
    with store.transaction():
        adj_id = store.insert("payroll_adjustments", {
            "village_id": home_village_id(store), "month": label, "worker_id": worker_id, "corrects_month": fixes,
            "category": category, "amount_fen": fen, "reason": why}, actor, "录入补贴调整",
            f"{worker['name']} {fixes} {CATEGORY_LABELS[category]} {yuan(fen)} 元，于 {label} 发放表")
        if row is not None:
            compute_payroll(store, actor, label)
    return adj_id


@writes
def remove_adjustment(store: Store, actor: Actor, adjustment_id: str) -> None:
    actor = authorize(store, actor, Action.COMPUTE_PAYROLL)
    adj = repo.adjustment(store, adjustment_id)
    if adj is None:
        raise NotFoundError("该调整不存在或已作废")
    row = _open_for_adjustment(store, adj["month"])
    with store.transaction():
        store.tombstone("payroll_adjustments", adjustment_id, actor, "作废补贴调整", adj["reason"])
        if row is not None:
            compute_payroll(store, actor, adj["month"])
