"""The roster template workbook: a title, how to fill it in, the header row and one example household."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from villagedesk.reports.atomic import write_atomically

HEADERS = ("网格", "湾（自然村）", "组", "门牌号", "姓名", "与户主关系", "身份证号", "出生日期", "性别", "联系电话",
           "居住状态", "党员", "重点人群", "医保参保", "备注")
WIDTHS = (10, 12, 6, 8, 9, 10, 22, 12, 6, 14, 10, 6, 16, 10, 16)
EXAMPLE = (
    ("张家湾", "张家湾", "1组", "12号", "张建国", "户主", "510903195803021237", "1958-03-02", "男", "13800001111",
     "在家居住", "是", "", "已参保", "示例，导入前请删除"),
    ("张家湾", "张家湾", "1组", "12号", "李秀英", "配偶", "510903196005111224", "1960-05-11", "女", "", "在家居住", "否", "", "已参保", ""),
    ("张家湾", "张家湾", "1组", "12号", "张浩", "子", "510903199008201317", "1990-08-20", "男", "", "外出务工", "否", "", "未参保", ""),
)


def write_roster_template(path: str | Path) -> Path:
    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    n = len(HEADERS)
    ws.cell(1, 1, "农户与人口花名册（导入模板）").font = Font(size=16, bold=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    ws.cell(2, 1, "填写说明：每人一行，同一户的成员填写相同的湾、组、门牌号，每户有且只有一位“户主”；"
                  "身份证号列已设为文本，请勿改成数字；出生日期可写 1958-03-02、1958/3/2 或 1958年3月2日；"
                  "重点人群可填：独居老人、留守儿童、残疾人、低保、特困、防返贫监测、大病，多项用顿号隔开。")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=n)
    ws.cell(2, 1).alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[2].height = 48
    for c, (title, width) in enumerate(zip(HEADERS, WIDTHS, strict=True), 1):
        cell = ws.cell(3, c, title)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE5EE")
        ws.column_dimensions[get_column_letter(c)].width = width
    for r, row in enumerate(EXAMPLE, 4):
        for c, value in enumerate(row, 1):
            ws.cell(r, c, value or None)
    id_col = get_column_letter(HEADERS.index("身份证号") + 1)
    for r in range(4, 2004):
        ws[f"{id_col}{r}"].number_format = "@"  # text: Excel must not turn the number into 5.10903E+17
    ws.freeze_panes = "A4"
    return write_atomically(path, wb.save)
