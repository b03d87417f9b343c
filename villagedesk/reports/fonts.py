"""The bundled font registered with reportlab, so PDFs carry their Chinese glyphs embedded."""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from villagedesk.resources import font_path

PDF_FONT = "WQYMicroHei"


def ensure_pdf_font() -> str:
    if PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(PDF_FONT, str(font_path()), subfontIndex=0))
    return PDF_FONT
