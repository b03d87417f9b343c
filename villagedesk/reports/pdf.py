"""Render ReportTables to PDF (A4, bundled font embedded), header with unit and period, 第 x 页 共 y 页."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase._fontdata import standardFonts
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from villagedesk.reports.atomic import write_atomically
from villagedesk.reports.fonts import ensure_pdf_font
from villagedesk.reports.table import ReportTable, format_cell

_STANDARD_FONTS = frozenset(standardFonts)
_RIGHT = {"int", "money", "rate", "number", "figure"}
SIGN_ROW_MM = 9


def paragraph_styles(font: str, size: float = 9) -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("title", fontName=font, fontSize=16, leading=22, alignment=1, spaceAfter=4),
        "sub": ParagraphStyle("sub", fontName=font, fontSize=10, leading=14, alignment=1, spaceAfter=6),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=size, leading=size * 1.3, wordWrap="CJK"),
        "cell_r": ParagraphStyle("cell_r", fontName=font, fontSize=size, leading=size * 1.3, alignment=2),
        "note": ParagraphStyle("note", fontName=font, fontSize=9, leading=13, wordWrap="CJK"),
        "body": ParagraphStyle("body", fontName=font, fontSize=12, leading=20, wordWrap="CJK"),
        "left": ParagraphStyle("left", fontName=font, fontSize=9, leading=12, wordWrap="CJK"),
        "centre": ParagraphStyle("centre", fontName=font, fontSize=9, leading=12, alignment=1),
        "right": ParagraphStyle("right", fontName=font, fontSize=9, leading=12, alignment=2),
    }


class NumberedCanvas(rl_canvas.Canvas):
    """Defers pages so each footer can say how many pages there are in all."""

    header_text = ""

    def __init__(self, *args, **kwargs):
        # reportlab's preamble otherwise selects Helvetica on every page, a font no page needs
        kwargs["initialFontName"] = ensure_pdf_font()
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def setFont(self, psfontname, size, leading=None):  # noqa: N802 (reportlab's name)
        """Only the bundled font is ever referenced: a table cell left on reportlab's default
        (Helvetica) is drawn in it too, so `pdffonts` lists nothing a reader lacks."""
        if psfontname in _STANDARD_FONTS:
            psfontname = ensure_pdf_font()
        super().setFont(psfontname, size, leading)

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
            header = getattr(self, "_page_header", "") or self.header_text
            if header:
                self.drawString(15 * mm, height - 10 * mm, header)
            self.drawCentredString(width / 2, 8 * mm, f"第 {number} 页 共 {total} 页")
            super().showPage()
        super().save()


def table_story(table: ReportTable, pagesize) -> list:
    """The flowables of one table: the 法定标识 block and title, the unit line, the grid, notes, the tail."""
    font = ensure_pdf_font()
    st = paragraph_styles(font)
    usable = pagesize[0] - 30 * mm
    story: list = []
    if table.form is not None:
        f = table.form
        mark = Table([[Paragraph(_escape(line), st["left"])] for line in (
            f"表　　号：{f.number}", f"制表机关：{f.authority}", f"批准文号：{f.approval}", f"有效期至：{f.valid_until}")],
            colWidths=[min(70 * mm, usable / 2)], hAlign="RIGHT")
        mark.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font), ("TOPPADDING", (0, 0), (-1, -1), 0),
                                  ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
        story.append(mark)
    story.append(Paragraph(_escape(table.title), st["title"]))
    measure = f"计量单位：{table.form.measure}" if table.form is not None and table.form.measure else ""
    line = Table([[Paragraph(_escape(f"填报单位：{table.unit}"), st["left"]),
                   Paragraph(_escape(f"统计期：{table.period}"), st["centre"]),
                   Paragraph(_escape(measure), st["right"])]], colWidths=[usable / 3] * 3)
    line.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    story.append(line)
    story.append(Spacer(1, 2 * mm))
    story.append(_grid(table, usable, font, st))
    tail: list = [Spacer(1, 3 * mm)]
    tail += [Paragraph(_escape(n), st["note"]) for n in table.notes]
    if table.form is not None:
        parts = [f"{label}：{_escape(name) or '________'}" for label, name in table.form.tail]
        parts.append(f"报出日期：{table.form.reported_on or '____________'}")
        tail += [Spacer(1, 5 * mm), Paragraph("　　".join(parts), st["note"])]
    elif table.signatures:
        tail += [Spacer(1, 8 * mm),
                 Paragraph("　　　　".join(f"{s}：____________" for s in table.signatures), st["body"])]
    story.append(KeepTogether(tail))
    return story


def _grid(table: ReportTable, usable: float, font: str, st: dict) -> Table:
    total_w = sum(c.width for c in table.columns) or 1
    widths = [usable * c.width / total_w for c in table.columns]
    # characters that fit on one line of each column, at 9 pt (a CJK glyph is about 9 pt wide)
    fits = [max(1, int((w - 4) / 9)) for w in widths]
    data = [[Paragraph(_escape(c.title), st["cell"]) for c in table.columns]]
    head_rows = 1
    if table.codes:
        data.append(list(table.codes))
        head_rows = 2
    body = table.rows + ([table.totals] if table.totals is not None else [])
    for row in body:
        cells = []
        for v, c, fit in zip(row, table.columns, fits, strict=True):
            text = format_cell(v, c.kind)
            # plain strings draw an order of magnitude faster than Paragraphs; wrap only what must
            cells.append(Paragraph(_escape(text), st["cell"]) if len(text) > fit and c.kind not in _RIGHT
                         else text)
        data.append(cells)
    heights = None
    if table.signing:
        heights = [None] * head_rows + [SIGN_ROW_MM * mm] * len(table.rows) + \
                  ([None] if table.totals is not None else [])
    grid = Table(data, colWidths=widths, rowHeights=heights, repeatRows=head_rows)
    style = [("FONT", (0, 0), (-1, -1), font, 9), ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
             ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#F2F2F2")),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    if table.codes:
        style.append(("ALIGN", (0, 1), (-1, 1), "CENTER"))
    for i, c in enumerate(table.columns):
        if c.kind in _RIGHT:
            style.append(("ALIGN", (i, head_rows), (i, -1), "RIGHT"))
    if table.totals is not None:
        style.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#F2F2F2")))
    grid.setStyle(TableStyle(style))
    return grid


def write_pdf(table: ReportTable, path: str | Path) -> Path:
    pagesize = landscape(A4) if table.landscape else A4
    return build_pdf(path, table_story(table, pagesize), pagesize,
                     header=f"{table.unit}　{table.title}　{table.period}")


def write_pdf_set(tables: list[ReportTable], path: str | Path, header: str,
                  before_table: Callable[[int, ReportTable], None] | None = None) -> Path:
    """Every table in one PDF, each starting on a new page in its own orientation; pages counted over all."""
    margins = dict(leftMargin=15 * mm, rightMargin=15 * mm, topMargin=16 * mm, bottomMargin=14 * mm)

    def write(tmp: Path) -> None:
        doc = BaseDocTemplate(str(tmp), pagesize=A4, title=header, **margins)
        sizes = {"portrait": A4, "landscape": landscape(A4)}
        order = sorted(sizes, key=lambda k: k != _orientation(tables[0] if tables else None))
        doc.addPageTemplates([PageTemplate(id=k, pagesize=sizes[k], frames=[
            Frame(15 * mm, 14 * mm, sizes[k][0] - 30 * mm, sizes[k][1] - 30 * mm, id=k)]) for k in order])
        story: list = []
        for i, table in enumerate(tables):
            if before_table is not None:
                before_table(i, table)
            if i:  # each table on a new page of its own orientation (the first page is the first template)
                story += [NextPageTemplate(_orientation(table)), PageBreak()]
            story += table_story(table, sizes[_orientation(table)])
        canvas_class = type("SetCanvas", (NumberedCanvas,), {"header_text": header})
        doc.build(story, canvasmaker=canvas_class)
    return write_atomically(path, write)


def _orientation(table: ReportTable | None) -> str:
    return "landscape" if table is not None and table.landscape else "portrait"


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
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
