"""The 18-digit resident identity number (GB 11643): check digit, birth date, sex."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from villagedesk.domain import clock
from villagedesk.domain.division_code import PROVINCES
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.text import clean_digits

FIELD = "身份证号"
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_SCIENTIFIC = re.compile(r"^\d(\.\d+)?[eE]\+?\d+$")


@dataclass(frozen=True)
class IdentityNumber:
    """A validated identity number with what it tells about its holder."""

    number: str
    birth_date: dt.date
    sex: str  # "男" or "女"

    def age_on(self, day: dt.date) -> int:
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years

    @property
    def masked(self) -> str:
        return mask_identity(self.number)


def check_digit(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def parse_identity(value: object, field: str = FIELD, row: int | None = None,
                   today: dt.date | None = None) -> IdentityNumber:
    """Validate an identity number; the error names the field (and row) and the reason."""
    if isinstance(value, float) or (isinstance(value, int) and not isinstance(value, bool)):
        raise ValidationError(field, "单元格被 Excel 存成了数字，末尾几位已丢失；请把该列设为文本后重新录入", row)
    raw = clean_digits(value)
    if not raw:
        raise ValidationError(field, "不能为空", row)
    if _SCIENTIFIC.match(raw):
        raise ValidationError(field, f"“{raw}”是被 Excel 改写的科学计数法，原号码已丢失，请重新录入", row)
    number = raw.upper()
    if len(number) != 18:
        raise ValidationError(field, f"应为 18 位，现在是 {len(number)} 位", row)
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise ValidationError(field, "前 17 位应为数字，最后一位为数字或 X", row)
    if number[:2] not in PROVINCES:
        raise ValidationError(field, f"前两位“{number[:2]}”不是有效的省级行政区代码", row)
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(field, f"出生日期“{number[6:14]}”不是有效日期", row) from None
    today = today or clock.today()
    if birth > today or birth.year < 1890:
        raise ValidationError(field, f"出生日期“{birth.isoformat()}”不合理", row)
    expected = check_digit(number[:17])
    if number[17] != expected:
        raise ValidationError(field, f"校验位错误（最后一位应为 {expected}），请核对号码", row)
    sex = "男" if int(number[16]) % 2 == 1 else "女"
    return IdentityNumber(number, birth, sex)


def mask_identity(number: str) -> str:
    """Mask for prints and exports: keep the first 6 and the last 4 characters."""
    if len(number) < 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]
