"""An A4 account statement (积分明细) of one household: every entry with the running balance."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from villagedesk.domain import clock
from villagedesk.reports.fonts import ensure_pdf_font
from villagedesk.reports.pdf import build_pdf, paragraph_styles


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_statement(village, statement, path: str | Path) -> Path:
    """`statement` has label, grid_name, balance and entries (when, kind_label, delta, reason, ...)."""
    font = ensure_pdf_font()
    st = paragraph_styles(font, size=9)
    story = [Paragraph(f"{_esc(village.name)}志愿服务积分明细", st["title"]),
             Paragraph(f"农户：{_esc(statement.label)}　　网格：{_esc(statement.grid_name)}　　"
                       f"打印日期：{clock.today().isoformat()}", st["sub"])]
    data = [["日期时间", "类别", "事由", "获得人", "积分", "余额", "经办人"]]
    for e in statement.entries:
        reason = e.reason + ("（已冲正）" if e.reversed else "")
        data.append([e.when, e.kind_label, reason, e.resident_name, f"{e.delta:+d}", str(e.balance_after),
                     e.operator_name])
    if not statement.entries:
        data.append(["", "", "暂无积分记录", "", "", "", ""])
    cells = [[Paragraph(_esc(str(v)), st["cell_r"] if c in (4, 5) and r else st["cell"])
              for c, v in enumerate(row)] for r, row in enumerate(data)]
    table = Table(cells, colWidths=[30 * mm, 12 * mm, 60 * mm, 18 * mm, 14 * mm, 14 * mm, 22 * mm], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDE5EE")),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story += [table, Spacer(1, 4 * mm),
              Paragraph(f"当前积分余额：{statement.balance} 分", st["body"]),
              Paragraph("积分台账只增不改，更正一律以冲正记录反映。", st["note"]),
              Spacer(1, 10 * mm),
              Paragraph("户主签字：____________　　　　经办人：____________　　　　村委会（盖章）", st["body"])]
    return build_pdf(path, story, A4, header=f"{village.name}　积分明细　{statement.label}")
