"""Submission states per report and period: 草稿 → 已报出 (who, when, files' sha256) → 乡镇已审核 / 已退回;
records corrected after a submission show 已修改，需重新报出, and the resubmission is numbered."""

from __future__ import annotations

import json
from dataclasses import dataclass

from villagedesk.domain import clock, permissions
from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import ConflictError, ValidationError
from villagedesk.domain.period import Period
from villagedesk.domain.permissions import Action
from villagedesk.domain.report_forms import STATE_LABELS, attempt_label
from villagedesk.reports.table import ReportTable
from villagedesk.services.access import refuse, signed
from villagedesk.services.reports.building import build_set, fingerprint, period_of, summary_of
from villagedesk.services.reports.export import SetExport, single_name
from villagedesk.services.reports.specs import specs
from villagedesk.services.village import home_village_id
from villagedesk.services.writes import writes
from villagedesk.store.connection import Store
from villagedesk.store.reports import forms as repo
from villagedesk.store.reports import reviews as reviews_repo


@dataclass(frozen=True)
class ReportState:
    key: str
    number: str
    title: str
    period_kind: str
    state: str  # draft | submitted | approved | returned | modified
    attempt: int  # of the last submission (0: never)
    submitted_at: str = ""
    submitted_by: str = ""
    changed: str = ""  # what changed since the last submission
    answer_note: str = ""
    answered_by: str = ""  # the township's reviewer, when its decision came down in its package

    @property
    def label(self) -> str:
        text = STATE_LABELS[self.state]
        if self.attempt and self.state != "draft":
            text += f"（{attempt_label(self.attempt)}）"
        return text


def states(store: Store, period: str | Period, tables: list[ReportTable] | None = None) -> list[ReportState]:
    p = period_of(period)
    tables = tables if tables is not None else build_set(store, p)
    last = repo.submissions(store, home_village_id(store), p.label)
    decided = reviews_repo.reviews_of(store, [r["id"] for r in last.values()])
    all_specs = specs(store)
    out = []
    for t in tables:
        spec, row = all_specs[t.key], last.get(t.key)
        if row is None:
            out.append(ReportState(t.key, spec.number, spec.title, spec.period_label, "draft", 0))
            continue
        modified = row["fingerprint"] != fingerprint(t)
        review = decided.get(row["id"])  # the township's own decision, sent down, over a hand-recorded answer
        answered = review["decision"] if review is not None else row["state"]
        state = "modified" if modified and answered != "returned" else answered
        out.append(ReportState(t.key, spec.number, spec.title, spec.period_label, state, row["attempt"],
                               row["submitted_at"], row["submitted_by"],
                               describe_change(json.loads(row["summary"]), summary_of(t)) if modified else "",
                               review["reason"] if review is not None else row["answer_note"],
                               f"乡镇 {review['decided_by']}" if review is not None else ""))
    return out


def describe_change(before: dict, now: dict) -> str:
    parts = []
    if before.get("rows") != now.get("rows"):
        parts.append(f"记录 {before.get('rows')} 条 → {now.get('rows')} 条")
    was, figures = before.get("figures") or {}, now.get("figures") or {}
    parts += [f"{k}：{was.get(k)} → {v}" for k, v in figures.items() if was.get(k) != v]
    if not parts and before.get("totals") != now.get("totals"):
        parts.append(f"合计 {before.get('totals')} → {now.get('totals')}")
    return "；".join(parts) or "明细有修改"


@writes
def submit(store: Store, actor: Actor, export: SetExport) -> list[ReportState]:
    """Record the exported set as sent up: each report not already sent unchanged gets its next attempt."""
    p = export.period
    if p is None:
        raise ValidationError("统计期", "报出报表要选定一个统计期（月、季或年）")
    current = {s.key: s for s in states(store, p, export.tables)}
    due = [t for t in export.tables if current[t.key].state in ("draft", "modified", "returned")]
    if not due:
        raise ConflictError(f"{p.title}的报表均已报出且没有修改，无需重新报出。")
    vid, now = home_village_id(store), clock.now_iso()
    with store.transaction():
        for t in due:
            files = {n: export.files[n] for n in (single_name(t, "xlsx"), single_name(t, "pdf")) if n in export.files}
            files.update({n: h for n, h in export.files.items() if "_报表全套." in n})
            attempt = current[t.key].attempt + 1
            store.insert("report_submissions", {
                "village_id": vid, "report_key": t.key, "period": p.label, "attempt": attempt,
                "state": "submitted", "submitted_at": now, "submitted_by": actor.name,
                "fingerprint": fingerprint(t), "summary": json.dumps(summary_of(t), ensure_ascii=False, default=str),
                "files": json.dumps(files, ensure_ascii=False)},
                actor, "报出报表", f"{t.title} {p.label} {attempt_label(attempt)}")
    return states(store, p, export.tables)


@writes
def record_answer(store: Store, actor: Actor, key: str, period: str, state: str, note: str = "",
                  at: str | None = None) -> None:
    """The township's answer to the last submission, told by telephone before its review arrives by sync:
    乡镇已审核 or 已退回 with its note; recorded by who prepares or signs the reports."""
    who = signed(store, actor)
    if not (permissions.can(who, Action.PREPARE_REPORT) or permissions.can(who, Action.SIGN_REPORT)):
        why = permissions.refusal(who, Action.PREPARE_REPORT) or "只有编制或签署报表的使用人能记录乡镇审核结果"
        raise refuse(store, who, why, Action.PREPARE_REPORT)
    if state not in ("approved", "returned"):
        raise ValidationError("审核结果", f"“{state}”应为 approved（已审核）或 returned（已退回）")
    rows = repo.history(store, home_village_id(store), key, period)
    if not rows:
        raise ConflictError(f"报表“{key}”{period} 尚未报出，不能记录乡镇审核结果。")
    review = reviews_repo.review_of(store, rows[-1]["id"])
    if review is not None:
        verdict = "审核通过" if review["decision"] == "approved" else f"退回（{review['reason']}）"
        raise refuse(store, who, f"报表“{key}”{period} 的审核结果由乡镇{review['decided_by']}作出：{verdict}，"
                                   "随乡镇的同步包下发，村里不能修改；如有异议请与乡镇联系。")
    with store.transaction():
        store.update("report_submissions", rows[-1]["id"],
                     {"state": state, "answered_at": at or clock.now_iso(), "answer_note": note},
                     who, "记录乡镇审核结果", f"{key} {period} {STATE_LABELS[state]}")
