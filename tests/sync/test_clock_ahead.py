"""A PC whose date is wrong (set weeks ahead): its changes are flagged where they arrive, on the page and in the
import's report, and where one beats a change made here it is listed as a conflict: it never wins silently."""

import time

import pytest

from tests.conftest import TEST_ACTOR
from tests.sync.test_round_trip import _pair, _send
from villagedesk.domain.clock import format_hlc
from villagedesk.services.sync import conflicts, status
from villagedesk.sync.receive import FAR_AHEAD_MS

DAY_MS = 24 * 3600 * 1000


@pytest.fixture
def pcs(pv, tmp_path):
    second = _pair(pv.store, tmp_path)
    _send(pv.store, second, tmp_path)
    _send(second, pv.store, tmp_path)
    yield pv.store, second
    second.close()


def _wrong_date(store, days: int) -> None:
    """The PC's calendar set `days` ahead: its clock stamps every change that far in the future."""
    store.clock.observe(format_hlc(int(time.time() * 1000) + days * DAY_MS, 0))


def test_a_change_from_a_pc_whose_date_is_weeks_ahead_is_flagged_and_listed_when_it_beats_ours(
        pcs, tmp_path, make_window):
    primary, second = pcs
    hid = primary.scalar("SELECT id FROM households ORDER BY id LIMIT 1")
    other = primary.scalar("SELECT id FROM households ORDER BY id LIMIT 1 OFFSET 1")
    primary.update("households", hid, {"phone": "13900000001"}, TEST_ACTOR)  # the right time, here
    _wrong_date(second, 30)
    second.update("households", hid, {"phone": "13900000009"}, TEST_ACTOR)  # "later", by its wrong date
    second.update("households", other, {"notes": "独居老人"}, TEST_ACTOR)  # nobody else changed this one

    _, report = _send(second, primary, tmp_path)
    assert report.clock_warnings == 2
    said = status.describe_report(report)
    assert "2 条记录的时间比本机时钟晚一天以上，对方电脑的日期可能不对" in said and "冲突 1 处" in said

    listed = conflicts.open_conflicts(primary)
    assert sorted(c.kind for c in listed) == ["clock", "clock", "field"]
    [field] = [c for c in listed if c.kind == "field"]
    assert (field.field, field.kept, field.lost) == ("电话", "139****0009", "139****0001")  # ours kept for review
    page = make_window(primary).show_page("sync")
    assert not page.clock_warning.isHidden()
    assert "收到的 2 条记录的时间比本机时钟晚一天以上" in page.clock_warning.text()
    assert "对方时钟超前" in [page.conflicts_table.item(r, 0).text() for r in range(page.conflicts_table.rowCount())]


def test_a_clock_only_hours_off_is_not_flagged(pcs, tmp_path):
    primary, second = pcs
    assert FAR_AHEAD_MS == DAY_MS
    second.clock.observe(format_hlc(int(time.time() * 1000) + 3 * 3600 * 1000, 0))  # three hours fast
    hid = primary.scalar("SELECT id FROM households ORDER BY id LIMIT 1")
    second.update("households", hid, {"phone": "13900000009"}, TEST_ACTOR)
    _, report = _send(second, primary, tmp_path)
    assert report.clock_warnings == 0 and conflicts.open_conflicts(primary) == []
