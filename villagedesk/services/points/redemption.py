"""Redemption at the counter: one transaction checks balance and stock, debits, moves stock, numbers the receipt."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from villagedesk.domain.actor import Actor
from villagedesk.domain.clock import now_iso
from villagedesk.domain.errors import ConflictError, NotFoundError, ValidationError
from villagedesk.domain.ids import new_id
from villagedesk.domain.permissions import Action
from villagedesk.domain.points.receipt import check_value, receipt_number
from villagedesk.domain.points.rules import parse_positive_int
from villagedesk.domain.text import clean_text
from villagedesk.services.access import authorize
from villagedesk.services.points.common import require_void_role
from villagedesk.services.points.common import today as _today
from villagedesk.services.writes import writes
from villagedesk.store import villages as villages_repo
from villagedesk.store.connection import Store
from villagedesk.store.points import goods as goods_repo
from villagedesk.store.points import ledger as ledger_repo
from villagedesk.store.points import redemptions as repo

MAX_LINES = 20  # an A4 receipt holds this many lines


@dataclass(frozen=True)
class QuoteLine:
    goods_id: str
    name: str
    unit: str
    quantity: int
    points_price: int
    points: int
    value_yuan: float
    stock: int


@dataclass(frozen=True)
class Quote:
    """What the counter shows before confirming: the lines, the total, the balance before and after."""

    household_id: str
    household_label: str
    lines: list[QuoteLine]
    total_points: int
    balance_before: int

    @property
    def balance_after(self) -> int:
        return self.balance_before - self.total_points

    @property
    def total_value_yuan(self) -> float:
        return round(sum(line.value_yuan for line in self.lines), 2)


@dataclass(frozen=True)
class Redeemed:
    id: str
    number: str
    total_points: int
    balance_after: int


def quote(store: Store, household_id: str, cart: list[tuple[str, object]]) -> Quote:
    """Price a cart and refuse it, naming the goods or the household, if it cannot be redeemed now."""
    return _quote(store, household_id, cart)[0]


def _quote(store: Store, household_id: str, cart: list[tuple[str, object]]):
    """The quote and the household's row (its village), in as few statements as the counter can afford."""
    hh = ledger_repo.household_row(store, household_id)
    if hh is None or hh["deleted_at"] is not None or hh["status"] != "active":
        raise ValidationError("农户", "请先选择一户在册农户")
    if not cart:
        raise ValidationError("兑换物资", "购物单是空的，请先添加物资")
    wanted: dict[str, int] = {}
    rows = goods_repo.by_ids(store, list(dict.fromkeys(goods_id for goods_id, _qty in cart)))
    for goods_id, qty in cart:
        row = rows.get(goods_id)
        if row is None:
            raise ValidationError("兑换物资", "所选物资不存在")
        n = parse_positive_int(qty, f"{row['name']}的数量")
        wanted[goods_id] = wanted.get(goods_id, 0) + n
    if len(wanted) > MAX_LINES:
        raise ValidationError("兑换物资", f"一次最多兑换 {MAX_LINES} 种物资")
    lines = []
    for goods_id, n in wanted.items():
        row = rows[goods_id]
        if not row["active"]:
            raise ConflictError(f"{row['name']}已停用，不能兑换。")
        if n > row["stock"]:
            raise ConflictError(f"{row['name']}库存不足：要兑换 {n}{row['unit']}，库存只有 {row['stock']}{row['unit']}。")
        lines.append(QuoteLine(goods_id, row["name"], row["unit"], n, row["points_price"], n * row["points_price"],
                               round(n * row["value_yuan"], 2), row["stock"]))
    total = sum(line.points for line in lines)
    before = ledger_repo.balance(store, household_id)
    if total > before:
        raise ConflictError(f"{hh['label']}积分不足：本次需要 {total} 分，账户余额只有 {before} 分。")
    return Quote(household_id, hh["label"], lines, total, before), hh


