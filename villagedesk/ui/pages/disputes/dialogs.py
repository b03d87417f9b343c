"""Dialogs of 矛盾纠纷: register a dispute, add a party, record a mediation attempt, set the outcome."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from villagedesk.domain.errors import ValidationError
from villagedesk.domain.field_work import disputes as rules
from villagedesk.services.field_work import disputes, people
from villagedesk.ui.context import AppContext
from villagedesk.ui.widgets.field_forms import enter_picks, text_box
from villagedesk.ui.widgets.form_dialog import FormDialog
from villagedesk.ui.widgets.household_picker import HouseholdPicker
from villagedesk.ui.widgets.pickers import combo, date_edit, date_of, set_combo_data


def worker_box(ctx: AppContext, name: str, default: str = "") -> QComboBox:
    """A worker by name from the roster, or any name typed (a cadre, a township mediator)."""
    box = QComboBox()
    box.setEditable(True)
    box.setObjectName(name)
    for w in people.workers(ctx.store, scope=ctx.scope):
        box.addItem(w.name, w.id)
    if default:
        box.setCurrentText(default)
    return box


def worker_of(box: QComboBox) -> tuple[str, str | None]:
    """(name typed or picked, worker id if it is a roster worker)."""
    text = box.currentText().strip()
    i = box.findText(text)
    return text, (box.itemData(i) if i >= 0 else None)


def no_enter_submit(dialog: FormDialog) -> None:
    """Enter adds a party here; only a click (or Alt+S) saves the whole form."""
    for button in (dialog.ok_button, dialog.cancel_button):
        button.setDefault(False)
        button.setAutoDefault(False)
    dialog.ok_button.setText(dialog.ok_button.text() + "(&S)")


class PartyPicker(QWidget):
    """Parties of a dispute: residents picked from the register, or outsiders typed by name."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.parties: list[rules.PartyDraft] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setObjectName("party-list")
        self.list.setMaximumHeight(90)
        layout.addWidget(self.list)
        self.picker = HouseholdPicker(ctx, self, residents=True)
        self.picker.search_box.setPlaceholderText("从人口登记中选当事人：姓名、拼音首字母、身份证后四位……回车添加")
        self.picker.results.setMaximumHeight(110)
        enter_picks(self.picker)
        self.picker.resident_picked.connect(self._picked)
        layout.addWidget(self.picker)
        row = QHBoxLayout()
        self.outsider = QLineEdit()
        self.outsider.setObjectName("party-outsider")
        self.outsider.setPlaceholderText("外来人员姓名")
        self.outsider_phone = QLineEdit()
        self.outsider_phone.setPlaceholderText("电话")
        self.outsider_address = QLineEdit()
        self.outsider_address.setPlaceholderText("住址")
        add = QPushButton("添加外来人员")
        add.setObjectName("party-add-outsider")
        add.clicked.connect(self._add_outsider)
        self.outsider.returnPressed.connect(self._add_outsider)
        for w in (self.outsider, self.outsider_phone, self.outsider_address, add):
            row.addWidget(w)
        layout.addLayout(row)

    def add(self, party: rules.PartyDraft) -> None:
        if party.resident_id and any(p.resident_id == party.resident_id for p in self.parties):
            return
        self.parties.append(party)
        self.list.addItem(f"{len(self.parties)}. {party.name}" + ("" if party.resident_id else "（外来人员）"))

    def _picked(self, _household_id: str, resident_id: str) -> None:
        self.add(rules.PartyDraft(people.resident_name(self.ctx.store, resident_id), resident_id))
        self.picker.search_box.clear()

    def _add_outsider(self) -> None:
        if self.outsider.text().strip():
            self.add(rules.PartyDraft(self.outsider.text(), None, self.outsider_phone.text(),
                                      self.outsider_address.text()))
            for w in (self.outsider, self.outsider_phone, self.outsider_address):
                w.clear()


