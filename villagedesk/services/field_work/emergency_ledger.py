"""The emergency ledger export (突发事件台账, xlsx/PDF): the period's incidents as the 突发事件 page lists them."""

from __future__ import annotations

from pathlib import Path

from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.field_work.emergencies import RESPONSES
from villagedesk.domain.field_work.times import fmt_time
from villagedesk.domain.period import Period
from villagedesk.domain.scope import Scope
from villagedesk.reports import emergency_ledger
from villagedesk.reports.excel import write_xlsx
from villagedesk.reports.pdf import write_pdf
from villagedesk.services.field_work import emergencies
from villagedesk.services.personal_files import audited, may_write
from villagedesk.services.progress import Job, step
from villagedesk.services.village import unit_name
from villagedesk.store.connection import Store

ALL = 1_000_000


def export_emergencies(store: Store, actor: Actor, path: str | Path, fmt: str, period: Period | None = None,
                       open_only: bool = False, scope: Scope | None = None, job: Job | None = None) -> Path:
    """The period's incidents oldest first, written and audited for the acting user (the office: they span grids)."""
    if fmt not in ("xlsx", "pdf"):
        raise ValidationError("导出格式", "应为 xlsx 或 pdf")
    who = may_write(store, actor, "突发事件台账")
    step(job, 0.1, "正在读取突发事件")
    lines = sorted(emergencies.list_emergencies(store, period, open_only, limit=ALL, scope=scope),
                   key=lambda e: e.started_at)
    rows = [emergency_ledger.EmergencyRow(fmt_time(e.started_at), e.kind_label, e.title, e.grid_names,
                                          e.commander_name, e.affected, e.evacuated, e.reached,
                                          RESPONSES.get(e.response_outcome or "", ""), e.state_label,
                                          fmt_time(e.closed_at)) for e in lines]
    table = emergency_ledger.build_table(rows, unit_name(store), period.title if period else "全部")
    step(job, 0.5, "正在写入文件")
    out = write_xlsx(table, path) if fmt == "xlsx" else write_pdf(table, path)
    audited(store, who, "突发事件台账", out, f"{len(rows)} 起")
    step(job, 1.0, "突发事件台账已导出")
    return out
