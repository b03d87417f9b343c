"""The shared renderers: the xlsx reopens with its numbers, the PDF's text comes back with its font embedded."""

from openpyxl import load_workbook
from pypdf import PdfReader

from villagedesk.reports.excel import write_xlsx
from villagedesk.reports.pdf import write_pdf
from villagedesk.reports.table import Column, ReportTable


def _table(rows=3):
    return ReportTable(
        title="网格员补贴发放表", unit="河东镇 桂花村", period="2026 年 10 月",
        columns=[Column("网格", width=10), Column("网格员", width=8), Column("人数", "int", 6),
                 Column("金额（元）", "money", 10), Column("签字", "sign", 10)],
        rows=[[f"第{i}网格", f"张{i}", 100 + i, 80.5 + i, ""] for i in range(rows)],
        totals=["合计", "", sum(100 + i for i in range(rows)), sum(80.5 + i for i in range(rows)), ""],
        notes=["说明：按常住人口分档。"])


def test_xlsx_reopens_with_title_header_rows_and_totals(tmp_path):
    path = write_xlsx(_table(), tmp_path / "out.xlsx")
    ws = load_workbook(path).active
    assert ws["A1"].value == "网格员补贴发放表"
    unit_line = " ".join(str(c.value) for c in ws[2] if c.value)  # 填报单位 left, 统计期 centre
    assert "河东镇 桂花村" in unit_line and "2026 年 10 月" in unit_line
    assert [c.value for c in ws[3]] == ["网格", "网格员", "人数", "金额（元）", "签字"]
    assert ws.freeze_panes == "A4"
    assert [c.value for c in ws[7]][:4] == ["合计", None, 303, 244.5]
    assert ws["D4"].number_format == "#,##0.00"
    assert ws.page_setup.fitToWidth == 1
    assert not list(tmp_path.glob(".*part"))


def test_pdf_text_comes_back_and_pages_are_counted(tmp_path):
    path = write_pdf(_table(rows=120), tmp_path / "out.pdf")
    reader = PdfReader(path)
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "网格员补贴发放表" in text and "张119" in text and "合计" in text
    assert f"第 1 页 共 {len(reader.pages)} 页" in text and len(reader.pages) >= 3
    fonts = [f.get_object() for f in reader.pages[0]["/Resources"]["/Font"].values()]
    cjk = [f for f in fonts if "WenQuanYiMicroHei" in f["/BaseFont"]]
    assert cjk, [f["/BaseFont"] for f in fonts]
    descriptor = cjk[0]["/DescendantFonts"][0].get_object()["/FontDescriptor"] if "/DescendantFonts" in cjk[0] \
        else cjk[0]["/FontDescriptor"]
    assert "/FontFile2" in descriptor.get_object()  # embedded


def test_every_cell_keeps_its_own_style_when_kinds_and_formula_text_mix(tmp_path):
    # The sheet writer shares style objects between cells (openpyxl internals, pinned in pyproject):
    # a quoted formula-like text must not leak its quotePrefix to its neighbours, nor a figure its format.
    table = ReportTable(
        title="纠纷台账", unit="河东镇 桂花村", period="2026 年 11 月",
        columns=[Column("摘要"), Column("户数", "int", 6), Column("金额（元）", "money", 10),
                 Column("参保率", "rate", 8), Column("日期", "date", 10), Column("编码", "code", 14)],
        rows=[["=HYPERLINK(\"x\")", 3, 12.5, 0.25, "2026-11-02", "420112001001"],
              ["邻里漏水", None, 0, 1.0, "", "-7"],
              ["+86 电话", 7, 1234.56, None, "2026-11-30", "@x"]])
    ws = load_workbook(write_xlsx(table, tmp_path / "mix.xlsx")).active
    first = 4  # title, unit line, header
    a1, a2, a3 = (ws.cell(first + i, 1) for i in range(3))
    assert (a1.value, a1.data_type, a1.quotePrefix) == ('=HYPERLINK("x")', "s", True)
    assert (a2.value, a2.quotePrefix) == ("邻里漏水", False)
    assert (a3.value, a3.quotePrefix) == ("+86 电话", True)
    assert [ws.cell(first + i, 2).value for i in range(3)] == [3, None, 7]
    assert {ws.cell(first + i, 2).number_format for i in range(3)} == {"#,##0"}
    assert [ws.cell(first + i, 3).value for i in range(3)] == [12.5, 0, 1234.56]
    assert {ws.cell(first + i, 3).number_format for i in range(3)} == {"#,##0.00"}
    assert ws.cell(first, 4).number_format == "0.0%" and ws.cell(first + 1, 4).value == 1.0
    codes = [ws.cell(first + i, 6) for i in range(3)]
    assert [c.value for c in codes] == ["420112001001", "-7", "@x"]
    assert [c.quotePrefix for c in codes] == [False, True, True]
    assert all(c.number_format == "@" and c.data_type == "s" for c in codes)
    assert ws.cell(first + 2, 3).alignment.horizontal == "right"
    assert ws.cell(first + 1, 1).border.left.style == "thin"
    assert not ws.cell(first + 1, 3).quotePrefix  # the quoted style did not reach the figures
