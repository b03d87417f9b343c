"""Insurance drive reports: enrolment rates per grid, and the not-enrolled list a worker carries (PDF)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph, Spacer, Table, TableStyle

from villagedesk.domain import clock
from villagedesk.reports.excel import write_xlsx
from villagedesk.reports.fonts import ensure_pdf_font
from villagedesk.reports.pdf import build_pdf, paragraph_styles, write_pdf
from villagedesk.reports.table import Column, ReportTable

_LIST_COLUMNS = (("序号", 11), ("姓名", 18), ("性别", 9), ("年龄", 9), ("身份证号", 36), ("户主", 18),
                 ("地址", 34), ("联系电话", 26), ("居住状态", 18), ("情况", 24), ("走访结果 / 签字", 34))


def summary_table(unit: str, summary) -> ReportTable:
    """Rows per grid and the village total; `summary` is an EnrolmentSummary."""
    columns = [Column("网格", width=10), Column("网格员", width=8), Column("在册人口", "int", 8),
               Column("已参保", "int", 8), Column("无需参保", "int", 8), Column("未参保", "int", 8),
               Column("参保率", "rate", 8)]
    rows = [[g.grid_name, g.worker, g.residents, g.enrolled, g.exempt, g.not_enrolled, _rate(g.rate)]
            for g in summary.grids]
    t = summary.total
    return ReportTable(f"{summary.year} 年度城乡居民医保参保情况", unit, f"{summary.year} 年", columns, rows,
                       totals=["全村合计", "", t.residents, t.enrolled, t.exempt, t.not_enrolled, _rate(t.rate)],
                       notes=["参保率 = 已参保 ÷（在册人口 − 无需参保）；在册人口含在家居住和外出务工人员。"])


def _rate(value: float | None):
    return "—" if value is None else value


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def render(table: ReportTable, path: str | Path, fmt: str) -> Path:
    return write_pdf(table, path) if fmt == "pdf" else write_xlsx(table, path)


def write_not_enrolled_pdf(path: str | Path, unit: str, year: int, groups: list, summary) -> Path:
    """One section per grid (heading with the worker), a row per person with room for the visit's result."""
    font = ensure_pdf_font()
    st = paragraph_styles(font, size=9)
    total = sum(len(g.people) for g in groups)
    story = [Paragraph(f"{year} 年度医保未参保人员走访名单", st["title"]),
             Paragraph(f"{unit}　　全村参保率 {_pct(summary.total.rate)}　　未参保 {total} 人"
                       f"　　打印日期 {clock.today().isoformat()}", st["sub"])]
    if not groups:
        story.append(Paragraph("本年度在册人口已全部参保（或无需参保），没有需要走访的人员。", st["body"]))
    usable = landscape(A4)[0] - 24 * mm
    widths = [usable * w / sum(w for _, w in _LIST_COLUMNS) for _, w in _LIST_COLUMNS]
    rates = {g.grid_id: g for g in summary.grids}
    for group in groups:
        g = rates.get(group.grid_id)
        rate = f"，参保率 {_pct(g.rate)}" if g else ""
        worker = f"（网格员：{group.worker}）" if group.worker else "（网格员：未设）"
        story += [CondPageBreak(40 * mm), Spacer(1, 3 * mm),
                  Paragraph(f"{group.grid_name} 网格{worker}　未参保 {len(group.people)} 人{rate}", st["body"])]
        data = [[Paragraph(title, st["cell"]) for title, _ in _LIST_COLUMNS]]
        for i, p in enumerate(group.people, 1):
            data.append([Paragraph(str(v), st["cell"]) for v in (
                i, p.name, p.sex, p.age, p.id_masked, p.head_name, p.address, p.phone, p.residence,
                "已登记未参保" if p.marked else "未登记", "")])
        table = Table(data, colWidths=widths, repeatRows=1)
        table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font), ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDE5EE")),
                                   ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                   ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F7F7F7")])]))
        story.append(table)
    story += [Spacer(1, 8 * mm), Paragraph("网格员：____________　　　　走访日期：____________", st["body"])]
    return build_pdf(path, story, landscape(A4), header=f"{unit}　{year} 年度医保未参保人员走访名单",
                     margins_mm=(12, 12, 16, 14))
