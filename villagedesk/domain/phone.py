"""Mobile and landline numbers as villagers write them."""

from __future__ import annotations

import re

from villagedesk.domain.errors import ValidationError
from villagedesk.domain.text import clean_digits

FIELD = "联系电话"
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}\d{7,8}$")


def validate_phone(value: object, field: str = FIELD, row: int | None = None,
                   required: bool = False) -> str:
    """Return the cleaned number ('' if empty and optional) or raise naming the field."""
    number = clean_digits(value)
    if number.startswith("+86"):
        number = number[3:]
    elif number.startswith("86") and len(number) == 13:
        number = number[2:]
    if not number:
        if required:
            raise ValidationError(field, "不能为空", row)
        return ""
    if _MOBILE.match(number) or _LANDLINE.match(number):
        return number
    if number.isdigit() and number.startswith("1"):
        raise ValidationError(field, f"手机号“{number}”应为 1 开头的 11 位数字", row)
    raise ValidationError(field, f"“{number}”不是有效的手机号或座机号（座机请带区号）", row)
