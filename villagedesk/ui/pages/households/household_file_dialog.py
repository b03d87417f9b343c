"""一户一档 on screen: the household's whole file, scrolling, with 打印 and 存为 PDF (the same sections as the paper)."""

from __future__ import annotations

import tempfile
from html import escape
from pathlib import Path

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from villagedesk.domain.errors import VillageDeskError
from villagedesk.services.register import household_file
from villagedesk.ui import messages
from villagedesk.ui.pages.households import files


def file_html(f: household_file.HouseholdFile) -> str:
    """The file as rich text: the household's lines, then each section's table (a cell wraps, never clips)."""
    parts = [f"<h2 align='center'>一户一档</h2><p>{escape(f.label)}<br>填报单位：{escape(f.unit)}　　"
             f"打印日期：{f.printed_on.isoformat()}</p>",
             "<table width='99%' border='1' cellspacing='0' cellpadding='4'>"]
    parts += [f"<tr><td width='22%' bgcolor='#F2F2F2'>{escape(k)}</td><td>{escape(v)}</td></tr>"
              for k, v in household_file.facts(f)]
    parts.append("</table>")
    for heading, titles, rows, note in household_file.sections(f):
        parts.append(f"<h3>{escape(heading)}</h3><table width='99%' border='1' cellspacing='0' cellpadding='4'>"
                     "<tr>" + "".join(f"<th bgcolor='#DDE5EE' align='left'>{escape(t)}</th>" for t in titles)
                     + "</tr>")
        parts += ["<tr>" + "".join(f"<td>{escape(v)}</td>" for v in row) + "</tr>" for row in rows]
        if not rows:
            parts.append(f"<tr><td colspan='{len(titles)}'>无</td></tr>")
        parts.append("</table>")
        if note:
            parts.append(f"<p>{escape(note)}</p>")
    parts.append("<p>身份证号、电话已遮蔽。</p>")
    return "".join(parts)


RENDER_DPI = 300  # the PDF's pages are drawn onto the printer at this resolution (text stays sharp)


def ask_printer(parent: QWidget | None) -> QPrinter | None:
    """The system's print dialog on an A4 printer; None when the user cancels. Tests replace this function."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("打印一户一档")
    return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


def print_pdf(printer: QPrinter, path: Path) -> int:
    """Each page of the PDF onto the printer's page, at the printer's resolution; returns the pages printed."""
    document = QPdfDocument()
    document.load(str(path))
    painter = QPainter(printer)
    try:
        for i in range(document.pageCount()):
            if i:
                printer.newPage()
            area = painter.viewport()
            points = document.pagePointSize(i)  # the page in points: fit it to the printable area, keeping its shape
            scale = min(area.width() / points.width(), area.height() / points.height())
            target = QRect(area.topLeft(), QSize(round(points.width() * scale), round(points.height() * scale)))
            dots = min(scale, RENDER_DPI / 72)  # a 1200 dpi page as one image would take half a gigabyte
            image = document.render(i, QSize(round(points.width() * dots), round(points.height() * dots)))
            painter.drawImage(target, image)
    finally:
        painter.end()
    return document.pageCount()


class HouseholdFileDialog(QDialog):
    """Opened from the selected household; saving the PDF is audited as a print of personal data."""

    def __init__(self, ctx, the_file: household_file.HouseholdFile, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.file = ctx, the_file
        self.last_saved = None
        self.setWindowTitle(f"一户一档 · {the_file.label}")
        self.resize(1000, 720)  # within the screen: every dialog is fitted on show
        layout = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setObjectName("household-file-text")
        self.text.setHtml(file_html(the_file))
        layout.addWidget(self.text, 1)
        buttons = QHBoxLayout()
        self.print_button = QPushButton("打印(&P)…")
        self.print_button.clicked.connect(self.print_file)
        self.pdf_button = QPushButton("存为 PDF(&S)…")
        self.pdf_button.clicked.connect(self.save_pdf)
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)

    @classmethod
    def open_for(cls, ctx, household_id: str, parent: QWidget | None = None) -> HouseholdFileDialog | None:
        """The dialog of one household, or None (after saying why) when the user may not see it."""
        try:
            the_file = household_file.household_file(ctx.store, ctx.actor, household_id)
        except VillageDeskError as exc:
            messages.warn(parent, "一户一档", exc.message)
            return None
        return cls(ctx, the_file, parent)

    def print_file(self) -> None:
        """The same A4 paper through the system's printer; only a print the user confirms is audited."""
        printer = ask_printer(self)
        if printer is None:
            return
        name = f"一户一档-{self.file.head_name or '农户'}（打印）.pdf"
        with tempfile.TemporaryDirectory() as folder:
            try:
                path = household_file.write_pdf(self.ctx.store, self.ctx.actor, self.file.household_id,
                                                Path(folder) / name)
            except VillageDeskError as exc:
                messages.warn(self, "一户一档", exc.message)
                return
            pages = print_pdf(printer, path)
        messages.info(self, "一户一档", f"已送打印机，共 {pages} 页。本次打印已记入操作记录。")

    def save_pdf(self) -> None:
        """An A4 PDF to print or keep; written for the signed user and recorded in the audit trail."""
        path = files.ask_save_path(self, "保存一户一档", f"一户一档-{self.file.head_name or '农户'}.pdf",
                                   "PDF 文件 (*.pdf)")
        if path is None:
            return
        try:
            self.last_saved = household_file.write_pdf(self.ctx.store, self.ctx.actor, self.file.household_id, path)
        except VillageDeskError as exc:
            messages.warn(self, "一户一档", exc.message)
            return
        messages.info(self, "一户一档", f"已保存为 PDF：{path}\n本次打印已记入操作记录。")
