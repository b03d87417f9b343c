"""The A4 public notice (公示) of an activity's points before they are posted, with the objection deadline."""

from __future__ import annotations

import datetime as dt
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


def _cn_date(iso: str) -> str:
    d = dt.date.fromisoformat(iso[:10])
    return f"{d.year} 年 {d.month} 月 {d.day} 日"


def write_notice(village, activity, path: str | Path) -> Path:
    """`village` has name/township_name; `activity` is an ActivityDetail with its participants."""
    font = ensure_pdf_font()
    st = paragraph_styles(font, size=11)
    grids = "、".join(name for _id, name in activity.grids)
    start = (activity.noticed_at or clock.today().isoformat())[:10]
    story = [
        Paragraph(f"{_esc(village.name)}志愿服务积分公示", st["title"]),
        Spacer(1, 3 * mm),
        Paragraph(f"根据本村志愿服务积分制度，现将“{_esc(activity.title)}”志愿服务活动拟发放积分情况公示如下：",
                  st["body"]),
        Paragraph(f"活动日期：{_cn_date(activity.date)}　　发起人：{_esc(activity.organiser)}　　"
                  f"涉及网格：{_esc(grids)}", st["body"]),
        Paragraph(f"积分项目：{_esc(activity.rule_name)}，每人 {activity.points} 分；"
                  f"参与 {len(activity.participants)} 人，合计 {activity.total_points} 分。", st["body"]),
        Spacer(1, 3 * mm),
    ]
    data = [["序号", "姓名", "户主", "住址", "网格", "积分"]]
    for i, p in enumerate(activity.participants, 1):
        data.append([str(i), p.name, p.head_name, p.address, p.grid_name, str(activity.points)])
    data.append(["合计", f"{len(activity.participants)} 人", "", "", "", str(activity.total_points)])
    cells = [[Paragraph(_esc(str(v)), st["cell"]) for v in row] for row in data]
    table = Table(cells, colWidths=[14 * mm, 28 * mm, 28 * mm, 50 * mm, 30 * mm, 20 * mm], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDE5EE")),
                               ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#F2F2F2")),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story += [table, Spacer(1, 6 * mm),
              Paragraph(f"公示期：{_cn_date(start)}至{_cn_date(activity.notice_deadline)}。"
                        f"如有异议，请于{_cn_date(activity.notice_deadline)}前向村“两委”或所在网格的网格员反映。"
                        "公示期满无异议的，积分记入各户积分账户，可在村积分超市兑换生活物资。", st["body"]),
              Spacer(1, 14 * mm),
              Paragraph(f"{_esc(village.township_name)}{_esc(village.name)}村民委员会（盖章）", st["body"]),
              Paragraph(_cn_date(start), st["body"])]
    return build_pdf(path, story, A4, header=f"{village.name}　志愿服务积分公示　{activity.title}")
