"""The receipt after a redemption (or a reprint): choose the paper, preview, print through Qt, or save as PDF."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from villagedesk.services.points import receipts
from villagedesk.ui import messages
from villagedesk.ui.pages.points import forms
from villagedesk.ui.pages.points_store import printing
from villagedesk.ui.settings_store import app_settings


class ReceiptDialog(QDialog):
    """Each print or saved PDF is recorded (a look at the preview is not); any after the first is marked 补打."""

    def __init__(self, ctx, redemption_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.redemption_id = ctx, redemption_id
        self.preview = None
        self.last_saved = None
        shown = receipts.preview(ctx.store, redemption_id)
        self.setWindowTitle(f"兑换凭证 {shown.number}")
        self.setMinimumSize(560, 640)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("纸张："))
        self.paper = QComboBox()
        for key, label in receipts.PAPERS.items():
            self.paper.addItem(label, key)
        saved = app_settings().value("points/receipt_paper", "58mm")
        self.paper.setCurrentIndex(max(0, self.paper.findData(saved)))
        self.paper.currentIndexChanged.connect(self._paper_changed)
        top.addWidget(self.paper)
        top.addStretch(1)
        layout.addLayout(top)
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)
        layout.addWidget(scroll, 1)
        buttons = QHBoxLayout()
        self.print_button = QPushButton("打印（预览）(&P)…")
        self.pdf_button = QPushButton("存为 PDF(&S)…")
        close = QPushButton("关闭")
        self.print_button.clicked.connect(self.print_receipt)
        self.pdf_button.clicked.connect(self.save_pdf)
        close.clicked.connect(self.accept)
        for b in (self.print_button, self.pdf_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.show_preview(shown)

    @property
    def paper_key(self) -> str:
        return self.paper.currentData()

    def _paper_changed(self) -> None:
        app_settings().setValue("points/receipt_paper", self.paper_key)
        self.show_preview()

    def show_preview(self, shown: receipts.Receipt | None = None) -> None:
        r = shown or receipts.preview(self.ctx.store, self.redemption_id)
        drawing = receipts.drawing(r, self.paper_key)
        self.image.setPixmap(printing.render_pixmap(drawing, 420 if self.paper_key != "A4" else 500))

    def print_receipt(self) -> None:
        """Qt's preview of the next print; only printing from it (the preview then accepts) counts as a print."""
        r = receipts.preview(self.ctx.store, self.redemption_id)
        paper = self.paper_key
        self.preview = printing.preview_dialog(self, receipts.drawing(r, paper), f"打印兑换凭证 {r.number}")
        self.preview.accepted.connect(lambda: self._printed(paper))
        self.preview.open()

    def _printed(self, paper: str) -> None:
        self.ctx.events.publish(receipts.issue(self.ctx.store, self.ctx.actor, self.redemption_id, paper))
        self.show_preview()

    def save_pdf(self) -> None:
        r = receipts.receipt(self.ctx.store, self.redemption_id)
        path = forms.choose_save_path(self, "保存兑换凭证", f"兑换凭证-{r.number}.pdf")
        if path is None:
            return
        r = receipts.issue(self.ctx.store, self.ctx.actor, self.redemption_id, self.paper_key)
        self.last_saved = receipts.write_pdf(r, path, self.paper_key)
        self.ctx.events.publish(r)
        self.show_preview()
        messages.info(self, "兑换凭证", f"兑换凭证 {r.number} 已保存为 PDF：{path}")
