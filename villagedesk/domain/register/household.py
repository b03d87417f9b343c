"""A household (户): its address, status and the rules a household record must keep."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from villagedesk.domain import clock
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.phone import validate_phone
from villagedesk.domain.text import clean_text

HOUSEHOLD_STATUSES: dict[str, str] = {
    "active": "在册", "moved_away": "已迁出", "merged": "已合户", "dissolved": "已销户",
}
STATUS_BY_LABEL = {label: key for key, label in HOUSEHOLD_STATUSES.items()}


@dataclass(frozen=True)
class HouseholdDraft:
    """What a clerk types for a household; `validated()` returns the cleaned copy or raises."""

    grid_id: str
    hamlet: str
    group_name: str = ""
    house_number: str = ""
    phone: str = ""
    notes: str = ""

    def validated(self, row: int | None = None) -> HouseholdDraft:
        if not self.grid_id:
            raise ValidationError("所属网格", "请选择所属网格", row)
        hamlet = clean_text(self.hamlet)
        if not hamlet:
            raise ValidationError("湾（自然村）", "不能为空，请填写农户所在的湾、沟或院", row)
        if len(hamlet) > 20:
            raise ValidationError("湾（自然村）", f"“{hamlet}”太长（最多 20 个字）", row)
        return HouseholdDraft(self.grid_id, hamlet, clean_group(self.group_name, row),
                              clean_house_number(self.house_number, row),
                              validate_phone(self.phone, row=row), clean_text(self.notes))


def clean_group(value: object, row: int | None = None) -> str:
    """'1' or '1组' or '一组' → '1组' / '一组'; empty stays empty."""
    text = clean_text(value).replace(" ", "")
    if not text:
        return ""
    if re.fullmatch(r"\d{1,3}", text):
        return f"{int(text)}组"
    if len(text) > 10:
        raise ValidationError("组", f"“{text}”太长（最多 10 个字）", row)
    return text


def clean_house_number(value: object, row: int | None = None) -> str:
    """'12' → '12号'; '12号' and '12-1号' stay; empty stays empty."""
    text = clean_text(value).replace(" ", "")
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    if not text:
        return ""
    if re.fullmatch(r"\d{1,5}(-\d{1,3})?", text):
        return f"{text}号"
    if len(text) > 12:
        raise ValidationError("门牌号", f"“{text}”太长（最多 12 个字）", row)
    return text


def address(hamlet: str, group_name: str, house_number: str) -> str:
    """'张家湾 1组 12号' — the address as it is printed and searched."""
    return " ".join(p for p in (hamlet, group_name, house_number) if p)


def validate_status_change(status: str, reason: str, on: dt.date | None) -> tuple[str, str, str | None]:
    """A household leaving the register (moved away, merged, dissolved) says why and when."""
    if status not in HOUSEHOLD_STATUSES:
        raise ValidationError("农户状态", f"“{status}”不是有效的状态")
    reason = clean_text(reason)
    if status != "active":
        if not reason:
            raise ValidationError("变更原因", f"改为“{HOUSEHOLD_STATUSES[status]}”时必须填写原因")
        if on is None:
            raise ValidationError("变更日期", "请填写日期")
    if on is not None and on > clock.today():
        raise ValidationError("变更日期", f"“{on.isoformat()}”晚于今天")
    return status, reason, on.isoformat() if on else None
