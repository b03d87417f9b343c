"""The 58 mm receipt: nothing cut off, in the layout, in the PDF rendered to PNG, and in Qt's painting of it."""

import shutil
import subprocess

import pytest
from PIL import Image

from villagedesk.domain.points.receipt import Receipt, ReceiptItem
from villagedesk.reports.receipts import PAPERS, QrOp, TextOp, layout_receipt, text_width, write_receipt_pdf

LONG = Receipt("510903104201", "桂花村", "河东镇", "2026-000123", "2026-11-30T09:05:00+08:00",
               "欧阳长寿（柏树湾三组老院子东头 128 号附 3 号）", "h", "欧阳小红",
               (ReceiptItem("大米（10kg，本地优质晚稻米，真空包装）", "袋", 2, 100, 200, 110.0),
                ReceiptItem("菜籽油（5L）", "桶", 1, 140, 140, 78.0), ReceiptItem("香皂", "块", 3, 8, 24, 12.0)),
               364, 500, 136, "张会计", "0123456789abcdef", reprint_at="2026-11-30T10:00:00+08:00")


@pytest.mark.parametrize("paper", ["58mm", "80mm", "A4"])
def test_every_line_fits_inside_the_paper(paper):
    d = layout_receipt(LONG, paper)
    margin = PAPERS[paper].margin
    for op in d.ops:
        if isinstance(op, TextOp):
            w = text_width(op.text, op.size, d.font)
            left = {"left": op.x, "center": op.x - w / 2, "right": op.x - w}[op.align]
            assert margin - 0.01 <= left and left + w <= d.width - margin + 0.01, op.text
            assert op.y < d.height - margin / 2, op.text
        elif isinstance(op, QrOp):
            assert 0 < op.x and op.x + op.size < d.width and op.y + op.size < d.height
    texts = [op.text for op in d.ops if isinstance(op, TextOp)]
    joined = "".join(texts)
    assert "128" in joined and all(ch in joined for ch in "本地优质晚稻米，真空包装")  # wrapped, not dropped


def _ink_box(image: Image.Image) -> tuple[int, int, int, int]:
    gray = image.convert("L").point(lambda v: 255 if v < 200 else 0)
    return gray.getbbox()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_the_58mm_pdf_rendered_to_png_has_white_margins_all_round(tmp_path):
    pdf = write_receipt_pdf(LONG, tmp_path / "r58.pdf", "58mm")
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", str(pdf), str(tmp_path / "r58")], check=True)
    image = Image.open(tmp_path / "r58.png")
    left, top, right, bottom = _ink_box(image)
    px_per_mm = 150 / 25.4
    assert left >= 3 * px_per_mm and image.width - right >= 3 * px_per_mm
    assert top >= 3 * px_per_mm and image.height - bottom >= 3 * px_per_mm
    assert image.width == round(58 * px_per_mm)


def test_qt_paints_the_same_drawing_within_the_paper(qapp, tmp_path):
    from villagedesk.ui.pages.points_store.printing import render_image

    d = layout_receipt(LONG, "58mm")
    qimage = render_image(d, 6.0)
    path = str(tmp_path / "qt.png")
    qimage.save(path)
    image = Image.open(path)
    left, top, right, bottom = _ink_box(image)
    assert left >= 3 * 6 and image.width - right >= 3 * 6 and image.height - bottom >= 3 * 6
    assert image.size == (round(d.width * 6), round(d.height * 6))
