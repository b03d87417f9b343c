"""Key populations (重点人群) and medical insurance enrolment (医保参保): keys, labels, parsing."""

from __future__ import annotations

import re

from villagedesk.domain.errors import ValidationError
from villagedesk.domain.text import clean_text

CATEGORIES: dict[str, str] = {
    "elderly_alone": "独居老人", "left_behind_child": "留守儿童", "disabled": "残疾人",
    "subsistence": "低保", "extreme_poverty": "特困", "relapse_monitoring": "防返贫监测",
    "serious_illness": "大病",
}
_CATEGORY_WORDS = (("独居", "elderly_alone"), ("空巢", "elderly_alone"), ("留守", "left_behind_child"),
                   ("残疾", "disabled"), ("残", "disabled"), ("低保", "subsistence"), ("特困", "extreme_poverty"),
                   ("五保", "extreme_poverty"), ("返贫", "relapse_monitoring"), ("监测", "relapse_monitoring"),
                   ("大病", "serious_illness"), ("重病", "serious_illness"))

INSURANCE_STATUSES: dict[str, str] = {"enrolled": "已参保", "not_enrolled": "未参保", "exempt": "无需参保"}
_INSURANCE_WORDS = (("未", "not_enrolled"), ("不", "not_enrolled"), ("否", "not_enrolled"), ("没", "not_enrolled"),
                    ("无需", "exempt"), ("免", "exempt"), ("职工", "exempt"), ("外地", "exempt"),
                    ("已", "enrolled"), ("是", "enrolled"), ("参保", "enrolled"), ("缴", "enrolled"))


def parse_categories(value: object, row: int | None = None) -> list[str]:
    """'低保、残疾人' → ['subsistence', 'disabled']; empty → []; an unknown word names the field."""
    text = clean_text(value)
    found: list[str] = []
    for part in (p for p in re.split(r"[、,，;；/\s]+", text) if p and p not in ("无", "否")):
        if part in CATEGORIES:
            key = part
        else:
            key = next((k for w, k in _CATEGORY_WORDS if w in part), None)
        if key is None:
            raise ValidationError("重点人群", f"“{part}”无法识别（可填：{'、'.join(CATEGORIES.values())}）", row)
        if key not in found:
            found.append(key)
    return found


def parse_insurance(value: object, row: int | None = None) -> str | None:
    """'已参保' / '是' → 'enrolled'; '未参保' → 'not_enrolled'; '无需参保' → 'exempt'; empty → None."""
    text = clean_text(value).replace(" ", "")
    if not text:
        return None
    if text in INSURANCE_STATUSES:
        return text
    for word, key in _INSURANCE_WORDS:
        if word in text:
            return key
    raise ValidationError("医保参保", f"“{text}”无法识别（可填：{'、'.join(INSURANCE_STATUSES.values())}）", row)


def validate_year(value: object, field: str = "参保年度") -> int:
    text = clean_text(value)
    if not re.fullmatch(r"\d{4}", text) or not 1990 <= int(text) <= 2200:
        raise ValidationError(field, f"“{text}”不是有效年份")
    return int(text)
