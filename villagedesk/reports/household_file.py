"""The A4 print of one household's file (一户一档): what a worker carries to the door."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from villagedesk.reports.fonts import ensure_pdf_font
from villagedesk.reports.pdf import build_pdf, paragraph_styles

USABLE_MM = 180  # A4 less 15 mm each side


def _esc(text: object) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def sections(f) -> list[tuple[str, list[str], list[list[str]], str]]:
    """(heading, column titles, rows, note under the table) of each section, in print order; also what the
    on-screen view shows, so paper and screen agree."""
    members = [[m.name, m.relation, m.sex, str(m.age), m.id_masked, m.residence, m.categories or "—", m.insurance]
               for m in f.members]
    spells = [[s.name, s.category, s.since or "—", s.state] for s in f.categories]
    visits = [[v.when, v.way, v.purpose, v.worker_name, v.findings or "—", v.finding_kinds or "—"] for v in f.visits]
    more = f"共走访 {f.visit_count} 次，列最近 {len(f.visits)} 次。" if f.visit_count > len(f.visits) else ""
    follow = [[u.visited_on, u.due_on, u.state] for u in f.follow_ups]
    disputes = [[d.found_on, d.kind, d.summary, d.parties, d.state + (f"（{d.closed_on}）" if d.closed_on else "")]
                for d in f.disputes]
    entries = [[e.when[:16], e.kind_label, e.reason + ("（已冲正）" if e.reversed else ""), e.resident_name or "—",
                f"{e.delta:+d}", str(e.balance_after)] for e in f.entries]
    shown = f"共 {f.entry_count} 笔，列最近 {len(f.entries)} 笔。" if f.entry_count > len(f.entries) else ""
    return [
        ("一、家庭成员", ["姓名", "与户主关系", "性别", "年龄", "身份证号", "居住状态", "重点人群", f"{f.year} 年医保"],
         members, ""),
        ("二、重点人群认定记录", ["姓名", "类别", "认定日期", "状态"], spells, ""),
        ("三、走访记录（最近在前）", ["日期时间", "方式", "事由", "网格员", "情况", "发现"], visits, more),
        ("四、二次回访", ["走访日期", "应回访日", "回访情况"], follow, ""),
        ("五、矛盾纠纷（本户成员为当事人）", ["发现日期", "类别", "概要", "当事人", "状态"], disputes, ""),
        (f"六、志愿服务积分　当前余额 {f.balance} 分", ["日期时间", "类别", "事由", "获得人", "积分", "余额"], entries, shown),
    ]


def facts(f) -> list[tuple[str, str]]:
    """The household's own lines: address, grid, worker, phone (masked), status, notes."""
    lines = [("户主", f.head_name or "（无户主）"), ("地址", f.address), ("所属网格", f.grid_name),
             ("网格员", f.worker_name), ("户联系电话", f.phone_masked or "未填"), ("状态", f.status)]
    if f.notes:
        lines.append(("备注", f.notes))
    return lines


_WIDTHS = {  # mm per column of each section, summing to USABLE_MM
    "一": (20, 22, 12, 12, 40, 22, 30, 22), "二": (40, 50, 40, 50), "三": (30, 14, 22, 22, 60, 32),
    "四": (60, 60, 60), "五": (24, 22, 64, 40, 30), "六": (36, 14, 70, 24, 18, 18),
}
_RIGHT_COLUMNS = {"一": (3,), "六": (4, 5)}


def write_household_file(f, path: str | Path) -> Path:
    """`f` is a services.register.household_file.HouseholdFile."""
    font = ensure_pdf_font()
    st = paragraph_styles(font, size=9)
    story: list = [Paragraph("一户一档", st["title"])]
    line = Table([[Paragraph(_esc(f"填报单位：{f.unit}"), st["left"]),
                   Paragraph(_esc(f.label), st["centre"]),
                   Paragraph(_esc(f"打印日期：{f.printed_on.isoformat()}"), st["right"])]],
                 colWidths=[USABLE_MM * mm / 3] * 3)
    line.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    story += [line, Spacer(1, 2 * mm)]
    pairs = facts(f)
    rows = [[Paragraph(_esc(k), st["cell"]), Paragraph(_esc(v), st["cell"])] for k, v in pairs]
    box = Table(rows, colWidths=[30 * mm, (USABLE_MM - 30) * mm])
    box.setStyle(_grid_style(font, header=False))
    story += [box, Spacer(1, 4 * mm)]
    for heading, titles, body, note in sections(f):
        key = heading[0]
        cells = [[Paragraph(_esc(t), st["cell"]) for t in titles]]
        right = _RIGHT_COLUMNS.get(key, ())
        for r in body:
            cells.append([Paragraph(_esc(v), st["cell_r"] if c in right else st["cell"]) for c, v in enumerate(r)])
        if not body:
            cells.append([Paragraph("无", st["cell"])] + [""] * (len(titles) - 1))
        table = Table(cells, colWidths=[w * mm for w in _WIDTHS[key]], repeatRows=1)
        style = _grid_style(font, header=True)
        if not body:
            style.add("SPAN", (0, 1), (-1, 1))
        table.setStyle(style)
        parts: list = [Paragraph(_esc(heading), st["body"]), table]
        if note:
            parts.append(Paragraph(_esc(note), st["note"]))
        # a short section stays on one page with its heading; a long one breaks, its header row repeated
        story += [KeepTogether(parts)] if len(body) < 8 else parts
        story.append(Spacer(1, 4 * mm))
    story += [Paragraph("本档身份证号、电话已遮蔽；打印件含个人信息，请妥善保管，用后交回或销毁。", st["note"]),
              Spacer(1, 8 * mm),
              Paragraph("网格员签字：____________　　　　户主签字：____________　　　　日期：____________", st["body"])]
    return build_pdf(path, story, A4, header=f"{f.unit}　一户一档　{f.label}")


def _grid_style(font: str, header: bool) -> TableStyle:
    style = TableStyle([("FONT", (0, 0), (-1, -1), font, 9), ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                        ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
    if header:
        style.add("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDE5EE"))
    else:
        style.add("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#F2F2F2"))
    return style
