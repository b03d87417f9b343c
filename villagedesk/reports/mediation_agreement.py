"""The mediation agreement (调解协议书) as an A4 PDF: parties, facts, agreed terms, signature lines for each party."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from villagedesk.reports.fonts import ensure_pdf_font
from villagedesk.reports.pdf import build_pdf, paragraph_styles


@dataclass(frozen=True)
class AgreementParty:
    name: str
    sex: str
    id_number_masked: str
    address: str
    phone: str


@dataclass(frozen=True)
class AgreementData:
    number: str  # （2026）桂花调字第 3 号
    township: str
    village: str
    grid_name: str
    kind_label: str
    parties: list[AgreementParty]
    facts: str
    terms: str
    mediator: str
    held_on: str  # 2026 年 11 月 20 日


def write_agreement(data: AgreementData, path: str | Path) -> Path:
    font = ensure_pdf_font()
    st = paragraph_styles(font)
    heading = ParagraphStyle("h", parent=st["body"], fontSize=13, leading=22, spaceBefore=8)
    body = ParagraphStyle("b", parent=st["body"], firstLineIndent=24)
    story = [Paragraph("人民调解协议书", ParagraphStyle("t", parent=st["title"], fontSize=20, leading=30)),
             Paragraph(_esc(data.number), st["sub"]), Spacer(1, 4 * mm)]
    for i, p in enumerate(data.parties, 1):
        facts = [p.name, p.sex, f"身份证号 {p.id_number_masked}" if p.id_number_masked else "",
                 f"住 {p.address}" if p.address else "", f"电话 {p.phone}" if p.phone else ""]
        story.append(Paragraph(_esc(f"当事人{_cn(i)}：" + "，".join(f for f in facts if f) + "。"), st["body"]))
    story.append(Paragraph(_esc(f"纠纷类别：{data.kind_label}　　所属网格：{data.grid_name}"), st["body"]))
    story.append(Paragraph("纠纷主要事实、争议事项：", heading))
    story += [Paragraph(_esc(line), body) for line in data.facts.splitlines() if line.strip()]
    story.append(Paragraph("经调解，当事人自愿达成如下协议：", heading))
    story += [Paragraph(_esc(line), body) for line in data.terms.splitlines() if line.strip()]
    copies = len(data.parties) + 1
    story.append(Paragraph(_esc(f"本协议自各方当事人签字（按手印）之日起生效，当事人应当按照约定履行。本协议一式 {copies} 份，"
                                f"当事人各执一份，调解组织留存一份。"), body))
    story.append(Spacer(1, 8 * mm))
    story.append(_signature_table(data, font))
    story.append(Spacer(1, 10 * mm))
    story.append(Paragraph(_esc(f"{data.township}{data.village}人民调解委员会（盖章）"),
                           ParagraphStyle("seal", parent=st["body"], alignment=2)))
    story.append(Paragraph(_esc(data.held_on), ParagraphStyle("d", parent=st["body"], alignment=2)))
    return build_pdf(path, story, header=f"{data.township} {data.village}　人民调解协议书　{data.number}",
                     margins_mm=(22, 22, 20, 18))


def _signature_table(data: AgreementData, font: str) -> Table:
    rows = [[f"当事人{_cn(i)}（{p.name}）签字（按手印）：", "", "日期：", "　　年　　月　　日"]
            for i, p in enumerate(data.parties, 1)]
    rows.append([f"调解员（{data.mediator}）签字：", "", "日期：", "　　年　　月　　日"])
    table = Table(rows, colWidths=[62 * mm, 42 * mm, 14 * mm, 40 * mm], rowHeights=14 * mm)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, 11), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                               ("LINEBELOW", (1, 0), (1, -1), 0.6, "black")]))
    return table


_DIGITS = "零一二三四五六七八九十"


def _cn(n: int) -> str:
    return _DIGITS[n] if n <= 10 else str(n)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
