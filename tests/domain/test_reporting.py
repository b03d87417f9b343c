"""上报情况's rules: due dates from the form specifications, 按时报 / 迟报 / 未报 / 已退回 at the due day's edges."""

import datetime as dt

from villagedesk.domain.period import parse_period
from villagedesk.domain.reporting import due_date, is_due_for, on_time_rate, periods_within, status
from villagedesk.services.reports.specs import default_specs

SPECS = default_specs()


def test_each_report_is_due_by_its_specification_s_day_of_the_month_after_its_period():
    assert due_date(SPECS["summary"], parse_period("2026-10")) == dt.date(2026, 11, 5)
    assert due_date(SPECS["disputes"], parse_period("2026-10")) == dt.date(2026, 11, 3)  # half-monthly: the 3rd
    assert due_date(SPECS["evaluation"], parse_period("2026-Q4")) == dt.date(2027, 1, 10)
    assert due_date(SPECS["insurance"], parse_period("2026")) == dt.date(2027, 1, 10)
    month, quarter = parse_period("2026-10"), parse_period("2026-Q4")
    assert is_due_for(SPECS["summary"], month) and is_due_for(SPECS["disputes"], month)
    assert not is_due_for(SPECS["evaluation"], month) and is_due_for(SPECS["evaluation"], quarter)
    assert not is_due_for(SPECS["summary"], quarter)


def test_a_chosen_period_covers_its_months_then_its_quarters_then_its_year():
    assert [p.label for p in periods_within(parse_period("2026-10"))] == ["2026-10"]
    assert [p.label for p in periods_within(parse_period("2026-Q4"))] == ["2026-10", "2026-11", "2026-12", "2026-Q4"]
    year = [p.label for p in periods_within(parse_period("2026"))]
    assert len(year) == 17 and year[-5:] == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2026"]
    assert periods_within(parse_period("2026-10-01..2026-10-15")) == []  # a half month holds no whole month


def test_sent_up_on_the_due_day_is_on_time_the_day_after_late_and_unsent_it_is_missing_only_once_overdue():
    due = dt.date(2026, 11, 5)
    assert status(due, "2026-11-05T23:50:00", "submitted", dt.date(2026, 12, 1)) == "on_time"
    assert status(due, "2026-11-06T08:00:00", "approved", dt.date(2026, 12, 1)) == "late"
    assert status(due, "2026-11-02T08:00:00", "returned", dt.date(2026, 12, 1)) == "returned"
    assert status(due, None, None, dt.date(2026, 11, 5)) == "not_due"
    assert status(due, None, None, dt.date(2026, 11, 6)) == "missing"


def test_the_on_time_rate_counts_only_reports_already_due():
    assert on_time_rate({"on_time": 3, "late": 1, "missing": 0, "returned": 0, "not_due": 6}) == 0.75
    assert on_time_rate({"on_time": 0, "not_due": 4}) is None
