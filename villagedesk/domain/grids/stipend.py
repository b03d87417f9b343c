"""Stipend rules: the tier table (residents → 50–150 yuan a month), emergency subsidy rates (50–80 yuan a day), money in fen."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from villagedesk.domain.errors import ValidationError
from villagedesk.domain.text import clean_text

TIER_MIN_FEN, TIER_MAX_FEN = 5000, 15000
RATE_MIN_FEN, RATE_MAX_FEN = 5000, 8000
EMERGENCY_KINDS = {"flood": "防汛抢险", "forest_fire": "森林防火", "geological": "地质灾害",
                   "house_fire": "火灾", "other": "其他紧急工作"}
_YUAN = re.compile(r"^\d+(\.\d{1,2})?$")


@dataclass(frozen=True)
class Tier:
    min_residents: int
    max_residents: int | None  # None: and above
    amount_fen: int

    @property
    def label(self) -> str:
        return f"{_span(self)}：{yuan(self.amount_fen)} 元/月"

    def covers(self, residents: int) -> bool:
        return residents >= self.min_residents and (self.max_residents is None or residents <= self.max_residents)


def yuan(fen: int) -> str:
    """Fen as the yuan text a clerk reads: 8000 -> '80.00'."""
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100:,}.{abs(fen) % 100:02d}"


def parse_yuan(value: object, field: str, signed: bool = False) -> int:
    """Yuan typed as text or a number, to fen; at most two decimals."""
    text = clean_text(value).replace(",", "").replace("元", "")
    negative = signed and text.startswith("-")
    body = text[1:] if negative or text.startswith("+") else text
    if not body:
        raise ValidationError(field, "不能为空")
    if not _YUAN.match(body):
        raise ValidationError(field, f"“{text}”不是金额，例如 80 或 80.50")
    whole, _, frac = body.partition(".")
    fen = int(whole) * 100 + int((frac + "00")[:2])
    return -fen if negative else fen


def _int(value: object, field: str) -> int | None:
    text = clean_text(value)
    if text == "":
        return None
    if not text.isdigit():
        raise ValidationError(field, f"“{text}”应为不小于 0 的整数")
    return int(text)


def validate_tiers(rows: list[tuple[object, object, object]]) -> list[Tier]:
    """Rows of (from residents, to residents or blank for 'and above', yuan a month), checked as one table.

    Every amount is within 50–150; the tiers start at 0, follow each other without gap or overlap,
    and the last is open-ended, so every grid falls in exactly one tier.
    """
    if not rows:
        raise ValidationError("补贴分档", "至少要有一档")
    tiers = []
    for n, (lo, hi, amount) in enumerate(rows, 1):
        field = f"第 {n} 档"
        low = _int(lo, f"{field}起始人数")
        if low is None:
            raise ValidationError(f"{field}起始人数", "不能为空")
        high = _int(hi, f"{field}截止人数")
        if high is not None and high < low:
            raise ValidationError(f"{field}截止人数", f"{high} 小于起始人数 {low}")
        fen = parse_yuan(amount, f"{field}补贴金额")
        if not TIER_MIN_FEN <= fen <= TIER_MAX_FEN:
            raise ValidationError(f"{field}补贴金额", f"{yuan(fen)} 元超出 50–150 元的范围")
        tiers.append(Tier(low, high, fen))
    tiers.sort(key=lambda t: t.min_residents)
    for a, b in zip(tiers, tiers[1:], strict=False):
        if a.max_residents is None or a.max_residents >= b.min_residents:
            raise ValidationError("补贴分档", f"“{_span(a)}”与“{_span(b)}”人数范围重叠")
        if a.max_residents + 1 != b.min_residents:
            raise ValidationError("补贴分档", f"“{_span(a)}”与“{_span(b)}”之间有空档"
                                            f"（{a.max_residents + 1}–{b.min_residents - 1} 人）")
    if tiers[0].min_residents != 0:
        raise ValidationError("补贴分档", f"第一档应从 0 人起，现在从 {tiers[0].min_residents} 人起")
    if tiers[-1].max_residents is not None:
        raise ValidationError("补贴分档", "最后一档的截止人数应留空（表示“及以上”）")
    return tiers


def _span(t: Tier) -> str:
    if t.max_residents is None:
        return f"{t.min_residents} 人及以上"
    return f"{t.min_residents}–{t.max_residents} 人"


def tier_for(tiers: list[Tier], residents: int) -> Tier:
    return next(t for t in tiers if t.covers(residents))


def validate_rate(kind: str, amount: object) -> int:
    if kind not in EMERGENCY_KINDS:
        raise ValidationError("紧急工作类别", "请选择：" + "、".join(EMERGENCY_KINDS.values()))
    fen = parse_yuan(amount, f"临时补助标准（{EMERGENCY_KINDS[kind]}）")
    if not RATE_MIN_FEN <= fen <= RATE_MAX_FEN:
        raise ValidationError(f"临时补助标准（{EMERGENCY_KINDS[kind]}）", f"{yuan(fen)} 元/天超出 50–80 元的范围")
    return fen


def prorate(amount_fen: int, days_held: int, days_in_month: int) -> int:
    """A month's stipend for the days a grid was held, to the fen, halves rounded up."""
    return (amount_fen * days_held * 2 + days_in_month) // (days_in_month * 2)


def days_held(start: str, end: str | None, month_start: dt.date, month_end: dt.date) -> int:
    """Days of [month_start, month_end) within the holding [start, end) (end = handover day)."""
    lo = max(dt.date.fromisoformat(start), month_start)
    hi = min(dt.date.fromisoformat(end), month_end) if end else month_end
    return max(0, (hi - lo).days)
