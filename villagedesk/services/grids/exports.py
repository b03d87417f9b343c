"""Exports of 网格与网格员: the monthly payroll to Excel or PDF."""

from __future__ import annotations

from pathlib import Path

from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import NotFoundError, ValidationError
from villagedesk.reports.payroll import write_payroll
from villagedesk.services.grids.payroll import get_payroll
from villagedesk.services.personal_files import audited, may_write
from villagedesk.services.progress import Job, step
from villagedesk.services.village import unit_name
from villagedesk.store.connection import Store


def export_payroll(store: Store, job: Job | None, actor: Actor, month: str, path: str | Path,
                   fmt: str = "xlsx") -> Path:
    """Write a month's payroll (signature column, totals, preparer and approver) atomically; audited."""
    if fmt not in ("xlsx", "pdf"):
        raise ValidationError("导出格式", "应为 xlsx 或 pdf")
    who = may_write(store, actor, "补贴发放表")
    payroll = get_payroll(store, month)
    if payroll is None:
        raise NotFoundError(f"发放月份：{month} 还没有发放表，请先计算")
    unit = unit_name(store)
    step(job, 0.2, "正在生成发放表")
    out = audited(store, who, "补贴发放表", write_payroll(payroll, unit, path, fmt),
                  month)
    step(job, 1.0, f"已导出：{out}")
    return out
