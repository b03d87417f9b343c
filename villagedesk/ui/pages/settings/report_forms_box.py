"""系统设置 › 报表表式: each report's 表号, 制表机关, 批准文号, 有效期至, 报送周期 and 报送日, edited or reset; 联系电话."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from villagedesk.domain.errors import VillageDeskError
from villagedesk.domain.report_forms import PERIOD_KINDS, SOURCES, FormSpec
from villagedesk.services.reports import specs
from villagedesk.ui import messages
from villagedesk.ui.widgets.buttons import add_buttons
from villagedesk.ui.widgets.flow_layout import FlowLayout
from villagedesk.ui.widgets.form_dialog import FormDialog, open_form
from villagedesk.ui.widgets.labels import role_label
from villagedesk.ui.widgets.table_view import on_row_chosen, read_only_cells

COLUMNS = ("报表", "表号", "制表机关", "批准文号", "有效期至", "报送周期", "报送日", "来源")


class SpecDialog(FormDialog):
    """修改表式: the fields of one form's 法定标识 block, checked by the service; a refusal keeps what was typed."""

    def __init__(self, ctx, spec: FormSpec, parent=None):
        super().__init__(f"修改表式：{spec.title}", parent,
                         hint="按乡镇或统计部门下发的表式填写；打印和导出的报表右上角照此显示。")
        self.ctx, self.key = ctx, spec.key
        self.fields: dict = {}
        for name, label, value in (("number", "表号", spec.number), ("authority", "制表机关", spec.authority),
                                   ("approval", "批准文号", spec.approval), ("valid_until", "有效期至", spec.valid_until),
                                   ("measure", "计量单位", spec.measure)):
            edit = QLineEdit(value)
            edit.setObjectName(f"spec-{name}")
            self.fields[name] = self.row(label, edit)
        kind = QComboBox()
        kind.setObjectName("spec-period_kind")
        for value, label in PERIOD_KINDS.items():
            kind.addItem(label, value)
        kind.setCurrentIndex(max(0, kind.findData(spec.period_kind)))
        self.fields["period_kind"] = self.row("报送周期", kind)
        day = QSpinBox()
        day.setObjectName("spec-due_day")
        day.setRange(1, 28)
        day.setValue(spec.due_day)
        day.setSuffix(" 日前（统计期结束后的下月）")
        self.fields["due_day"] = self.row("报送日", day)

    def values(self) -> dict:
        out: dict = {}
        for name, widget in self.fields.items():
            if isinstance(widget, QComboBox):
                out[name] = widget.currentData()
            elif isinstance(widget, QSpinBox):
                out[name] = widget.value()
            else:
                out[name] = widget.text()
        return out

    def submit(self):
        return specs.save_spec(self.ctx.store, self.ctx.actor, self.key, self.values())


class ReportFormsBox(QGroupBox):
    def __init__(self, ctx, parent=None):
        super().__init__("报表表式", parent)  # a group box's title never wraps: the rest goes in a line that does
        self.ctx = ctx
        self.dialog = None
        self.rows: list[FormSpec] = []
        layout = QVBoxLayout(self)
        township = specs.is_township(ctx.store)
        layout.addWidget(role_label(
            "本镇设定的表式（表号、批准文号、有效期至、报送日）随下一个同步包下发到各村，各村不能修改。" if township
            else "表号、制表机关、批准文号、有效期至；乡镇下发的表式本村不能修改。", "hint", wrap=True))
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("report-forms-table")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        read_only_cells(self.table)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(260)
        self.table.horizontalHeader().setStretchLastSection(True)
        on_row_chosen(self.table, self.edit)
        self.table.itemSelectionChanged.connect(self._gate)
        layout.addWidget(self.table)
        row = FlowLayout()
        self.buttons = add_buttons(row, "spec", (("edit", "修改表式…", self.edit), ("reset", "恢复默认", self.reset)))
        phone = QWidget()  # the label and its box stay together when the row wraps
        phone_row = QHBoxLayout(phone)
        phone_row.setContentsMargins(0, 0, 0, 0)
        phone_row.addWidget(QLabel("报表联系电话："))
        self.phone = QLineEdit()
        self.phone.setObjectName("spec-phone")
        self.phone.setPlaceholderText("如 0817-1234567")
        self.phone.setMaximumWidth(260)
        self.phone.editingFinished.connect(self._save_phone)
        phone_row.addWidget(self.phone)
        row.addWidget(phone)
        layout.addLayout(row)
        self.note = QLabel("")
        self.note.setProperty("role", "hint")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        ctx.events.signed_in.connect(self._gate)
        self.refresh()

    def refresh(self) -> None:
        current = self.table.currentRow()
        self.rows = list(specs.specs(self.ctx.store).values())
        self.table.setRowCount(len(self.rows))
        for r, spec in enumerate(self.rows):
            for c, value in enumerate((spec.title, spec.number, spec.authority, spec.approval, spec.valid_until,
                                       spec.period_label, f"{spec.due_day} 日", SOURCES.get(spec.source, spec.source))):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        if 0 <= current < len(self.rows):
            self.table.selectRow(current)
        if not self.phone.hasFocus():
            self.phone.setText(specs.contact_phone(self.ctx.store))
        self._gate()

    def _gate(self, *_args) -> None:
        row = self.table.currentRow()
        chosen = self.rows[row] if 0 <= row < len(self.rows) else None
        why = specs.change_refusal(self.ctx.store, self.ctx.actor, chosen)  # a township's form: the reason shown
        for button in self.buttons.values():
            button.setEnabled(why is None)
            button.setToolTip(why or "")
        why = specs.edit_refusal(self.ctx.actor)  # the phone is the village's own
        self.phone.setReadOnly(why is not None)
        self.phone.setToolTip(why or "打印在每张报表表尾的联系电话")

    def selected(self) -> FormSpec | None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            messages.info(self, "报表表式", "请先在表中选中一张报表。")
            return None
        return self.rows[row]

    def edit(self) -> None:
        if (spec := self.selected()) is None:
            return
        if spec.source == "township":
            messages.info(self, "报表表式", f"“{spec.title}”的表式由乡镇下发，本村不能修改。")
            return
        open_form(self, SpecDialog(self.ctx, spec, self))  # the form publishes REPORT_FORMS: the page redraws this

    def reset(self) -> None:
        if (spec := self.selected()) is None:
            return
        if spec.source == "default":
            self.note.setText(f"“{spec.title}”用的已是随程序附带的表式。")
            return
        if not messages.confirm(self, "恢复默认表式", f"把“{spec.title}”的表式恢复为随程序附带的 {spec.number}？"):
            return
        try:
            done = specs.reset_spec(self.ctx.store, self.ctx.actor, spec.key)
        except VillageDeskError as exc:
            messages.warn(self, "恢复默认表式", exc.message)
            return
        self.ctx.events.publish(done)
        self.note.setText(f"“{spec.title}”已恢复为默认表式 {done.number}。")

    def _save_phone(self) -> None:
        if self.phone.isReadOnly() or self.phone.text().strip() == specs.contact_phone(self.ctx.store):
            return
        try:
            done = specs.set_contact_phone(self.ctx.store, self.ctx.actor, self.phone.text())
        except VillageDeskError as exc:
            self.note.setText(exc.message)
            return
        self.note.setText("报表联系电话已保存。")
        self.ctx.events.publish(done)