class DisputeDialog(FormDialog):
    """登记纠纷."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__("登记矛盾纠纷", parent)
        self.ctx = ctx
        self.grid = self.row("所属网格", combo([(f"{g.code} {g.name}", g.id) for g in people.grids(ctx.store, scope=ctx.scope)],
                                              "dispute-grid"))
        self.kind = self.row("纠纷类别", combo([(v, k) for k, v in rules.KINDS.items()], "dispute-kind"))
        self.found_on = self.row("发现日期", date_edit(name="dispute-found-on"))
        self.found_by = self.row("发现人", worker_box(ctx, "dispute-found-by", ctx.actor.name))
        self.summary = self.row("纠纷经过", text_box("dispute-summary", "什么时候、谁和谁、因为什么", 4))
        self.parties = self.row("当事人", PartyPicker(ctx, self))
        no_enter_submit(self)

    def submit(self) -> object:
        if self.grid.currentData() is None:
            raise ValidationError("所属网格", "还没有网格，请先在“网格与网格员”中新建")
        name, worker_id = worker_of(self.found_by)
        return disputes.open_dispute(self.ctx.store, self.ctx.actor, rules.DisputeDraft(
            self.grid.currentData(), self.kind.currentData(), self.summary.toPlainText(), date_of(self.found_on),
            name, tuple(self.parties.parties), worker_id))


class PartyDialog(FormDialog):
    """添加当事人."""

    def __init__(self, ctx: AppContext, dispute_id: str, parent: QWidget | None = None):
        super().__init__("添加当事人", parent, ok_text="添加")
        self.ctx, self.dispute_id = ctx, dispute_id
        self.parties = self.row("当事人", PartyPicker(ctx, self))
        no_enter_submit(self)

    def submit(self) -> object:
        if not self.parties.parties:
            raise ValidationError("当事人", "请从人口登记中选择，或填写外来人员姓名后点“添加外来人员”")
        with_ids = []
        for party in self.parties.parties:
            with_ids.append(disputes.add_party(self.ctx.store, self.ctx.actor, self.dispute_id, party))
        return with_ids


class MediationDialog(FormDialog):
    """登记调解: one attempt — date, mediator, result; agreed terms go on the mediation agreement."""

    def __init__(self, ctx: AppContext, dispute_id: str, parent: QWidget | None = None):
        super().__init__("登记调解", parent)
        self.ctx, self.dispute_id = ctx, dispute_id
        self.held_on = self.row("调解日期", date_edit(name="mediation-date"))
        self.mediator = self.row("调解人", worker_box(ctx, "mediation-mediator"))
        self.result = self.row("调解结果", combo([("（请选择）", None)] + [(v, k) for k, v in rules.RESULTS.items()],
                                                "mediation-result"))
        self.content = self.row("调解经过", text_box("mediation-content", "怎么调解的，双方意见", 3))
        self.terms = self.row("协议内容", text_box("mediation-terms", "达成协议时必填：每条一行，将打印在调解协议书上", 4))

    def submit(self) -> object:
        name, worker_id = worker_of(self.mediator)
        return disputes.record_mediation(self.ctx.store, self.ctx.actor, self.dispute_id, rules.MediationDraft(
            date_of(self.held_on), name, self.result.currentData() or "", self.content.toPlainText(),
            self.terms.toPlainText(), worker_id))


class OutcomeDialog(FormDialog):
    """处理结果: the next rung of the ladder — resolved in the grid, escalated, or withdrawn — with its date."""

    def __init__(self, ctx: AppContext, detail: disputes.DisputeDetail, parent: QWidget | None = None):
        super().__init__("纠纷处理结果", parent, ok_text="确定")
        self.ctx, self.dispute_id = ctx, detail.id
        choices = rules.OUTCOMES if detail.outcome is None else {
            k: v for k, v in rules.OUTCOMES.items() if k == "escalated_township"}
        self.outcome = self.row("处理结果", combo([("（请选择）", None)] + [(v, k) for k, v in choices.items()],
                                                 "outcome-choice"))
        self.on = self.row("日期", date_edit(name="outcome-date"))
        self.note = self.row("情况说明", text_box("outcome-note", "上报原因、撤回原因等", 2))
        hint = QLabel("能力范围内前置调解，能力范围外逐级上报：网格 → 村 → 乡镇。")
        hint.setProperty("role", "hint")
        self.outer.insertWidget(2, hint)

    def preset(self, outcome: str, on: dt.date | None = None) -> None:
        set_combo_data(self.outcome, outcome)
        if on is not None:
            self.on.setDate(on)

    def submit(self) -> object:
        return disputes.set_outcome(self.ctx.store, self.ctx.actor, self.dispute_id, self.outcome.currentData(),
                                    date_of(self.on), self.note.toPlainText())
