"""登记走访: one visit — worker, household (picked by typing), time, way, purpose, what was found and what it opens."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from villagedesk.domain.errors import ValidationError
from villagedesk.domain.field_work import disputes as dispute_rules
from villagedesk.domain.field_work import visits as rules
from villagedesk.services.field_work import follow_ups, people, visits
from villagedesk.ui.context import AppContext
from villagedesk.ui.widgets.field_forms import datetime_edit, datetime_of, enter_picks, text_box
from villagedesk.ui.widgets.form_dialog import FormDialog
from villagedesk.ui.widgets.household_picker import HouseholdPicker
from villagedesk.ui.widgets.pickers import combo, set_combo_data

FINDING_CHOICES = [("无", None)] + [(v, k) for k, v in rules.FINDING_KINDS.items()]


def line(name: str, hint: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(hint)
    return edit


class VisitDialog(FormDialog):
    """A visit; given a follow-up it records that follow-up (household fixed, purpose 二次回访)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 follow_up: follow_ups.FollowUpLine | None = None):
        super().__init__("登记二次回访" if follow_up else "登记走访", parent)
        self.ctx, self.follow_up = ctx, follow_up
        self.household_id: str | None = None
        self._worker_chosen = False
        self.household_label = self.row("农户", QLabel("（未选择）"))
        self.household_label.setObjectName("visit-household")
        self.picker = HouseholdPicker(ctx, self)
        enter_picks(self.picker, move_on=True)
        self.picker.results.setMaximumHeight(120)
        self.picker.picked.connect(self.set_household)
        self.row("查找农户", self.picker)
        self.worker = self.row("走访人", combo([(w.label, w.id) for w in people.workers(ctx.store, scope=ctx.scope)], "visit-worker"))
        self.when = self.row("走访时间", datetime_edit(name="visit-time"))
        self.way = self.row("走访方式", combo([(v, k) for k, v in rules.WAYS.items()], "visit-way"))
        self.purpose = self.row("走访目的", combo([(v, k) for k, v in rules.PURPOSES.items()], "visit-purpose"))
        self.findings = self.row("发现的问题", text_box("visit-findings", "如实记录；登记发现事项时必填", 3))
        self.finding_kind = self.row("发现事项", combo(FINDING_CHOICES, "visit-finding-kind"))
        self.hardship_kind = self.row("困难类别", combo([(v, k) for k, v in rules.HARDSHIP_KINDS.items()],
                                                       "visit-hardship-kind"))
        self.dispute_kind = self.row("纠纷类别", combo([(v, k) for k, v in dispute_rules.KINDS.items()],
                                                      "visit-dispute-kind"))
        self.other_party = self.row("纠纷对方", line("visit-other-party", "对方姓名（可稍后在纠纷页补充）"))
        self.reason = self.row("跨网格原因", line("visit-reason", "走访不在本人网格的农户时填写"))
        self.notes = self.row("备注", line("visit-notes"))
        self.finding_kind.currentIndexChanged.connect(self._finding_changed)
        self.worker.activated.connect(lambda _i: setattr(self, "_worker_chosen", True))
        self._finding_changed()
        if follow_up is not None:
            set_combo_data(self.purpose, "follow_up")
            self.set_household(follow_up.household_id)
            self.picker.setEnabled(False)

    def _finding_changed(self) -> None:
        kind = self.finding_kind.currentData()
        self.hardship_kind.setEnabled(kind == "hardship")
        self.dispute_kind.setEnabled(kind == "dispute")
        self.other_party.setEnabled(kind == "dispute")

    def set_household(self, household_id: str) -> None:
        brief = people.household_brief(self.ctx.store, household_id)
        self.household_id = household_id
        self.household_label.setText(f"{brief.label}（{brief.grid_name}）")
        if not self._worker_chosen:
            primary = people.primary_worker(self.ctx.store, brief.grid_id)
            if primary is not None:
                set_combo_data(self.worker, primary.id)

    def submit(self) -> object:
        if not self.household_id:
            raise ValidationError("农户", "请在“查找农户”中输入姓名或拼音，回车选中被走访的农户")
        kind = self.finding_kind.currentData()
        finding = None if kind is None else rules.FindingDraft(
            kind, self.findings.toPlainText(), self.hardship_kind.currentData() if kind == "hardship" else None)
        other = self.other_party.text().strip()
        draft = rules.VisitDraft(self.worker.currentData() or "", self.household_id, datetime_of(self.when),
                                 self.way.currentData(), self.purpose.currentData(), self.findings.toPlainText(),
                                 self.notes.text(), self.reason.text(), finding)
        return visits.record_visit(
            self.ctx.store, self.ctx.actor, draft, follow_up_id=self.follow_up.id if self.follow_up else None,
            dispute_kind=self.dispute_kind.currentData(),
            other_parties=(dispute_rules.PartyDraft(other),) if other and kind == "dispute" else ())
