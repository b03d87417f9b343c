"""The district (区县) a district installation serves: its division code and name, and which townships are its."""

from __future__ import annotations

from typing import NamedTuple

from villagedesk.domain.division_code import PROVINCES
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.text import clean_digits, short_text

FIELD = "区县区划代码"


class District(NamedTuple):  # not a dataclass: see domain/actor.py
    """A district node's site: its 12-digit division code (6 digits and 000000) and name."""

    code: str
    name: str

    @property
    def prefix(self) -> str:
        """The 6 digits every township code of the district begins with."""
        return self.code[:6]


def validate_district_code(value: str, field: str = FIELD) -> str:
    """The cleaned code of a district: its 6 digits (province, city, county) written as 12 with 000000, as the
    statistics office writes it; 6 digits are accepted and padded. Raise naming the field."""
    code = clean_digits(value or "")
    if not code:
        raise ValidationError(field, "不能为空，请填写 12 位数字（区县的 6 位代码后加 000000）")
    if not code.isdigit():
        raise ValidationError(field, f"“{value}”含有非数字字符，应为 12 位数字")
    if len(code) == 6:
        code += "000000"
    if len(code) != 12:
        raise ValidationError(field, f"应为 12 位数字（区县的 6 位代码后加 000000），现在是 {len(code)} 位")
    if code[:2] not in PROVINCES:
        raise ValidationError(field, f"前两位“{code[:2]}”不是有效的省级代码")
    if code[2:4] == "00" or code[4:6] == "00":
        raise ValidationError(field, "市、县两级代码不能为 00")
    if code[6:] != "000000":
        raise ValidationError(field, f"最后 6 位应为 000000；“{code}”是乡镇或村的代码，区县代码为“{code[:6]}000000”")
    return code


def make_district(code: str, name: str) -> District:
    """Validate the district's first-run form; each error names its field."""
    return District(validate_district_code(code), short_text(name, "区县名称", 30, required=True))


def in_district(township_code: str, district_code: str) -> bool:
    """Whether a township's 12-digit code begins with the district's 6 digits."""
    return len(township_code) == 12 and township_code[:6] == district_code[:6]


def outside_refusal(district: District, township_code: str, township_name: str) -> str:
    return (f"“{township_name}”的区划代码 {township_code} 不以本区县（{district.name}）的 {district.prefix} 开头，"
            "不是本区县的乡镇")
