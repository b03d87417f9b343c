"""积分超市 stock: stock-in (donation or purchase), stocktake adjustments with a reason, movements."""

from __future__ import annotations

from dataclasses import dataclass

from villagedesk.domain.actor import Actor
from villagedesk.domain.clock import now_iso
from villagedesk.domain.errors import ConflictError, NotFoundError, ValidationError
from villagedesk.domain.permissions import Action
from villagedesk.domain.points.receipt import display_time
from villagedesk.domain.points.rules import parse_positive_int
from villagedesk.domain.text import clean_text
from villagedesk.services.access import authorize
from villagedesk.services.points.goods import parse_yuan
from villagedesk.services.writes import writes
from villagedesk.store.connection import Store
from villagedesk.store.points import goods as repo

SOURCE_KINDS = {"donation": "捐赠", "purchase": "采购"}
MOVEMENT_LABELS = {"stock_in": "入库", "redemption": "兑换出库", "void_return": "作废退回", "adjustment": "盘点调整"}


@dataclass(frozen=True)
class Movement:
    at: str
    kind: str
    quantity: int
    value_yuan: float
    detail: str
    operator_name: str

    @property
    def kind_label(self) -> str:
        return MOVEMENT_LABELS[self.kind]

    @property
    def when(self) -> str:
        return display_time(self.at)


def _live_goods(store: Store, goods_id: str):
    row = repo.by_id(store, goods_id)
    if row is None:
        raise NotFoundError("物资不存在。")
    return row


@writes
def stock_in(store: Store, actor: Actor, goods_id: str, source_kind: str, quantity, value_yuan, source: str,
             at: str | None = None) -> int:
    """Receive goods; returns the stock after. Value is the total of this batch in yuan."""
    row = _live_goods(store, goods_id)
    if source_kind not in SOURCE_KINDS:
        raise ValidationError("来源类别", "应为捐赠或采购")
    qty = parse_positive_int(quantity, "数量")
    value = parse_yuan(value_yuan, "价值（元）")
    who = clean_text(source)
    if not who:
        raise ValidationError("来源", "请填写捐赠单位/个人或采购商家")
    with store.transaction():
        store.insert("stock_movements", {"village_id": row["village_id"], "goods_id": goods_id, "kind": "stock_in",
                                         "quantity": qty, "value_yuan": value, "source_kind": source_kind,
                                         "source": who, "operator_name": actor.name, "at": at or now_iso()},
                     actor, "物资入库", f"{row['name']} {qty}{row['unit']}，{SOURCE_KINDS[source_kind]}：{who}，{value:.2f} 元")
        return repo.stock(store, goods_id)


@writes
def stocktake(store: Store, actor: Actor, goods_id: str, counted, reason: str) -> int:
    """Set the stock to what was counted on the shelf, recording the difference and why."""
    actor = authorize(store, actor, Action.ADJUST_STOCK)
    row = _live_goods(store, goods_id)
    text = clean_text(counted)
    if not text.isdigit():
        raise ValidationError("实盘数量", "应为 0 或正整数")
    why = clean_text(reason)
    if not why:
        raise ValidationError("调整原因", "不能为空，例如：受潮损耗、清点差错")
    with store.transaction():
        diff = int(text) - repo.stock(store, goods_id)
        if diff == 0:
            raise ConflictError(f"{row['name']}实盘数量与账面一致，无需调整。")
        store.insert("stock_movements", {"village_id": row["village_id"], "goods_id": goods_id,
                                         "kind": "adjustment", "quantity": diff,
                                         "value_yuan": round(diff * row["value_yuan"], 2), "reason": why,
                                         "operator_name": actor.name, "at": now_iso()},
                     actor, "盘点调整", f"{row['name']} {diff:+d}{row['unit']}：{why}")
    return int(text)


def movements(store: Store, goods_id: str) -> list[Movement]:
    out = []
    for r in repo.movements(store, goods_id):
        if r["kind"] == "stock_in":
            detail = f"{SOURCE_KINDS[r['source_kind']]}：{r['source']}"
        elif r["kind"] in ("redemption", "void_return"):
            detail = f"兑换凭证 {r['receipt_number']}"
        else:
            detail = r["reason"]
        out.append(Movement(r["at"], r["kind"], r["quantity"], r["value_yuan"], detail, r["operator_name"]))
    return out

