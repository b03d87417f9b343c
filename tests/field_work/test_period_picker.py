"""The one period picker: on 2 December November's dispute ledger is one choice (上个月) or one typed month away."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from tests.conftest import TEST_ACTOR
from tests.ui.helpers import type_text
from villagedesk.domain import clock
from villagedesk.domain.field_work.disputes import DisputeDraft, PartyDraft
from villagedesk.services.field_work import disputes
from villagedesk.ui.widgets.field_forms import PeriodBox


@pytest.fixture
def december_2nd():
    clock.pin(dt.datetime(2026, 12, 2, 9, 0))
    yield
    clock.pin(None)


def _rows(page):
    return page.model.rowCount()


def _choose(box, text):
    box.setCurrentIndex(box.findText(text))


def test_november_dispute_ledger_on_december_2nd(december_2nd, make_window, store, village, qtbot):
    disputes.open_dispute(store, TEST_ACTOR, DisputeDraft(
        village.grids[1], "land", "地界争议", dt.date(2026, 11, 20), "孙网格",
        (PartyDraft("陈长林", village.heads[village.households[1][0]]),)))
    page = make_window(store).show_page("disputes")
    box = page.period
    _choose(box, "本月")
    assert _rows(page) == 0
    _choose(box, "上个月")
    assert box.period().title == "2026 年 11 月" and _rows(page) == 1
    _choose(box, "上季度")
    assert box.period().title == "2026 年第 3 季度" and _rows(page) == 0

    box.lineEdit().selectAll()
    type_text(box.lineEdit(), "2026-11")
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)
    assert box.currentText() == "2026 年 11 月" and _rows(page) == 1
    box.choose("2026-11-21..2026-11-30")
    assert box.period().title == "2026 年 11 月 21 日至 11 月 30 日" and _rows(page) == 0
    box.choose("2026-Q4")
    assert _rows(page) == 1


def test_a_wrong_period_says_why_and_keeps_the_last_one(december_2nd, qtbot):
    box = PeriodBox()
    qtbot.addWidget(box)
    box.choose("2025")
    box.choose("2026-13")
    assert "月份 13" in box.toolTip() and box.period().title == "2025 年"
