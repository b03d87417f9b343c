"""The GUI of a district node: its navigation (辖区总览, 上报情况, 数据同步, 系统设置), 辖区总览 with the district's
total beside each township, 上报情况 with a line per township as its package judged it, and 数据同步's 导入区县汇总包
(a township's 生成区县汇总包 beside its other buttons)."""

import datetime as dt

import pytest

from tests.conftest import TEST_ACTOR
from tests.sync.test_district import CHIEF, OCTOBER, _district, _township
from tests.sync.township import ADMIN, demo_village, pair, send
from villagedesk.domain import clock
from villagedesk.services.district import package
from villagedesk.ui.pages.sync import dialogs


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """河东镇 with one small village, registered at 船山区, its October package written (not yet imported)."""
    folder = tmp_path_factory.mktemp("district-page")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VILLAGEDESK_KEYS", str(folder / "keys"))
        town, d = _township(folder / "hd.db", "510903104000", "河东镇"), _district(folder / "district.db")
        v = demo_village(folder / "v.db", households=3, seed=5)
        pair(v, TEST_ACTOR, town, ADMIN, folder)
        send(v, TEST_ACTOR, town, ADMIN, folder)
        v.close()
        pair(town, ADMIN, d, CHIEF, folder)
        clock.pin(dt.datetime(2026, 11, 8, 10, 0))
        written = package.export_district_package(town, ADMIN, OCTOBER, folder)
        clock.pin(None)
        town.close()
        d.close()
    return folder, written


@pytest.fixture
def nodes(built, monkeypatch):
    """The two nodes open (October the period box's first choice), keys where the module made them."""
    from villagedesk.store import open_store

    folder, written = built
    monkeypatch.setenv("VILLAGEDESK_KEYS", str(folder / "keys"))
    clock.pin(dt.datetime(2026, 11, 8, 10, 0))
    town, d = open_store(folder / "hd.db"), open_store(folder / "district.db")
    yield town, d, written
    town.close()
    d.close()


def test_a_district_imports_a_township_s_package_on_the_sync_page_and_sees_it_in_the_overview(
        make_window, nodes, messages, monkeypatch):
    town, d, written = nodes
    window = make_window(d, CHIEF)
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == ["辖区总览", "上报情况", "数据同步", "系统设置"]
    assert window.page_spec("households") is None and window.page_spec("villages") is None
    assert window.user_label.text() == f"使用人：{CHIEF.name}（区县管理员）"  # the same role, a district's name for it
    page = window.show_page("overview")
    assert page.status.text().startswith("尚未导入任何乡镇本期的区县汇总包") and "河东镇" in page.status.text()
    sync = window.show_page("sync")
    assert sync.buttons["import"].text() == "导入区县汇总包…" and not sync.buttons["export"].isVisible()
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *a: written.path)
    sync.buttons["import"].click()
    assert messages[-1][0] == "导入区县汇总包" and messages[-1][1].startswith("已导入：河东镇（510903104000）2026-10")
    held = sync.held_table
    assert [[held.item(r, c).text() for c in range(4)] for r in range(held.rowCount())] == [
        ["2026-10", "河东镇（510903104000）", "1", "2026-11-08 10:00"]]
    assert held.item(0, 5).text() == CHIEF.name and held.item(0, 6).text() == written.path.name
    peers = sync.peers_table  # what it last received from the township: that package, and nothing sent
    assert [peers.item(0, c).text() for c in (2, 3, 4)] == ["—", held.item(0, 4).text(), "—"]
    page = window.show_page("overview")
    header = [page.table.horizontalHeaderItem(c).text() for c in range(page.table.columnCount())]
    assert header == ["指标", "船山区合计", "河东镇"]
    assert page.status.text().startswith("2026 年 10 月：1 个乡镇")
    households = next(r for r in range(page.table.rowCount()) if page.table.item(r, 0).text() == "户数")
    assert [page.table.item(households, c).text() for c in (1, 2)] == ["3", "3"]
    assert page.tabs.tabText(1) == "按乡镇图表" and page.chart.chart_.title() == "各乡镇入户走访"
    page = window.show_page("reporting")  # the township's 上报情况 as of the day it wrote the package
    header = [page.summary.horizontalHeaderItem(c).text() for c in range(page.summary.columnCount())]
    assert header[:3] == ["乡镇", "统计用区划代码", "应报"] and header[-1] == "截至"
    line = [page.summary.item(0, c).text() for c in range(page.summary.columnCount())]
    carried = written.manifest  # the village sent no report: every October report it owed is 未报 by 8 November
    assert line[:2] == ["河东镇", "510903104000"] and line[-1] == "2026-11-08" and carried["period"] == "2026-10"
    assert int(line[2]) > 0 and line[header.index("未报")] == line[2] and line[header.index("按时报率")] == "0.0%"
    assert page.summary.rowCount() == 1 and page.tabs.tabText(0) == "各乡镇汇总" and page.tabs.tabText(2) == f"催报名单（{line[2]}）"
    page.open_village(0)
    assert page.tabs.currentIndex() == 1 and page.detail.rowCount() == int(line[2])
    assert page.detail.item(0, 0).text().startswith("河东镇 ")


def test_a_township_writes_its_district_package_from_the_sync_page(make_window, nodes, messages, monkeypatch,
                                                                     tmp_path):
    town, _d, _w = nodes
    window = make_window(town, ADMIN)
    sync = window.show_page("sync")
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getItem", lambda *a: ("2026 年 10 月（上个月）", True))
    out = tmp_path / "stick"
    out.mkdir()
    monkeypatch.setattr(dialogs, "ask_folder", lambda *a: out)
    sync.buttons["district-export"].click()
    assert messages[-1][0] == "生成区县汇总包" and "1 个村" in messages[-1][1], messages
    assert [p.name.startswith("区县汇总包_河东镇_2026-10_") for p in out.iterdir()] == [True]


def test_the_first_run_form_makes_a_district_node_and_names_a_bad_code(qtbot, tmp_path):
    from villagedesk.services import village
    from villagedesk.services.district.node import home_district
    from villagedesk.store import open_store
    from villagedesk.ui.first_run import FirstRunDialog
    from villagedesk.ui.jobs import JobRunner

    from .helpers import type_text

    store = open_store(tmp_path / "new.db", create=True)
    dialog = FirstRunDialog(store, JobRunner(store, inline=True))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.kind_buttons["district"].click()
    assert dialog.inputs["district_code"].isVisible() and not dialog.inputs["township"].isVisible()
    assert not dialog.inputs["code"].isVisible() and not dialog.demo_button.isVisible()
    assert dialog.create_button.text() == "创建区县节点"
    type_text(dialog.inputs["district"], "船山区")
    type_text(dialog.inputs["district_code"], "510903104000")  # a township's code, not the district's
    type_text(dialog.inputs["user"], "李区干")
    dialog.create_button.click()
    assert "区县区划代码" in dialog.error.text() and "510903000000" in dialog.error.text()
    assert dialog.inputs["district_code"].hasSelectedText() and not village.is_set_up(store)
    type_text(dialog.inputs["district_code"], "510903")
    dialog.create_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.actor.name == "李区干"
    assert home_district(store) == ("510903000000", "船山区") and village.is_set_up(store)
    store.close()
