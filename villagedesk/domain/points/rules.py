"""The rule catalogue: earning items and deduction items (扣分) with their points, versioned by date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from villagedesk.domain.errors import ValidationError
from villagedesk.domain.text import clean_text

KINDS = {"earn": "加分", "deduct": "扣分"}
MAX_POINTS = 1000


@dataclass(frozen=True)
class RuleDraft:
    name: str
    kind: str
    points: int
    effective_from: dt.date
    description: str = ""


# A catalogue a village can start from; the office edits it to match its own 积分制 rules.
DEFAULT_RULES: tuple[tuple[str, str, int, str], ...] = (
    ("环境卫生整治", "earn", 10, "参加房前屋后、河塘沟渠、公路沿线清理"),
    ("矛盾纠纷调解协助", "earn", 15, "协助网格员调解邻里、家庭矛盾并调解成功"),
    ("关爱独居老人", "earn", 10, "为独居、空巢老人提供探望、代购、打扫等帮助"),
    ("关爱留守儿童", "earn", 10, "陪伴、辅导留守儿童"),
    ("防汛值守", "earn", 20, "汛期巡堤、值守、转移群众"),
    ("森林防火巡护", "earn", 15, "防火期巡山、劝阻野外用火"),
    ("政策宣传", "earn", 5, "协助网格员入户宣传政策"),
    ("移风易俗", "earn", 10, "红白喜事简办、参与文明创建"),
    ("乱倒垃圾", "deduct", 10, "经劝阻仍乱倒垃圾、乱堆乱放"),
    ("违规野外用火", "deduct", 20, "森林防火期违规烧荒、祭祀用火"),
    ("不赡养老人", "deduct", 30, "经调解仍不履行赡养义务"),
)


def validate_rule(name: object, kind: str, points: object, effective_from: object,
                  description: object = "") -> RuleDraft:
    """Each error names its field: 名称, 类别, 分值, 生效日期."""
    text = clean_text(name)
    if not text:
        raise ValidationError("名称", "不能为空")
    if len(text) > 30:
        raise ValidationError("名称", "不能超过 30 个字")
    if kind not in KINDS:
        raise ValidationError("类别", "应为加分项或扣分项")
    value = parse_points(points, "分值")
    return RuleDraft(text, kind, value, parse_date(effective_from, "生效日期"), clean_text(description))


def parse_points(value: object, field: str) -> int:
    """A positive whole number of points (a deduction's sign comes from its kind)."""
    n = parse_positive_int(value, field)
    if n > MAX_POINTS:
        raise ValidationError(field, f"不能超过 {MAX_POINTS} 分")
    return n


def parse_positive_int(value: object, field: str) -> int:
    """Quantities and points: whole numbers greater than zero; zero and negatives are refused."""
    if isinstance(value, bool):
        raise ValidationError(field, "应为大于 0 的整数")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValidationError(field, f"“{value:g}”不是整数，应为大于 0 的整数")
        value = int(value)
    if isinstance(value, int):
        n = value
    else:
        text = clean_text(value)
        if not text:
            raise ValidationError(field, "不能为空")
        if not text.lstrip("-").isdigit():
            raise ValidationError(field, f"“{text}”不是整数，应为大于 0 的整数")
        n = int(text)
    if n <= 0:
        raise ValidationError(field, f"应大于 0，现在是 {n}")
    return n


def parse_date(value: object, field: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = clean_text(value)
    if not text:
        raise ValidationError(field, "不能为空")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(field, f"“{text}”不是有效日期，应为 2026-11-30 这样的格式") from None
