"""Painting a laid-out receipt with QPainter: for the on-screen preview and Qt's print preview and printer.

The drawing comes from the same layout the PDF is rendered from, so paper and screen agree.
"""

from __future__ import annotations

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPen, QPixmap
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from villagedesk.ui import fonts

PT_PER_MM = 72 / 25.4
_family: list[str] = []


def _font_family() -> str:
    """The bundled font the PDF uses too, loaded once (a printer has no Chinese font of its own)."""
    if not _family:
        _family.append(fonts.load_bundled_font())
    return _family[0]


def paint_drawing(painter: QPainter, drawing, px_per_mm: float) -> None:
    """Draw every op of the receipt at `px_per_mm`; text sizes are in points like the PDF's."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for op in drawing.ops:
        kind = type(op).__name__
        if kind == "TextOp":
            font = QFont(_font_family())
            font.setPixelSize(max(1, round(op.size / PT_PER_MM * px_per_mm)))
            painter.setFont(font)
            painter.setPen(QColor("#c00000") if op.color == "red" else QColor("black"))
            width = painter.fontMetrics().horizontalAdvance(op.text)
            x = op.x * px_per_mm - {"left": 0, "center": width / 2, "right": width}[op.align]
            painter.drawText(QPointF(x, op.y * px_per_mm), op.text)
        elif kind == "LineOp":
            pen = QPen(QColor("black"), max(1.0, op.width / PT_PER_MM * px_per_mm))
            if op.dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(op.x1 * px_per_mm, op.y1 * px_per_mm), QPointF(op.x2 * px_per_mm, op.y2 * px_per_mm))
        elif kind == "QrOp":
            cell = op.size / len(op.matrix) * px_per_mm
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("black"))
            for r, row in enumerate(op.matrix):
                for c, dark in enumerate(row):
                    if dark:
                        painter.drawRect(QRectF(op.x * px_per_mm + c * cell, op.y * px_per_mm + r * cell,
                                                cell + 0.5, cell + 0.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)


def render_image(drawing, px_per_mm: float = 6.0) -> QImage:
    """The receipt as an image (white paper), for the dialog's preview and for checks."""
    image = QImage(round(drawing.width * px_per_mm), round(drawing.height * px_per_mm), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_drawing(painter, drawing, px_per_mm)
    painter.end()
    return image


def render_pixmap(drawing, width_px: int) -> QPixmap:
    return QPixmap.fromImage(render_image(drawing, width_px / drawing.width))


def make_printer(drawing) -> QPrinter:
    """A printer set to the receipt's own paper (58 mm or 80 mm roll, or A4), no margins."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if drawing.width >= 200:
        size = QPageSize(QPageSize.PageSizeId.A4)
    else:
        size = QPageSize(QSizeF(drawing.width, drawing.height), QPageSize.Unit.Millimeter, "收据纸",
                         QPageSize.SizeMatchPolicy.ExactMatch)
    printer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0),
                                      QPageLayout.Unit.Millimeter))
    printer.setFullPage(True)
    return printer


def print_to(printer: QPrinter, drawing) -> None:
    painter = QPainter(printer)
    paint_drawing(painter, drawing, printer.resolution() / 25.4)
    painter.end()


def preview_dialog(parent: QWidget | None, drawing, title: str) -> QPrintPreviewDialog:
    """Qt's print preview of the receipt; printing from it goes to the chosen printer."""
    printer = make_printer(drawing)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(title)
    dialog.paintRequested.connect(lambda p: print_to(p, drawing))
    dialog.printer_keepalive = printer  # the dialog does not own the printer
    return dialog
