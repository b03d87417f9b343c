"""The Refresher: a part redraws at once when shown, waits while hidden, and only for the kinds it declares."""

import pathlib

import pytest
from PySide6.QtWidgets import QTabWidget, QWidget

from villagedesk.domain import changes
from villagedesk.domain.changes import Kind
from villagedesk.ui.context import DataEvents
from villagedesk.ui.refresh import Refresher


def _page(qtbot):
    page = QWidget()
    qtbot.addWidget(page)
    events = DataEvents()
    return page, events, Refresher(page, events)


def test_a_shown_part_redraws_at_once_and_a_hidden_one_when_shown(qtbot):
    page, events, refresher = _page(qtbot)
    runs = []
    refresher.watch({Kind.GOODS, Kind.STOCK}, lambda: runs.append("goods"))
    refresher.watch({Kind.LEDGER}, lambda: runs.append("ledger"))
    page.show()
    events.publish(changes.of(Kind.STOCK))
    assert runs == ["goods"]
    page.hide()
    events.publish(changes.of(Kind.LEDGER))
    events.publish(changes.of(Kind.LEDGER, Kind.STOCK))
    assert runs == ["goods"] and refresher.dirty
    page.show()
    assert runs == ["goods", "goods", "ledger"] and not refresher.dirty  # each part once, however many changes
    page.hide()
    page.show()
    assert len(runs) == 3  # nothing new: nothing redrawn
    events.publish(changes.of(Kind.VISITS))
    events.publish(changes.NOTHING)
    assert len(runs) == 3


def test_a_tab_not_on_top_waits_until_it_is_shown(qtbot):
    page, events, refresher = _page(qtbot)
    tabs = QTabWidget(page)
    first, second = QWidget(), QWidget()
    tabs.addTab(first, "一")
    tabs.addTab(second, "二")
    runs = []
    refresher.watch({Kind.WORKERS}, lambda: runs.append("first"), first)
    refresher.watch({Kind.WORKERS}, lambda: runs.append("second"), second)
    page.show()
    events.publish(changes.of(Kind.WORKERS))
    assert runs == ["first"]
    tabs.setCurrentWidget(second)
    assert runs == ["first", "second"]


def test_everything_redraws_every_part(qtbot):
    page, events, refresher = _page(qtbot)
    runs = []
    refresher.watch({Kind.RECEIPTS}, lambda: runs.append(1))
    refresher.watch({Kind.TRAININGS}, lambda: runs.append(2))
    page.show()
    events.publish(changes.EVERYTHING)
    assert runs == [1, 2]


def test_a_part_can_only_show_registered_kinds(qtbot):
    _page_, _events, refresher = _page(qtbot)
    with pytest.raises(TypeError):
        refresher.watch({"village"}, lambda: None)
    with pytest.raises(TypeError):
        refresher.watch(set(), lambda: None)
    with pytest.raises(TypeError):
        _events.publish("households")  # a free string carries no changes


def test_no_page_sends_free_string_kinds_any_more():
    root = pathlib.Path(__file__).resolve().parents[2] / "villagedesk"
    for path in root.rglob("*.py"):
        assert "emit_changed" not in path.read_text(encoding="utf-8"), f"{path}: publish a write's result instead"
