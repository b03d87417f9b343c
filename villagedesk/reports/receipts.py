"""The redemption receipt (兑换凭证) laid out once as a drawing, for 58 mm and 80 mm thermal paper and A4.

The same drawing is rendered to PDF here (reportlab) and painted by the UI for Qt's print preview,
so what is previewed is what the PDF holds.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import qrcode
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as rl_canvas

from villagedesk.domain.points.receipt import Receipt, display_time
from villagedesk.reports.fonts import ensure_pdf_font

PT_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class Paper:
    key: str
    label: str
    width: float  # mm
    margin: float
    body: float  # pt
    title: float
    qr: float  # mm
    fixed_height: float | None = None


PAPERS = {
    "58mm": Paper("58mm", "58 mm 热敏纸", 58, 4, 8, 11, 24),
    "80mm": Paper("80mm", "80 mm 热敏纸", 80, 4, 9, 12, 28),
    "A4": Paper("A4", "A4 纸", 210, 20, 12, 18, 36, fixed_height=297),
}


@dataclass(frozen=True)
class TextOp:
    x: float  # mm: the left edge, centre or right edge, by `align`
    y: float  # mm from the top: the baseline
    text: str
    size: float  # pt
    align: str = "left"
    color: str = "black"


@dataclass(frozen=True)
class LineOp:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float = 0.5  # pt
    dashed: bool = False


@dataclass(frozen=True)
class QrOp:
    x: float
    y: float  # top edge
    size: float
    matrix: tuple[tuple[bool, ...], ...]


@dataclass
class Drawing:
    width: float
    height: float
    font: str
    ops: list = field(default_factory=list)


def text_width(text: str, size: float, font: str) -> float:
    return stringWidth(text, font, size) / PT_PER_MM


def wrap(text: str, size: float, width: float, font: str) -> list[str]:
    """Break Chinese text at any character so each line fits `width` mm."""
    lines, line = [], ""
    for ch in text:
        if text_width(line + ch, size, font) > width and line:
            lines.append(line)
            line = ch
        else:
            line += ch
    return lines + [line] if line or not lines else lines


def qr_matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    qr = qrcode.QRCode(border=0, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(text)
    qr.make(fit=True)
    return tuple(tuple(bool(c) for c in row) for row in qr.get_matrix())


class _Flow:
    """Places text top to bottom within the paper's margins."""

    def __init__(self, paper: Paper, font: str):
        self.p, self.font = paper, font
        self.left, self.right = paper.margin, paper.width - paper.margin
        self.y = paper.margin
        self.d = Drawing(paper.width, paper.fixed_height or 0, font)

    @property
    def usable(self) -> float:
        return self.right - self.left

    def gap(self, mm_: float) -> None:
        self.y += mm_

    def text(self, text: str, size: float | None = None, align: str = "left", color: str = "black") -> None:
        size = size or self.p.body
        for line in wrap(text, size, self.usable, self.font):
            self.y += size / PT_PER_MM * 1.25
            x = {"left": self.left, "center": (self.left + self.right) / 2, "right": self.right}[align]
            self.d.ops.append(TextOp(x, self.y, line, size, align, color))
        self.y += size / PT_PER_MM * 0.35

    def pair(self, label: str, value: str, size: float | None = None) -> None:
        """`label` at the left and `value` at the right of one line (value wraps below if too long)."""
        size = size or self.p.body
        if text_width(label + value, size, self.font) + 2 > self.usable:
            self.text(label + value, size)
            return
        self.y += size / PT_PER_MM * 1.25
        self.d.ops.append(TextOp(self.left, self.y, label, size))
        self.d.ops.append(TextOp(self.right, self.y, value, size, "right"))
        self.y += size / PT_PER_MM * 0.35

    def rule(self, dashed: bool = True) -> None:
        self.y += 1.2
        self.d.ops.append(LineOp(self.left, self.y, self.right, self.y, 0.6, dashed))
        self.y += 0.8

    def qr(self, text: str, size: float) -> None:
        self.y += 3  # the QR code's quiet zone
        self.d.ops.append(QrOp((self.p.width - size) / 2, self.y, size, qr_matrix(text)))
        self.y += size + 2

    def finish(self) -> Drawing:
        if not self.p.fixed_height:
            self.d.height = round(self.y + self.p.margin + 2, 1)
        return self.d


