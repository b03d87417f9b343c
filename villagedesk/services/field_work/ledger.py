"""The dispute ledger (台账) by grid and state: rows for the page, and the xlsx/PDF export."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from villagedesk.domain import clock
from villagedesk.domain.actor import Actor
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.field_work import disputes as rules
from villagedesk.domain.field_work.times import parse_day
from villagedesk.domain.period import Period
from villagedesk.domain.scope import Scope
from villagedesk.reports import dispute_ledger
from villagedesk.reports.excel import write_xlsx
from villagedesk.reports.pdf import write_pdf
from villagedesk.services.access import listing_grids
from villagedesk.services.personal_files import audited, may_write
from villagedesk.services.progress import Job, step
from villagedesk.services.scope import village_ids
from villagedesk.services.village import unit_name
from villagedesk.store.connection import Store
from villagedesk.store.field_work import disputes as repo


@dataclass(frozen=True)
class LedgerLine:
    id: str
    grid_name: str
    found_on: dt.date
    kind: str
    parties: str
    summary: str
    found_by: str
    attempts: int
    outcome: str | None
    closed_on: dt.date | None
    days: int
    village_name: str = ""  # shown at a township, whose ledger covers several villages

    @property
    def kind_label(self) -> str:
        return rules.KINDS[self.kind]

    @property
    def state_label(self) -> str:
        return rules.STATES[rules.state_of(self.outcome)]


def ledger(store: Store, grid_id: str | None = None, state: str | None = None, period: Period | None = None,
           today: dt.date | None = None, scope: Scope | None = None, *, actor: Actor) -> list[LedgerLine]:
    """Disputes found in the period (all when None), by grid then date; state is 'open' or an outcome code;
    a worker user sees their own grids' only."""
    if state is not None and state not in rules.STATES:
        raise ValidationError("状态", f"“{state}”不是可选的状态")
    grids = listing_grids(store, actor, grid_id)
    today = today or clock.today()
    start, end = (period.start.isoformat(), period.end.isoformat()) if period else (None, None)
    lines = []
    for r in repo.ledger(store, village_ids(store, scope), grid_id, state, start, end, grid_ids=grids):
        found = parse_day(r["found_on"])
        closed = parse_day(r["closed_on"]) if r["closed_on"] else None
        lines.append(LedgerLine(r["id"], r["grid_name"], found, r["kind"], r["party_names"] or "", r["summary"],
                                r["found_by"], r["attempts"], r["outcome"], closed,
                                ((closed or today) - found).days, r["village_name"]))
    return lines


def export_ledger(store: Store, actor: Actor, path: str | Path, fmt: str, grid_id: str | None = None,
                  state: str | None = None, period: Period | None = None, job: Job | None = None) -> Path:
    """The dispute ledger as shown (parties' names in it), written and audited for the acting user."""
    if fmt not in ("xlsx", "pdf"):
        raise ValidationError("导出格式", "应为 xlsx 或 pdf")
    who = may_write(store, actor, "纠纷台账", None if grid_id is None else [grid_id])
    step(job, 0.1, "正在读取纠纷台账")
    lines = ledger(store, grid_id, state, period, actor=who)
    rows = [dispute_ledger.LedgerRow(x.grid_name, x.found_on.isoformat(), x.kind_label, x.parties, x.summary,
                                     x.found_by, x.attempts, x.state_label,
                                     x.closed_on.isoformat() if x.closed_on else "", x.days) for x in lines]
    counts = Counter(x.state_label for x in lines)
    unit = unit_name(store)
    table = dispute_ledger.build_table(rows, unit, period.title if period else "全部",
                                       {label: counts[label] for label in rules.STATES.values() if counts[label]})
    step(job, 0.5, "正在写入文件")
    out = write_xlsx(table, path) if fmt == "xlsx" else write_pdf(table, path)
    audited(store, who, "纠纷台账", out, f"{len(lines)} 件")
    step(job, 1.0, "纠纷台账已导出")
    return out
