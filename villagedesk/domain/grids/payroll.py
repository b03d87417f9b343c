"""The monthly payroll as data: its lines, totals, status, and the fingerprint that seals a locked month."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

STATUS_LABELS = {"draft": "待审核", "reviewed": "已审核", "approved": "已审批", "locked": "已锁定"}
CATEGORY_LABELS = {"stipend": "阶梯补贴", "subsidy": "临时补助"}


@dataclass(frozen=True)
class PayrollLine:
    line_no: int
    worker_id: str
    worker_name: str
    grid_names: str
    residents: int | None
    stipend_fen: int
    stipend_detail: str
    subsidy_days: int
    subsidy_fen: int
    adjustment_fen: int
    adjustment_detail: str
    total_fen: int


@dataclass(frozen=True)
class Adjustment:
    id: str
    month: str
    worker_id: str
    worker_name: str
    corrects_month: str
    category: str
    amount_fen: int
    reason: str

    @property
    def category_label(self) -> str:
        return CATEGORY_LABELS[self.category]


@dataclass(frozen=True)
class Payroll:
    id: str
    month: str
    status: str
    computed_at: str
    prepared_by: str
    reviewed_by: str
    approved_by: str
    locked_at: str | None
    lines: list[PayrollLine]
    stipend_fen: int
    subsidy_fen: int
    adjustment_fen: int
    total_fen: int
    notes: list[str] = field(default_factory=list)
    adjustments: list[Adjustment] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def subsidy_days(self) -> int:
        return sum(line.subsidy_days for line in self.lines)

    @property
    def title_month(self) -> str:
        return f"{self.month[:4]} 年 {int(self.month[5:7])} 月"


def fingerprint(month: str, lines: list[dict]) -> str:
    """sha256 over the month and every line's payee and amounts; a locked payroll must keep it."""
    canonical = [[line["worker_id"], line["stipend_fen"], line["subsidy_days"], line["subsidy_fen"],
                  line["adjustment_fen"], line["total_fen"]] for line in sorted(lines, key=lambda x: x["line_no"])]
    body = json.dumps([month, canonical], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()
