"""One report of the set as a table on screen: title, 填报单位 / 统计期 / 法定标识, header with column codes, rows,
totals and notes — the figures the exported files will carry."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from villagedesk.reports.table import ReportTable, format_cell
from villagedesk.ui.widgets.labels import role_label
from villagedesk.ui.widgets.table_view import read_only_rows

NUMERIC = {"int", "money", "rate", "number", "figure"}


class ReportPreview(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = role_label("", "section")
        self.title.setObjectName("report-preview-title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.meta = QLabel()
        self.meta.setObjectName("report-preview-meta")
        self.meta.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setObjectName("report-preview")
        read_only_rows(self.table)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.notes = QLabel()
        self.notes.setObjectName("report-preview-notes")
        self.notes.setWordWrap(True)
        for w in (self.title, self.meta):
            layout.addWidget(w)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notes)

    def show_table(self, t: ReportTable | None) -> None:
        self.table.clear()
        if t is None:
            self.title.setText("")
            self.meta.setText("")
            self.notes.setText("")
            self.table.setRowCount(0)
            self.table.setColumnCount(0)
            return
        self.title.setText(t.title)
        mark = t.form
        parts = [f"填报单位：{t.unit}", f"统计期：{t.period}"]
        if mark is not None:
            parts += [f"计量单位：{mark.measure}"] if mark.measure else []
            parts += [f"表号：{mark.number}", f"制表机关：{mark.authority}", f"批准文号：{mark.approval}",
                      f"有效期至：{mark.valid_until}"]
        self.meta.setText("　　".join(parts))
        codes = t.codes or []
        self.table.setColumnCount(len(t.columns))
        self.table.setHorizontalHeaderLabels(
            [f"{c.title}\n{codes[i]}" if i < len(codes) else c.title for i, c in enumerate(t.columns)])
        body = list(t.rows) + ([t.totals] if t.totals else [])
        self.table.setRowCount(len(body))
        for r, row in enumerate(body):
            for c, col in enumerate(t.columns):
                value = row[c] if c < len(row) else None
                if r == len(t.rows) and t.totals and c == 0 and value in (None, ""):
                    value = "合计"
                item = QTableWidgetItem(format_cell(value, col.kind))
                if col.kind in NUMERIC and not isinstance(value, str):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        tail = "　".join(f"{k}：{v or '＿＿＿＿'}" for k, v in (mark.tail if mark else ()))
        self.notes.setText("\n".join([*t.notes, tail] if tail else t.notes))

    def cells(self) -> list[list[str]]:
        """What the screen shows, row by row (for tests and for a clerk comparing with the file)."""
        return [[self.table.item(r, c).text() if self.table.item(r, c) else "" for c in range(self.table.columnCount())]
                for r in range(self.table.rowCount())]
