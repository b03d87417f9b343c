"""The one period picker: on 2 December November's dispute, visit and emergency ledgers are one choice (上个月) or one
typed month away, and the visit and emergency ledgers export to Excel and PDF with that month's rows."""

import datetime as dt
import subprocess

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from tests.conftest import TEST_ACTOR
from tests.ui.helpers import type_text
from villagedesk.domain import clock
from villagedesk.domain.field_work.disputes import DisputeDraft, PartyDraft
from villagedesk.domain.field_work.emergencies import EmergencyDraft
from villagedesk.domain.field_work.visits import VisitDraft
from villagedesk.services.field_work import disputes, emergencies, visits
from villagedesk.ui.widgets.period_picker import PeriodPicker
from villagedesk.ui.widgets.pickers import date_of


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
    box = PeriodPicker()
    qtbot.addWidget(box)
    box.choose("2025")
    box.choose("2026-13")
    assert "月份 13" in box.toolTip() and box.period().title == "2025 年"


def _pdftotext(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _export(qtbot, monkeypatch, page_module, button, target):
    monkeypatch.setattr("villagedesk.ui.widgets.ledger_export.ask_save_path", lambda *a: target)  # every page's 导出台账
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return target


def test_novembers_visit_ledger_on_december_2nd_shows_and_exports_its_rows(december_2nd, make_window, store, village,
                                                                          qtbot, monkeypatch, tmp_path):
    for when, findings in ((dt.datetime(2026, 11, 20, 10, 0), "屋顶漏雨"), (dt.datetime(2026, 12, 1, 9, 0), "一切正常")):
        visits.record_visit(store, TEST_ACTOR, VisitDraft(village.workers[0], village.households[0][1], when,
                                                          "in_person", "info", findings=findings))
    page = make_window(store).show_page("visits")
    _choose(page.period, "上个月")
    assert page.visits_tab.model.rowCount() == 1
    buttons = page.visits_tab.buttons
    ws = load_workbook(_export(qtbot, monkeypatch, "visits", buttons["export-xlsx"], tmp_path / "走访.xlsx")).active
    cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert "入户走访台账" in cells and "2026 年 11 月" in " ".join(cells)
    assert "屋顶漏雨" in cells and "一切正常" not in cells and "2026-11-20 10:00" in cells
    text = _pdftotext(_export(qtbot, monkeypatch, "visits", buttons["export-pdf"], tmp_path / "走访.pdf"))
    assert "入户走访台账" in text and "屋顶漏雨" in text and "一切正常" not in text and "李秀英" in text


def test_novembers_emergency_ledger_on_december_2nd_shows_and_exports_its_rows(december_2nd, make_window, store,
                                                                              village, qtbot, monkeypatch, tmp_path):
    for title, start in (("上湾山洪", dt.datetime(2026, 11, 15, 22, 0)), ("下沟停电", dt.datetime(2026, 12, 1, 8, 0))):
        emergencies.open_emergency(store, TEST_ACTOR, EmergencyDraft("flood", title, start, (village.grids[0],)))
    page = make_window(store).show_page("emergencies")
    _choose(page.period, "上个月")
    assert page.model.rowCount() == 1
    ws = load_workbook(_export(qtbot, monkeypatch, "emergencies", page.buttons["export-xlsx"],
                               tmp_path / "突发.xlsx")).active
    cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert "突发事件台账" in cells and "上湾山洪" in cells and "下沟停电" not in cells and "处置中" in cells
    text = _pdftotext(_export(qtbot, monkeypatch, "emergencies", page.buttons["export-pdf"], tmp_path / "突发.pdf"))
    assert "突发事件台账" in text and "上湾山洪" in text and "下沟停电" not in text


def _down_to_the_range_entry(qtbot, box):
    """Alt+Down opens the list, End goes to its last entry, 起止日期…, and Enter picks it: the calendars open."""
    box.dialog = None
    qtbot.keyClick(box, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: box.view().isVisible())
    qtbot.keyClick(box.view(), Qt.Key.Key_End)
    qtbot.keyClick(box.view(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: box.dialog is not None and box.dialog.isVisible())


def test_a_free_date_range_is_picked_on_two_calendars_with_the_keyboard(december_2nd, qtbot):
    box = PeriodPicker()
    qtbot.addWidget(box)
    box.show()
    box.choose("上个月")
    _down_to_the_range_entry(qtbot, box)
    assert box.title() == "2026 年 11 月" and box.currentText() == "上个月"  # the last choice stays meanwhile
    dialog = box.dialog
    assert (date_of(dialog.start), date_of(dialog.last)) == (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    dialog.start.setFocus()
    dialog.start.setDate(QDate(2026, 11, 3))
    dialog.last.setDate(QDate(2026, 11, 20))
    qtbot.keyClick(dialog.last, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert box.period().label == "2026-11-03..2026-11-20" and box.currentText() == "2026 年 11 月 3 日至 11 月 20 日"
    _down_to_the_range_entry(qtbot, box)
    assert box.dialog is not dialog
    qtbot.keyClick(box.dialog, Qt.Key.Key_Escape)  # cancelled: the range stays
    assert box.period().label == "2026-11-03..2026-11-20"


def test_typed_spellings_become_entries_and_the_words_follow_a_new_day(december_2nd, qtbot):
    box = PeriodPicker(default="month")
    qtbot.addWidget(box)
    assert box.title() == "2026 年 12 月"
    for typed, title in (("2026Q4", "2026 年第 4 季度"), ("2025年3月", "2025 年 3 月"), ("上个月", "2026 年 11 月")):
        box.lineEdit().selectAll()
        type_text(box.lineEdit(), typed)
        qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)
        assert box.title() == title, typed
    clock.pin(dt.datetime(2027, 1, 4, 8, 0))  # the page stayed open over the new year
    box.hide()
    box.show()
    box.setCurrentIndex(box.findText("上个月"))
    assert box.title() == "2026 年 12 月"


def test_the_picker_reads_whole_at_26_pt(december_2nd, make_window, store, village):
    window = make_window(store)
    current = int(window.settings.value("window/point_size", 13))
    assert window.zoom(26 - current) == 26
    for key in ("disputes", "visits", "emergencies"):
        box = window.show_page(key).period
        box.choose("2026-11-03..2026-11-20")
        QApplication.processEvents()
        fm = box.fontMetrics()
        assert fm.height() >= 26, key  # the large text reaches the picker
        longest = max(fm.horizontalAdvance(box.itemText(i)) for i in range(box.count()))
        assert box.lineEdit().width() >= fm.horizontalAdvance(box.currentText()), key
        assert box.view().sizeHintForColumn(0) >= longest and box.width() >= fm.horizontalAdvance("2026 年第 4 季度")
