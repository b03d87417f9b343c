"""The monthly stipend payroll as a ReportTable: one line per worker, a 签字 column, totals, preparer and approver."""

from __future__ import annotations

from pathlib import Path

from villagedesk.domain.grids.payroll import Payroll
from villagedesk.reports.excel import write_xlsx
from villagedesk.reports.pdf import write_pdf
from villagedesk.reports.table import Column, ReportTable

COLUMNS = [Column("序号", "int", 4), Column("网格", width=9), Column("网格员", width=7),
           Column("在册人口", "int", 6), Column("阶梯补贴（元）", "money", 9), Column("临时补助天数", "int", 6),
           Column("临时补助（元）", "money", 9), Column("调整（元）", "money", 8),
           Column("实发合计（元）", "money", 10), Column("签字", "sign", 10)]


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


def write_payroll(payroll: Payroll, unit: str, path: str | Path, fmt: str) -> Path:
    table = payroll_table(payroll, unit)
    return write_pdf(table, path) if fmt == "pdf" else write_xlsx(table, path)