def layout_receipt(receipt: Receipt, paper_key: str = "58mm") -> Drawing:
    """The receipt as positioned text, lines and a QR code on one page of the chosen paper."""
    paper = PAPERS[paper_key]
    f = _Flow(paper, ensure_pdf_font())
    small = max(6.5, paper.body - 1.5)
    f.text(f"{receipt.village_name}积分超市", paper.title, "center")
    f.text("兑换凭证", paper.title - 1, "center")
    if receipt.voided_at:
        f.text("【作 废】", paper.title + 4, "center", "red")
        f.text(f"作废时间：{display_time(receipt.voided_at)}", small, "center", "red")
        f.text(f"作废原因：{receipt.void_reason}", small, "center", "red")
    if receipt.reprint_at:
        f.text(f"补打　{display_time(receipt.reprint_at)}", paper.body, "center")
    f.rule(dashed=False)
    f.pair("凭证号：", receipt.number)
    f.pair("时　间：", receipt.when)
    f.text(f"农　户：{receipt.household_label}")
    if receipt.resident_name:
        f.text(f"领取人：{receipt.resident_name}")
    f.rule()
    _items(f, receipt)
    f.rule()
    f.pair("合计积分：", f"{receipt.total_points} 分", paper.body + 1)
    f.pair("兑换前余额：", f"{receipt.balance_before} 分")
    f.pair("兑换后余额：", f"{receipt.balance_after} 分", paper.body + 1)
    f.pair("经办人：", receipt.operator_name)
    f.rule()
    f.qr(receipt.qr_text, paper.qr)
    f.text(f"校验码：{receipt.check_value}", small, "center")
    f.gap(3 if paper.fixed_height is None else 8)
    f.text("领取人签字：____________", paper.body)
    f.gap(1)
    f.text(f"{receipt.township_name}{receipt.village_name}（{receipt.village_code}）", small, "center")
    return f.finish()


def _items(f: _Flow, receipt: Receipt) -> None:
    size = f.p.body
    if f.usable >= 60:  # one row per item: name, quantity × price, points
        qty_x, pts_x = f.left + f.usable * 0.62, f.right
        f.y += size / PT_PER_MM * 1.25
        f.d.ops += [TextOp(f.left, f.y, "物资", size), TextOp(qty_x, f.y, "数量×单价", size, "right"),
                    TextOp(pts_x, f.y, "积分", size, "right")]
        f.y += size / PT_PER_MM * 0.5
        for item in receipt.items:
            name_lines = wrap(item.name, size, f.usable * 0.62 - text_width("99袋×999", size, f.font) - 3, f.font)
            f.y += size / PT_PER_MM * 1.25
            f.d.ops += [TextOp(f.left, f.y, name_lines[0], size),
                        TextOp(qty_x, f.y, f"{item.quantity}{item.unit}×{item.points_price}", size, "right"),
                        TextOp(pts_x, f.y, str(item.points), size, "right")]
            for more in name_lines[1:]:
                f.y += size / PT_PER_MM * 1.25
                f.d.ops.append(TextOp(f.left, f.y, more, size))
            f.y += size / PT_PER_MM * 0.35
        return
    for item in receipt.items:  # narrow paper: the name, then quantity × price and points
        f.text(item.name, size)
        f.pair(f"　{item.quantity}{item.unit} × {item.points_price} 分", f"{item.points} 分", size)


def write_receipt_pdf(receipt: Receipt, path: str | Path, paper_key: str = "58mm") -> Path:
    return render_pdf(layout_receipt(receipt, paper_key), path, title=f"兑换凭证 {receipt.number}")


def render_pdf(drawing: Drawing, path: str | Path, title: str = "") -> Path:
    """Draw the drawing on one PDF page of its own size; written atomically."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part")
    c = rl_canvas.Canvas(str(tmp), pagesize=(drawing.width * mm, drawing.height * mm))
    c.setTitle(title)
    h = drawing.height
    for op in drawing.ops:
        if isinstance(op, TextOp):
            c.setFont(drawing.font, op.size)
            c.setFillColor(colors.red if op.color == "red" else colors.black)
            draw = {"left": c.drawString, "center": c.drawCentredString, "right": c.drawRightString}[op.align]
            draw(op.x * mm, (h - op.y) * mm, op.text)
        elif isinstance(op, LineOp):
            c.setLineWidth(op.width)
            c.setDash(2, 1.5) if op.dashed else c.setDash()
            c.line(op.x1 * mm, (h - op.y1) * mm, op.x2 * mm, (h - op.y2) * mm)
        elif isinstance(op, QrOp):
            c.setFillColor(colors.black)
            cell = op.size / len(op.matrix)
            for r, row in enumerate(op.matrix):
                for col, dark in enumerate(row):
                    if dark:
                        c.rect((op.x + col * cell) * mm, (h - op.y - (r + 1) * cell) * mm, cell * mm, cell * mm,
                               stroke=0, fill=1)
    c.showPage()
    c.save()
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return path
