"""Render a ReportTable to xlsx: title, unit and period line, frozen header, formats, A4 fitted to width."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from villagedesk.reports.atomic import write_atomically
from villagedesk.reports.table import ReportTable

_FORMATS = {"int": "#,##0", "money": "#,##0.00", "rate": "0.0%", "date": "yyyy-mm-dd"}
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def write_xlsx(table: ReportTable, path: str | Path) -> Path:
    """Write atomically (temp file, then rename) so a pulled USB stick never leaves half a file."""
    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = table.title[:31]
    n = len(table.columns)
    ws.cell(1, 1, table.title).font = Font(size=16, bold=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    ws.cell(2, 1, f"填报单位：{table.unit}　　统计期间：{table.period}")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=n)
    header_row = 3
    for c, col in enumerate(table.columns, 1):
        cell = ws.cell(header_row, c, col.title)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE5EE")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER
        ws.column_dimensions[get_column_letter(c)].width = max(6, col.width * 1.6)
    r = header_row
    for r, row in enumerate(table.rows, header_row + 1):
        _write_row(ws, r, row, table)
    if table.totals is not None:
        r += 1
        _write_row(ws, r, table.totals, table, bold=True)
    r += 1
    for note in table.notes:
        r += 1
        ws.cell(r, 1, note)
    if table.signatures:
        r += 2
        ws.cell(r, 1, "　　　　".join(f"{s}：__________" for s in table.signatures))
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if table.landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    return write_atomically(path, wb.save)


def _write_row(ws, r: int, row: list, table: ReportTable, bold: bool = False) -> None:
    for c, (value, col) in enumerate(zip(row, table.columns, strict=True), 1):
        cell = ws.cell(r, c, value)
        cell.border = _BORDER
        if col.kind in _FORMATS and value not in (None, ""):
            cell.number_format = _FORMATS[col.kind]
        if bold:
            cell.font = Font(bold=True)
