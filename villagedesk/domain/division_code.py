"""The 12-digit statistical division code (统计用区划代码) of a village."""

from __future__ import annotations

from villagedesk.domain.errors import ValidationError
from villagedesk.domain.text import clean_digits

FIELD = "统计用区划代码"


def validate_division_code(value: str, field: str = FIELD) -> str:
    """Return the cleaned 12-digit code of a village, or raise naming the field.

    The code is province(2) city(2) county(2) township(3) village(3); a village's
    last three digits are not 000 (that would be the township itself).
    """
    code = clean_digits(value or "")
    if not code:
        raise ValidationError(field, "不能为空，请填写 12 位数字")
    if not code.isdigit():
        raise ValidationError(field, f"“{value}”含有非数字字符，应为 12 位数字")
    if len(code) != 12:
        raise ValidationError(field, f"应为 12 位数字，现在是 {len(code)} 位")
    _check_province_city_county(code, field)
    if code[6:9] == "000":
        raise ValidationError(field, "第 7–9 位是乡镇代码，不能为 000")
    if code[9:] == "000":
        raise ValidationError(field, "最后 3 位是村代码，不能为 000（那是乡镇本身）")
    return code


def _check_province_city_county(code: str, field: str) -> None:
    """The first six digits, as a village's and a township's codes share them."""
    if code[:2] not in PROVINCES:
        raise ValidationError(field, f"前两位“{code[:2]}”不是有效的省级代码")
    if code[2:4] == "00" or code[4:6] == "00":
        raise ValidationError(field, "市、县两级代码不能为 00")


TOWNSHIP_FIELD = "乡镇区划代码"


def validate_township_code(value: str, field: str = TOWNSHIP_FIELD) -> str:
    """Return the cleaned code of a township: its 9 digits (province, city, county, township) written as 12
    with 000, as the statistics office writes it; 9 digits are accepted and padded. Raise naming the field."""
    code = clean_digits(value or "")
    if not code:
        raise ValidationError(field, "不能为空，请填写 12 位数字（乡镇的 9 位代码后加 000）")
    if not code.isdigit():
        raise ValidationError(field, f"“{value}”含有非数字字符，应为 12 位数字")
    if len(code) == 9:
        code += "000"
    if len(code) != 12:
        raise ValidationError(field, f"应为 12 位数字（乡镇的 9 位代码后加 000），现在是 {len(code)} 位")
    _check_province_city_county(code, field)
    if code[6:9] == "000":
        raise ValidationError(field, "第 7–9 位是乡镇代码，不能为 000（那是区县本身）")
    if code[9:] != "000":
        raise ValidationError(field, f"最后 3 位应为 000；“{code}”是一个村的代码，乡镇代码为“{code[:9]}000”")
    return code


def in_township(village_code: str, township: str) -> bool:
    """Whether a village's 12-digit code begins with the township's 9 digits."""
    return village_code[:9] == township[:9]


def township_code(village_code: str) -> str:
    """The township's 9-digit prefix, padded to 12 digits as the statistics office does."""
    return village_code[:9] + "000"


# Province-level codes of GB/T 2260.
PROVINCES = {
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82",
}
