"""积分超市 goods catalogue: name, unit, points price, reference value in yuan, low-stock level."""

from __future__ import annotations

from dataclasses import dataclass

from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import NotFoundError, ValidationError
from villagedesk.domain.points.rules import parse_points
from villagedesk.domain.text import clean_text
from villagedesk.services.points.common import village_id
from villagedesk.services.writes import writes
from villagedesk.store.connection import Store
from villagedesk.store.points import goods as repo


@dataclass(frozen=True)
class Goods:
    id: str
    name: str
    unit: str
    points_price: int
    value_yuan: float
    low_stock_at: int
    active: bool
    stock: int

    @property
    def low(self) -> bool:
        return self.active and self.stock <= self.low_stock_at


def _goods(row) -> Goods:
    return Goods(row["id"], row["name"], row["unit"], row["points_price"], row["value_yuan"],
                 row["low_stock_at"], bool(row["active"]), row["stock"])


def parse_yuan(value: object, field: str) -> float:
    """An amount of money ≥ 0 with at most two decimals (分)."""
    text = clean_text(value).replace("元", "").replace(",", "") if not isinstance(value, (int, float)) else value
    try:
        amount = round(float(text), 2)
    except (TypeError, ValueError):
        raise ValidationError(field, f"“{value}”不是有效金额") from None
    if amount < 0:
        raise ValidationError(field, "不能为负数")
    if abs(float(text) - amount) > 1e-9:
        raise ValidationError(field, "最多保留两位小数")
    if amount > 1_000_000:
        raise ValidationError(field, "金额过大，请核对")
    return amount


def _validate(name, unit, points_price, value_yuan, low_stock_at) -> dict:
    text = clean_text(name)
    if not text:
        raise ValidationError("物资名称", "不能为空")
    if len(text) > 30:
        raise ValidationError("物资名称", "不能超过 30 个字")
    unit_text = clean_text(unit)
    if not unit_text:
        raise ValidationError("单位", "不能为空，例如：袋、桶、瓶")
    if len(unit_text) > 6:
        raise ValidationError("单位", "不能超过 6 个字")
    low = clean_text(low_stock_at)
    if not low.isdigit():
        raise ValidationError("低库存提醒", "应为 0 或正整数")
    return {"name": text, "unit": unit_text, "points_price": parse_points(points_price, "兑换积分"),
            "value_yuan": parse_yuan(value_yuan, "参考价值（元）"), "low_stock_at": int(low)}


@writes
def add_goods(store: Store, actor: Actor, name, unit, points_price, value_yuan, low_stock_at=5) -> Goods:
    data = _validate(name, unit, points_price, value_yuan, low_stock_at)
    vid = village_id(store)
    with store.transaction():
        if repo.name_taken(store, vid, data["name"]):
            raise ValidationError("物资名称", f"已有名为“{data['name']}”的物资")
        gid = store.insert("goods", {"village_id": vid, **data}, actor, "新增兑换物资",
                           f"{data['name']}：{data['points_price']} 分/{data['unit']}")
    return goods_by_id(store, gid)


@writes
def update_goods(store: Store, actor: Actor, goods_id: str, name, unit, points_price, value_yuan,
                 low_stock_at, active: bool = True) -> Goods:
    old = repo.by_id(store, goods_id)
    if old is None:
        raise NotFoundError("物资不存在。")
    data = _validate(name, unit, points_price, value_yuan, low_stock_at)
    with store.transaction():
        if repo.name_taken(store, old["village_id"], data["name"], except_id=goods_id):
            raise ValidationError("物资名称", f"已有名为“{data['name']}”的物资")
        store.update("goods", goods_id, {**data, "active": int(active)}, actor, "修改兑换物资",
                     f"{data['name']}：{data['points_price']} 分/{data['unit']}" + ("" if active else "（停用）"))
    return goods_by_id(store, goods_id)


def goods_list(store: Store, active_only: bool = False) -> list[Goods]:
    return [_goods(r) for r in repo.listing(store, village_id(store), active_only)]


def goods_by_id(store: Store, goods_id: str) -> Goods:
    row = repo.by_id(store, goods_id)
    if row is None:
        raise NotFoundError("物资不存在。")
    return _goods(row)


def low_stock(store: Store) -> list[Goods]:
    """Active goods at or below their warning level, for 首页."""
    return [goods_by_id(store, r["id"]) for r in repo.low_stock(store, village_id(store))]
