"""Visits (入户走访) and what they find: ways, purposes, finding kinds, and the rules of a valid visit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from villagedesk.domain.errors import ValidationError
from villagedesk.domain.field_work.text import choice, optional_lines, optional_text, required_text
from villagedesk.domain.field_work.times import not_in_future, require_time

WAYS: dict[str, str] = {"in_person": "入户", "phone": "电话", "wechat": "微信"}
PURPOSES: dict[str, str] = {"info": "信息采集", "notice": "政策宣传", "follow_up": "二次回访",
                            "emergency": "应急", "other": "其他"}
FINDING_KINDS: dict[str, str] = {"dispute": "矛盾纠纷", "hardship": "生活困难", "hazard": "安全隐患"}
HARDSHIP_KINDS: dict[str, str] = {"illness": "因病", "housing": "住房", "income": "收入就业",
                                  "care": "照料", "schooling": "就学", "other": "其他"}


@dataclass(frozen=True)
class FindingDraft:
    """An item a visit opens; a dispute's own details come with it as a DisputeDraft."""

    kind: str
    description: str
    hardship_kind: str | None = None


@dataclass(frozen=True)
class VisitDraft:
    worker_id: str
    household_id: str
    visited_at: dt.datetime
    way: str
    purpose: str
    findings: str = ""
    notes: str = ""
    out_of_grid_reason: str = ""
    finding: FindingDraft | None = None


def clean_visit(draft: VisitDraft, now: dt.datetime | None = None, row: int | None = None) -> VisitDraft:
    """Every field checked before anything is written; errors name the field (and the row of a day's list)."""
    try:
        if not draft.worker_id:
            raise ValidationError("走访人", "请选择网格员")
        if not draft.household_id:
            raise ValidationError("农户", "请选择被走访的农户")
        at = not_in_future(require_time(draft.visited_at, "走访时间"), "走访时间", now)
        finding = clean_finding(draft.finding) if draft.finding is not None else None
        findings = optional_lines(draft.findings, "发现的问题", 1000)
        if finding is not None and not findings:
            findings = finding.description
        return VisitDraft(
            worker_id=draft.worker_id, household_id=draft.household_id, visited_at=at,
            way=choice(draft.way, WAYS, "走访方式"), purpose=choice(draft.purpose, PURPOSES, "走访目的"),
            findings=findings, notes=optional_lines(draft.notes, "备注", 1000),
            out_of_grid_reason=optional_text(draft.out_of_grid_reason, "跨网格走访原因", 200),
            finding=finding)
    except ValidationError as exc:
        if row is None:
            raise
        raise ValidationError(exc.field, exc.reason, row) from None


def clean_finding(finding: FindingDraft) -> FindingDraft:
    kind = choice(finding.kind, FINDING_KINDS, "发现事项类别")
    hardship = None
    if kind == "hardship":
        hardship = choice(finding.hardship_kind, HARDSHIP_KINDS, "困难类别")
    elif finding.hardship_kind:
        raise ValidationError("困难类别", "只有“生活困难”才填写困难类别")
    return FindingDraft(kind, required_text(finding.description, "发现的问题", 500), hardship)


def out_of_grid_refusal(grid_name: str, worker_name: str) -> ValidationError:
    return ValidationError("跨网格走访原因",
                           f"该户属于“{grid_name}”网格，不在{worker_name}负责的网格内；如确需走访，请填写原因")
