"""The evaluation rubric (items, weights, maximum scores, optional indicator) and how a total is scored."""

from __future__ import annotations

from dataclasses import dataclass

from villagedesk.domain.errors import ValidationError
from villagedesk.domain.text import clean_text

INDICATOR_LABELS = {
    "visits": "入户走访次数",
    "follow_ups_on_time": "按时二次回访次数",
    "disputes_handled": "化解矛盾纠纷件数",
    "notices_delivered": "政策宣传到户数",
}
OUTCOME_LABELS = {"commend": "表彰", "keep": "保留", "replace": "调整"}
REPLACE_REASONS = {"unfit": "不胜任", "not_diligent": "不尽职"}
ENTERED_BY_LABELS = {"village": "村两委录入", "township": "乡镇下发"}


@dataclass(frozen=True)
class RubricItem:
    name: str
    weight: float  # weights of a rubric add up to 100
    max_score: float
    indicator: str | None = None
    target_per_month: float | None = None  # the indicator value that earns full marks in one month
    id: str = ""


DEFAULT_ITEMS: tuple[RubricItem, ...] = (
    RubricItem("入户走访", 30, 30, "visits", 20),
    RubricItem("二次回访及时", 20, 20, "follow_ups_on_time", 4),
    RubricItem("矛盾纠纷化解", 20, 20, "disputes_handled", 1),
    RubricItem("政策宣传到户", 15, 15, "notices_delivered", 30),
    RubricItem("村两委日常评价", 15, 15),
)


def _number(value: object, field: str) -> float:
    try:
        return float(clean_text(value) if isinstance(value, str) else value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValidationError(field, f"“{clean_text(value)}”不是数字") from None


def validate_items(items: list[RubricItem]) -> list[RubricItem]:
    """Clean and check a rubric: named items, positive weights adding up to 100, known indicators."""
    if not items:
        raise ValidationError("考评细则", "至少要有一项")
    out, seen = [], set()
    for n, item in enumerate(items, 1):
        name = clean_text(item.name)
        where = f"考评细则第 {n} 项"
        if not name:
            raise ValidationError(where, "名称不能为空")
        if name in seen:
            raise ValidationError(where, f"“{name}”重复")
        seen.add(name)
        weight = _number(item.weight, f"{where}（{name}）权重")
        top = _number(item.max_score, f"{where}（{name}）满分")
        if not 0 < weight <= 100:
            raise ValidationError(f"{where}（{name}）权重", "应大于 0 且不超过 100")
        if not 0 < top <= 1000:
            raise ValidationError(f"{where}（{name}）满分", "应大于 0 且不超过 1000")
        indicator = item.indicator or None
        target = None
        if indicator is not None:
            if indicator not in INDICATOR_LABELS:
                raise ValidationError(f"{where}（{name}）指标", f"“{indicator}”不是已知的指标")
            target = _number(item.target_per_month, f"{where}（{name}）每月满分标准")
            if target <= 0:
                raise ValidationError(f"{where}（{name}）每月满分标准", "应大于 0")
        out.append(RubricItem(name, weight, top, indicator, target, item.id))
    total = sum(i.weight for i in out)
    if abs(total - 100) > 0.01:
        raise ValidationError("考评细则权重", f"各项权重之和应为 100，现在是 {total:g}")
    return out


def prefill_score(item: RubricItem, value: float | None, months: int) -> float | None:
    """The score an indicator value earns: full marks at the target for the period, pro rata below."""
    if item.indicator is None or value is None or not item.target_per_month:
        return None
    return round(min(item.max_score, item.max_score * value / (item.target_per_month * months)), 1)


def total_score(items: list[RubricItem], scores: list[object]) -> tuple[list[float], float]:
    """Check each item's score (0..max) and return them with the weighted total out of 100."""
    if len(scores) != len(items):
        raise ValidationError("评分", "每一项都要打分")
    clean = []
    for item, raw in zip(items, scores, strict=True):
        field = f"评分（{item.name}）"
        if raw is None or (isinstance(raw, str) and not clean_text(raw)):
            raise ValidationError(field, "不能为空")
        value = _number(raw, field)
        if not 0 <= value <= item.max_score:
            raise ValidationError(field, f"应在 0–{item.max_score:g} 之间，现在是 {value:g}")
        clean.append(round(value, 1))
    total = sum(i.weight * s / i.max_score for i, s in zip(items, clean, strict=True))
    return clean, round(total, 1)
