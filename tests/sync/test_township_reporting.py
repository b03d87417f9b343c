"""上报情况 at the township: the villages' report submissions arrive in their packages and stand as 按时报 / 迟报 /
未报 / 已退回 against the form specifications' due dates, with the on-time rate and the reminders list."""

import datetime as dt
import json

import pytest

from tests.conftest import TEST_ACTOR
from tests.sync.township import ADMIN, demo_village, pair, reporting_township, send, sign_off, township_node
from villagedesk import cli
from villagedesk.domain import clock
from villagedesk.domain.period import parse_period
from villagedesk.services.township import reporting

OCTOBER = parse_period("2026-10")


@pytest.fixture(scope="module")
def township(tmp_path_factory):
    node = reporting_township(tmp_path_factory.mktemp("reporting"))
    yield node
    node.close()


def test_each_village_s_reports_stand_against_their_due_dates_and_the_rate_is_of_the_reports_due(township):
    found = reporting.completeness(township, OCTOBER, today=dt.date(2026, 11, 8))
    assert [(v.name, v.counts["on_time"], v.counts["late"], v.counts["missing"], v.counts["returned"])
            for v in found.villages] == [("桂花村", 10, 0, 0, 0), ("石桥村", 0, 9, 0, 1), ("白马村", 0, 0, 10, 0)]
    assert [v.on_time_rate for v in found.villages] == [1.0, 0.0, 0.0]
    assert found.on_time_rate == pytest.approx(10 / 30, abs=1e-4)
    cell = {(c.village_code, c.report_key): c for c in found.cells}
    assert cell["510903104201", "disputes"].due == dt.date(2026, 11, 3)  # 村网06表 is due on the 3rd
    assert cell["510903104202", "summary"].submitted_at.startswith("2026-11-06")
    reminders = found.reminders
    assert len(reminders) == 11 and reminders[0].report_key == "disputes"  # the longest overdue first
    returned = [r for r in reminders if r.status == "returned"]
    assert [(r.village_name, r.number, r.note) for r in returned] == [("石桥村", "村网02表", "花名册缺联系电话")]
    assert {r.village_name for r in reminders if r.status == "missing"} == {"白马村"}


def test_a_quarter_counts_its_months_and_its_quarterly_reports_and_what_is_not_due_yet_is_no_reminder(township):
    found = reporting.completeness(township, parse_period("2026-Q4"), today=dt.date(2026, 11, 8))
    assert [p.label for p in found.periods] == ["2026-10", "2026-11", "2026-12", "2026-Q4"]
    assert len(found.cells) == 3 * (3 * 10 + 2)  # ten monthly (and half-monthly) reports a month, two a quarter
    assert found.counts["not_due"] == 3 * (2 * 10 + 2) and len(found.reminders) == 11
    assert found.on_time_rate == pytest.approx(10 / 30, abs=1e-4)


def test_a_village_without_a_package_or_a_submission_not_yet_carried_up_has_not_reported(tmp_path):
    node = township_node(tmp_path / "township.db")
    village = demo_village(tmp_path / "v.db", households=4)
    pair(village, TEST_ACTOR, node, ADMIN, tmp_path)
    registered = reporting.completeness(node, OCTOBER, today=dt.date(2026, 11, 8))  # registered, no package yet
    assert [(v.name, v.received, v.counts["missing"]) for v in registered.villages] == [("桂花村", False, 10)]
    send(village, TEST_ACTOR, node, ADMIN, tmp_path)
    sign_off(village, tmp_path, 3)  # sent up on paper, the package not yet carried to the township
    assert reporting.completeness(node, OCTOBER, today=dt.date(2026, 11, 8)).counts["missing"] == 10
    send(village, TEST_ACTOR, node, ADMIN, tmp_path)
    assert reporting.completeness(node, OCTOBER, today=dt.date(2026, 11, 8)).counts["on_time"] == 10
    village.close()
    node.close()


def test_the_command_line_prints_the_same_standing_and_names_a_bad_period(township, capsys):
    township.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    clock.pin(dt.datetime(2026, 11, 8, 9, 0))
    capsys.readouterr()
    assert cli.main(["--db", str(township.path), "township", "reporting", "--period", "2026-10", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["on_time_rate"] == pytest.approx(10 / 30, abs=1e-4) and len(out["reminders"]) == 11
    assert [v["counts"]["missing"] for v in out["villages"]] == [0, 0, 10]
    assert cli.main(["--db", str(township.path), "township", "reporting"]) == 0  # last month: October
    text = capsys.readouterr().out
    assert "2026 年 10 月：3 个村，应报 30 张，按时报率 33.3%" in text and "石桥村 村网02表" in text
    assert cli.main(["--db", str(township.path), "township", "reporting", "--period", "2026-13"]) == 1
    assert "统计期间" in capsys.readouterr().err