@writes
def redeem(store: Store, actor: Actor, household_id: str, cart: list[tuple[str, object]],
           resident_id: str | None = None, at: str | None = None) -> Redeemed:
    """All or nothing: the ledger debit, the stock movements and the receipt number commit together."""
    actor = authorize(store, actor, Action.REDEEM)
    if resident_id:
        person = ledger_repo.resident_row(store, resident_id)
        if person is None or person["household_id"] != household_id:
            raise ValidationError("领取人", "领取人应是本户成员")
    at = at or now_iso()
    year = int(at[:4])
    with store.transaction():
        q, hh = _quote(store, household_id, cart)  # re-checked inside the write lock: balance and stock are current
        vid = hh["village_id"]
        series, seq = repo.next_number(store, vid, year)
        number = receipt_number(year, seq, series)
        village_code = villages_repo.village_code(store, vid)
        if village_code is None:  # the household's village row is gone: a damaged file, never a normal state
            raise NotFoundError("这户所属的村庄记录不存在，无法开具兑换凭证；请运行“检查数据”")
        check = check_value(village_code, number, at, household_id, q.total_points, q.balance_after,
                            [(line.name, line.quantity, line.points) for line in q.lines])
        redemption_id = new_id()
        entry = ledger_repo.append_entries(store, actor, [ledger_repo.EntryDraft(
            vid, household_id, resident_id, -q.total_points, "redeem",
            f"积分兑换 {number}：" + "、".join(f"{x.name}×{x.quantity}" for x in q.lines),
            "redemption", redemption_id)], at=at)[0]
        store.insert("redemptions", {"id": redemption_id, "village_id": vid, "year": year, "seq": seq,
                                     "series": series, "number": number, "household_id": household_id, "resident_id": resident_id,
                                     "total_points": q.total_points, "total_value_yuan": q.total_value_yuan,
                                     "balance_before": q.balance_before, "balance_after": q.balance_after,
                                     "entry_id": entry["id"], "operator_id": actor.user_id,
                                     "operator_name": actor.name, "at": at, "check_value": check},
                     actor, "积分兑换", f"{number} {q.household_label}：{q.total_points} 分")
        store.insert_many("redemption_items", [
            {"id": new_id(), "redemption_id": redemption_id, "goods_id": x.goods_id, "name": x.name, "unit": x.unit,
             "quantity": x.quantity, "points_price": x.points_price, "points": x.points,
             "value_yuan": x.value_yuan} for x in q.lines], actor)
        store.insert_many("stock_movements", [
            {"id": new_id(), "village_id": vid, "goods_id": x.goods_id, "kind": "redemption", "quantity": -x.quantity,
             "value_yuan": -x.value_yuan, "source_kind": None, "source": "", "reason": "",
             "redemption_id": redemption_id, "operator_name": actor.name, "at": at} for x in q.lines], actor)
    return Redeemed(redemption_id, number, q.total_points, q.balance_after)


@writes
def void(store: Store, actor: Actor, redemption_id: str, reason: str, today: dt.date | None = None) -> None:
    """Same-day void by a permitted user: a reversing entry, the goods back in stock, the receipt 作废."""
    actor = require_void_role(store, actor)
    why = clean_text(reason)
    if not why:
        raise ValidationError("作废原因", "不能为空")
    row = repo.by_id(store, redemption_id)
    if row is None:
        raise NotFoundError("兑换凭证不存在。")
    if row["voided_at"]:
        raise ConflictError(f"兑换凭证 {row['number']} 已经作废。")
    day = _today(today).isoformat()
    if row["at"][:10] != day:
        raise ConflictError(f"兑换凭证 {row['number']} 是 {row['at'][:10]} 开具的，只能在当日作废。")
    items = repo.items(store, redemption_id)
    with store.transaction():
        debit = ledger_repo.entry(store, row["entry_id"])
        back = ledger_repo.append_entries(store, actor, [ledger_repo.EntryDraft(
            row["village_id"], row["household_id"], row["resident_id"], -debit["delta"], "reversal",
            f"作废兑换凭证 {row['number']}：{why}", "redemption", redemption_id, reverses_id=debit["id"])])[0]
        at = now_iso()
        store.insert_many("stock_movements", [
            {"id": new_id(), "village_id": row["village_id"], "goods_id": i["goods_id"], "kind": "void_return",
             "quantity": i["quantity"], "value_yuan": i["value_yuan"], "source_kind": None, "source": "",
             "reason": why, "redemption_id": redemption_id, "operator_name": actor.name, "at": at}
            for i in items], actor)
        store.update("redemptions", redemption_id, {"voided_at": at, "voided_by": actor.name, "void_reason": why,
                                                    "void_entry_id": back["id"]},
                     actor, "作废兑换凭证", f"{row['number']}：{why}")

