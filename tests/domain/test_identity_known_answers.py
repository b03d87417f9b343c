"""Identity numbers published outside this project: GB 11643-1999's own examples and others in public use."""

import datetime as dt

import pytest

from villagedesk.domain.errors import ValidationError
from villagedesk.domain.identity import check_digit, parse_identity

# (number, birth date, sex). The first is GB 11643-1999 Appendix A's example (北京市朝阳区); the others are
# the examples that validators in public use (python-stdnum's cn.ric doctests among them) test against.
# With the standard's second example below they cover 8 of the 11 check-digit remainders.
PUBLISHED = [
    ("11010519491231002X", dt.date(1949, 12, 31), "女"),
    ("360426199101010071", dt.date(1991, 1, 1), "男"),
    ("44011320141005001X", dt.date(2014, 10, 5), "男"),
    ("412723199010050012", dt.date(1990, 10, 5), "男"),
    ("110102199101010078", dt.date(1991, 1, 1), "男"),
    ("120110198012010073", dt.date(1980, 12, 1), "男"),
    ("420111198203251029", dt.date(1982, 3, 25), "女"),
    ("11010219840406970X", dt.date(1984, 4, 6), "女"),
    ("110101199003077838", dt.date(1990, 3, 7), "男"),
    ("110201199312010077", dt.date(1993, 12, 1), "男"),
]


# GB 11643-1999 Appendix A's second example (广东省汕头市, born 1880): its check digit is right, but no
# one born in 1880 is alive to be registered, so the register refuses it for its birth date.
STANDARD_1880 = "440524188001010014"


def iso7064_mod11_2(first17: str) -> str:
    """The standard's own formula, written independently of the weight and character tables in the code:
    weight of position i (1-based from the left) is 2^(18-i) mod 11; check = (12 - sum mod 11) mod 11, 10 is X."""
    s = sum(int(a) * pow(2, 17 - i, 11) for i, a in enumerate(first17)) % 11
    c = (12 - s) % 11
    return "X" if c == 10 else str(c)


@pytest.mark.parametrize("number, born, sex", PUBLISHED)
def test_published_identity_numbers_are_accepted_with_their_birth_date_and_sex(number, born, sex):
    ident = parse_identity(number, today=dt.date(2026, 11, 30))
    assert (ident.number, ident.birth_date, ident.sex) == (number, born, sex)
    assert check_digit(number[:17]) == number[17]


@pytest.mark.parametrize("number, _born, _sex", PUBLISHED)
def test_any_other_last_character_is_refused_naming_the_right_one(number, _born, _sex):
    for wrong in "0123456789X":
        if wrong == number[17]:
            continue
        with pytest.raises(ValidationError) as err:
            parse_identity(number[:17] + wrong, today=dt.date(2026, 11, 30))
        assert f"最后一位应为 {number[17]}" in str(err.value)


@pytest.mark.parametrize("remainder", range(11))
def test_every_entry_of_the_check_table_agrees_with_the_standards_formula(remainder):
    """A number for each remainder of the weighted sum: any one character of the table changed fails here."""
    for seq in range(1000):
        first17 = f"11010519491231{seq:03d}"
        s = sum(int(a) * pow(2, 17 - i, 11) for i, a in enumerate(first17)) % 11
        if s == remainder:
            break
    assert check_digit(first17) == iso7064_mod11_2(first17) == "10X98765432"[remainder]


def test_the_standards_1880_example_has_the_right_check_digit_but_an_implausible_birth_date():
    assert check_digit(STANDARD_1880[:17]) == iso7064_mod11_2(STANDARD_1880[:17]) == "4"
    with pytest.raises(ValidationError, match="出生日期“1880-01-01”不合理"):
        parse_identity(STANDARD_1880, today=dt.date(2026, 11, 30))


def test_the_worked_example_of_mod_11_2():
    """The method's usual worked example: 12345678901234567 weighs 368, remainder 5, check (12 - 5) mod 11 = 7."""
    first17 = "12345678901234567"
    assert sum(int(a) * w for a, w in zip(first17, (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2),
                                          strict=True)) == 368
    assert check_digit(first17) == "7"
