"""The visit ledger export (入户走访台账, xlsx/PDF): the period's visits as the 走访记录 tab filters them."""

from __future__ import annotations

from pathlib import Path

from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.field_work.times import fmt_time
from villagedesk.domain.period import Period
from villagedesk.domain.scope import Scope
from villagedesk.reports import visit_ledger
from villagedesk.reports.excel import write_xlsx
from villagedesk.reports.pdf import write_pdf
from villagedesk.services.field_work import visits
from villagedesk.services.personal_files import audited, may_write
from villagedesk.services.progress import Job, step
from villagedesk.services.village import unit_name
from villagedesk.store.connection import Store


def export_visits(store: Store, actor: Actor, path: str | Path, fmt: str, grid_id: str | None = None,
                  worker_id: str | None = None, period: Period | None = None, scope: Scope | None = None,
                  job: Job | None = None) -> Path:
    """The period's visits oldest first (households named in it), written and audited for the acting user."""
    if fmt not in ("xlsx", "pdf"):
        raise ValidationError("导出格式", "应为 xlsx 或 pdf")
    who = may_write(store, actor, "走访台账", None if grid_id is None else [grid_id])
    step(job, 0.1, "正在读取走访记录")
    total = visits.count_visits(store, grid_id, worker_id, period, scope=scope, actor=who)
    lines = visits.list_visits(store, grid_id, worker_id, period, limit=max(total, 1), scope=scope, actor=who)
    rows = [visit_ledger.VisitRow(fmt_time(v.visited_at), v.grid_name, v.household_label, v.worker_name,
                                  v.way_label, v.purpose_label, v.finding_labels, v.findings)
            for v in reversed(lines)]
    table = visit_ledger.build_table(rows, unit_name(store), period.title if period else "全部")
    step(job, 0.5, "正在写入文件")
    out = write_xlsx(table, path) if fmt == "xlsx" else write_pdf(table, path)
    audited(store, who, "走访台账", out, f"{len(rows)} 次")
    step(job, 1.0, "走访台账已导出")
    return out
