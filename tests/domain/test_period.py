"""Periods as DESIGN §6 spells them: every form parses, bad ones are refused in Chinese, future ones for reports."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from villagedesk.domain import clock
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.period import default_report_period, parse_period, parse_report_period

D = dt.date
FAST = settings(max_examples=100, deadline=None, derandomize=True, database=None)  # the same examples every run


@pytest.mark.parametrize("text, label, start, end, title", [
    ("2026-10", "2026-10", D(2026, 10, 1), D(2026, 11, 1), "2026 年 10 月"),
    ("2026-1", "2026-01", D(2026, 1, 1), D(2026, 2, 1), "2026 年 1 月"),
    ("2026-12", "2026-12", D(2026, 12, 1), D(2027, 1, 1), "2026 年 12 月"),
    ("2026-Q4", "2026-Q4", D(2026, 10, 1), D(2027, 1, 1), "2026 年第 4 季度"),
    ("2026-q1", "2026-Q1", D(2026, 1, 1), D(2026, 4, 1), "2026 年第 1 季度"),
    ("2026", "2026", D(2026, 1, 1), D(2027, 1, 1), "2026 年"),
    ("2026-10-01..2026-10-15", "2026-10-01..2026-10-15", D(2026, 10, 1), D(2026, 10, 16),
     "2026 年 10 月 1 日至 10 月 15 日"),
    (" 2026-12-16..2027-01-05 ", "2026-12-16..2027-01-05", D(2026, 12, 16), D(2027, 1, 6),
     "2026 年 12 月 16 日至 2027 年 1 月 5 日"),
])
def test_every_form_of_the_design_parses(text, label, start, end, title):
    p = parse_period(text)
    assert (p.label, p.start, p.end, p.title) == (label, start, end, title)
    assert parse_period(p.label) == p  # the canonical label reads back as itself


def test_last_month_and_last_quarter_follow_the_pinned_clock():
    # the suite's day is 2026-11-30
    assert parse_period("last-month").label == "2026-10"
    assert parse_period("last-quarter").label == "2026-Q3"
    clock.pin(dt.datetime(2027, 1, 1, 0, 30))
    assert parse_period("last-month").label == "2026-12"
    assert parse_period("last-quarter").label == "2026-Q4"
    clock.pin(dt.datetime(2028, 3, 1, 0, 0))
    assert parse_period("last-month").title == "2028 年 2 月"


@pytest.mark.parametrize("text, words", [
    ("", "请填写"), ("2026-13", "月份 13"), ("2026-00", "月份 0"), ("2026-Q5", "季度 5"),
    ("26-10", "格式不对"), ("1899", "年份"), ("2026/10", "格式不对"),
    ("2026-02-30..2026-03-01", "不是有效日期"), ("2026-10-15..2026-10-01", "早于起始日期"),
    ("2026-10-01..昨天", "截止日期"),
])
def test_bad_periods_are_refused_naming_the_field(text, words):
    with pytest.raises(ValidationError) as exc:
        parse_period(text)
    assert "统计期间" in exc.value.message and words in exc.value.message


def test_a_future_period_is_refused_for_reports_but_this_month_is_not():
    assert parse_report_period("2026-11").label == "2026-11"  # in progress: a draft may be made
    assert parse_report_period("2026-Q4").label == "2026-Q4"
    for text in ("2026-12", "2027", "2026-12-01..2026-12-02"):
        with pytest.raises(ValidationError) as exc:
            parse_report_period(text)
        assert "尚未开始" in exc.value.message and "2026 年 11 月 30 日" in exc.value.message


def test_same_period_last_year_keeps_its_shape():
    assert parse_period("2026-10").same_period_last_year().label == "2025-10"
    assert parse_period("2026-Q4").same_period_last_year().label == "2025-Q4"
    assert parse_period("2026").same_period_last_year().label == "2025"
    leap = parse_period("2028-02-01..2028-02-29").same_period_last_year()
    assert (leap.start, leap.end) == (D(2027, 2, 1), D(2027, 3, 1))


def test_months_wholly_inside():
    assert parse_period("2026-Q4").months() == ["2026-10", "2026-11", "2026-12"]
    assert parse_period("2026-10-01..2026-10-15").months() == []
    assert parse_period("2026-09-15..2026-11-30").months() == ["2026-10", "2026-11"]


def test_the_page_preselects_last_month_in_the_first_days():
    assert default_report_period(D(2026, 12, 3)).label == "2026-11"
    assert default_report_period(D(2027, 1, 2)).label == "2026-12"
    assert default_report_period(D(2026, 11, 30)).label == "2026-11"


@pytest.mark.parametrize("text, label", [
    ("2026Q4", "2026-Q4"), ("2026 q4", "2026-Q4"), ("２０２６－Ｑ４", "2026-Q4"), ("2026年第4季度", "2026-Q4"),
    ("2026 年第 4 季度", "2026-Q4"), ("2026年4季度", "2026-Q4"), ("2026年11月", "2026-11"), ("2026 年 11 月", "2026-11"),
    ("2026年", "2026"), ("2026 年度", "2026"), ("2026-11-03..2026-11-20", "2026-11-03..2026-11-20"),
    ("2026-11-03 至 2026-11-20", "2026-11-03..2026-11-20"), ("2026/11/3~2026/11/20", "2026-11-03..2026-11-20"),
    ("2026年11月3日到2026年11月20日", "2026-11-03..2026-11-20"),
])
def test_the_spellings_a_clerk_types_parse_as_the_canonical_period(text, label):
    assert parse_period(text).label == label


@pytest.mark.parametrize("words, label", [
    (("本月", "this-month", "这个月"), "2026-12"), (("上个月", "上月", "last-month", "LAST-MONTH"), "2026-11"),
    (("本季度", "this-quarter"), "2026-Q4"), (("上季度", "上个季度", "last-quarter"), "2026-Q3"),
    (("本年", "今年", "this-year"), "2026"), (("上一年", "去年", "last-year"), "2025"),
])
def test_periods_counted_from_today_on_december_2nd(words, label):
    for word in words:
        assert parse_period(word, today=D(2026, 12, 2)).label == label, word


@FAST
@given(st.integers(2001, 2098), st.integers(1, 12), st.integers(0, 30))
def test_every_spelling_of_a_month_and_its_quarter_and_year_agree(year, month, back):
    p = parse_period(f"{year}-{month}")
    assert parse_period(f"{year}年{month}月") == parse_period(p.title) == p
    q = (month - 1) // 3 + 1
    quarter = parse_period(f"{year}Q{q}")
    assert quarter == parse_period(f"{year}-Q{q}") == parse_period(f"{year}年第{q}季度") == parse_period(quarter.title)
    assert quarter.start <= p.start and p.end <= quarter.end and parse_period(str(year)).contains(p.start)
    # 上个月 on any day of a month is the month before it, and the day before its first day is inside it
    day = min(p.start + dt.timedelta(days=back), p.last_day)
    last = parse_period("上个月", today=day)
    assert last.contains(p.start - dt.timedelta(days=1)) and last.end == p.start


@FAST
@given(st.dates(D(2000, 1, 1), D(2099, 12, 31)), st.integers(0, 400))
def test_a_free_date_range_holds_exactly_its_days(start, length):
    last = min(start + dt.timedelta(days=length), D(2099, 12, 31))
    p = parse_period(f"{start.isoformat()}..{last.isoformat()}")
    assert (p.start, p.last_day, p.days) == (start, last, (last - start).days + 1)
    assert parse_period(p.label) == p
