"""The monthly stipend payroll as a ReportTable: one line per worker, a 签字 column, totals, preparer and approver.

The PDF is drawn here rather than by the shared renderer so each row is tall enough to sign in.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from villagedesk.domain.grids.payroll import Payroll
from villagedesk.reports.excel import write_xlsx
from villagedesk.reports.fonts import ensure_pdf_font
from villagedesk.reports.pdf import build_pdf, paragraph_styles
from villagedesk.reports.table import Column, ReportTable, format_cell

COLUMNS = [Column("序号", width=4), Column("网格", width=9), Column("网格员", width=7),
           Column("常住人口", "int", 6), Column("阶梯补贴（元）", "money", 9), Column("临时补助天数", "int", 6),
           Column("临时补助（元）", "money", 9), Column("调整（元）", "money", 8),
           Column("实发合计（元）", "money", 10), Column("签字", "sign", 12)]
SIGN_ROW_MM = 9


def payroll_table(payroll: Payroll, unit: str) -> ReportTable:
    rows = [[ln.line_no, ln.grid_names, ln.worker_name, ln.residents, ln.stipend_fen / 100, ln.subsidy_days,
             ln.subsidy_fen / 100, ln.adjustment_fen / 100, ln.total_fen / 100, ""] for ln in payroll.lines]
    totals = ["合计", "", f"{len(payroll.lines)} 人", None, payroll.stipend_fen / 100, payroll.subsidy_days,
              payroll.subsidy_fen / 100, payroll.adjustment_fen / 100, payroll.total_fen / 100, ""]
    notes = list(payroll.notes)
    notes += [f"调整：{ln.worker_name}　{ln.adjustment_detail}" for ln in payroll.lines if ln.adjustment_detail]
    notes.append(f"制表：{payroll.prepared_by or '—'}　　审核：{payroll.reviewed_by or '—'}　　"
                 f"审批：{payroll.approved_by or '—'}　　状态：{payroll.status_label}"
                 + (f"（{payroll.locked_at[:10]} 锁定）" if payroll.locked_at else ""))
    return ReportTable(title="微网格员补贴发放表", unit=unit, period=payroll.title_month, columns=COLUMNS,
                       rows=rows, totals=totals, notes=notes, signatures=("制表人", "审核人", "审批人", "日期"),
                       landscape=True)


def write_payroll_pdf(table: ReportTable, path: str | Path) -> Path:
    font = ensure_pdf_font()
    st = paragraph_styles(font, 10)
    pagesize = landscape(A4)
    story = [Paragraph(table.title, st["title"]),
             Paragraph(f"填报单位：{table.unit}　　发放月份：{table.period}", st["sub"])]
    right = {"int", "money"}
    data = [[Paragraph(c.title, st["cell"]) for c in table.columns]]
    for row in table.rows + ([table.totals] if table.totals is not None else []):
        data.append([Paragraph(format_cell(v, c.kind), st["cell_r" if c.kind in right else "cell"])
                     for v, c in zip(row, table.columns, strict=True)])
    usable = pagesize[0] - 30 * mm
    total_w = sum(c.width for c in table.columns)
    heights = [None] + [SIGN_ROW_MM * mm] * len(table.rows) + [None]
    grid = Table(data, colWidths=[usable * c.width / total_w for c in table.columns], rowHeights=heights,
                 repeatRows=1)
    grid.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font), ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                              ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDE5EE")),
                              ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#F2F2F2")),
                              ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    tail = [Spacer(1, 3 * mm)]
    tail += [Paragraph(n.replace("&", "&amp;").replace("<", "&lt;"), st["note"]) for n in table.notes]
    tail += [Spacer(1, 6 * mm), Paragraph("　　　　".join(f"{s}：____________" for s in table.signatures), st["body"])]
    story += [grid, KeepTogether(tail)]
    return build_pdf(path, story, pagesize, header=f"{table.unit}　{table.title}　{table.period}")


def write_payroll(payroll: Payroll, unit: str, path: str | Path, fmt: str) -> Path:
    table = payroll_table(payroll, unit)
    return write_payroll_pdf(table, path) if fmt == "pdf" else write_xlsx(table, path)
