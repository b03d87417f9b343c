"""各村汇总表: at the township each report of the catalogue has one row per village — that village's own report,
as built on its own PC — and a 合计 row recomputed from every village's records; written as one workbook and one
PDF that open and read back."""

import json
import subprocess

import openpyxl
import pytest

from tests.conftest import TEST_ACTOR
from tests.sync.sent_down import township_and_villages
from tests.sync.township import ADMIN
from villagedesk import cli
from villagedesk.domain.errors import ConflictError, ValidationError, VillageDeskError
from villagedesk.reports.catalogue import REPORT_KEYS
from villagedesk.services import privacy
from villagedesk.services.reports.building import build_report, summary_of
from villagedesk.services.township import summaries
from villagedesk.ui.widgets.period_box import choose

PERIOD = "2026-10"  # the demo villages' records end on 31 October


@pytest.fixture(scope="module")
def nodes(tmp_path_factory):
    folder = tmp_path_factory.mktemp("summaries")
    mp = pytest.MonkeyPatch()
    mp.setenv("VILLAGEDESK_KEYS", str(folder / "keys"))
    node, villages = township_and_villages(folder)
    try:
        yield {"node": node, "villages": villages, "tables": summaries.summary_tables(node, PERIOD)}
    finally:
        mp.undo()
        for s in (node, *villages):
            s.close()


def _by_title(tables, title: str):
    return next(t for t in tables if t.title == title)


def test_each_village_s_row_is_its_own_report_and_the_total_is_recomputed(nodes):
    tables, villages = nodes["tables"], nodes["villages"]
    assert len(tables) == len(REPORT_KEYS) + 2  # report 1 in three parts
    for key in REPORT_KEYS[1:]:
        own = [build_report(v, key, PERIOD) for v in villages]  # each village's report on its own PC
        t = _by_title(tables, f"{own[0].title}（各村汇总）")
        figures = [i for i, v in enumerate(t.totals) if i > 2]
        for row, mine in zip(t.rows, own, strict=True):
            assert row[2] == summary_of(mine)["rows"], key
            wanted = [c for c in t.columns[3:]]
            assert [row[i] for i in figures] == [mine.totals[mine.column_index(c.title)] for c in wanted], key
        for i in figures:
            if t.columns[i].kind in ("int", "money"):
                assert t.totals[i] == pytest.approx(sum(r[i] for r in t.rows)), (key, t.columns[i].title)
    insurance = _by_title(tables, "医保参保统计表（各村汇总）")
    col = [c.title for c in insurance.columns]
    enrolled, due = (insurance.totals[col.index(k)] for k in ("已参保", "应参保"))
    assert insurance.totals[col.index("参保率")] == round(enrolled / due, 4)  # from the records, not the average


def test_report_1_s_parts_give_each_village_its_own_figures_and_the_township_s_total(nodes):
    tables, node, villages = nodes["tables"], nodes["node"], nodes["villages"]
    parts = [t for t in tables if t.key == "summary"]
    assert [t.title.rsplit("）", 1)[1] for t in parts] == ["网格与队伍", "走访、宣传、纠纷与突发事件", "志愿积分与补贴"]
    own = [{r[0]: r[2] for r in build_report(v, "summary", PERIOD).rows} for v in villages]
    whole = {r[0]: r[2] for r in build_report(node, "summary", PERIOD).rows}
    seen = 0
    for t in parts:
        for c, column in enumerate(t.columns[2:], start=2):
            assert [row[c] for row in t.rows] == [o[column.title] for o in own]
            assert t.totals[c] == whole[column.title]
            seen += 1
    assert seen == len(whole)  # every indicator of report 1, once
    assert [row[:2] for row in parts[0].rows] == [["桂花村", "510903104201"], ["石桥村", "510903104202"]]


def test_the_cli_writes_a_workbook_and_a_pdf_that_read_back(nodes, tmp_path, capsys):
    node = nodes["node"]
    node.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    capsys.readouterr()
    assert cli.main(["--db", str(node.path), "township", "summaries", "--period", PERIOD, "--out", str(tmp_path),
                     "--json", "--user", ADMIN.name]) == 0
    out = json.loads(capsys.readouterr().out)
    folder = tmp_path / "河东镇_2026-10_各村汇总表"
    assert out["folder"] == str(folder) and sorted(out["files"]) == [
        "河东镇_2026-10_各村汇总表.pdf", "河东镇_2026-10_各村汇总表.xlsx"]
    assert not list(tmp_path.glob(".*.part"))
    wb = openpyxl.load_workbook(folder / "河东镇_2026-10_各村汇总表.xlsx")
    assert len(wb.sheetnames) == out["tables"] == len(REPORT_KEYS) + 2
    insurance = _by_title(nodes["tables"], "医保参保统计表（各村汇总）")
    sheet = next(ws for ws in wb.worksheets if ws.cell(1, 1).value == insurance.title)
    cells = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    assert ["桂花村", "510903104201", *insurance.rows[0][2:]] == list(next(r for r in cells if r[0] == "桂花村"))[
        :len(insurance.columns)]
    text = subprocess.run(["pdftotext", "-layout", str(folder / "河东镇_2026-10_各村汇总表.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "医保参保统计表（各村汇总）" in text and "微网格治理工作情况月报（各村汇总）（三）志愿积分与补贴" in text
    assert f"{insurance.totals[-1] * 100:.1f}%" in text
    line = privacy.audit_lines(node, ADMIN)[0]
    assert line.action == "导出各村汇总表" and "2026 年 10 月，2 个村" in line.detail


def test_only_a_township_writes_them_and_a_bad_period_or_folder_is_named(nodes, tmp_path):
    node, (guihua, _shiqiao) = nodes["node"], nodes["villages"]
    with pytest.raises(ConflictError, match="各村汇总表在乡镇节点生成"):
        summaries.export_summaries(guihua, TEST_ACTOR, PERIOD, tmp_path)
    with pytest.raises(ValidationError, match="统计期间"):
        summaries.export_summaries(node, ADMIN, "2027-05", tmp_path)
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(VillageDeskError, match="不是文件夹"):
        summaries.export_summaries(node, ADMIN, PERIOD, blocker)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_the_overview_page_exports_them_for_its_period(make_window, nodes, messages, monkeypatch, tmp_path):
    from villagedesk.ui.pages.reports import page as reports_page

    window = make_window(nodes["node"], ADMIN)
    page = window.show_page("overview")
    monkeypatch.setattr(reports_page, "ask_folder", lambda *a: tmp_path)
    choose(page.period, "")  # 全部记录: a 汇总表 is of a period
    page.export_button.click()
    assert messages[-1] == ("导出各村汇总表", "统计期间：各村汇总表按期间编制，请选择一个月、季度或年度")
    page.period.setEditText(PERIOD)
    page.export_button.click()
    assert messages[-1][0] == "导出各村汇总表" and str(tmp_path / "河东镇_2026-10_各村汇总表") in messages[-1][1]
    assert page.last_export.period.label == PERIOD


def test_the_payroll_report_at_the_township_holds_every_village_s_locked_months(nodes):
    node, villages = nodes["node"], nodes["villages"]
    own = [build_report(v, "payroll", "2026-Q3") for v in villages]
    assert all(summary_of(t)["rows"] for t in own)  # the demo locked July to September
    whole = build_report(node, "payroll", "2026-Q3")  # there is no home village's payroll at a township
    assert sorted(map(tuple, whole.rows)) == sorted(tuple(r) for t in own for r in t.rows)
    paid = whole.column_index("实发合计（元）")
    assert whole.totals[paid] == pytest.approx(sum(t.totals[paid] for t in own))
