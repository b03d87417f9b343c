"""Identity numbers, division codes, phones and periods: what a clerk types, and the Chinese refusal."""

import datetime as dt

import pytest

from villagedesk.domain.division_code import validate_division_code
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.identity import check_digit, mask_identity, parse_identity
from villagedesk.domain.period import parse_period
from villagedesk.domain.phone import validate_phone

# A published GB 11643 example: 11010519491231002X (female, born 1949-12-31).
VALID_FEMALE = "11010519491231002X"


def test_identity_number_gives_birth_date_sex_and_age():
    ident = parse_identity(VALID_FEMALE)
    assert ident.birth_date == dt.date(1949, 12, 31)
    assert ident.sex == "女"
    assert ident.age_on(dt.date(2026, 11, 30)) == 76
    assert ident.masked == "110105********002X"


def test_identity_number_lowercase_x_and_fullwidth_digits_are_cleaned():
    assert parse_identity("１１０１０５１９４９１２３１００２ｘ").number == VALID_FEMALE


def test_wrong_check_digit_names_the_field_and_the_right_digit():
    with pytest.raises(ValidationError) as err:
        parse_identity("110105194912310021")
    assert err.value.field == "身份证号"
    assert "校验位错误" in str(err.value) and "X" in str(err.value)


@pytest.mark.parametrize("value, reason", [
    (5.10903e17, "数字"),
    ("5.10903E+17", "科学计数法"),
    ("11010519491331002X", "出生日期"),
    ("1101051949123100", "18 位"),
    ("11010519491231002A", "前 17 位应为数字，最后一位为数字或 X"),
    ("1101051949X231002X", "前 17 位应为数字，最后一位为数字或 X"),
    ("", "不能为空"),
])
def test_bad_identity_numbers_are_refused_never_guessed(value, reason):
    with pytest.raises(ValidationError) as err:
        parse_identity(value, row=7)
    assert reason in str(err.value)
    assert str(err.value).startswith("第 7 行")


def test_check_digit_matches_the_standard():
    assert check_digit("11010519491231002") == "X"


def test_division_code_rules():
    assert validate_division_code(" 5109 0310 4201 ") == "510903104201"
    for bad, reason in (("51090310420", "12 位"), ("51090310420a", "非数字"), ("990903104201", "省级"),
                        ("510903104000", "村代码"), ("510903000201", "乡镇代码")):
        with pytest.raises(ValidationError) as err:
            validate_division_code(bad)
        assert err.value.field == "统计用区划代码" and reason in str(err.value)


def test_phone_numbers():
    assert validate_phone("138 0000 1234") == "13800001234"
    assert validate_phone("+86 13800001234") == "13800001234"
    assert validate_phone("0825-2221234") == "08252221234"
    assert validate_phone("") == ""
    with pytest.raises(ValidationError, match="联系电话"):
        validate_phone("1380000123")
    with pytest.raises(ValidationError, match="不能为空"):
        validate_phone("", required=True)


def test_periods():
    assert parse_period("2026-10").start == dt.date(2026, 10, 1)
    assert parse_period("2026-12").end == dt.date(2027, 1, 1)
    q4 = parse_period("2026-q4")
    assert (q4.start, q4.end, q4.title) == (dt.date(2026, 10, 1), dt.date(2027, 1, 1), "2026 年第 4 季度")
    assert parse_period("2026").end == dt.date(2027, 1, 1)
    with pytest.raises(ValidationError, match="统计期间"):
        parse_period("2026-13")
    with pytest.raises(ValidationError, match="格式不对"):
        parse_period("十月")


def test_mask_short_values():
    assert mask_identity("123") == "***"
