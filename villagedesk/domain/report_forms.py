"""Form specifications of the upward reports (表号, 制表机关, 批准文号, 有效期至, period kind, due day) and submission states."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from villagedesk.domain.errors import ValidationError

PERIOD_KINDS = {"month": "月报", "half_month": "半月报", "quarter": "季报", "year": "年报"}
SPEC_FIELDS = {"number": "表号", "authority": "制表机关", "approval": "批准文号", "valid_until": "有效期至",
               "period_kind": "报送周期", "due_day": "报送日", "measure": "计量单位"}

# Submission states: none stored = 草稿. Township answers arrive by sync (a later issue) and are stored as they come.
STATE_LABELS = {"draft": "草稿", "submitted": "已报出", "approved": "乡镇已审核", "returned": "已退回",
                "modified": "已修改，需重新报出"}
SOURCES = {"default": "随程序附带", "village": "本村修改", "township": "乡镇下发"}


@dataclass(frozen=True)
class FormSpec:
    """One report's form specification; data, not code: shipped defaults, editable, replaceable by the township."""

    key: str
    title: str
    number: str
    authority: str
    approval: str
    valid_until: str
    period_kind: str = "month"
    due_day: int = 5
    measure: str = ""
    source: str = "default"

    def due_date(self, period_end: dt.date) -> dt.date:
        """The day the report is due: `due_day` of the month after the period ends (capped at 28)."""
        return period_end.replace(day=min(max(self.due_day, 1), 28))

    @property
    def period_label(self) -> str:
        return PERIOD_KINDS.get(self.period_kind, self.period_kind)


def edited_spec(spec: FormSpec, values: dict, source: str = "village") -> FormSpec:
    """The spec with the user's edits, validated field by field (Chinese messages naming the field)."""
    clean: dict = {}
    for name, label in SPEC_FIELDS.items():
        if name not in values:
            continue
        value = values[name]
        if name == "due_day":
            try:
                day = int(str(value).strip())
            except ValueError:
                raise ValidationError(label, f"“{value}”应为 1–28 之间的整数") from None
            if not 1 <= day <= 28:
                raise ValidationError(label, f"{day} 应在 1–28 之间")
            clean[name] = day
        elif name == "period_kind":
            if value not in PERIOD_KINDS:
                raise ValidationError(label, f"“{value}”应为月报、半月报、季报或年报")
            clean[name] = value
        else:
            text = str(value or "").strip()
            if name in ("number", "authority") and not text:
                raise ValidationError(label, "不能为空")
            if len(text) > 60:
                raise ValidationError(label, "不能超过 60 个字")
            clean[name] = text
    if source not in SOURCES:
        raise ValidationError("来源", f"“{source}”未知")
    return replace(spec, **clean, source=source)


def attempt_label(attempt: int) -> str:
    return f"第 {attempt} 次报送"
