"""Render a ReportTable to PDF (A4, bundled font embedded), header with unit and period, 第 x 页 共 y 页."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from villagedesk.reports.atomic import write_atomically
from villagedesk.reports.fonts import ensure_pdf_font
from villagedesk.reports.table import ReportTable, format_cell

_RIGHT = {"int", "money", "rate"}


def paragraph_styles(font: str, size: float = 9) -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("title", fontName=font, fontSize=16, leading=22, alignment=1, spaceAfter=4),
        "sub": ParagraphStyle("sub", fontName=font, fontSize=10, leading=14, alignment=1, spaceAfter=6),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=size, leading=size * 1.3, wordWrap="CJK"),
        "cell_r": ParagraphStyle("cell_r", fontName=font, fontSize=size, leading=size * 1.3, alignment=2),
        "note": ParagraphStyle("note", fontName=font, fontSize=9, leading=13),
        "body": ParagraphStyle("body", fontName=font, fontSize=12, leading=20, wordWrap="CJK"),
    }


class NumberedCanvas(rl_canvas.Canvas):
    """Defers pages so each footer can say how many pages there are in all."""

    header_text = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self):  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        font = ensure_pdf_font()
        for number, state in enumerate(self._pages, 1):
            self.__dict__.update(state)
            width, height = self._pagesize
            self.setFont(font, 8)
            self.setFillColor(colors.grey)
            if self.header_text:
                self.drawString(15 * mm, height - 10 * mm, self.header_text)
            self.drawCentredString(width / 2, 8 * mm, f"第 {number} 页 共 {total} 页")
            super().showPage()
        super().save()


def write_pdf(table: ReportTable, path: str | Path) -> Path:
    font = ensure_pdf_font()
    st = paragraph_styles(font)
    pagesize = landscape(A4) if table.landscape else A4
    story = [Paragraph(table.title, st["title"]),
             Paragraph(f"填报单位：{table.unit}　　统计期间：{table.period}", st["sub"])]
    data = [[Paragraph(c.title, st["cell"]) for c in table.columns]]
    for row in table.rows + ([table.totals] if table.totals is not None else []):
        data.append([Paragraph(_escape(format_cell(v, c.kind)), st["cell_r" if c.kind in _RIGHT else "cell"])
                     for v, c in zip(row, table.columns, strict=True)])
    usable = pagesize[0] - 30 * mm
    total_w = sum(c.width for c in table.columns)
    widths = [usable * c.width / total_w for c in table.columns]
    grid = Table(data, colWidths=widths, repeatRows=1)
    style = [("FONT", (0, 0), (-1, -1), font), ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
             ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDE5EE")),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    if table.totals is not None:
        style.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#F2F2F2")))
    grid.setStyle(TableStyle(style))
    story.append(grid)
    story.append(Spacer(1, 4 * mm))
    story += [Paragraph(_escape(n), st["note"]) for n in table.notes]
    if table.signatures:
        story.append(Spacer(1, 8 * mm))
        story.append(Paragraph("　　　　".join(f"{s}：____________" for s in table.signatures), st["body"]))
    return build_pdf(path, story, pagesize, header=f"{table.unit}　{table.title}　{table.period}")


def build_pdf(path: str | Path, story: list, pagesize=A4, header: str = "",
              margins_mm: tuple[float, float, float, float] = (15, 15, 16, 14)) -> Path:
    """Build any flowable story to PDF atomically, with the page header and 第 x 页 共 y 页."""
    left, right, top, bottom = (m * mm for m in margins_mm)
    canvas_class = type("HeaderCanvas", (NumberedCanvas,), {"header_text": header})

    def write(tmp: Path) -> None:
        doc = SimpleDocTemplate(str(tmp), pagesize=pagesize, leftMargin=left, rightMargin=right,
                                topMargin=top, bottomMargin=bottom, title=header)
        doc.build(story, canvasmaker=canvas_class)
    return write_atomically(path, write)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
