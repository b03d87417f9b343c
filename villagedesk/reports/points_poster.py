"""The A4 ranking poster (积分榜) of a village or one grid, for the notice board."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from villagedesk.reports.fonts import ensure_pdf_font
from villagedesk.reports.pdf import build_pdf, paragraph_styles

_GOLD, _RED = colors.HexColor("#FFF4CC"), colors.HexColor("#B22222")


def write_poster(village, period_title: str, grid_name: str, rows: list, path: str | Path) -> Path:
    """`rows` are ranking rows (rank, label, grid_name, earned, balance), best first."""
    font = ensure_pdf_font()
    st = paragraph_styles(font, size=13)
    big = ParagraphStyle("poster", fontName=font, fontSize=30, leading=40, alignment=1, textColor=_RED)
    scope = f"{grid_name}网格" if grid_name else "全村"
    story = [Paragraph(f"{village.name}志愿服务积分榜", big),
             Paragraph(f"{period_title}　·　{scope}", st["sub"]), Spacer(1, 4 * mm)]
    data = [["名次", "农户", "网格", "获得积分", "积分余额"]]
    for r in rows:
        data.append([str(r.rank), r.label, r.grid_name, str(r.earned), str(r.balance)])
    if len(data) == 1:
        data.append(["", "本期还没有农户获得积分", "", "", ""])
    cell = ParagraphStyle("c", fontName=font, fontSize=12, leading=16, wordWrap="CJK")
    table = Table([[Paragraph(v, cell) for v in row] for row in data],
                  colWidths=[18 * mm, 70 * mm, 34 * mm, 28 * mm, 28 * mm], repeatRows=1)
    style = [("GRID", (0, 0), (-1, -1), 0.6, colors.HexColor("#C9A227")),
             ("BACKGROUND", (0, 0), (-1, 0), _RED), ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    for i, r in enumerate(rows, 1):
        if r.rank <= 3:
            style.append(("BACKGROUND", (0, i), (-1, i), _GOLD))
    table.setStyle(TableStyle(style))
    header = data[0]
    table._cellvalues[0] = [Paragraph(f'<font color="white">{h}</font>', cell) for h in header]
    story += [table, Spacer(1, 8 * mm),
              Paragraph("积分来自参加环境整治、矛盾调解、关爱老人等志愿服务活动，经公示无异议后入账，"
                        "可到村积分超市兑换米、面、油等生活物资。", st["note"]),
              Spacer(1, 6 * mm),
              Paragraph(f"{village.township_name}{village.name}村民委员会", st["body"])]
    return build_pdf(path, story, A4, header=f"{village.name}　志愿服务积分榜　{period_title}")
